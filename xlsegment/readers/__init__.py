"""One registry of readers: each says whether it can read a source, and reads it into a note.

A source is a path, or something already in memory (a Note, a DataFrame of tidy facts, a
list of records). The registry asks its readers in order and the first that can read the
source reads it; a new reader is one module and one line in ``READERS``. Layers above the
core add their own readers with :func:`register` (the workbook layer registers the reader
of a filled workbook's Data table).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from xlsegment import limits
from xlsegment.errors import NOT_A_WORKBOOK, InputError
from xlsegment.model import Note


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a user may say about how to read a source (the CLI's reading options)."""

    note: str | None = None  # heading text that opens the segment note in a whole filing
    tables: tuple[int, ...] = ()  # the document's tables to read (1-based), instead of searching
    name: str | None = None  # the name the note is reported under, else the file's


@dataclass(frozen=True, slots=True)
class Peek:
    """A first look at a file on disk: its path, lower-case suffix and first bytes."""

    path: Path
    suffix: str
    head: bytes

    @property
    def is_zip(self) -> bool:
        return self.head.startswith(b"PK\x03\x04")

    def text_head(self) -> str:
        """The first bytes as text, whatever the encoding, for sniffing only."""
        for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if self.head.startswith(bom):
                return self.head[len(bom) :].decode(codec, "ignore")
        return self.head.decode("utf-8", "ignore").lstrip("\ufeff")


class Reader(Protocol):
    """A reader of one kind of source."""

    name: str  # what it reads, for messages: "filing text", "tidy CSV", ...
    # A reader of whole filings also sets ``picks_tables = True``: it honours --note,
    # --tables and --list-tables, which the command line refuses for other readers.

    def can_read(self, source: object, peek: Peek | None) -> bool:
        """Whether this reader reads ``source``; ``peek`` is set when it is a file."""

    def read(self, source: object, options: ReadOptions) -> Note:
        """The note; raises :class:`InputError` naming file and line when it cannot."""


HEAD_BYTES = 4096  # how much of a file the readers look at to choose a reader


def peek(path: Path) -> Peek:
    """Look at a path before any reader does: it must be a regular, readable file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(str(path), None, "file not found") from None
    except OSError as e:
        raise InputError(str(path), None, e.strerror or "cannot read") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(str(path), None, "is a folder, not a note file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device would block or never end; only regular files are read.
        raise InputError(str(path), None, "is not a regular file (a pipe, socket or device)")
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as e:
        raise InputError(str(path), None, e.strerror or "cannot read") from None
    found = Peek(path, path.suffix.lower(), head)
    limits.file_size(str(path), info.st_size, found.is_zip)  # refused by its size, never read whole
    return found


def _readers() -> list[Reader]:
    from xlsegment.readers.aligned import AlignedTextReader
    from xlsegment.readers.delimited import DelimitedTextReader
    from xlsegment.readers.html import FixedWidthTextReader, HtmlReader
    from xlsegment.readers.instance import InstanceReader
    from xlsegment.readers.text import TextReader
    from xlsegment.readers.tidy import FrameReader, NoteReader, TidyCsvReader

    return [
        NoteReader(),
        FrameReader(),
        TidyCsvReader(),
        InstanceReader(),
        HtmlReader(),
        FixedWidthTextReader(),
        DelimitedTextReader(),  # tab-separated rows, Markdown pipe tables
        AlignedTextReader(),  # tables aligned by spaces (pdftotext -layout)
        TextReader(),  # last: any text file is read as filing text
    ]


_REGISTRY: list[Reader] = []


def readers() -> list[Reader]:
    """The readers in the order they are asked."""
    if not _REGISTRY:
        _REGISTRY.extend(_readers())
    return list(_REGISTRY)


def register(reader: Reader) -> None:
    """Add a reader of another layer; it is asked before the filing-text reader, which
    takes any text. Registering a reader of the same name again replaces it."""
    current = readers()
    kept = [r for r in current if r.name != reader.name]
    _REGISTRY[:] = [*kept[:-1], reader, kept[-1]]


@dataclass(frozen=True)
class Refusal:
    """A kind of file no reader reads, told by its first bytes or name, and what to do."""

    kind: str
    matches: Callable[[Peek], bool]
    message: str


# Asked before the readers, so that a file of a known other kind gets one clear line
# rather than the text reader's complaint about its bytes.
REFUSALS = (
    Refusal("PDF", lambda p: p.head.startswith(b"%PDF-"),
            "PDF is not read; extract its text (e.g. `pdftotext -layout`) or give the filing's HTML"),
    Refusal("broken workbook", lambda p: p.suffix in (".xlsx", ".xlsm") and not p.is_zip,
            NOT_A_WORKBOOK),
    Refusal("legacy workbook", lambda p: p.head.startswith(b"\xd0\xcf\x11\xe0"),
            "an Excel 97-2003 (.xls) or other OLE file is not read; save it as .xlsx"),
    Refusal("Word document", lambda p: p.is_zip and p.suffix in (".docx", ".docm"),
            "a Word document is not read; save the note as text, one cell per line, or give the HTML"),
)  # fmt: skip


def reader_for(source: object) -> tuple[Reader, Peek | None]:
    from xlsegment.readers.fsds import FsdsReader, is_fsds_folder

    if isinstance(source, str | os.PathLike) and is_fsds_folder(Path(source)):
        return FsdsReader(), None  # a folder of the SEC's data sets, not one file
    look = peek(Path(source)) if isinstance(source, str | os.PathLike) else None
    if look is not None:
        refused = next((r for r in REFUSALS if r.matches(look)), None)
        if refused is not None:
            raise InputError(str(source), None, refused.message)
    for reader in readers():
        if reader.can_read(source, look):
            return reader, look
    name = str(source) if look is not None else type(source).__name__
    known = ", ".join(r.name for r in readers())
    raise InputError(name, None, f"no reader for this source (readers: {known})")


def read(source: object, options: ReadOptions | None = None) -> Note:
    """Read ``source`` with the first reader that can."""
    reader, _ = reader_for(source)
    return reader.read(source, options or ReadOptions())
