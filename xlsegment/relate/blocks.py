"""Two table layouts the row and column rules cannot see: stacked segment blocks, and a
reconciliation written as a list of one-figure lines across columns."""

from __future__ import annotations

import re

from xlsegment import labels
from xlsegment.interval import Interval, compare_sum
from xlsegment.model import Evidence, Fact, FactId, Relation, Role, Table
from xlsegment.relate import rows
from xlsegment.relate.evidence import Tally, tally
from xlsegment.relate.policy import BREAKDOWN, SAME_LABELS_IN_BLOCKS, TYPO_SHARE
from xlsegment.relate.rules import RULES
from xlsegment.vocabulary import LineKind, classify

_MIN_BLOCKS = 3  # two segment blocks and the block that totals them
# "of which", and as European filers write it: the rows under a total that break it down.
_BREAKDOWN = re.compile(r"^(?:of\s+which|thereof|davon|dont|waarvan|hiervan|di\s+cui)\b", re.IGNORECASE)
_MIN_CHAIN = 3  # a total, one reconciling item and the result


def stacked(table: Table, cells) -> list[Relation]:
    """Segment blocks stacked in one table add up to the Consolidated or Total block."""
    if not all(c.role in (Role.PERIOD, Role.CONVENIENCE) for c in table.columns):
        return []
    blocks: dict[str, list[int]] = {}
    for i, row in enumerate(table.rows):
        if row.section:
            blocks.setdefault(row.section, []).append(i)
    totals = [b for b in blocks if classify(b).kind == LineKind.TOTAL]  # "Consolidated", "Group"
    if len(blocks) < _MIN_BLOCKS or not totals:
        return []
    rule = RULES["segment blocks"]
    out: list[Relation] = []
    for tb in totals:
        for r in blocks[tb]:
            key = labels.norm_key(table.rows[r].label)
            parts = [
                next((p for p in rows_ if labels.norm_key(table.rows[p].label) == key), None)
                for b, rows_ in blocks.items()
                if b not in totals
            ]
            parts = [p for p in parts if p is not None]
            if len(parts) < 2:
                continue
            rels = []
            holds = tested = 0
            for c in range(len(table.columns)):
                total = cells.get((r, c))
                facts = [cells.get((p, c)) for p in parts]
                if total is None or not total.reported or any(f is None for f in facts):
                    continue
                tested += 1
                terms = tuple((1, f) for f in facts)
                why = f"block '{tb}' adds the segment blocks"
                rels.append(Relation(rule.kind, table.id, total, terms, why, rule.name, Evidence.DECLARED))
                shown = [(1, Interval.shown(f.value, f.decimals)) for f in facts]
                holds += compare_sum(Interval.shown(total.value, total.decimals), shown).consistent
            # Same labels in every block declare the sum: keep it where it holds in any
            # period, so a typo in another period shows as an error.
            if SAME_LABELS_IN_BLOCKS.accepts(Tally(tested=tested, holds=holds)):
                out.extend(rels)
    return out


def breakdowns(table: Table, cells, grid) -> list[Relation]:
    """Rows labelled "of which ..." just below a row break that row down; where they add
    up to it in every column but one, they are its whole (an "of which" may name a part
    only, so the arithmetic must confirm it)."""
    rule = RULES["breakdown below a total"]
    out: list[Relation] = []
    r = 0
    while r < len(table.rows):
        run = []
        k = r + 1
        while k < len(table.rows) and _BREAKDOWN.match(table.rows[k].label):
            run.append(k)
            k += 1
        if len(run) >= 2:
            cols = [c for c in range(len(table.columns)) if table.columns[c].role != Role.CONVENIENCE]
            instances = [(grid[r][c], [(1, grid[p][c]) for p in run]) for c in cols]
            if BREAKDOWN.accepts(tally(instances, TYPO_SHARE)):
                for c in range(len(table.columns)):
                    total, parts = cells.get((r, c)), [cells.get((p, c)) for p in run]
                    if total is not None and total.reported and None not in parts:
                        terms = tuple((1, f) for f in parts)
                        why = "'of which' rows break down the row above"
                        out.append(
                            Relation(rule.kind, table.id, total, terms, why, rule.name, Evidence.CONFIRMED)
                        )
        r = k if run else r + 1
    return out


def single_figure_chains(table: Table, cells, totals: set[FactId]) -> list[Relation]:
    """A reconciliation laid out as a list of one-figure lines whose figures sit in different
    columns (total segment profit under "Total segments", the reconciling items and profit
    before tax under "Consolidated") adds down the list, not down a column."""
    by_row: dict[int, list[Fact]] = {}
    for (i, c), f in cells.items():
        if table.columns[c].role != Role.CONVENIENCE:
            by_row.setdefault(i, []).append(f)
    single = {r: facts[0] for r, facts in by_row.items() if len(facts) == 1 and facts[0].reported}
    rule = RULES["one-figure chain"]
    out: list[Relation] = []
    run: list[int] = []
    for r in [*range(len(table.rows)), None]:
        if r is not None and r in single:
            run.append(r)
            continue
        if len(run) >= _MIN_CHAIN and len({single[i].at.col for i in run}) > 1:
            grid = [[Interval.shown(single[i].value, single[i].decimals)] for i in run]
            names = [table.rows[i].label for i in run]
            for rel in rows.row_totals(grid, names, [0]):
                total = single[run[rel.total]]
                # A near miss counts only for the list's last line, its declared total.
                if total.at in totals or (rel.declared and rel.total != len(run) - 1):
                    continue
                parts = tuple((sign, single[run[p]]) for sign, p in rel.parts)
                why = "arithmetic: lines add down the list"
                evidence = Evidence.DECLARED if rel.declared else Evidence.CONFIRMED
                out.append(Relation(rule.kind, table.id, total, parts, why, rule.name, evidence))
        run = []
    return out
