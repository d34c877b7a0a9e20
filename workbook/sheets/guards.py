"""Guards before a refresh redraws the generated sheets: never drop what a user typed.

Every figure on the Schedules sheet is a formula; a number typed over one would vanish when
the sheet is redrawn. Such a change belongs in the Data table, so refresh stops and says
where it found one.
"""

from __future__ import annotations

from decimal import Decimal

from xlsegment.model import Finding, Severity
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import Formula, Workbook, WorkbookError, cell_ref, range_ref, split_cell
from xlsegment.workbook.sheets.schedules import FIRST_ROW


def typed_over(wb: Workbook, sheet: str = c.SCHEDULES) -> list[str]:
    """Cells of the reported grid that hold a typed number instead of their formula."""
    if sheet not in wb.sheet_names():
        return []
    used = wb.used_range(sheet)
    if used is None:
        return []
    last_row, last_col = split_cell(used.split(":")[1])
    if last_row < FIRST_ROW:
        return []
    # The "Source" column stands right of the reported grid (in a workbook drawn before
    # it had one, the "Computed" heading sat one spacer column right of it).
    band = wb.read_block(sheet, range_ref(FIRST_ROW, 1, last_row, last_col))
    width = next((j - 2 for row in band for j, v in enumerate(row, start=1) if v == "Source"), None)
    if width is None:
        width = next((j - 2 for row in band for j, v in enumerate(row, start=1) if v == "Computed"), None)
    if width is None or width < 1:
        return []
    found = []
    for i, row in enumerate(band):
        for j in range(1, 1 + width):
            v = row[j]
            if isinstance(v, int | float | Decimal) and not isinstance(v, bool | Formula):
                found.append(cell_ref(FIRST_ROW + i, j + 1))
    return found


_TYPED = "a number was typed over the formula; make the change in the Data table (or clear the cell)"


def typed_over_findings(wb: Workbook, sheet: str = c.SCHEDULES) -> list[Finding]:
    """An error for each typed-over cell: ``check`` sees what ``refresh`` would refuse."""
    return [
        Finding("seg.typed", Severity.ERROR, f"{sheet}!{cell}: {_TYPED}", sheet=sheet, cell=cell)
        for cell in typed_over(wb, sheet)
    ]


def refuse_typed_over(wb: Workbook, sheet: str = c.SCHEDULES) -> None:
    cells = typed_over(wb, sheet)
    if cells:
        shown = ", ".join(cells[:3]) + (f" and {len(cells) - 3} more" if len(cells) > 3 else "")
        raise WorkbookError(f"{sheet}!{shown}: {_TYPED} and refresh again")
