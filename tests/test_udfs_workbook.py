"""The UDFs reading a filled workbook: a saved file (openpyxl) and a live one (xlwings fake)."""

from __future__ import annotations

import pytest
import xlwings as xw

from xlsegment.udfs import functions as f
from xlsegment.udfs import session
from xlsegment.udfs.cache import IndexCache
from xlsegment.workbook import contract
from xlsegment.workbook.api import fill
from xlsegment.workbook.engines.xlwings_engine import XlwingsWorkbook

from .test_addin_xlwings_engine import live_workbook


@pytest.fixture(scope="module")
def filled(seed_path, tmp_path_factory):
    return fill(seed_path, tmp_path_factory.mktemp("wb") / "report.xlsx", rate="7.2993")


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    monkeypatch.setattr(session, "CACHE", IndexCache())
    yield
    session.use(None)


def test_a_saved_workbook_answers_from_its_data_table(filled):
    session.use(filled)
    assert f.SEGPROFIT("Cryptocurrency Mining", 2024) == 57716
    assert f.SEGRECON(2023)[-2][1] == 12576
    assert f.SEGRATE() == 7.2993  # the rate in Settings wins over the inferred one
    assert f.SEGFX(111714) == 15305


def test_the_calling_workbook_in_excel_is_read_in_blocks(filled, monkeypatch):
    book = live_workbook(filled)
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: book))
    data = XlwingsWorkbook(book).tables()[contract.DATA_TABLE][1]
    assert f.SEGPROFIT("corporate", 2024.0) == -116480
    reads = [c for c in book.calls if c[0].startswith("get")]
    # the Data table once as one block (values, formulas); the Checks table once (what the
    # reader noticed at fill time); the rest are single Settings cells (currency, unit,
    # convenience currency and unit, rate note, source kind, rate), each read once
    checks = XlwingsWorkbook(book).tables()[contract.CHECKS_TABLE][1]
    assert [c for c in reads if c[1] == data] == [("get value", data), ("get formula2", data)]
    assert [c for c in reads if c[1] == checks] == [("get value", checks), ("get formula2", checks)]
    others = [address for _, address in reads if address not in (data, checks)]
    assert len(others) == len(set(others)) * 2 <= 14
    assert all(":" not in a or a.split(":")[0] == a.split(":")[1] for a in others)
    book.calls.clear()
    for _ in range(100):
        assert f.SEGREVENUE("Cryptocurrency Mining", 2024) == 110739
    assert [c for c in book.calls if c[0].startswith("get")] == []  # within a burst: cache
    assert session.CACHE.loads == 1
