"""Review marks typed beside schedule rows follow their rows through refresh, and a tick
on figures that changed since is flagged."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook
from xlsegment.workbook.sheets import review
from xlsegment.workbook.sheets.settings import write_settings

HEADER = "table,period,line,segment,currency,value,unit\n"
LINES = {
    "Revenue": (100, 200),
    "Cost of revenue": (-40, -50),
    "Segment profit": (60, 150),
}


def facts(lines: dict) -> str:
    rows = []
    for line, (a, b) in lines.items():
        rows += [f"P&L,2024,{line},Mining,USD,{a},millions", f"P&L,2024,{line},Games,USD,{b},",
                 f"P&L,2024,{line},Total,USD,{a + b},"]  # fmt: skip
    return HEADER + "\n".join(rows) + "\n"


def filled_from_source(tmp_path, lines: dict):
    """A workbook whose Settings name the CSV as its data source: refresh re-reads it."""
    source = tmp_path / "facts.csv"
    source.write_text(facts(lines), encoding="utf-8")
    book = fill(source, tmp_path / "book.xlsx")
    wb = OpenpyxlWorkbook.open(book)
    write_settings(wb, {"xls_Source": str(source)})
    wb.save()
    return source, book


def marks_by_label(path) -> dict[str, tuple]:
    """Each schedule row's label and its marks, read as a user sees them."""
    ws = openpyxl.load_workbook(path)[c.SCHEDULES]
    heads = {}
    out = {}
    for row in ws.iter_rows(values_only=True):
        if review.KEY in row:
            heads = {v: j for j, v in enumerate(row) if v in review.VISIBLE}
            continue
        if heads and row[0] and any(row[heads[m]] for m in review.VISIBLE):
            out[row[0]] = tuple(row[heads[m]] for m in review.VISIBLE)
    return out


def type_marks(path, marks: dict[str, tuple]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[c.SCHEDULES]
    heads = {}
    for row in ws.iter_rows():
        values = [cell.value for cell in row]
        if review.KEY in values:
            heads = {v: j for j, v in enumerate(values) if v in review.MARKS}
            continue
        if heads and values[0] in marks:
            for name, value in zip(review.MARKS, marks[values[0]], strict=True):
                row[heads[name]].value = value
    book.save(path)


def test_marks_follow_their_rows_and_a_changed_tick_is_flagged(tmp_path):
    source, book = filled_from_source(tmp_path, LINES)
    typed = {
        "Revenue": ("Ann", "Bo", "2026-12-01", "x"),
        "Segment profit": ("Ann", None, None, "x"),
        "Cost of revenue": ("Ann", None, None, None),  # prepared, not ticked
    }
    type_marks(book, typed)
    # The data changes: a line appears above the others (every row moves down) and the
    # ticked segment profit changes.
    moved = {"Other income": (1, 2), **LINES, "Segment profit": (61, 150), "Cost of revenue": (-39, -50)}
    source.write_text(facts(moved), encoding="utf-8")
    refresh(book)
    after = marks_by_label(book)
    assert after["Revenue"] == (*typed["Revenue"], None)  # same figures: no flag
    assert after["Segment profit"] == (*typed["Segment profit"], review.FLAG)
    assert after["Cost of revenue"][:4] == typed["Cost of revenue"] and after["Cost of revenue"][4] is None
    assert "Other income" not in after  # a new row starts unmarked
    # Refreshed again, nothing changed: the flag stays until someone ticks again.
    refresh(book)
    assert marks_by_label(book)["Segment profit"][4] == review.FLAG


def test_a_new_tick_on_changed_figures_clears_the_flag(tmp_path):
    source, book = filled_from_source(tmp_path, LINES)
    type_marks(book, {"Revenue": ("Ann", None, None, "x")})
    source.write_text(facts({**LINES, "Revenue": (101, 200)}), encoding="utf-8")
    refresh(book)
    assert marks_by_label(book)["Revenue"][4] == review.FLAG
    # The reviewer looks again: clears the tick, refreshes, ticks anew.
    type_marks(book, {"Revenue": ("Ann", "Bo", None, None)})
    refresh(book)
    type_marks(book, {"Revenue": ("Ann", "Bo", None, "x")})
    refresh(book)
    assert marks_by_label(book)["Revenue"] == ("Ann", "Bo", None, "x", None)


SEED = Path(__file__).parent / "data" / "seeds" / "000_fa2b530666297a11.txt"


def _rows_with_marks(path) -> list[tuple]:
    """(sheet row, label, marks) of every schedule row that carries a mark."""
    ws = openpyxl.load_workbook(path)[c.SCHEDULES]
    heads, out = {}, []
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if review.KEY in row:
            heads = {v: j for j, v in enumerate(row) if v in review.VISIBLE}
            continue
        if heads and row[0] and any(row[heads[m]] for m in review.MARKS):
            out.append((r, row[0], tuple(row[heads[m]] for m in review.MARKS)))
    return out


def _type_on_first(book, label: str, typed: dict[str, object]) -> tuple[int, dict[str, str]]:
    """Type ``typed`` (column name -> value, the review key included) on the first schedule
    row labelled ``label``, as a user does in Excel; its sheet row and each cell's address."""
    wb = openpyxl.load_workbook(book)
    heads, found = {}, None
    for row in wb[c.SCHEDULES].iter_rows():
        values = [cell.value for cell in row]
        if review.KEY in values:
            heads = {v: j for j, v in enumerate(values) if v in (*review.MARKS, review.KEY)}
        elif heads and values[0] == label and found is None:
            for name, value in typed.items():
                row[heads[name]].value = value(values[heads[name]]) if callable(value) else value
            found = (row[0].row, {name: row[heads[name]].coordinate for name in typed})
    wb.save(book)
    return found


def test_a_tick_stays_on_its_one_row_where_each_year_repeats_the_labels(tmp_path):
    """The seed prints one block per year, each with the same labels: a tick on 2024's
    "Revenue" row must not come back on 2023's and 2022's."""
    book = fill(SEED, tmp_path / "seed.xlsx")
    ticked, _ = _type_on_first(
        book, "Revenue", dict(zip(review.MARKS, ("Ann", "Bo", None, "x"), strict=True))
    )
    keys = [r.key for r in _review_rows(book)]
    assert len(keys) == len(set(keys)), "two schedule rows share a review key"
    refresh(book)
    assert _rows_with_marks(book) == [(ticked, "Revenue", ("Ann", "Bo", None, "x"))]


def _review_rows(path) -> list[review.ReviewRow]:
    ws = openpyxl.load_workbook(path)[c.SCHEDULES]
    out, key_col = [], None
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if review.KEY in row:
            key_col = row.index(review.KEY)
        elif key_col is not None and row[key_col]:
            out.append(review.ReviewRow(r, str(row[key_col]), ""))
    return out


def test_marks_keyed_as_earlier_versions_wrote_them_are_kept(tmp_path):
    """A workbook marked before the key carried the periods: its mark comes back on the
    first row of that description, not lost, and not on every year's row."""
    book = fill(SEED, tmp_path / "seed.xlsx")
    earlier = {review.KEY: lambda key: " | ".join(str(key).split(" | ")[:4]), "Tick": "x"}
    ticked, _ = _type_on_first(book, "Revenue", earlier)
    refresh(book)
    assert _rows_with_marks(book) == [(ticked, "Revenue", (None, None, None, "x"))]


def test_a_typed_date_is_still_shown_as_a_date_after_refresh(tmp_path):
    _, book = filled_from_source(tmp_path, LINES)
    _, where = _type_on_first(book, "Revenue", {"Date": datetime(2026, 12, 1), "Tick": "x"})
    refresh(book)
    cell = openpyxl.load_workbook(book)[c.SCHEDULES][where["Date"]]
    assert (cell.value, cell.number_format) == (datetime(2026, 12, 1), review.DATE_FORMAT)
