"""A total column the note itself shows to be the segments' total, not the entity's.

ASC 280-10-55-48 illustrates a segment table whose last column is "Totals", then the
other significant items as "Segment Totals | Adjustments | Consolidated Totals". The
"Totals" column sums the segments; the consolidated figure adds the adjustments. Read
alone, "Totals" is the entity's Total, so `SEGTOTAL` answered with the segments' sum and
inter-segment revenue stood as a consolidated figure.

Where a figure of a total column equals the figure the note names the segments' total
(same line, period and currency) and differs from the consolidated figure another table
states, the column is the segments' total: its figures are renamed so, as the relations
already tie them (``relate/across``). A column with a figure that equals a consolidated
figure differing from the named segments' total keeps its name: the evidence disagrees.
"""

from __future__ import annotations

from dataclasses import replace

from xlsegment import labels
from xlsegment.model import SEGMENTS_TOTAL, Fact, Role, Table
from xlsegment.vocabulary import LineKind, classify

_Key = tuple[str, str, str]


def _key(fact: Fact) -> _Key:
    return (fact.period, labels.norm_key(fact.line_item) or fact.line_item.lower(), fact.currency)


def _figures(tables: list[Table]) -> tuple[dict[_Key, set], dict[_Key, set]]:
    """The values the note names the segments' total, and the entity Total's values by
    table, for each line, period and currency."""
    named: dict[_Key, set] = {}
    whole: dict[_Key, set] = {}
    for table in tables:
        for fact in table.cells.values():
            if not fact.period or not classify(fact.line_item).financial:
                continue
            if labels.segments_total(fact.segment):
                named.setdefault(_key(fact), set()).add(fact.value)
            elif fact.segment == "Total":
                whole.setdefault(_key(fact), set()).add((table.index, fact.value))
    return named, whole


def _evidence(fact: Fact, index: int, named, whole) -> int:
    """+1: the figure is the named segments' total, and another table's consolidated
    figure differs; -1: it is another table's consolidated figure, and the named total
    differs; 0: nothing says."""
    key = _key(fact)
    if key not in named:
        return 0
    others = {v for i, v in whole.get(key, ()) if i != index}
    if fact.value in named[key] and others - named[key]:
        return 1
    return -1 if fact.value in others and fact.value not in named[key] else 0


def name_segment_totals(tables: list[Table]) -> list[Table]:
    """Each total column shown to be the segments' total renamed so (``_evidence``)."""
    named, whole = _figures(tables)
    out = []
    for table in tables:
        for j, column in enumerate(table.columns):
            if column.role != Role.TOTAL:
                continue
            facts = [(at, f) for at, f in table.cells.items() if at[1] == j]
            votes = [_evidence(f, table.index, named, whole) for _, f in facts]
            if 1 in votes and -1 not in votes:
                table = _renamed(table, j, facts)
        out.append(table)
    return out


def _renamed(table: Table, j: int, facts) -> Table:
    column = table.columns[j]
    bare = classify(column.label).kind == LineKind.TOTAL and not labels.segments_total(column.label)
    name = f"Segment {column.label}" if bare else SEGMENTS_TOTAL
    columns = list(table.columns)
    columns[j] = replace(column, segment=name, role=Role.SUBTOTAL)
    cells = dict(table.cells)
    for at, fact in facts:
        cells[at] = replace(fact, segment=name, role=Role.SUBTOTAL)
    return replace(table, columns=tuple(columns), cells=cells)
