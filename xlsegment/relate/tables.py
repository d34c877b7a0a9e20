"""Relations inside one table: the column and row rules applied to a table's facts.

The grid rules (``columns``, ``rows``) work on intervals; this module turns their results
into relations between facts, fills a blank total cell whose parts are shown (so the rows
below can use it), finds reconciliation blocks, and applies the block and chain rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsegment import labels
from xlsegment.interval import Interval
from xlsegment.model import Evidence, Fact, FactId, Relation, Role, Source, Table
from xlsegment.relate import blocks, columns, rows
from xlsegment.relate.rules import RULES
from xlsegment.vocabulary import LineKind, classify


@dataclass
class TableRelations:
    """What the table rules found: relations, cells they computed, candidates rejected."""

    relations: list[Relation] = field(default_factory=list)
    computed: dict[tuple[int, int], Fact] = field(default_factory=dict)
    rejected: list[tuple[str, Fact, tuple[tuple[int, Fact], ...]]] = field(default_factory=list)


def table_grid(table: Table, cells=None) -> list[list[Interval | None]]:
    grid: list[list[Interval | None]] = [[None] * len(table.columns) for _ in table.rows]
    for (r, c), f in (cells if cells is not None else table.cells).items():
        grid[r][c] = Interval.shown(f.value, f.decimals)
    return grid


def relate_table(table: Table) -> TableRelations:
    """Every relation inside one table: column totals (computing the totals a prepared
    table leaves blank), row totals, segment blocks and breakdowns."""
    out = TableRelations()
    cells = dict(table.cells)
    grid = table_grid(table)
    col_rejected: list[columns.Rejected] = []
    found = columns.column_totals(
        grid, [(c.label, c.role) for c in table.columns], col_rejected, _column_scopes(table)
    )
    for total_column in found:
        _column_relations(table, total_column, cells, grid, out)
    for rej in col_rejected:
        _rejected_column(table, rej, cells, out)
    _row_relations(table, cells, grid, out)
    out.relations.extend(blocks.stacked(table, cells))
    out.relations.extend(blocks.breakdowns(table, cells, grid))
    totals = {r.total.at for r in out.relations}
    out.relations.extend(blocks.single_figure_chains(table, cells, totals))
    return out


def _column_relations(table: Table, found: columns.ColumnTotal, cells, grid, out: TableRelations) -> None:
    """The rows of one total column: a relation where the total is shown, a computed total
    where a prepared table leaves it blank."""
    rule = RULES["labelled total column" if found.labelled else "unlabelled total column"]
    why = f"column '{table.columns[found.total].label}' adds the columns to its left"
    evidence = Evidence.DECLARED if found.labelled else Evidence.CONFIRMED
    for r in range(len(table.rows)):
        total = cells.get((r, found.total))
        parts = [cells.get((r, p)) for p in found.parts]
        if all(p is None for p in parts):
            continue  # a reconciling item shown in the total column only
        if total is None:
            if any(p is None for p in parts):
                continue
            fact = _computed(table, r, found.total, parts)
            cells[(r, found.total)] = out.computed[(r, found.total)] = fact
            grid[r][found.total] = Interval.shown(fact.value, fact.decimals)
            continue
        if not total.reported:
            continue
        # An empty cell among shown ones is nil (filing text drops empty cells).
        terms = tuple((1, p) for p in parts if p is not None)
        out.relations.append(Relation(rule.kind, table.id, total, terms, why, rule.name, evidence))


def _rejected_column(table: Table, rej: columns.Rejected, cells, out: TableRelations) -> None:
    if rej.tally.nontrivial and rej.parts == columns.all_parts(rej.total, table.columns):
        # A column headed Total that adds up all the columns beside it in some rows but
        # too few to be taken for their total: where it misses, say so as a warning, with
        # the numbers; never an error, never silence.
        rule = RULES["labelled total column"]
        why = f"column '{table.columns[rej.total].label}' adds the columns to its left in some rows"
        for r in range(len(table.rows)):
            total, parts = cells.get((r, rej.total)), [cells.get((r, p)) for p in rej.parts]
            if total is not None and total.reported and all(p is not None for p in parts):
                terms = tuple((1, p) for p in parts)
                out.relations.append(
                    Relation(rule.kind, table.id, total, terms, why, rule.name, Evidence.SUGGESTED)
                )
        return
    total = next((cells[(r, rej.total)] for r in range(len(table.rows)) if (r, rej.total) in cells), None)
    if total is not None:
        parts = tuple((1, cells[(total.at.row, p)]) for p in rej.parts if (total.at.row, p) in cells)
        out.rejected.append(("column", total, parts))


def _row_relations(table: Table, cells, grid, out: TableRelations) -> None:
    """Rows that add down, in every column they can be tested in, and the labelled totals
    no rows add up to."""
    value_cols = [i for i, c in enumerate(table.columns) if c.role != Role.CONVENIENCE]
    conv_cols = [i for i, c in enumerate(table.columns) if c.role == Role.CONVENIENCE]
    row_labels = [_judged_label(row) for row in table.rows]
    barriers = frozenset(i for i, row in enumerate(table.rows) if row.role == Role.PERIOD)
    computed = frozenset(k for k, f in cells.items() if not f.reported)
    row_rejected: list[rows.Rejected] = []
    subtotal_rows = section_subtotals(table)
    ends = reconciliation_ends(table)
    found = rows.row_totals(
        grid, row_labels, value_cols, barriers, computed, ends, row_rejected, subtotal_rows
    )
    for rel in found:
        declared = rel.declared or classify(row_labels[rel.total]).closes or rel.total in subtotal_rows
        _row_total(table, rel, declared, value_cols + conv_cols, cells, out)
    for rej in row_rejected:
        c = next((c for c in value_cols if (rej.total, c) in cells), None)
        if c is not None and all((p, c) in cells for _, p in rej.parts):
            out.rejected.append(
                ("row", cells[(rej.total, c)], tuple((s, cells[(p, c)]) for s, p in rej.parts))
            )


def _row_total(table: Table, rel, declared: bool, cols: list[int], cells, out: TableRelations) -> None:
    name = _row_rule(table, rel, _in_reconciliation(table, rel))
    rule = RULES[name]
    why = "labels: rows add down" if rel.declared else "arithmetic: rows add down"
    evidence = Evidence.DECLARED if declared else Evidence.CONFIRMED
    for c in cols:
        total = cells.get((rel.total, c))
        if total is None or not total.reported:
            continue
        parts = [(s, cells.get((p, c))) for s, p in rel.parts]
        if any(f is None for _, f in parts):
            continue
        grounded = _unless_guessed(table, evidence, [rel.total, *(p for _, p in rel.parts)])
        if name == "end of a reconciliation block" and any(not f.reported for _, f in parts):
            # The block starts from a figure the note leaves blank and we computed: the
            # note may reconcile from another amount (business units before unallocated
            # items), so position alone does not assert this sum.
            grounded = Evidence.SUGGESTED
        out.relations.append(Relation(rule.kind, table.id, total, tuple(parts), why, rule.name, grounded))


def _unless_guessed(table: Table, evidence: Evidence, rows: list[int]) -> Evidence:
    """A relation over a row whose figures were placed by a guess is only suggested: a
    guessed placement is never the basis of an error."""
    return Evidence.SUGGESTED if any(table.rows[r].guessed for r in rows) else evidence


def _computed(table: Table, r: int, c: int, parts: list[Fact]) -> Fact:
    first = parts[0]
    col = table.columns[c]
    return first.replace(
        value=sum((p.value for p in parts), 0),
        decimals=max(p.decimals for p in parts),
        segment=col.segment or first.segment,
        role=col.role,
        reported=False,
        source=Source(),
        at=FactId(table.index, r, c),
    )


def _judged_label(row) -> str:
    """The label a row's sign and closing are judged by: a bare "Total" under a heading
    ("Cost of revenue:") totals what the heading names, an expense if it is one."""
    if classify(row.label).kind == LineKind.TOTAL and row.line_item and row.line_item != row.label:
        return f"Total {row.line_item}"
    return row.label


def section_subtotals(table: Table) -> frozenset[int]:
    """Rows that repeat the heading of their group ("Connectivity & Platforms" under the
    heading "Connectivity & Platforms"): the layout declares them the group's subtotal."""
    return frozenset(
        i
        for i, row in enumerate(table.rows)
        if row.section
        and labels.norm_key(row.label) == labels.norm_key(row.section)
        and labels.norm_key(row.label)
    )


def reconciliation_ends(table: Table) -> dict[int, int]:
    """Last rows of reconciliation blocks whose label reads as a total, with their first row.

    A block is a reconciliation when its heading or the table's title says so, or when its
    rows have figures in the total column only: reconciling items are not allocated to
    segments (ASC 280-10-50-30; IFRS 8.28).
    """
    seg_cols = [i for i, c in enumerate(table.columns) if c.role not in (Role.TOTAL, Role.CONVENIENCE)]
    tot_cols = [i for i, c in enumerate(table.columns) if c.role == Role.TOTAL]
    title = "reconcil" in table.title.lower()

    def consolidated_only(r: int) -> bool:
        return (
            bool(seg_cols and tot_cols)
            and all((r, c) not in table.cells for c in seg_cols)
            and any((r, c) in table.cells for c in tot_cols)
        )

    in_recon = [
        title or "reconcil" in row.section.lower() or consolidated_only(i) for i, row in enumerate(table.rows)
    ]
    ends: dict[int, int] = {}
    start = 0
    for i, flag in enumerate(in_recon):
        if flag and (i == 0 or not in_recon[i - 1]):
            start = i
        last = i + 1 == len(in_recon) or not in_recon[i + 1]
        if flag and last and classify(table.rows[i].label).closes:
            ends[i] = start
    return ends


def _in_reconciliation(table: Table, rel: rows.RowTotal) -> bool:
    sections = {table.rows[p].section.lower() for _, p in rel.parts}
    return any("reconcil" in s for s in sections) or any(
        "reconcil" in table.rows[p].section.lower() for p in range(rel.total + 1)
    )


def _row_rule(table: Table, rel: rows.RowTotal, recon: bool) -> str:
    if rel.reason == "end of a reconciliation":
        return "end of a reconciliation block"
    if recon:
        return "reconciliation total"
    return "labelled total row" if classify(table.rows[rel.total].label).closes else "plain total row"


def _column_scopes(table: Table) -> list[tuple[str, str]]:
    """What a total column may add: columns of its own currency and, where segments stand
    over several periods (segment x year, year x segment), of its own period and
    duration. Columns that are periods only (quarters beside their year) keep no period
    scope: the year is the sum of its quarters."""
    periods = {c.period for c in table.columns if c.role != Role.CONVENIENCE}
    segments = any(c.role not in (Role.PERIOD, Role.CONVENIENCE) and c.period for c in table.columns)
    by_period = segments and len(periods) > 1
    return [(c.currency, c.period if by_period else "") for c in table.columns]
