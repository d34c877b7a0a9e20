"""Review marks beside each schedule row, kept through every refresh by the row's identity.

A preparer and a reviewer sign a schedule row by row: who prepared it, who reviewed it,
when, and a tick. The Schedules sheet is redrawn on every refresh, and rows move when the
data changes (a line added above, a table reordered), so the marks are keyed to what the
row is, its table, section, line item and label, never to its row number. Beside the marks
the sheet keeps, hidden, the row's key and its figures when it was ticked: a ticked row
whose figures have changed since is flagged, so a tick never vouches for figures nobody
saw.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsegment.model import Fact, Row, Table
from xlsegment.workbook.engines.base import Workbook, cell_ref, range_ref, split_cell

# The visible columns, right of each row's source; the last is written, never typed.
MARKS = ("Preparer", "Reviewer", "Date", "Tick")
CHANGED = "Changed"  # since ticked
VISIBLE = (*MARKS, CHANGED)
# The hidden columns at the sheet's right edge: the row's key, its figures when ticked.
KEY, TICKED = "Review key", "Figures when ticked"
FLAG = "changed"
# A date typed in the Date column is shown as a date after the sheet is redrawn, not as
# the serial number or date-time Excel would fall back to.
DATE_FORMAT = "yyyy-mm-dd"
DATE_COLUMN = MARKS.index("Date")


@dataclass(frozen=True)
class Mark:
    """What a user typed beside one row, and the row's figures when it was ticked."""

    values: tuple[object, ...]  # one per MARKS column
    ticked: str

    @property
    def is_ticked(self) -> bool:
        return self.values[-1] not in (None, "")


def row_key(table: Table, row: Row, facts: list[Fact | None], seen: dict[str, int]) -> str:
    """What a row is, whatever its position: table, section, line item, label and the
    periods of its figures. A note that prints one block per year repeats every label,
    so the periods tell "Revenue" of 2024 from "Revenue" of 2023; rows alike even in
    that are told apart by their order (``seen`` counts the keys given so far), so no two
    rows share a key and a mark never lands on two rows."""
    periods = ",".join(dict.fromkeys(f.period for f in facts if f is not None))
    key = " | ".join((table.name, row.section or "", row.line_item or "", row.label or "", periods))
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key} | #{seen[key]}"


def figures(facts: list[Fact | None]) -> str:
    """A row's figures as text, to tell whether they changed since a tick."""
    return "; ".join("" if f is None else f"{f.period} {f.segment} {f.value}" for f in facts)


def read_marks(wb: Workbook, sheet: str) -> dict[str, Mark]:
    """The marks on the sheet as it is, by row key: read before it is redrawn."""
    if sheet not in wb.sheet_names() or wb.used_range(sheet) is None:
        return {}
    last_row, last_col = split_cell(wb.used_range(sheet).split(":")[1])
    band = wb.read_block(sheet, range_ref(1, 1, last_row, last_col))
    cols: dict[str, int] = {}
    marks: dict[str, Mark] = {}
    for row in band:
        if KEY in row:  # a header row: where the columns are (a table's may differ)
            cols = {str(v): j for j, v in enumerate(row) if v in (*MARKS, KEY, TICKED)}
            continue
        if KEY not in cols or row[cols[KEY]] in (None, ""):
            continue
        values = tuple(row[cols[name]] if name in cols else None for name in MARKS)
        if any(v not in (None, "") for v in values):
            ticked = row[cols[TICKED]] if TICKED in cols else ""
            marks[str(row[cols[KEY]])] = Mark(values, str(ticked or ""))
    return marks


@dataclass(frozen=True)
class ReviewRow:
    """Where a drawn row's marks go: its sheet row, key and current figures."""

    row: int
    key: str
    figures: str


def restore_marks(
    wb: Workbook, sheet: str, rows: list[ReviewRow], first_col: int, ticked_col: int, old
) -> None:
    """Put each row's marks back beside it, flag a ticked row whose figures changed, and
    keep the figures it was ticked with."""
    old = _with_earlier_keys(old, [r.key for r in rows])
    for r in rows:
        mark = old.get(r.key)
        if mark is None:
            continue
        ticked = (mark.ticked or r.figures) if mark.is_ticked else r.figures
        changed = FLAG if mark.is_ticked and ticked != r.figures else None
        wb.write_block(sheet, cell_ref(r.row, first_col), [[*mark.values, changed]])
        wb.write_block(sheet, cell_ref(r.row, ticked_col), [[ticked]])


def _with_earlier_keys(old: dict[str, Mark], keys: list[str]) -> dict[str, Mark]:
    """Marks keyed as earlier versions wrote them (table, section, line item and label,
    without the periods) go to the first row of that description that has no mark of its
    own, so a workbook marked before keeps its marks."""
    current = set(keys)
    out = {k: m for k, m in old.items() if k in current}
    for key, mark in old.items():
        if key in out:
            continue
        first = next((k for k in keys if k.startswith(key + " | ") and k not in out), None)
        if first is not None:
            out[first] = mark
    return out
