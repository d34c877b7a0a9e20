"""Reader for tidy data: one fact per row (CSV file, pandas DataFrame, or records).

Columns: table, period, line, segment, currency, value; optional decimals, role, reported,
label, source_line, sheet, cell. Facts are laid out again as tables (one per table and
period, line items down, segments across) so the same relation search applies.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from xlsegment.errors import InputError
from xlsegment.model import Column, Fact, Note, Origin, Role, Row, Source, Table

REQUIRED = ("table", "period", "line", "segment", "currency", "value")


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
    """Read tidy facts from a CSV path, a DataFrame or an iterable of dicts."""
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            with path.open(newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                records = [(i + 2, rec) for i, rec in enumerate(reader)]
                header = reader.fieldnames or []
        except FileNotFoundError:
            raise InputError(str(path), None, "file not found") from None
        except (UnicodeDecodeError, csv.Error) as e:
            raise InputError(str(path), None, f"not a readable CSV ({e})") from None
        return from_records(records, header, name or str(path))
    if hasattr(source, "to_dict") and hasattr(source, "columns"):
        header = [str(c) for c in source.columns]
        records = [(i + 2, rec) for i, rec in enumerate(source.to_dict("records"))]
        return from_records(records, header, name or "<DataFrame>")
    records = [(i + 1, rec) for i, rec in enumerate(source)]
    header = list(records[0][1]) if records else []
    return from_records(records, header, name or "<records>")


def from_records(records, header, name: str) -> Note:
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(name, 1, f"missing column(s) {', '.join(missing)}")
    if not records:
        raise InputError(name, 2, "no facts")
    facts = [_fact(rec, line, name) for line, rec in records]
    currencies = Counter(f.currency for f in facts if f.role != Role.CONVENIENCE)
    presentation = currencies.most_common(1)[0][0] if currencies else ""
    others = sorted({f.currency for f in facts} - {presentation})
    tables = _layout(facts, presentation)
    return Note(
        source=name,
        tables=tuple(tables),
        presentation_currency=presentation,
        unit="units",
        convenience_currency=others[0] if others else None,
        origin=Origin.DATA,
    )


def _text(rec, key, default=""):
    v = rec.get(key, default)
    if v is None or (isinstance(v, float) and v != v):  # NaN from pandas
        return default
    return str(v).strip()


def _fact(rec: dict, line: int, name: str) -> Fact:
    raw = rec.get("value")
    try:
        if isinstance(raw, int):
            value, decimals = raw, 0
        else:
            text = _text(rec, "value").replace(",", "")
            if text in ("", "—", "-"):
                value, decimals = 0, 0
            else:
                d = Decimal(str(raw) if isinstance(raw, float) else text)
                if not d.is_finite():
                    raise InvalidOperation
                decimals = max(0, -d.as_tuple().exponent)
                value = int(d) if decimals == 0 else d
    except (InvalidOperation, ValueError):
        raise InputError(name, line, f"value {raw!r} is not a number") from None
    if _text(rec, "decimals"):
        try:
            decimals = int(float(_text(rec, "decimals")))
        except ValueError:
            raise InputError(name, line, f"decimals {rec['decimals']!r} is not a whole number") from None
    for key in ("table", "line", "segment"):
        if not _text(rec, key):
            raise InputError(name, line, f"empty '{key}'")
    role_text = _text(rec, "role") or ("total" if _text(rec, "segment") == "Total" else "segment")
    try:
        role = Role(role_text)
    except ValueError:
        raise InputError(name, line, f"unknown role {role_text!r}") from None
    src_line = _text(rec, "source_line")
    source = Source(
        file=name,
        line=int(float(src_line)) if src_line else line,
        sheet=_text(rec, "sheet") or None,
        cell=_text(rec, "cell") or None,
    )
    reported = _text(rec, "reported", "True").lower() not in ("false", "0", "no")
    return Fact(
        table=_text(rec, "table"),
        period=_period(_text(rec, "period")),
        line_item=_text(rec, "line"),
        segment=_text(rec, "segment"),
        currency=_text(rec, "currency"),
        value=value,
        decimals=decimals,
        source=source,
        reported=reported,
        label=_text(rec, "label") or _text(rec, "line"),
        role=role,
    )


def _period(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def _layout(facts: list[Fact], presentation: str) -> list[Table]:
    """One table per (table, period): line items down, (segment, currency) across."""
    groups: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        groups.setdefault((f.table, f.period), []).append(f)
    tables = []
    for (name, period), group in groups.items():
        lines = list(dict.fromkeys(f.line_item for f in group))
        cols = list(dict.fromkeys((f.segment, f.currency, f.role) for f in group))
        # Segments first, then totals, then translated columns, as filings lay them out.
        order = {Role.SEGMENT: 0, Role.CORPORATE: 1, Role.ELIMINATION: 2, Role.SUBTOTAL: 3}
        cols.sort(key=lambda c: (c[1] != presentation, order.get(c[2], 4)))
        seen_cols = list(dict.fromkeys((s, c) for s, c, _ in cols))
        role_of = {(s, c): r for s, c, r in cols}
        columns = tuple(
            Column(
                s,
                s,
                period,
                c,
                Role.CONVENIENCE if c != presentation else role_of[(s, c)],
            )
            for s, c in seen_cols
        )
        col_index = {(c.segment, c.currency): i for i, c in enumerate(columns)}
        line_index = {li: i for i, li in enumerate(lines)}
        first = {}
        for f in group:
            first.setdefault(f.line_item, f)
        rows = tuple(Row(label=li, line_item=li, line=first[li].source.line or 0) for li in lines)
        cells = {(line_index[f.line_item], col_index[(f.segment, f.currency)]): f for f in group}
        lines_ = [f.source.line or 0 for f in group]
        tables.append(
            Table(
                len(tables), name, f"{name} {period}".strip(), rows, columns, cells, min(lines_), max(lines_)
            )
        )
    return tables
