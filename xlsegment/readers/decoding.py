"""Note text from a file's bytes: UTF-8, or UTF-16/32 with a byte-order mark, else the
Windows code page (cp1252) or Latin-1 with a warning that names it.

Text copied out of a filing on Windows is often saved as cp1252; refusing it as "not UTF-8"
only sends the user to a text editor. Reading it is safe because the warning says how it
was read, so a wrong "€" or "–" is noticed. Bytes that no encoding reads are refused with
their line and byte offset.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from xlsegment import limits
from xlsegment.errors import InputError
from xlsegment.model import Finding, Severity

# Longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused unread when it is larger than a note can be."""
    try:
        with open(path, "rb") as fh:
            limits.note_size(str(path), os.fstat(fh.fileno()).st_size)
            data = fh.read(limits.NOTE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(str(path), None, "file not found") from None
    except IsADirectoryError:
        raise InputError(str(path), None, "is a folder, not a note file") from None
    except OSError as e:
        raise InputError(str(path), None, e.strerror or "cannot read") from None
    limits.note_size(str(path), len(data))  # grew while we read it
    return data


def decode(data: bytes, name: str) -> tuple[str, Finding | None]:
    """The text, and a warning finding when it was not UTF-8 (or marked as UTF-16/32)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as e:
                raise _refusal(data, e, name, codec.upper().replace("-SIG", "")) from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        utf8_error = e
    first = utf8_error.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # Point at the first byte that is not UTF-8: the text is most likely UTF-8 with a
        # stray byte, and cp1252 fails only later, on a byte of a valid UTF-8 character.
        raise _refusal(data, utf8_error, name, "UTF-8, UTF-16 or cp1252") from None
    # Latin-1 and cp1252 agree from 0xA0 up; only bytes 0x80-0x9F tell them apart.
    codepage = any(0x80 <= b <= 0x9F for b in data)
    encoding = "cp1252 (Windows-1252)" if codepage else "Latin-1 (ISO-8859-1)"
    line = data.count(b"\n", 0, first) + 1
    shown = data[first : first + 1].decode("cp1252")
    warning = Finding(
        "seg.encoding",
        Severity.WARNING,
        f"the note is not UTF-8; read as {encoding} (first such character {shown!r} on line {line}): "
        "check that symbols such as € and – read right",
        source_line=line,
    )
    return text, warning


def _refusal(data: bytes, error: UnicodeDecodeError, name: str, tried: str) -> InputError:
    offset = error.start
    line = data.count(b"\n", 0, offset) + 1
    byte = data[offset : offset + 1].hex()
    return InputError(name, line, f"not text in {tried} (byte 0x{byte} at byte offset {offset})")


def text_or_none(path: Path) -> str | None:
    """The file's text, where it is text; None where it is not (the filing-text reader,
    asked last, then refuses it with its reason)."""
    try:
        return decode(read_bytes(path), str(path))[0]
    except InputError:
        return None
