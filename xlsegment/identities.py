"""ASC 280 identities across sections: segment profit = revenue - significant expenses.

Within one table the row and column relations find these; here the note states revenue,
expenses and profit of a segment in different sections (Alphabet states them under
"Revenues:", "Operating income:" and a per-segment costs block).
"""

from __future__ import annotations

from functools import lru_cache

from xlsegment.model import Fact, Relation, RelationKind, Table
from xlsegment.relations import fits

_REVENUE = ("revenue", "net sales", "sales")
_PROFIT = (
    "segment profit",
    "operating income",
    "income from operations",
    "operating profit",
    "segment income",
    "earnings from operations",
    "ebit",
)


@lru_cache(maxsize=4096)
def _kind_of(line_item: str) -> str | None:
    low = line_item.lower()
    if low.startswith("total") and ("cost" in low or "expense" in low):
        return "expenses"
    if any(w in low for w in _PROFIT) or low.startswith(("operating income", "operating loss")):
        return "profit"
    if any(low == w or low.startswith(("total " + w, w)) for w in _REVENUE):
        return "revenue"
    return None


def asc280_identities(tables: list[Table], existing: list[Relation]) -> list[Relation]:
    """Segment profit = revenue - significant expenses where the note states all three for a
    segment but in different sections (ASC 280-10-50-26B; IFRS 8.23). Kept per segment when
    it holds in at least two thirds of its periods, so a typo still shows as an error."""
    facts: dict[tuple[str, str, str], dict[str, Fact]] = {}
    table_of: dict[int, str] = {}
    for t in tables:
        kinds_of_rows = {r: _kind_of(row.line_item) for r, row in enumerate(t.rows)}
        if not any(kinds_of_rows.values()):
            continue
        for (r, _), f in t.cells.items():
            kind = kinds_of_rows[r] if f.line_item == t.rows[r].line_item else _kind_of(f.line_item)
            if kind and f.segment and f.reported:
                facts.setdefault((f.segment, f.period, f.currency), {}).setdefault(kind, f)
                table_of[id(f)] = t.id
    if not any(len(k) == 3 for k in facts.values()):
        return []
    related = {id(r.total) for r in existing} | {id(p) for r in existing for _, p in r.parts}
    by_segment: dict[str, list[Relation]] = {}
    holds: dict[str, int] = {}
    for (segment, _, _), kinds in facts.items():
        if len(kinds) < 3:
            continue
        profit, revenue, expenses = kinds["profit"], kinds["revenue"], kinds["expenses"]
        if id(profit) in related and id(expenses) in related and _same_relation(existing, profit, expenses):
            continue
        rel = Relation(
            RelationKind.FOOT,
            table_of[id(profit)],
            profit,
            ((1, revenue), (-1, expenses)),
            "ASC 280-10-50-26B: segment profit = revenue - significant expenses",
        )
        by_segment.setdefault(segment, []).append(rel)
        terms = [(1, (revenue.value, revenue.decimals)), (-1, (expenses.value, expenses.decimals))]
        holds[segment] = holds.get(segment, 0) + fits((profit.value, profit.decimals), terms)[0]
    out: list[Relation] = []
    for segment, rels in by_segment.items():
        if holds[segment] * 3 >= len(rels) * 2:
            out.extend(rels)
    return out


def _same_relation(existing, profit, expenses) -> bool:
    return any(r.total is profit and any(p is expenses for _, p in r.parts) for r in existing)
