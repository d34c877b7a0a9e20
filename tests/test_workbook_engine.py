"""The workbook interface: one suite run against every engine that works without Excel."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.workbook.engines.base import (
    CellFormat,
    ConditionalRule,
    Formula,
    TableSpec,
    WorkbookError,
    col_index,
    col_letter,
    range_bounds,
)
from xlsegment.workbook.engines.memory_engine import MemoryWorkbook
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook, new_workbook
from xlsegment.workbook.engines.xlsxwriter_engine import XlsxWriterWorkbook


def _memory(tmp_path):
    wb = MemoryWorkbook()
    return wb, lambda: wb


def _openpyxl(tmp_path):
    wb = new_workbook()
    path = tmp_path / "engine.xlsx"

    def reopen():
        wb.save(str(path))
        return OpenpyxlWorkbook.open(path)

    return wb, reopen


def _xlsxwriter(tmp_path):
    """A new workbook written by XlsxWriter, read back by openpyxl."""
    wb = XlsxWriterWorkbook()
    path = tmp_path / "engine.xlsx"

    def reopen():
        wb.save(str(path))
        return OpenpyxlWorkbook.open(path)

    return wb, reopen


ENGINES = [
    pytest.param(_memory, id="memory"),
    pytest.param(_openpyxl, id="openpyxl"),
    pytest.param(_xlsxwriter, id="xlsxwriter"),
]


@pytest.fixture(params=ENGINES)
def engine(request, tmp_path):
    wb, reopen = request.param(tmp_path)
    wb.ensure_sheet("S")
    return wb, reopen


def test_block_round_trip_keeps_text_text_and_formulas_formulas(engine):
    wb, reopen = engine
    wb.write_block(
        "S",
        "B2",
        [
            ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"],  # labels from a filing
            [Formula("SUM(B5:C5)"), 7, Decimal("1.25"), None],
        ],
    )
    back = reopen().read_block("S", "B2:E3")
    assert back[0] == ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"]
    assert not any(isinstance(v, Formula) for v in back[0])
    assert isinstance(back[1][0], Formula) and back[1][0] == "=SUM(B5:C5)"
    assert back[1][1] == 7 and Decimal(str(back[1][2])) == Decimal("1.25") and back[1][3] is None


def test_fills_and_notes_set_and_clear(engine):
    wb, reopen = engine
    wb.write_block("S", "A1", [[1, 2]])
    wb.set_fills("S", {"A1": "FFEB9C", "B1": "F8CBAD"})
    wb.set_notes("S", {"A1": "reported 1, computed 2 (-1), tolerance ±1"}, "xlsegment")
    wb.set_fills("S", {"B1": None})
    back = reopen()
    assert back.read_fills("S", ["A1", "B1"]) == {"A1": "FFEB9C", "B1": None}
    assert back.read_notes("S") == {"A1": ("xlsegment", "reported 1, computed 2 (-1), tolerance ±1")}
    back.set_notes("S", {"A1": None}, "xlsegment")
    assert back.read_notes("S") == {}


def test_conditional_formats_are_replaced_not_stacked(engine):
    wb, reopen = engine
    rule = ConditionalRule("B2:D9", "ABS(B2-H2)>N(L2)", "F8CBAD", "9C0006")
    wb.set_conditional_formats("S", [rule])
    wb.set_conditional_formats("S", [rule])
    rules = reopen().conditional_formats("S")
    assert [(r.ref, r.formula, r.fill) for r in rules] == [("B2:D9", "ABS(B2-H2)>N(L2)", "F8CBAD")]


def test_names_and_tables_resize_on_replace(engine):
    wb, reopen = engine
    wb.define_name("xls_FxRate", "'S'!$B$8")
    wb.define_name("xls_FxRate", "'S'!$B$9")
    ref = wb.put_table(TableSpec("Data", "S", "A1", ("a", "b"), [[1, "x"], [2, "y"], [3, "z"]]))
    assert ref == "A1:B4"
    ref = wb.put_table(TableSpec("Data", "S", "A1", ("a", "b"), [[9, "q"]]))
    assert ref == "A1:B2"
    back = reopen()
    assert back.names()["xls_FxRate"] == "'S'!$B$9"
    assert back.tables()["Data"] == ("S", "A1:B2")
    assert back.read_table("Data") == ("S", ["a", "b"], [[9, "q"]])
    assert back.read_block("S", "A3:B4") == [[None, None], [None, None]]
    with pytest.raises(WorkbookError, match="no Excel table named 'Nope'"):
        back.read_table("Nope")


def test_clear_sheet_removes_content_rules_and_notes(engine):
    wb, reopen = engine
    wb.write_block("S", "A1", [[1, Formula("A1*2")]])
    wb.set_notes("S", {"A1": "n"}, "x")
    wb.set_conditional_formats("S", [ConditionalRule("A1", "A1>0")])
    wb.set_format("S", "A1:B1", CellFormat(bold=True, number_format="0.0"))
    wb.clear_sheet("S")
    back = reopen()
    assert back.used_range("S") is None
    assert back.read_notes("S") == {} and back.conditional_formats("S") == []


@pytest.mark.parametrize(("index", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA")])
def test_column_letters(index, letters):
    assert col_letter(index) == letters and col_index(letters) == index


def test_range_bounds_normalises_order():
    assert range_bounds("D9:B2") == (2, 2, 9, 4)
    with pytest.raises(WorkbookError):
        range_bounds("Sheet1")


def test_render_draws_the_same_workbook_through_every_engine(tmp_path):
    """The layout code is engine-blind: memory, openpyxl and XlsxWriter end with the same
    cells, notes, rules, names and tables for the seed."""
    from pathlib import Path

    from xlsegment.api import check, parse
    from xlsegment.workbook.build.template import build_into
    from xlsegment.workbook.render import render

    seed = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
    note = parse(seed)
    result = check(note)
    settings = {"xls_Currency": "RMB", "xls_FxRate": result.rate.rate, "xls_ConvCurrency": "USD"}
    drawn = []
    for make in (_memory, _openpyxl, _xlsxwriter):
        wb, reopen = make(tmp_path)
        build_into(wb)
        located = render(wb, result, write_data_table=True, settings=settings)
        back = reopen()
        sheets = {}
        for sheet in ("Settings", "Data", "Schedules", "Checks"):
            ref = back.used_range(sheet)
            sheets[sheet] = back.read_block(sheet, ref)
        drawn.append(
            (
                sheets,
                back.read_notes("Schedules"),
                [(r.ref, r.formula) for r in back.conditional_formats("Schedules")],
                back.names(),
                back.tables(),
                [(f.code, f.cell) for f in located],
            )
        )
    memory, *files = drawn
    for written in files:
        for part_m, part_o in zip(memory, written, strict=True):
            assert _normal(part_m) == _normal(part_o)


def _normal(value):
    """Numbers as Decimal text, so an int written and a float read back compare equal."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal):
        return str(Decimal(str(value)).normalize())
    return value


def test_xlsxwriter_refuses_a_cell_beyond_excels_last_row(tmp_path):
    wb = XlsxWriterWorkbook()
    wb.ensure_sheet("S")
    wb.write_block("S", "A1048577", [[1]])
    with pytest.raises(WorkbookError, match="S: cell A1048577 is beyond Excel's sheet size"):
        wb.save(str(tmp_path / "big.xlsx"))
