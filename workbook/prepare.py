"""Prepare mode: from line-level segment data, compute what the note must show.

A preparer has each segment's revenue and significant expenses and the reconciling items,
but no totals yet. For every table with two or more segment columns and no Total column
this module adds, as computed facts (``reported=False``) with the relations that define
them:

- a Total column: each line summed across the segments;
- in a profit-or-loss table, a "Segment profit (loss)" row: revenue less the significant
  expenses, per segment and in total (ASC 280-10-50-26B);
- after reconciling items, a "Net income (loss)" row: total segment profit plus the
  reconciling items (ASC 280-10-50-30(b));
- with a convenience currency and a rate, a translated column: ROUND(total / rate, 0).

The workbook writes these cells as formulas, not lookups. ``ties.py`` then names the
computed figures that must equal the consolidated amounts a user enters in Settings
(revenue, net income, total assets; ASC 280-10-50-30(a)-(c)).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from xlsegment import labels
from xlsegment.model import Column, Fact, Note, Relation, RelationKind, Role, Row, Source, Table
from xlsegment.translation import translate

SEGMENT_ROLES = (Role.SEGMENT, Role.CORPORATE, Role.ELIMINATION)
PROFIT_LABEL = "Segment profit (loss)"
NET_LABEL = "Net income (loss)"
RECON_SECTION = "Reconciliation of segment profit (loss) to net income (loss)"


@dataclass(frozen=True)
class Prepared:
    note: Note
    relations: tuple[Relation, ...]  # one per computed fact: how to compute it

    @property
    def computed(self) -> list[Fact]:
        return [r.total for r in self.relations]


def needs_preparing(table: Table) -> bool:
    """Two or more segment columns, and a line with segment figures but no total."""
    segs = [j for j, c in enumerate(table.columns) if c.role in SEGMENT_ROLES]
    totals = [j for j, c in enumerate(table.columns) if c.role == Role.TOTAL]
    if len(segs) < 2:
        return False
    return any(
        any((i, j) in table.cells for j in segs) and not any((i, t) in table.cells for t in totals)
        for i in range(len(table.rows))
    )


def prepare(note: Note, rate: Decimal | None = None) -> Prepared:
    """The note with its missing totals computed, and how each was computed."""
    tables, relations = [], []
    for table in note.tables:
        if needs_preparing(table):
            table, rels = _prepare_table(note, table, rate)
            relations += rels
        tables.append(table)
    return Prepared(replace(note, tables=tuple(tables)), tuple(relations))


def _computed(like: Fact, **changes) -> Fact:
    return like.replace(reported=False, source=Source(), **changes)


def _sign(row: Row, facts: list[Fact]) -> int:
    """Expenses shown as positive amounts are subtracted; signed amounts are added."""
    if labels.is_expense_label(row.label) and all(f.value >= 0 for f in facts):
        return -1
    return 1


def _prepare_table(note: Note, table: Table, rate):
    seg_cols = [j for j, c in enumerate(table.columns) if c.role in SEGMENT_ROLES]
    cells = dict(table.cells)
    rows, columns = list(table.rows), list(table.columns)
    period = next((f.period for f in cells.values()), "")
    currency = note.presentation_currency
    totals = [j for j, c in enumerate(columns) if c.role == Role.TOTAL]
    if totals:  # a Total column that holds only the reconciling items
        tcol = totals[0]
    else:  # a new Total column right after the last segment column
        tcol = max(seg_cols) + 1
        columns.insert(tcol, Column("Total", "Total", period, currency, Role.TOTAL))
        cells = {(i, j + (j >= tcol)): f for (i, j), f in cells.items()}
    relations: list[Relation] = []
    seg_rows = [i for i in range(len(rows)) if any((i, j) in cells for j in seg_cols)]
    other_rows = [i for i in range(len(rows)) if i not in seg_rows]
    for i in seg_rows:
        if (i, tcol) in cells:
            continue  # stated: the core checks it
        parts = [cells[(i, j)] for j in seg_cols if (i, j) in cells]
        total = _computed(parts[0], segment="Total", role=Role.TOTAL, value=sum((p.value for p in parts), 0))
        cells[(i, tcol)] = total
        relations.append(
            Relation(
                RelationKind.CROSSFOOT, table.id, total, tuple((1, p) for p in parts), "prepare: Total column"
            )
        )
    is_pl = any(
        rows[i].line_item.lower().startswith(("revenue", "net sales", "sales", "total revenue"))
        for i in seg_rows
    )
    if is_pl and seg_rows and not any("profit" in rows[i].label.lower() for i in range(len(rows))):
        cells, rows, relations = _add_profit(
            table, cells, rows, relations, seg_rows, other_rows, seg_cols + [tcol], tcol
        )
    has_conv = any(c.role == Role.CONVENIENCE for c in columns)
    if rate is not None and note.convenience_currency and not has_conv:
        _add_translation(note, table, cells, rows, columns, relations, tcol, period, rate)
    new = Table(
        table.index,
        table.name,
        table.title,
        tuple(rows),
        tuple(columns),
        cells,
        table.first_line,
        table.last_line,
    )
    return new, relations


def _add_translation(note, table, cells, rows, columns, relations, tcol, period, rate) -> None:
    """A convenience column translating the Total column: ROUND(total / rate, 0)."""
    cur = note.convenience_currency
    ccol = len(columns)
    columns.append(Column(cur, "Total", period, cur, Role.CONVENIENCE))
    for i in range(len(rows)):
        base = cells.get((i, tcol))
        if base is None:
            continue
        value = translate(base.value, rate)
        conv = _computed(base, currency=cur, role=Role.CONVENIENCE, value=value, decimals=0)
        cells[(i, ccol)] = conv
        relations.append(Relation(RelationKind.TIE, table.id, conv, ((1, base),), "prepare: translation"))


def _add_profit(table, cells, rows, relations, seg_rows, other_rows, value_cols, tcol):
    at = max(seg_rows) + 1
    line = f"{rows[max(seg_rows)].line}"
    shifted = {(i + (i >= at), j): f for (i, j), f in cells.items()}
    rows = rows[:at] + [Row(PROFIT_LABEL, PROFIT_LABEL, int(line), role=Role.SUBTOTAL)] + rows[at:]
    recon = [i + (i >= at) for i in other_rows if i >= at]
    for k in recon:
        if not rows[k].section:
            rows[k] = replace(rows[k], section=RECON_SECTION)
    cells = shifted
    profit_total = None
    for j in value_cols:
        parts = [(i, cells[(i, j)]) for i in seg_rows if (i, j) in cells]
        if not parts:
            continue
        signed = tuple((_sign(rows[i], [f for (ii, jj), f in cells.items() if ii == i]), f) for i, f in parts)
        value = sum((s * f.value for s, f in signed), 0)
        fact = _computed(parts[0][1], line_item=PROFIT_LABEL, label=PROFIT_LABEL, value=value)
        cells[(at, j)] = fact
        relations.append(
            Relation(RelationKind.FOOT, table.id, fact, signed, "prepare: revenue less significant expenses")
        )
        if j == tcol:
            profit_total = fact
    items = [cells[(k, tcol)] for k in recon if (k, tcol) in cells]
    if profit_total is not None and items:
        net_at = len(rows)
        rows.append(Row(NET_LABEL, NET_LABEL, rows[-1].line, section=rows[-1].section, role=Role.TOTAL))
        parts = ((1, profit_total), *((1, f) for f in items))
        net = _computed(
            profit_total, line_item=NET_LABEL, label=NET_LABEL, value=sum((f.value for _, f in parts), 0)
        )
        cells[(net_at, tcol)] = net
        relations.append(
            Relation(
                RelationKind.RECONCILIATION,
                table.id,
                net,
                parts,
                "prepare: segment profit plus reconciling items",
            )
        )
    return cells, rows, relations
