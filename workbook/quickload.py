"""Refresh in place from the Data table, with openpyxl spared the Data sheet's cells.

A refresh in place writes only Schedules and Checks anew and keeps every other part of the
package byte for byte (splice.py); openpyxl's save already leaves the other sheets' cells
out. So where the Data table itself is the source, the note is read through the package
reader (python-calamine, as ``check`` reads it) and openpyxl loads the package with the
Data sheet's ``sheetData`` emptied: building a styled cell object for each of a big Data
table's half a million cells was most of a refresh. Everything else on that sheet (its
table, page setup, names) loads as before.

``prepared`` returns None wherever this does not apply (no calamine, a data source named
in Settings rewrites the Data table, a sheet part it does not read plainly, anything the
reader refuses), and refresh loads the whole package as before, so every message is the
one it gave before.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from xlsegment.errors import XlsegmentError
from xlsegment.model import Note
from xlsegment.workbook import partscan as ps

# The sheetData start tag under any prefix; the cells are what lies up to its end tag.
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b[^>]*>")


def prepared(path: Path, data: bytes, name: str) -> tuple[Note, bytes] | None:
    """The note the Data table states, and the package for openpyxl without the Data
    sheet's cells; None where refresh must load the whole package (see the docstring)."""
    from xlsegment.workbook.api import _package_reader, note_from_workbook
    from xlsegment.workbook.sheets.roles import resolve
    from xlsegment.workbook.sheets.settings import data_source

    engine = _package_reader()
    if engine is None:
        return None
    try:
        reader = engine.open(path, data)
        if data_source(reader, path.parent) is not None:
            return None  # the source rewrites the Data table: openpyxl must hold it whole
        stripped = without_cells(data, reader.sheet_part(resolve(reader).data))
        if stripped is None:
            return None
        return note_from_workbook(reader, name), stripped
    except (XlsegmentError, KeyError, *ps.DAMAGED_PART):
        # the whole load says what is wrong (a damaged or missing part, naming it), as it did
        return None


def without_cells(data: bytes, part: str) -> bytes | None:
    """The package with ``part``'s cells left out, every part stored uncompressed (openpyxl
    reads it at once); None unless the part's cells are one plain ``sheetData`` element
    (no comment or CDATA in it, whose text could hold its end tag)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(part)
        start = _SHEET_DATA.search(xml)
        if start is None or start.group(0).endswith(b"/>"):
            return None
        end_tag = b"</" + start.group(1) + b"sheetData>"
        end = xml.find(end_tag, start.end())
        if end < 0 or xml.count(end_tag) != 1 or xml.find(b"<!", start.end(), end) >= 0:
            return None
        if not _cells_as_openpyxl_reads_them(xml[start.end() : end]):
            return None  # the whole load refuses the damaged cell, naming the sheet
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as new:
            for info in archive.infolist():
                body = xml[: start.end()] + xml[end:] if info.filename == part else archive.read(info)
                new.writestr(zipfile.ZipInfo(info.filename, info.date_time), body)
    return out.getvalue()


# What openpyxl's cell parser turns into numbers and would fail on where a byte is damaged:
# a style index, a cell type, a coordinate, a shared-string index. Each pattern finds only
# a damaged value, so a sound sheet is scanned once per pattern at the regex engine's pace.
_DAMAGED = (
    re.compile(rb'\ss="(?!\d+")'),
    re.compile(rb'\st="(?!(?:s|n|str|inlineStr|b|e|d|shared|array|normal|dataTable)")'),
    re.compile(rb'\sr="(?!(?:\$?[A-Z]{1,3}\$?)?[1-9]\d{0,6}")'),
    re.compile(rb'\st="s"[^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?v>(?!\s*\d+\s*<)'),
)


def _cells_as_openpyxl_reads_them(cells: bytes) -> bool:
    """Every number openpyxl reads from the cells' markup is one: the quick path never
    keeps a Data sheet the whole load would refuse, so a refreshed workbook always loads."""
    return not any(p.search(cells) for p in _DAMAGED)
