"""The reader of a filled workbook: its Data table and Settings, for the reader registry.

``import xlsegment.workbook`` registers it, so ``xlsegment check report.xlsx`` and a fill
from a workbook read through the same registry as every other source. After the checks,
``finish`` puts each finding on the Schedules cell of its figure, adds the ties to the
consolidated amounts in Settings, and reports numbers typed over schedule formulas, as a
refresh would see them. This module imports no spreadsheet library until it reads.
"""

from __future__ import annotations

from xlsegment.readers import Peek, ReadOptions

SUFFIXES = (".xlsx", ".xlsm")


class WorkbookReader:
    name = "workbook"

    def __init__(self) -> None:
        self._open: tuple[tuple, object] | None = None  # the book read last, for finish

    def can_read(self, source, peek: Peek | None) -> bool:
        return peek is not None and peek.is_zip and peek.suffix in SUFFIXES

    def read(self, source, options: ReadOptions):
        from xlsegment.workbook.api import about, note_from_workbook, open_workbook

        with about(source):
            wb, key = open_workbook(source)
            self._open = (key, wb)
            return note_from_workbook(wb, options.name or str(source))

    def finish(self, result, source):
        from xlsegment.workbook.api import about, finish_check, open_workbook, workbook_key

        with about(source):
            key = workbook_key(source)
            wb = self._open[1] if self._open and self._open[0] == key else open_workbook(source)[0]
            self._open = None
            return finish_check(wb, result, str(source))
