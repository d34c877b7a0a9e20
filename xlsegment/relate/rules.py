"""The relation rules: every way xlsegment recognises a total, in one table.

Each rule says what it recognises, where its candidates come from (labels and layout
only, never arithmetic), the acceptance policy that weighs the arithmetic evidence, whether
the note itself declares the relation, and the standard it rests on. The resolver applies
the rules in the order of ``priority``; a relation found by a rule of higher priority wins
over one of lower priority with the same total and the same parts.

``python -m xlsegment.relate.rules`` prints the table; ``--markdown`` prints
``docs/rules.md``, which a test holds to this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsegment.model import RelationKind
from xlsegment.relate import policy as p


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: RelationKind
    finds: str  # what the rule recognises
    candidates: str  # where its candidates come from: labels and layout
    policy: str  # the acceptance policy (policy.py)
    declared: bool  # the note asserts the relation: a broken one is an error
    citation: str = ""
    priority: int = 0


_RULES = (
    Rule(
        "labelled total column",
        RelationKind.CROSSFOOT,
        "a column headed Total, Consolidated or Group is the sum of the segment columns",
        "the columns to its left not inside a subtotal, or a run ending just before it",
        f"{p.LABELLED_COLUMN.reason}; one that adds all of them in fewer rows is a suggested "
        "total, whose misses are warnings",
        declared=True,
        citation="ASC 280-10-50-30; IFRS 8.28",
        priority=10,
    ),
    Rule(
        "unlabelled total column",
        RelationKind.CROSSFOOT,
        "an unnamed column that is the sum of the columns to its left",
        "the columns to its left, as for a labelled column",
        p.UNLABELLED_COLUMN.reason,
        declared=False,
        priority=11,
    ),
    Rule(
        "labelled total row",
        RelationKind.FOOT,
        "a row labelled as a total or result (Total ..., Segment profit) sums the rows above it",
        "runs of the not yet summed rows ending just above it, under three sign patterns",
        f"{p.ROW_EVERY_COLUMN.reason}; {p.LABELLED_ROW.reason}, with the signs the figures or "
        "captions give; misses within a typo are kept and reported",
        declared=True,
        citation="ASC 280-10-50-26B (segment profit = revenue - significant expenses)",
        priority=20,
    ),
    Rule(
        "plain total row",
        RelationKind.FOOT,
        "an unlabelled row, or one that repeats a line item, sums the rows above it",
        "as for a labelled total row",
        f"{p.ROW_EVERY_COLUMN.reason}; {p.ROW_ALL_BUT_ONE.reason}",
        declared=False,
        priority=21,
    ),
    Rule(
        "reconciliation total",
        RelationKind.RECONCILIATION,
        "a total row inside a reconciliation block: segment profit plus reconciling items",
        "as for a total row; the block is named by its heading or the table's title, or its "
        "rows have figures in the total column only",
        f"{p.ROW_EVERY_COLUMN.reason}; {p.ROW_ALL_BUT_ONE.reason}",
        declared=True,
        citation="ASC 280-10-50-30(b); IFRS 8.28(b)",
        priority=22,
    ),
    Rule(
        "end of a reconciliation block",
        RelationKind.RECONCILIATION,
        "the last line of a reconciliation block is the sum of the block and the total above it",
        "the block's rows and the total just above its first item",
        p.RECONCILIATION_END.reason,
        declared=True,
        citation="ASC 280-10-50-30(b); IFRS 8.28(b)",
        priority=23,
    ),
    Rule(
        "segment blocks",
        RelationKind.STACKED,
        "segment blocks stacked in one table add to the Consolidated or Total block",
        "rows of the same label in every block under a heading; the block headed Total or "
        "Consolidated is the total",
        p.SAME_LABELS_IN_BLOCKS.reason,
        declared=True,
        citation="ASC 280-10-50-30",
        priority=30,
    ),
    Rule(
        "segment blocks to a total elsewhere",
        RelationKind.STACKED,
        "segment blocks stacked in one table add to the consolidated total of the same kind stated "
        "in another table (Segment operating income, Total net sales)",
        "the rows of one line item in every segment block; totals of the same kind, period and "
        "currency labelled as totals or results",
        p.IDENTITY_PERIODS.reason,
        declared=False,
        citation="ASC 280-10-50-30",
        priority=31,
    ),
    Rule(
        "breakdown below a total",
        RelationKind.FOOT,
        "rows labelled 'of which' (thereof, davon, dont, waarvan) just below a row add up to it",
        "the run of 'of which' rows right under a row",
        p.BREAKDOWN.reason,
        declared=False,
        priority=35,
    ),
    Rule(
        "one-figure chain",
        RelationKind.RECONCILIATION,
        "a reconciliation of one-figure lines whose figures sit in different columns adds down the list",
        "runs of rows with one figure each, in two columns or more; the total may not be "
        "the total of another rule",
        f"{p.ROW_EVERY_COLUMN.reason}; a miss within a typo only for the list's last line",
        declared=False,
        citation="ASC 280-10-50-30(b)",
        priority=40,
    ),
    Rule(
        "revenue less expenses across sections",
        RelationKind.FOOT,
        "segment profit = revenue - total significant expenses, stated in different sections",
        "per segment and period: the revenue, total expenses and profit lines by their labels",
        p.IDENTITY_PERIODS.reason,
        declared=False,
        citation="ASC 280-10-50-26B; IFRS 8.23",
        priority=50,
    ),
    Rule(
        "same figure twice",
        RelationKind.TIE,
        "the same line item of the same kind, period and currency, as a consolidated total, "
        "stated in two places agrees",
        "consolidated total figures with the same line item, kind, period and currency",
        "declared by the labels: no arithmetic needed",
        declared=True,
        citation="ASC 280-10-50-30",
        priority=60,
    ),
    Rule(
        "prepare: total column",
        RelationKind.CROSSFOOT,
        "line-level data: the Total column is the sum of the segment columns",
        "tables of data with two segment columns or more and no total for a line",
        "computed, not checked",
        declared=False,
        citation="ASC 280-10-50-30",
        priority=70,
    ),
    Rule(
        "prepare: segment profit",
        RelationKind.FOOT,
        "line-level data: segment profit is revenue less the significant expenses",
        "a profit-or-loss table of data without a profit line",
        "computed, not checked; a line whose sign is unclear is a warning",
        declared=False,
        citation="ASC 280-10-50-26B",
        priority=71,
    ),
    Rule(
        "prepare: net income",
        RelationKind.RECONCILIATION,
        "line-level data: net income is total segment profit plus the reconciling items",
        "the rows below the segment lines, which have a total figure only",
        "computed, not checked",
        declared=False,
        citation="ASC 280-10-50-30(b)",
        priority=72,
    ),
    Rule(
        "prepare: translation",
        RelationKind.TIE,
        "line-level data with a convenience currency and a rate: the translated Total column",
        "the Total column of each table",
        "computed, not checked",
        declared=False,
        priority=73,
    ),
)

RULES: dict[str, Rule] = {r.name: r for r in _RULES}


def table() -> str:
    """The rules as a text table, for a reviewer."""
    lines = []
    for r in sorted(_RULES, key=lambda r: r.priority):
        lines.append(f"{r.priority:>3}  {r.name} ({r.kind}, {'declared' if r.declared else 'suggested'})")
        lines.append(f"     finds:      {r.finds}")
        lines.append(f"     candidates: {r.candidates}")
        lines.append(f"     accepted:   {r.policy}")
        if r.citation:
            lines.append(f"     citation:   {r.citation}")
    return "\n".join(lines)


def markdown_table() -> str:
    """The rules as docs/rules.md, in the resolver's order."""
    rows = [
        "# Relation rules",
        "",
        "Generated from `xlsegment/relate/rules.py` by `python -m xlsegment.relate.rules --markdown`;",
        "do not edit by hand. Candidates come from labels and layout only; the arithmetic of",
        "XBRL Calculations 1.1 (`xlsegment/interval.py`) is the evidence; the policy decides",
        "whether the evidence is enough. A broken relation is an error only where the note",
        "declares it; a suggested one that fails is a `seg.unsure` warning at most. Where two",
        "rules find the same total, the lower priority number wins.",
        "",
        "| priority | rule | kind | declared | finds | candidates | accepted when | citation |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(_RULES, key=lambda r: r.priority):
        declared = "declared" if r.declared else "suggested"
        rows.append(
            f"| {r.priority} | {r.name} | {r.kind} | {declared} | {r.finds} | {r.candidates} "
            f"| {r.policy} | {r.citation} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    import sys

    print(markdown_table() if "--markdown" in sys.argv[1:] else table())
