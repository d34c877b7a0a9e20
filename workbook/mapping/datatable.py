"""The Data table: write a note's facts with their layout, read them back exactly."""

from __future__ import annotations

from decimal import Decimal

from xlsegment.model import FactId, Note
from xlsegment.numbers import parse_cell
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import CellFormat, TableSpec, Workbook, WorkbookError
from xlsegment.workbook.mapping.notedata import note_rows


def write_data(wb: Workbook, note: Note, sheet: str = c.DATA, skip=frozenset()) -> str:
    """The stated facts of ``note`` as the Data table (``skip``: computed facts)."""
    ref = wb.put_table(
        TableSpec(c.DATA_TABLE, sheet, "A1", c.DATA_ALL_COLUMNS, note_rows(note, skip), "TableStyleLight9")
    )
    last = ref.split(":")[1]
    row = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    wb.set_format(sheet, f"F2:F{row}", CellFormat(number_format=c.NUMBER_FORMAT))
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


def read_data(wb: Workbook):
    """The Data table as a DataFrame with the tidy columns, plus where each row sits."""
    import pandas as pd

    sheet, header, rows = wb.read_table(c.DATA_TABLE)
    missing = [col for col in c.DATA_COLUMNS[:6] if col not in header]
    if missing:
        raise WorkbookError(f"{sheet}: the Data table lacks the column(s) {', '.join(missing)}")
    frame = pd.DataFrame(rows, columns=header, dtype=object)  # keep None, not NaN
    for col in ("table", "period", "line", "segment", "currency"):
        frame[col] = [text(v) for v in frame[col]]
    frame["value"] = [exact_number(v, sheet, i) for i, v in enumerate(frame["value"])]
    return frame


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a period typed as 2024 reads back as 2024.0
    return str(value)


def exact_number(value, sheet: str, index: int):
    """A Data value as int or Decimal. Numbers typed as text are read as filings show them
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
        raise WorkbookError(
            f"{sheet}: row {index + 1} of the Data table has a value that is not a number: {value!r}"
        )
    return cell.value
