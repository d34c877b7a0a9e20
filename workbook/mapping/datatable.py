"""The Data table: write a note's facts with their layout, read them back exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from xlsegment import limits
from xlsegment.errors import InputError
from xlsegment.model import Note
from xlsegment.numbers import parse_cell
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import (
    CellFormat,
    Formula,
    TableSpec,
    Workbook,
    WorkbookError,
    cell_ref,
    range_bounds,
)
from xlsegment.workbook.mapping.notedata import note_rows


def write_data(wb: Workbook, note: Note, sheet: str = c.DATA) -> str:
    ref = wb.put_table(
        TableSpec(c.DATA_TABLE, sheet, "A1", c.DATA_ALL_COLUMNS, note_rows(note), "TableStyleLight9")
    )
    last = ref.split(":")[1]
    row = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    wb.set_format(sheet, f"F2:F{row}", CellFormat(number_format=c.NUMBER_FORMAT))
    decimals = [f.decimals for t in note.tables for _, f in sorted(t.cells.items())]
    for r, d in enumerate(decimals, start=2):  # rows in note_rows order
        if d > 0:
            wb.set_format(sheet, f"F{r}", CellFormat(number_format=c.number_format(d)))
    wb.set_layout(sheet, print_area=f"A1:{last}", fit_width=True)
    return ref


_TEXT_COLUMNS = ("table", "period", "line", "segment", "currency")


def read_data(wb: Workbook):
    """The Data table as a DataFrame with the tidy columns, plus where each row sits.

    Every cell a fact is built from is checked here, where its address is known, so a
    refusal names it (``Data!F7``) and shows the value as typed."""
    import pandas as pd

    sheet, header, rows, first_col = data_rows(wb)
    missing = [col for col in c.DATA_COLUMNS[:6] if col not in header]
    if missing:
        raise WorkbookError(f"{sheet}: the Data table lacks the column(s) {', '.join(missing)}")
    frame = pd.DataFrame([values for _, values in rows], columns=header, dtype=object)  # keep None
    at = {col: j for j, col in enumerate(header)}

    def where(col: str) -> list[str]:
        return [f"{sheet}!{cell_ref(r, first_col + at[col])}" for r, _ in rows]

    for col in _TEXT_COLUMNS:
        frame[col] = [text_cell(v, w) for v, w in zip(frame[col], where(col), strict=True)]
    frame["value"] = [data_value(v, w) for v, w in zip(frame["value"], where("value"), strict=True)]
    if "decimals" in at:
        frame["decimals"] = [
            limits_decimals(v, w) for v, w in zip(frame["decimals"], where("decimals"), strict=True)
        ]
    return frame


def data_rows(wb: Workbook) -> tuple[str, list[str], list[tuple[int, list]], int]:
    """The Data table's sheet, header, non-empty rows with their sheet row numbers, and the
    number of its first column."""
    found = {name.lower(): at for name, at in wb.tables().items()}
    if c.DATA_TABLE.lower() not in found:
        wb.read_table(c.DATA_TABLE)  # raises the engine's one message for a missing table
    sheet, ref = found[c.DATA_TABLE.lower()]
    r1, c1, _, _ = range_bounds(ref)
    block = wb.read_block(sheet, ref)
    header = [str(h) if h is not None else "" for h in block[0]]
    rows = [
        (r1 + 1 + i, list(values))
        for i, values in enumerate(block[1:])
        if any(v is not None and v != "" for v in values)
    ]
    return sheet, header, rows, c1


def text_cell(value, where: str) -> str:
    """A label or period cell as text; a date is refused (Excel turned "2024-12-31" into one,
    and the schedules' SUMIFS compare periods as text)."""
    if isinstance(value, dt.date | dt.time):
        raise WorkbookError(
            f"{where}: {limits.shown(value)} is a date, but periods and labels are text such as 2024 or "
            "FY2024; format the cell as Text and type it again"
        )
    return text(value)


def data_value(value, where: str):
    """A reported figure in the Data table: a number. Text is refused (the schedules'
    SUMIFS skip text, so the workbook would show another total than the check), except a
    dash, which the filing shows for nil and SUMIFS reads as nothing."""
    if isinstance(value, Formula):
        raise WorkbookError(
            f"{where}: the value {value} is a formula; the Data table holds the figures themselves"
        )
    if isinstance(value, dt.date | dt.time):
        raise WorkbookError(f"{where}: the value {limits.shown(value)} is a date, not an amount")
    if isinstance(value, str) and value.strip():
        cell = parse_cell(value)
        if cell is not None and cell.nil:
            return 0
        if cell is not None and not cell.percent:
            raise WorkbookError(
                f"{where}: the value {limits.shown(value)} is text, which the schedules' SUMIFS skip; "
                "enter it as a number"
            )
    return exact_number(value, where)


def limits_decimals(value, where: str) -> int | None:
    try:
        return limits.decimals(value, where)
    except InputError as exc:
        raise WorkbookError(str(exc)) from None


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a period typed as 2024 reads back as 2024.0
    return str(value)


def exact_number(value, where: str):
    """A typed amount as int or Decimal. Numbers typed as text are read as filings show them
    ("1,028.4", "(5,822)", "—"); a float cell through its shortest repr, which is what was
    typed."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    if isinstance(value, float):
        d = Decimal(repr(value))
        return int(d) if d == d.to_integral_value() else d
    if value is None or str(value).strip() == "":
        return 0
    cell = parse_cell(str(value)) if not isinstance(value, bool) else None
    if cell is None or cell.percent:
        raise WorkbookError(f"{where}: the value {limits.shown(value)} is not a number")
    return cell.value
