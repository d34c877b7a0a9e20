"""Where the UDFs get their facts: a workbook's Data table, a note file, or a given Note.

Every source has a ``key`` (which workbook), a cheap ``stamp`` (has the data changed?),
``load`` (the facts as a Note) and ``stated_rate`` (the rate Settings give, if any). A
workbook is read through the workbook layer (``note_from_workbook``, ``read_rate``), so
the UDFs see exactly what Refresh and the checks see, through any engine.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Hashable
from decimal import Decimal
from pathlib import Path

from xlsegment.errors import XlsegmentError
from xlsegment.model import Note

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class SourceError(XlsegmentError):
    """The workbook or file holds no usable facts; the message says what to do."""


_NOTES = itertools.count(1)


class NoteSource:
    """A Note already in memory (tests, benchmark, Python callers)."""

    def __init__(self, note: Note, key: str | None = None) -> None:
        self.note = note
        self._stamp = next(_NOTES)  # one per note given: the cache's key and version
        self.key = key or f"note:{note.source}:{self._stamp}"

    def stamp(self) -> Hashable:
        return self._stamp

    def load(self) -> Note:
        return self.note

    def stated_rate(self) -> Decimal | None:
        return None


class _ReadOnce:
    """The workbook, with each read served once: the reads ``stamp`` makes are reused by the
    ``load`` that follows it, so a (re)load costs one COM read per block, not two."""

    def __init__(self, workbook) -> None:
        self._workbook = workbook
        self._memo: dict[tuple, object] = {}

    def _once(self, *key):
        if key not in self._memo:
            self._memo[key] = getattr(self._workbook, key[0])(*key[1:])
        return self._memo[key]

    def read_table(self, name):
        return self._once("read_table", name)

    def read_block(self, sheet, ref):
        return self._once("read_block", sheet, ref)

    def tables(self):
        return self._once("tables")

    def names(self):
        return self._once("names")

    def __getattr__(self, name):
        return getattr(self._workbook, name)


class WorkbookSource:
    """A workbook behind the engine interface: live Excel (xlwings) or a file (openpyxl)."""

    def __init__(self, workbook, key: str) -> None:
        self.workbook = workbook  # a workbook.engine.Workbook
        self.key = key
        self._reads = _ReadOnce(workbook)

    def stamp(self) -> Hashable:
        """The Data table (one block read) and the rate cell, hashed."""
        from xlsegment.workbook.mapping.datatable import data_block

        self._reads = _ReadOnce(self.workbook)  # a new burst: read afresh
        try:
            _, _, block = data_block(self._reads)  # the block load() reads again, served once
        except Exception as error:  # noqa: BLE001 - WorkbookError, or COM trouble
            raise SourceError(f"{error}; run Refresh to create the Data table") from None
        return hash((tuple(map(tuple, block)), self.stated_rate()))

    def load(self) -> Note:
        from xlsegment.workbook.api import note_from_workbook

        try:
            return note_from_workbook(self._reads)
        except XlsegmentError as error:
            raise SourceError(str(error)) from None

    def stated_rate(self) -> Decimal | None:
        from xlsegment.workbook.sheets.settings import read_rate

        try:
            return read_rate(self._reads)
        except XlsegmentError:
            return None  # no or unusable rate in Settings: fall back to the note's own


class FileSource:
    """A saved workbook with a Data table, a tidy CSV, or a note's text."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path).resolve()
        self.key = str(self.path)
        self._book: WorkbookSource | None = None

    def stamp(self) -> Hashable:
        info = self.path.stat()
        return (info.st_mtime_ns, info.st_size)

    def _workbook(self) -> WorkbookSource:
        from xlsegment.workbook.api import reading_engine

        if self._book is None:
            self._book = WorkbookSource(reading_engine().open(self.path), self.key)
        return self._book

    def load(self) -> Note:
        suffix = self.path.suffix.casefold()
        if suffix in WORKBOOK_SUFFIXES:
            self._book = None  # the file changed: open it again
            return self._workbook().load()
        from xlsegment.readers import read

        return read(self.path)

    def stated_rate(self) -> Decimal | None:
        if self.path.suffix.casefold() not in WORKBOOK_SUFFIXES:
            return None
        return self._workbook().stated_rate()
