"""Reader and writer of tidy data: one fact per row, as a CSV file, a DataFrame or records.

The columns and their rules are docs/tidy-format.md; the rows become a note (and a note
becomes rows) in :mod:`xlsegment.readers.tidyrows`, which the workbook's Data table uses too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from xlsegment.errors import InputError
from xlsegment.model import Note
from xlsegment.readers import decoding
from xlsegment.readers.tidycells import CSV_COLUMNS, REQUIRED, column_name
from xlsegment.readers.tidyrows import note_from_records, note_records


class NoteReader:
    """A note already read (the Python API passes one through the pipeline)."""

    name = "note"

    def can_read(self, source, peek) -> bool:
        return isinstance(source, Note)

    def read(self, source, options) -> Note:
        return source if options.name is None else replace(source, source=options.name)


class FrameReader:
    """Tidy facts in memory: a pandas DataFrame, or a list of records (dicts)."""

    name = "tidy data"

    def can_read(self, source, peek) -> bool:
        if peek is not None:
            return False
        frame = hasattr(source, "to_dict") and hasattr(source, "columns")
        return frame or (isinstance(source, list | tuple) and all(isinstance(r, dict) for r in source))

    def read(self, source, options) -> Note:
        return read_tidy(source, options.name)


class TidyCsvReader:
    """A tidy CSV: one fact per row, with the REQUIRED columns in its header."""

    name = "tidy CSV"

    def can_read(self, source, peek) -> bool:
        if peek is None or peek.is_zip:
            return False
        if peek.suffix == ".csv":
            return True
        first = peek.text_head().splitlines()[:1]
        header = {h.strip().strip('"').lower() for h in first[0].split(",")} if first else set()
        return set(REQUIRED) <= header

    def read(self, source, options) -> Note:
        return read_tidy(source, options.name)


def read_tidy(source, name: str | None = None) -> Note:
    """Read tidy facts from a CSV path, a DataFrame or an iterable of dicts.

    Lines are counted as in the CSV file: the header is line 1, so a DataFrame's or a
    list's first row is line 2 in messages."""
    if isinstance(source, str | Path):
        path = Path(source)
        header, records = _csv_rows(path)
        return note_from_records(records, header, name or str(path))
    if hasattr(source, "to_dict") and hasattr(source, "columns"):
        header = [column_name(c) for c in source.columns]
        rows = source.to_dict("records")
    else:
        rows = list(source)
        header = list(dict.fromkeys(column_name(k) for rec in rows for k in rec))
    records = [(i + 2, {column_name(k): v for k, v in rec.items()}) for i, rec in enumerate(rows)]
    default = "<DataFrame>" if hasattr(source, "columns") else "<records>"
    return note_from_records(records, header, name or default)


def _csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and (line, row) pairs of a CSV file; blank lines are skipped."""
    data = decoding.read_bytes(path)  # refused by its size before it is read
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(str(path), line, "not UTF-8; save it as 'CSV UTF-8 (comma delimited)'") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [column_name(h) for h in next(reader, [])]
        records, start = [], reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                records.append((start, _record(header, row, path, start)))
            start = reader.line_num + 1
    except csv.Error as e:
        raise InputError(str(path), reader.line_num, f"not a readable CSV ({e})") from None
    return header, records


def _record(header: list[str], row: list[str], path: Path, line: int) -> dict:
    extra = [cell for cell in row[len(header) :] if cell.strip()]
    if extra:
        raise InputError(str(path), line, f"{len(row)} cells but the header names {len(header)} columns")
    return dict(zip(header, row, strict=False))


def write_tidy_csv(note: Note, stream: TextIO) -> int:
    """Write ``note`` as a tidy CSV with every column of the format; returns the rows written.

    ``stream`` is a text stream opened with ``newline=""``; reading the CSV back gives the
    same tables, unit, currencies, rate and reader findings."""
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = note_records(note, CSV_COLUMNS)
    writer.writerows({k: "" if v is None else v for k, v in rec.items()} for rec in rows)
    return len(rows)
