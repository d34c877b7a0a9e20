"""LibreOffice recalculates a workbook XlsxWriter wrote to the totals of the one openpyxl
wrote: every value of every sheet, the computed totals and the live checks included."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, SEED
from xlsegment.workbook import api
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines import libreoffice

pytestmark = pytest.mark.slow  # one soffice run recalculates all four workbooks

SOURCES = {"seed": SEED, "boeing": CORPUS / "10_boeing_2024.txt"}
ERRORS = ("#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "Err:")


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("engines")
    books = [
        api.fill(source, tmp / f"{name}-{engine}.xlsx", engine=engine)
        for name, source in SOURCES.items()
        for engine in ("openpyxl", "xlsxwriter")
    ]
    return {p.stem: libreoffice.read_values(p) for p in libreoffice.convert(books, tmp / "out")}


@pytest.mark.parametrize("name", SOURCES)
def test_both_engines_recalculate_to_the_same_values(recalculated, name):
    by_openpyxl, by_xlsxwriter = recalculated[f"{name}-openpyxl"], recalculated[f"{name}-xlsxwriter"]
    assert by_openpyxl == by_xlsxwriter
    schedules = by_xlsxwriter[c.SCHEDULES].values()
    totals = [v for v in schedules if isinstance(v, int | float) and not isinstance(v, bool)]
    assert len(totals) > 50  # the figures and the computed totals are there, as numbers
    assert not [v for v in schedules if isinstance(v, str) and v.startswith(ERRORS)]
    statuses = [v for cell, v in by_xlsxwriter[c.CHECKS].items() if cell.startswith("J") and cell != "J3"]
    assert statuses and "BREAK" not in statuses
