"""``fill`` reports what ``check`` of the new workbook would, without reading it back: the
same counts, the same findings on the same cells and the same broken totals, on the seed,
every corpus note and a broken tidy CSV."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import CORPUS, CORPUS2, SEED, notes_in
from xlsegment.cli import cli
from xlsegment.report import broken_totals
from xlsegment.workbook import api

BROKEN_CSV = """table,period,line,segment,currency,value
Segment results,2024,Revenue,Mining,USD,100
Segment results,2024,Revenue,Hosting,USD,50
Segment results,2024,Revenue,Total,USD,180
Segment results,2024,Operating income,Mining,USD,10
Segment results,2024,Operating income,Hosting,USD,5
Segment results,2024,Operating income,Total,USD,15
"""


def _findings(result) -> Counter:
    # A reader's finding kept on the Checks sheet comes back without its line item: the
    # row holds the message, which names it. A rate fill inferred is written to Settings,
    # where a later check reads it as stated: fill says "inferred", as it was.
    return Counter(
        (f.code, f.severity, f.sheet, f.cell, "" if f.code == "seg.fx.rate" else f.message)
        for f in result.findings
    )


def _same_as_check(source: Path, out: Path) -> api.Result:
    drawn = api.fill_checked(source, out)
    read = api.check_workbook(out)
    assert drawn.summary == read.summary
    assert drawn.per_kind == read.per_kind
    assert _findings(drawn) == _findings(read)
    assert broken_totals(drawn) == broken_totals(read)
    return drawn


SOURCES = (
    [SEED]
    + [CORPUS / f"{n}.txt" for n in notes_in(CORPUS, 21)]
    + [CORPUS2 / f"{n}.txt" for n in notes_in(CORPUS2, 11)]
)


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_fill_reports_what_check_reads_back(source, tmp_path):
    _same_as_check(source, tmp_path / "book.xlsx")


def test_a_broken_total_is_reported_by_fill_as_check_reports_it(tmp_path):
    source = tmp_path / "broken.csv"
    source.write_text(BROKEN_CSV, encoding="utf-8")
    result = _same_as_check(source, tmp_path / "book.xlsx")
    assert result.summary["errors"] == 1
    assert [line.split()[0] for line in broken_totals(result)] == ["T1", "ERROR"]


def test_the_fill_command_prints_the_broken_total_and_exits_1(tmp_path):
    source = tmp_path / "broken.csv"
    source.write_text(BROKEN_CSV, encoding="utf-8")
    out = tmp_path / "book.xlsx"
    run = CliRunner().invoke(cli, ["fill", str(source), "-o", str(out)])
    assert run.exit_code == 1, run.output
    assert f"{out}: " in run.output and "1 errors" in run.output
    assert broken_totals(api.check_workbook(out))[0] in run.output
