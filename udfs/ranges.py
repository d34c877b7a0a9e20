"""A source made of the ranges a function is given: the Data table and Settings' block.

xlwings Lite's functions see only their arguments, so ``=SEGDATA(Data[#All],
Settings!A3:B18)`` hands them the workbook's data as values. Those values are laid into an
in-memory workbook, the Data table at ``Data!A1`` and Settings' rows where they sit, with
the defined names a filled workbook has. The note is then read by the same code as a
workbook file or a live Excel (``note_from_workbook``), so every platform answers alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable

from xlsegment.errors import XlsegmentError

from .sources import SourceError, WorkbookSource

DATA_ANCHOR = "A1"  # where the template's Data table sits; messages name cells from here
CHECKS_ANCHOR = "A3"  # where the template's Checks table sits
SETTINGS_FIRST_ROW = 3  # the Setting | Value header row of the template's Settings sheet


def _grid(values: object) -> list[list[object]]:
    """Excel's values as rows: one cell arrives as a scalar, one row as a flat list."""
    if not isinstance(values, list | tuple):
        return [[values]]
    if values and not isinstance(values[0], list | tuple):
        return [list(values)]
    return [list(row) for row in values]


def book_from_ranges(data: object, settings: object = None, checks: object = None):
    """An in-memory workbook holding ``data`` as the Data table, ``settings`` (the
    Setting | Value rows, header first) with the names of the template's contract, and
    ``checks`` as the Checks table (what fill noticed in the filing rides on it)."""
    from xlsegment.workbook import contract as c
    from xlsegment.workbook.engines.base import TableSpec, quote_sheet
    from xlsegment.workbook.engines.memory_engine import MemoryWorkbook

    rows = _grid(data)
    if len(rows) < 2 or not any(isinstance(v, str) and v.strip() for v in rows[0]):
        raise SourceError("SEGDATA needs the Data table with its header row, e.g. Data[#All]")
    wb = MemoryWorkbook()
    wb.ensure_sheet(c.DATA)
    header = [str(h) if h is not None else "" for h in rows[0]]
    wb.put_table(TableSpec(c.DATA_TABLE, c.DATA, DATA_ANCHOR, tuple(header), rows[1:]))
    if checks is not None and checks != "":
        block = _grid(checks)
        wb.put_table(TableSpec(c.CHECKS_TABLE, c.CHECKS, CHECKS_ANCHOR, tuple(map(str, block[0])), block[1:]))
    if settings is not None and settings != "":
        wb.ensure_sheet(c.SETTINGS)
        block = _grid(settings)
        wb.write_block(c.SETTINGS, f"A{SETTINGS_FIRST_ROW}", block)
        labels = {s.label.casefold(): s.name for s in c.SETTINGS_ROWS}
        for k, row in enumerate(block):
            name = labels.get(str(row[0]).strip().casefold()) if row else None
            if name is not None and len(row) > 1:
                wb.define_name(name, f"{quote_sheet(c.SETTINGS)}!$B${SETTINGS_FIRST_ROW + k}")
    return wb


def digest_of(*ranges: object) -> str:
    """A short hash of the ranges' values: equal content, equal source."""
    return hashlib.sha256(repr(ranges).encode()).hexdigest()[:16]


class RangesSource(WorkbookSource):
    """The note of the ranges ``SEGDATA`` was given; its stamp is a hash of their values,
    so a changed Data table is a new source and the functions answer afresh."""

    def __init__(
        self, data: object, settings: object = None, checks: object = None, digest: str | None = None
    ) -> None:
        digest = digest or digest_of(data, settings, checks)
        try:
            book = book_from_ranges(data, settings, checks)
        except XlsegmentError as error:
            raise SourceError(str(error)) from None
        super().__init__(book, key=f"ranges:{digest}")
        self._digest = digest

    def stamp(self) -> Hashable:
        return self._digest

    def label(self) -> str:
        """What the handle's cell shows: how many facts, in what currency and unit."""
        note = self.load()
        facts = sum(len(t.cells) for t in note.tables)
        return f"xlsegment data: {facts} facts, {note.presentation_currency} {note.unit}".strip()
