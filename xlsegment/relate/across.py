"""Relations across tables: the ASC 280 identity stated in different sections, and the
same consolidated figure stated twice."""

from __future__ import annotations

import re

from xlsegment import labels
from xlsegment.interval import Interval, compare_sum
from xlsegment.model import SEGMENTS_TOTAL, Evidence, Fact, Relation, Role, Table
from xlsegment.relate.evidence import Tally
from xlsegment.relate.policy import IDENTITY_PERIODS
from xlsegment.relate.rules import RULES
from xlsegment.vocabulary import LineKind, classify


def _identity_kind(line_item: str) -> str | None:
    line = classify(line_item)
    if line.kind == LineKind.EXPENSE and line.total:
        return "expenses"  # "Total costs and expenses"
    if line.kind == LineKind.SEGMENT_PROFIT:
        return "profit"
    if line.kind == LineKind.REVENUE:
        return "revenue"
    return None


def asc280_identities(tables: list[Table], existing: list[Relation]) -> list[Relation]:
    """Segment profit = revenue - significant expenses where the note states all three for a
    segment but in different sections (ASC 280-10-50-26B; IFRS 8.23). Kept per segment when
    it holds in at least two thirds of its periods, so a typo still shows as an error."""
    facts: dict[tuple[str, str, str], dict[str, Fact]] = {}
    for t in tables:
        kinds_of_rows = {r: _identity_kind(row.line_item) for r, row in enumerate(t.rows)}
        if not any(kinds_of_rows.values()):
            continue
        for (r, _), f in t.cells.items():
            kind = kinds_of_rows[r] if f.line_item == t.rows[r].line_item else _identity_kind(f.line_item)
            if kind and f.segment and f.reported:
                facts.setdefault((f.segment, f.period, f.currency), {}).setdefault(kind, f)
    if not any(len(k) == 3 for k in facts.values()):
        return []
    rule = RULES["revenue less expenses across sections"]
    related = {r.total.at for r in existing} | {p.at for r in existing for _, p in r.parts}
    by_segment: dict[str, list[Relation]] = {}
    holds: dict[str, int] = {}
    for (segment, _, _), kinds in facts.items():
        if len(kinds) < 3:
            continue
        profit, revenue, expenses = kinds["profit"], kinds["revenue"], kinds["expenses"]
        if profit.at in related and expenses.at in related and _same_relation(existing, profit, expenses):
            continue
        rel = Relation(
            rule.kind,
            profit.at.table_id,
            profit,
            ((1, revenue), (-1, expenses)),
            "ASC 280-10-50-26B: segment profit = revenue - significant expenses",
            rule.name,
            Evidence.CONFIRMED,
        )
        by_segment.setdefault(segment, []).append(rel)
        terms = [
            (1, Interval.shown(revenue.value, revenue.decimals)),
            (-1, Interval.shown(expenses.value, expenses.decimals)),
        ]
        holds[segment] = (
            holds.get(segment, 0)
            + compare_sum(Interval.shown(profit.value, profit.decimals), terms).consistent
        )
    out: list[Relation] = []
    for segment, rels in by_segment.items():
        if IDENTITY_PERIODS.accepts(Tally(tested=len(rels), holds=holds[segment])):
            out.extend(rels)
    return out


def _same_relation(existing, profit: Fact, expenses: Fact) -> bool:
    return any(r.total.at == profit.at and any(p.at == expenses.at for _, p in r.parts) for r in existing)


def same_figure_ties(tables: list[Table]) -> list[Relation]:
    """The same consolidated figure stated twice must agree: a geographic total and the
    segment total of the same line item, kind, period and currency (ASC 280-10-50-30), or
    one line stated twice in a table under one label.

    Only consolidated totals tie. Where a table states several bare total rows ("Total",
    "Worldwide") for one line item and period, each is the total of a block (a product, a
    region), and none is the entity's figure."""
    seen: dict[tuple, Fact] = {}
    out: list[Relation] = []
    for table in tables:
        groups: dict[tuple, list[Fact]] = {}
        for fact in table.cells.values():
            # A "Total" column before the adjustments ("Subtotal | Other | Total |
            # Adjustments | Consolidated") totals the segments, not the entity.
            # A column named the segments' total ties as such, whatever its role.
            subtotal = table.columns[fact.at.col].role == Role.SUBTOTAL
            if _consolidated(fact) and (not subtotal or labels.segments_total(fact.segment)):
                groups.setdefault(_tie_key(fact), []).append(fact)
        for key, facts in groups.items():
            if len(facts) > 1 and all(classify(f.label).kind == LineKind.TOTAL for f in facts):
                continue  # block totals, not the entity's figure
            first = seen.setdefault(key, facts[0])
            for fact in facts:
                same_table = first.at.table == fact.at.table
                if fact is first or (same_table and first.label.lower() != fact.label.lower()):
                    continue
                out.append(_tie(table, fact, first))
    return out


def _tie(table: Table, fact: Fact, first: Fact) -> Relation:
    rule = RULES["same figure twice"]
    why = "same line item, kind, period and currency as a consolidated total"
    return Relation(rule.kind, table.id, fact, ((1, first),), why, rule.name, Evidence.DECLARED)


def _consolidated(fact: Fact) -> bool:
    """The entity's figure, or the segments' total, which a note may state twice too."""
    return (
        bool(fact.period)
        and (fact.segment == "Total" or labels.segments_total(fact.segment) is not None)
        and fact.reported
        and classify(fact.line_item).financial
    )


# "Net sales (Realignment)", "Revenue (As Previously Reported)": a line on a basis of its
# column (readers/columnkinds.reconciled_bases), never the line's figure itself; a sign
# word in brackets ("Other income (expense)") is no basis.
_BASIS_SUFFIX = re.compile(r"\(([A-Z][^()]*)\)\s*$")


def _tie_key(fact: Fact) -> tuple:
    line = classify(fact.line_item)
    key = labels.norm_key(fact.line_item) or fact.line_item.lower()
    basis = _BASIS_SUFFIX.search(fact.line_item)
    if basis is not None and labels.strip_footnotes(f"x {basis.group(0)}") != "x":
        key = f"{key} | {basis.group(1).lower()}"
    # the segments' total however a table words it ("Total segment", "Total segments")
    segment = SEGMENTS_TOTAL if labels.segments_total(fact.segment) else fact.segment
    return (fact.period, line.kind, key, fact.currency, segment)


def blocks_to_totals(tables: list[Table]) -> list[Relation]:
    """Segment blocks stacked in one table ("Americas: Net sales, Operating income; Europe:
    ...") with their consolidated totals stated in another table ("Segment operating
    income", "Total net sales"): the blocks' figures of one line item add to the total of
    the same kind and period (ASC 280-10-50-30). Which total is found by the arithmetic, and
    kept where it holds in two periods of three."""
    rule = RULES["segment blocks to a total elsewhere"]
    totals: dict[tuple, list[Fact]] = {}
    for t in tables:
        for f in t.cells.values():
            if f.segment == "Total" and f.reported and classify(f.label or f.line_item).closes:
                totals.setdefault((f.period, classify(f.line_item).kind, f.currency), []).append(f)
    out: list[Relation] = []
    for t in tables:
        for key_rows in _block_lines(t):
            out.extend(_to_total(t, key_rows, totals, rule))
    return out


def _block_lines(t: Table) -> list[list[int]]:
    """For a table of segment blocks with no total block, the rows of each line item that
    every block states, one row per block."""
    if not t.columns or not all(c.role in (Role.PERIOD, Role.CONVENIENCE) for c in t.columns):
        return []
    blocks: dict[str, list[int]] = {}
    for i, row in enumerate(t.rows):
        if row.section:
            blocks.setdefault(row.section, []).append(i)
    names = list(blocks)
    if len(names) < 2 or any(classify(n).financial or classify(n).closes for n in names):
        return []
    lines: dict[str, list[int]] = {}
    for rows in blocks.values():
        for i in rows:
            lines.setdefault(labels.norm_key(t.rows[i].label), []).append(i)
    return [
        rows
        for rows in lines.values()
        if len(rows) == len(names) and classify(t.rows[rows[0]].label).financial
    ]


def _to_total(t: Table, rows: list[int], totals, rule) -> list[Relation]:
    kind = classify(t.rows[rows[0]].label).kind
    by_total: dict[tuple, list[tuple[Fact, tuple]]] = {}
    for c, col in enumerate(t.columns):
        if col.role == Role.CONVENIENCE:
            continue
        parts = [t.cells.get((r, c)) for r in rows]
        if any(p is None for p in parts):
            continue
        for total in totals.get((parts[0].period, kind, parts[0].currency), []):
            if total.at.table != t.index:
                by_total.setdefault((total.at.table, total.at.row), []).append(
                    (total, tuple((1, p) for p in parts))
                )
    out: list[Relation] = []
    for found in by_total.values():
        holds = sum(
            compare_sum(
                Interval.shown(total.value, total.decimals),
                [(1, Interval.shown(p.value, p.decimals)) for _, p in parts],
            ).consistent
            for total, parts in found
        )
        if IDENTITY_PERIODS.accepts(Tally(tested=len(found), holds=holds)):
            why = f"the segment blocks of {t.id} add to {found[0][0].label or found[0][0].line_item}"
            out.extend(
                Relation(rule.kind, total.at.table_id, total, parts, why, rule.name, Evidence.CONFIRMED)
                for total, parts in found
            )
    return out


def _holds(total: Fact, parts) -> bool:
    shown = [(s, Interval.shown(p.value, p.decimals)) for s, p in parts]
    return compare_sum(Interval.shown(total.value, total.decimals), shown).consistent
