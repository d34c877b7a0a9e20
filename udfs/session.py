"""Which workbook the UDFs answer for, and the cache of its index.

In Excel the answer is the calling workbook (``xw.Book.caller()``). Python callers, tests
and the benchmark pin a source with :func:`use` instead, much as xlwings'
``Book.set_mock_caller`` does for macros.
"""

from __future__ import annotations

import os

from xlsegment.model import Note

from .cache import IndexCache, Source
from .sources import FileSource, NoteSource, WorkbookSource

CACHE = IndexCache()
_pinned: Source | None = None


def use(what: Note | str | os.PathLike | Source | None) -> Source | None:
    """Answer every UDF from ``what`` (a Note, a file path or a source); None unpins."""
    global _pinned
    if what is None or hasattr(what, "load"):
        _pinned = what
    elif isinstance(what, Note):
        _pinned = NoteSource(what)
    else:
        _pinned = FileSource(what)
    return _pinned


def caller_source() -> Source:
    """The workbook that called the UDF, read through the xlwings engine."""
    import xlwings as xw

    from xlsegment.workbook.engines.xlwings_engine import XlwingsWorkbook

    book = xw.Book.caller()
    return WorkbookSource(XlwingsWorkbook(book), key=book.fullname)


def current(data: object = None) -> Source:
    """The source a function answers from: the data it was given (SEGDATA's handle in
    xlwings Lite, or the Data table's values), else the pinned source, else the caller."""
    if hasattr(data, "load"):
        return data
    if isinstance(data, list | tuple):
        return ranges_source(data)
    # None, or the text classic SEGDATA shows: the calling workbook holds that data.
    return _pinned if _pinned is not None else caller_source()


_RANGES: dict[str, Source] = {}
MAX_RANGES = 4  # data versions kept: each edit of the Data table is a new one


def ranges_source(data: object, settings: object = None, checks: object = None) -> Source:
    """The source of the ranges given (``udfs.ranges``), one per distinct content: the
    oldest is forgotten, with its index, once ``MAX_RANGES`` are kept."""
    from .ranges import RangesSource, digest_of

    key = digest_of(data, settings, checks)
    if key not in _RANGES:
        while len(_RANGES) >= MAX_RANGES:
            CACHE.drop(_RANGES.pop(next(iter(_RANGES))).key)
        _RANGES[key] = RangesSource(data, settings, checks, digest=key)  # hashed once
    return _RANGES[key]


def drop(key: str | None = None) -> None:
    """Forget a workbook's cached index (Refresh calls this), or every index."""
    CACHE.drop(key)
