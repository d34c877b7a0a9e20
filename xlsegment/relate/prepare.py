"""Prepare mode: relations whose total is to be computed, for line-level data.

A preparer has each segment's revenue and significant expenses and the reconciling items,
but no totals yet. For every table of data with two or more segment columns and a line
without a total, this rule adds computed facts (``reported=False``) and the relations
that define them (evidence COMPUTED):

- a Total column: each line summed across the segments (ASC 280-10-50-30);
- in a profit-or-loss table without a profit line, a "Segment profit (loss)" row: revenue
  less the significant expenses, per segment and in total (ASC 280-10-50-26B);
- after reconciling items, a "Net income (loss)" row: total segment profit plus the
  reconciling items (ASC 280-10-50-30(b)).

Filings state their totals, so this rule applies to notes read from data only
(``Note.origin``). Where the sign of a line cannot be told from its label and its data,
a warning names the line and says how it was taken; nothing is guessed silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from xlsegment.model import (
    Column,
    Evidence,
    Fact,
    FactId,
    Finding,
    Relation,
    Role,
    Row,
    Severity,
    Source,
    Table,
)
from xlsegment.relate.rules import RULES
from xlsegment.vocabulary import LineKind, classify

SEGMENT_ROLES = (Role.SEGMENT, Role.CORPORATE, Role.ELIMINATION)
PROFIT_LABEL = "Segment profit (loss)"
NET_LABEL = "Net income (loss)"
RECON_SECTION = "Reconciliation of segment profit (loss) to net income (loss)"
_PROFIT_KINDS = (LineKind.SEGMENT_PROFIT, LineKind.PRETAX_INCOME, LineKind.NET_INCOME)


@dataclass
class Prepared:
    table: Table
    relations: list[Relation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


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


def prepare_table(table: Table, currency: str) -> Prepared:
    """The table with its missing totals computed, and how each is computed."""
    seg_cols = [j for j, c in enumerate(table.columns) if c.role in SEGMENT_ROLES]
    cells = dict(table.cells)
    rows, columns = list(table.rows), list(table.columns)
    period = next((f.period for f in cells.values()), "")
    totals = [j for j, c in enumerate(columns) if c.role == Role.TOTAL]
    if totals:  # a Total column that holds only the reconciling items
        tcol = totals[0]
    else:  # a new Total column right after the last segment column
        tcol = max(seg_cols) + 1
        columns.insert(tcol, Column("Total", "Total", period, currency, Role.TOTAL))
        cells = {(i, j + (j >= tcol)): f for (i, j), f in cells.items()}
    out = Prepared(table)
    seg_rows = [i for i in range(len(rows)) if any((i, j) in cells for j in seg_cols)]
    other_rows = [i for i in range(len(rows)) if i not in seg_rows]
    pending: list[tuple[str, tuple[int, int], tuple[tuple[int, tuple[int, int]], ...]]] = []
    for i in seg_rows:
        if (i, tcol) not in cells:
            parts = tuple((1, (i, j)) for j in seg_cols if (i, j) in cells)
            cells[(i, tcol)] = _computed(cells[parts[0][1]], segment="Total", role=Role.TOTAL)
            pending.append(("prepare: total column", (i, tcol), parts))
    # A profit-or-loss table: revenue and at least one expense, by its label or its sign.
    is_pl = any(classify(rows[i].line_item).kind == LineKind.REVENUE for i in seg_rows) and any(
        classify(rows[i].label).expense or any(f.value < 0 for (r, _), f in cells.items() if r == i)
        for i in seg_rows
    )
    has_profit = any(classify(r.label).kind in _PROFIT_KINDS for r in rows)
    if is_pl and seg_rows and not has_profit:
        rows, cells, pending = _add_profit(
            rows, cells, pending, seg_rows, other_rows, seg_cols + [tcol], tcol, out
        )
    cells = {k: f.replace(at=FactId(table.index, *k)) for k, f in cells.items()}
    out.table = replace(table, rows=tuple(rows), columns=tuple(columns), cells=cells)
    for name, at, parts in pending:
        rule = RULES[name]
        terms = tuple((s, cells[p]) for s, p in parts)
        value = sum((s * f.value for s, f in terms), 0)
        total = cells[at] = cells[at].replace(value=value, decimals=max(f.decimals for _, f in terms))
        out.relations.append(Relation(rule.kind, table.id, total, terms, name, rule.name, Evidence.COMPUTED))
    return out


def _computed(like: Fact, **changes) -> Fact:
    return like.replace(reported=False, source=Source(), **changes)


def _add_profit(rows, cells, pending, seg_rows, other_rows, value_cols, tcol, out: Prepared):
    """A segment profit row after the segment lines, and net income after the reconciling
    items below them."""
    at = max(seg_rows) + 1
    shift = {(i, j): (i + (i >= at), j) for (i, j) in cells}
    cells = {shift[k]: f for k, f in cells.items()}
    pending = [(n, shift[t], tuple((s, shift[p]) for s, p in parts)) for n, t, parts in pending]
    line = rows[max(seg_rows)].line
    rows = rows[:at] + [Row(PROFIT_LABEL, PROFIT_LABEL, line, role=Role.SUBTOTAL)] + rows[at:]
    recon = [i + (i >= at) for i in other_rows if i >= at]
    for k in recon:
        if not rows[k].section:
            rows[k] = replace(rows[k], section=RECON_SECTION)
    signs = {i: _sign(rows[i], [f for (r, _), f in cells.items() if r == i], out) for i in seg_rows}
    for j in value_cols:
        parts = tuple((signs[i], (i, j)) for i in seg_rows if (i, j) in cells)
        if not parts:
            continue
        cells[(at, j)] = _computed(cells[parts[0][1]], line_item=PROFIT_LABEL, label=PROFIT_LABEL)
        pending.append(("prepare: segment profit", (at, j), parts))
    items = tuple((1, (k, tcol)) for k in recon if (k, tcol) in cells)
    if (at, tcol) in cells and items:
        net_at = len(rows)
        rows.append(Row(NET_LABEL, NET_LABEL, rows[-1].line, section=rows[-1].section, role=Role.TOTAL))
        cells[(net_at, tcol)] = _computed(cells[(at, tcol)], line_item=NET_LABEL, label=NET_LABEL)
        pending.append(("prepare: net income", (net_at, tcol), ((1, (at, tcol)), *items)))
    return rows, cells, pending


def _sign(row: Row, facts: list[Fact], out: Prepared) -> int:
    """How a line enters segment profit: revenue and signed amounts are added; an expense
    shown as a positive amount is subtracted (ASC 280-10-50-26B). A positive line whose
    label names neither is taken as income, and said so."""
    line = classify(row.label)
    values = [f.value for f in facts]
    if line.expense:
        return -1 if all(v >= 0 for v in values) else 1
    if line.kind == LineKind.REVENUE or line.income or not any(v > 0 for v in values):
        return 1
    if line.kind in (LineKind.UNKNOWN, LineKind.OTHER_AMOUNT):
        out.findings.append(
            Finding(
                "seg.prepare.sign",
                Severity.WARNING,
                f"cannot tell from its label whether '{row.label}' is income or an expense; its "
                "positive amounts are added to segment profit: give expenses as negative amounts, "
                "or name the line as an expense",
                line_item=row.line_item,
                source_line=row.line or None,
            )
        )
    return 1
