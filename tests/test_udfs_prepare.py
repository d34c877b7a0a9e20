"""The functions on line-level data (prepare mode) answer with the computed totals."""

from __future__ import annotations

import pytest

from xlsegment.api import parse
from xlsegment.readers.tidy import read_tidy
from xlsegment.udfs import functions as f
from xlsegment.udfs import session
from xlsegment.udfs.cache import IndexCache


@pytest.fixture
def line_level(seed_path, monkeypatch):
    """The seed's 2024 segment lines and reconciling items, without any total or profit."""
    frame = parse(seed_path).to_frame()
    keep = (
        (frame.table == "Segment profit or loss")
        & (frame.period == "2024")
        & (frame.currency == "CNY")
        & (frame.segment != "Total")
        & (frame.line != "Segment profit (loss)")
        & (frame.line != "Net loss")
    )
    monkeypatch.setattr(session, "CACHE", IndexCache())
    session.use(read_tidy(frame[keep]))
    yield
    session.use(None)


def test_segment_profit_is_computed_from_the_lines(line_level):
    assert f.SEGPROFIT("Cryptocurrency Mining", 2024) == 57716
    assert f.SEGPROFIT("Corporate", 2024) == -116480


def test_totals_are_computed_across_the_segments(line_level):
    assert f.SEGTOTAL("Revenue", 2024) == 111714
    assert f.SEGTOTAL("Segment profit (loss)", 2024) == -58764
