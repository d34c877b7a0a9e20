"""The Data table <-> Note: tidy facts plus the layout of the note they came from.

The first columns are the tidy facts every reader understands. The ``layout_*`` columns
record where each fact sat in its filing table (table number, row, column, row label,
section heading, roles), so a refresh rebuilds exactly the tables the fill drew and the
core finds exactly the same relations. Rows without layout (facts a user typed or pasted)
make the whole table fall back to the core's tidy reader, which lays facts out afresh.
"""

from __future__ import annotations

from decimal import Decimal

from xlsegment.model import (
    Column,
    Fact,
    FactId,
    Finding,
    Note,
    Role,
    Row,
    Severity,
    Source,
    Table,
    tidy_records,
)
from xlsegment.workbook import contract as c

LAYOUT_COLUMNS = c.LAYOUT_COLUMNS
ALL_COLUMNS = c.DATA_COLUMNS + LAYOUT_COLUMNS


def stated_positions(note: Note, skip=frozenset()) -> dict[FactId, tuple[int, int, int]]:
    """Where each stated fact sits in the Data table's layout columns (1-based table, row
    and column), numbered densely over the stated facts: rows and columns that hold only
    computed figures (prepare mode) are left out, so a refresh rebuilds the same tables."""
    out: dict[FactId, tuple[int, int, int]] = {}
    for t_idx, table in enumerate(note.tables):
        stated = [(i, j) for i, j in table.cells if FactId(t_idx, i, j) not in skip]
        rows = {i: n for n, i in enumerate(sorted({i for i, _ in stated}), start=1)}
        cols = {j: n for n, j in enumerate(sorted({j for _, j in stated}), start=1)}
        for i, j in stated:
            out[FactId(t_idx, i, j)] = (t_idx + 1, rows[i], cols[j])
    return out


def note_rows(note: Note, skip=frozenset()) -> list[list[object]]:
    """One row per stated fact (``skip``: the computed ones), in table, row, column order."""
    positions = stated_positions(note, skip)
    out = []
    for t_idx, table in enumerate(note.tables):
        for (i, j), fact in sorted(table.cells.items()):
            at = FactId(t_idx, i, j)
            if at in skip:
                continue
            rec = tidy_records([fact])[0]
            row, col = table.rows[i], table.columns[j]
            tidy = [None if rec.get(k) == "" else rec.get(k) for k in c.DATA_COLUMNS]
            layout = [
                *positions[at],
                row.label,
                row.line or None,
                row.section or None,
                row.block or None,
                str(row.role),
                row.period,
                row.segment,
                col.label,
                col.segment or None,
                col.currency or None,
                col.period or None,
                str(col.role),
            ]
            out.append(tidy + layout)
    return out


def _text(v) -> str:
    if v is None or (isinstance(v, float) and v != v):  # None, or NaN from pandas
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _int(v) -> int | None:
    if v is None or v == "":
        return None
    try:
        return int(Decimal(str(v)))
    except (ArithmeticError, ValueError):
        return None


def _bool(v) -> bool:
    return _text(v).strip().lower() not in ("false", "0", "no")


def _position(rec) -> tuple[int, int, int] | None:
    pos = tuple(_int(rec.get(k)) for k in LAYOUT_COLUMNS[:3])
    return None if any(p is None or p < 1 for p in pos) else tuple(p - 1 for p in pos)


def has_layout(frame) -> bool:
    """True when at least one row says where it sat (a filled workbook's Data table)."""
    if frame.empty or any(col not in frame.columns for col in LAYOUT_COLUMNS[:3]):
        return False
    return any(_position(rec) is not None for rec in frame.to_dict("records"))


def _place_new_rows(records) -> list[tuple[dict, tuple[int, int, int]]]:
    """Positions for every record: its layout, or, for a row a user added, the table of
    the same name and period (a new one at the end if none), the row of the same line
    item (appended if new) and the column of the same segment and currency (appended)."""
    placed, pending = [], []
    tables: dict[int, dict] = {}
    for rec in records:
        pos = _position(rec)
        if pos is None:
            pending.append(rec)
            continue
        placed.append((rec, pos))
        t, i, j = pos
        meta = tables.setdefault(t, {"name": _text(rec["table"]), "periods": set(), "rows": {}, "cols": {}})
        meta["periods"].add(_text(rec["period"]))
        meta["rows"].setdefault((_text(rec["line"]), _text(rec.get("layout_row_period"))), i)
        meta["cols"].setdefault((_text(rec["segment"]), _text(rec["currency"])), j)
    for rec in pending:
        name, period = _text(rec["table"]), _text(rec["period"])
        t = next(
            (k for k, m in sorted(tables.items()) if m["name"] == name and period in m["periods"]),
            None,
        )
        if t is None:
            t = max(tables, default=-1) + 1
            tables[t] = {"name": name, "periods": {period}, "rows": {}, "cols": {}}
        meta = tables[t]
        row_period = period if any(p for _, p in meta["rows"]) else ""
        i = meta["rows"].setdefault(
            (_text(rec["line"]), row_period), max(meta["rows"].values(), default=-1) + 1
        )
        j = meta["cols"].setdefault(
            (_text(rec["segment"]), _text(rec["currency"])),
            max(meta["cols"].values(), default=-1) + 1,
        )
        placed.append((rec, (t, i, j)))
    return placed


def note_from_frame(frame, settings: dict[str, object], name: str) -> Note | None:
    """Rebuild the note's tables from a Data frame with layout, or None without layout."""
    if not has_layout(frame):
        return None
    tables: dict[int, dict] = {}
    duplicates: list[Finding] = []
    for rec, (t, i, j) in _place_new_rows(frame.to_dict("records")):
        fact = _fact(rec, name)
        tab = tables.setdefault(t, {"name": fact.table, "rows": {}, "cols": {}, "cells": {}})
        tab["rows"].setdefault(i, _row(rec, fact))
        tab["cols"].setdefault(j, _column(rec, fact))
        first = tab["cells"].get((i, j))
        if first is not None:
            # The schedule's SUMIFS adds both rows; say so instead of silently keeping one.
            duplicates.append(_duplicate(first, fact))
            continue
        tab["cells"][(i, j)] = fact
    built = [_table(n, tables[t]) for n, t in enumerate(sorted(tables))]
    currency = _text(settings.get("xls_Currency")) or _most_common_currency(built)
    return Note(
        source=name,
        tables=tuple(built),
        presentation_currency=currency,
        unit=_text(settings.get("xls_Unit")) or "units",
        convenience_currency=_text(settings.get("xls_ConvCurrency")) or None,
        rate_note=_text(settings.get("xls_FxNote")) or None,
        findings=tuple(duplicates),
    )


def _duplicate(first: Fact, again: Fact) -> Finding:
    where = f"{again.line_item} / {again.segment} {again.period} {again.currency}"
    return Finding(
        "seg.duplicate",
        Severity.ERROR,
        f"the Data table states {where} twice ({first.value} and {again.value}); the schedule "
        "adds both rows, so remove one",
        table=again.table,
        period=again.period,
        line_item=again.line_item,
        segment=again.segment,
        source_line=again.source.line,
        actual=again.value,
        sheet="Data",
    )


def _fact(rec: dict, name: str) -> Fact:
    return Fact(
        table=_text(rec["table"]),
        period=_text(rec["period"]),
        line_item=_text(rec["line"]),
        segment=_text(rec["segment"]),
        currency=_text(rec["currency"]),
        value=rec["value"],
        decimals=_decimals(rec),
        source=Source(file=name, line=_int(rec.get("source_line"))),
        reported=_bool(rec.get("reported", True)),
        label=_text(rec.get("label")) or _text(rec["line"]),
        role=_role(rec.get("role"), Role.SEGMENT),
    )


def _decimals(rec: dict) -> int:
    """The stated precision, else what the value shows (1,028.4 has one decimal)."""
    stated = _int(rec.get("decimals"))
    if stated is not None:
        return stated
    value = rec["value"]
    return max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0


def _row(rec: dict, fact: Fact) -> Row:
    return Row(
        label=_text(rec.get("layout_row_label")) or fact.line_item,
        line_item=fact.line_item,
        line=_int(rec.get("layout_row_line")) or fact.source.line or 0,
        section=_text(rec.get("layout_section")),
        block=_text(rec.get("layout_block")),
        period=_text(rec.get("layout_row_period")) or None,
        segment=_text(rec.get("layout_row_segment")) or None,
        role=_role(rec.get("layout_row_role"), Role.SEGMENT),
    )


def _column(rec: dict, fact: Fact) -> Column:
    if _position(rec) is None:  # a row a user added: the column is what the fact says
        return Column(fact.segment, fact.segment, fact.period, fact.currency, fact.role)
    return Column(
        label=_text(rec.get("layout_col_label")) or fact.segment,
        segment=_col_text(rec, "layout_col_segment", fact.segment),
        period=_text(rec.get("layout_col_period")),
        currency=_col_text(rec, "layout_col_currency", fact.currency),
        role=_role(rec.get("layout_col_role"), fact.role),
    )


def _table(index: int, tab: dict) -> Table:
    """Renumber rows and columns densely, in their recorded order."""
    rows_idx, cols_idx = sorted(tab["rows"]), sorted(tab["cols"])
    rmap = {old: new for new, old in enumerate(rows_idx)}
    cmap = {old: new for new, old in enumerate(cols_idx)}
    cells = {(rmap[i], cmap[j]): f for (i, j), f in tab["cells"].items()}
    lines = [f.source.line for f in cells.values() if f.source.line]
    return Table(
        index,
        tab["name"],
        tab["name"],
        tuple(tab["rows"][i] for i in rows_idx),
        tuple(tab["cols"][j] for j in cols_idx),
        cells,
        min(lines, default=0),
        max(lines, default=0),
    )


def _col_text(rec, key: str, default: str) -> str:
    """A layout text that may legitimately be empty: blank only when the column exists."""
    if key not in rec:
        return default
    return _text(rec.get(key))


def _role(value, default: Role) -> Role:
    try:
        return Role(_text(value)) if _text(value) else default
    except ValueError:
        return default


def _most_common_currency(tables) -> str:
    from collections import Counter

    counts = Counter(f.currency for t in tables for f in t.cells.values())
    return counts.most_common(1)[0][0] if counts else ""
