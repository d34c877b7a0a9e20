"""The Data table: write a note's facts with their layout, read them back exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xlsegment import limits
from xlsegment.errors import InputError
from xlsegment.limits import DECIMALS_HIGHEST, DECIMALS_LOWEST
from xlsegment.model import FactId, Note
from xlsegment.numbers import exact_value, parse_cell
from xlsegment.readers.tidycells import column_name
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import (
    CellFormat,
    Formula,
    TableSpec,
    Workbook,
    WorkbookError,
    cell_ref,
    col_letter,
    range_bounds,
)
from xlsegment.workbook.mapping.notedata import note_rows


def write_data(wb: Workbook, note: Note, sheet: str = c.DATA, skip=frozenset()) -> str:
    """The stated facts of ``note`` as the Data table (``skip``: computed facts)."""
    ref = wb.put_table(
        TableSpec(c.DATA_TABLE, sheet, "A1", c.DATA_ALL_COLUMNS, note_rows(note, skip), "TableStyleLight9")
    )
    last = ref.split(":")[1]
    row = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    wb.set_format(sheet, f"F2:F{row}", CellFormat(number_format=c.NUMBER_FORMAT))
    for name in ("decimals", "reported"):  # short values, centred: "0" never touches "segment"
        letter = col_letter(1 + c.DATA_ALL_COLUMNS.index(name))
        wb.set_format(sheet, f"{letter}2:{letter}{row}", CellFormat(h_align="center"))
    decimals = [
        f.decimals
        for n, t in enumerate(note.tables)
        for (i, j), f in sorted(t.cells.items())
        if FactId(n, i, j) not in skip
    ]
    for r, d in enumerate(decimals, start=2):  # rows in note_rows order
        if d > 0:
            wb.set_format(sheet, f"F{r}", CellFormat(number_format=c.number_format(d)))
    wb.set_layout(sheet, print_area=f"A1:{last}", fit_width=True)
    return ref


@dataclass(frozen=True)
class DataRows:
    """Where the Data table's rows sit, so a message can name the cell."""

    sheet: str
    header: tuple[str, ...]
    header_row: int  # the Excel row of the header
    rows: tuple[int, ...]  # the Excel row of each frame row
    first_col: int

    def cell_of(self, row: int, column: str) -> str | None:
        if column not in self.header:
            return None
        return f"{self.sheet}!{cell_ref(row, self.first_col + self.header.index(column))}"


def data_block(wb: Workbook) -> tuple[str, str, list[list[object]]]:
    """The Data table's sheet, range and cells (header first) in one read."""
    found = next((v for k, v in wb.tables().items() if k.lower() == c.DATA_TABLE.lower()), None)
    if found is None:
        raise WorkbookError(f"the workbook has no Excel table named {c.DATA_TABLE!r}")
    sheet, ref = found
    return sheet, ref, wb.read_block(sheet, ref)


def read_data(wb: Workbook) -> DataTable:
    """The Data table's rows as records with the tidy columns, and where each sits."""
    return read_data_rows(wb)


@dataclass(frozen=True)
class DataTable:
    """The Data table as read: its columns, one record per filled row, and their places.
    Plain records, not a DataFrame: reading a workbook never needs pandas (Lite, speed)."""

    columns: tuple[str, ...]
    records: list[dict[str, object]]
    where: DataRows


def read_data_rows(wb: Workbook) -> DataTable:
    """The Data table's filled rows (blank rows are skipped), and where they sit.

    Every cell a fact is built from is checked here, where its address is known, so a
    refusal names it (``Data!F7``) and shows the value as typed."""
    sheet, ref, block = data_block(wb)
    top, left, _, _ = range_bounds(ref)
    header = [column_name(h) for h in block[0]]
    missing = [col for col in c.DATA_COLUMNS[:6] if col not in header]
    if missing:
        raise WorkbookError(f"{sheet}: the Data table lacks the column(s) {', '.join(missing)}")
    kept = [(top + 1 + k, r) for k, r in enumerate(block[1:]) if any(v is not None and v != "" for v in r)]
    where = DataRows(sheet, tuple(header), top, tuple(row for row, _ in kept), left)
    records = []
    padding = [None] * len(header)
    for row, values in kept:
        record = dict(zip(header, [*values, *padding[len(values) :]], strict=True))
        # Text and whole numbers, as nearly every cell is, pass as they are; anything else
        # is read by the rules below, which name the cell when they refuse it.
        for col in _TEXT_COLUMNS:
            if type(record[col]) is not str:
                record[col] = text_cell(record[col], where.cell_of(row, col) or sheet)
        if type(record["value"]) is not int:
            record["value"] = data_value(record["value"], where.cell_of(row, "value") or sheet)
        shown = record.get("decimals")
        if "decimals" in record and not (type(shown) is int and DECIMALS_LOWEST <= shown <= DECIMALS_HIGHEST):
            record["decimals"] = data_decimals(record["decimals"], where.cell_of(row, "decimals") or sheet)
        records.append(record)
    return DataTable(tuple(header), records, where)


_TEXT_COLUMNS = ("table", "period", "line", "segment", "currency")


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


def data_decimals(value, where: str) -> int | None:
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
    typed; a blank cell is nil."""
    try:
        cell = exact_value(value)
    except ValueError:
        raise WorkbookError(f"{where}: the value {limits.shown(value)} is not a number") from None
    return 0 if cell is None else cell.value
