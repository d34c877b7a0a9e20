"""The shipped template holds the contract fill and refresh rely on, as the builder makes it."""

from __future__ import annotations

import openpyxl

from xlsegment.workbook import contract as c
from xlsegment.workbook.api import TEMPLATE
from xlsegment.workbook.build.template import build, named_styles
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook


def _contract(path):
    wb = OpenpyxlWorkbook.open(path)
    book = wb.book
    return {
        "sheets": wb.sheet_names(),
        "names": wb.names(),
        "tables": wb.tables(),
        "headers": {t: wb.read_table(t)[1] for t in wb.tables()},
        "styles": sorted(s for s in book.named_styles if s.startswith("xls ")),
        "freeze": {ws.title: ws.freeze_panes for ws in book.worksheets},
    }


def test_the_shipped_template_is_what_the_builder_makes(tmp_path):
    assert _contract(TEMPLATE) == _contract(build(tmp_path / "fresh.xlsx"))


def test_the_template_holds_every_name_table_and_style():
    got = _contract(TEMPLATE)
    assert got["sheets"] == [c.SETTINGS, c.DATA, c.SCHEDULES, c.CHECKS]
    assert set(got["names"]) >= {s.name for s in c.SETTINGS_ROWS}
    assert got["headers"] == {
        c.DATA_TABLE: list(c.DATA_ALL_COLUMNS),
        c.CHECKS_TABLE: list(c.CHECK_COLUMNS),
    }
    assert got["styles"] == sorted(s.name for s in named_styles())
    assert got["freeze"][c.DATA] == "A2" and got["freeze"][c.SETTINGS] == "A4"
    number = openpyxl.load_workbook(TEMPLATE)._named_styles[c.STYLE_NUMBER]
    assert number.number_format == '#,##0_);(#,##0);"—"_)'
