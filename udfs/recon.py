"""SEGRECON's rows: one measure's reconciliation to the consolidated figure, by identity.

ASC 280-10-50-30 asks for reconciliations of the segments' totals of revenue, profit or
loss, assets and every other significant item to the consolidated amounts. In a note each
is a run of figures of the entity as a whole: the total of the segments' measure, then
the reconciling items (corporate, eliminations, unallocated costs, other income...),
ending on the consolidated figure. The run is read from the figures' identities, in the
note's order: across the row of a Total column where the segments are columns, then down
that column. It stops where another measure's rows begin (a reconciliation never mixes
measures) or where the consolidated figure is reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from xlsegment.model import Fact, Role
from xlsegment.vocabulary import LineKind, classify

from .facts import Miss, is_total

if TYPE_CHECKING:
    from .index import Index

# What may stand between a measure's segment total and its consolidated figure, besides
# rows of the measure's own kind: reconciling items of every sort, and for profit the
# expense, income and subtotal lines down to net income.
_ANY_MEASURE = frozenset(
    {LineKind.RECONCILING, LineKind.CORPORATE, LineKind.ELIMINATION, LineKind.OTHER_AMOUNT,
     LineKind.UNKNOWN, LineKind.TOTAL, LineKind.SUBTOTAL, LineKind.INTERSEGMENT}
)  # fmt: skip
_PROFIT = frozenset(
    {LineKind.SEGMENT_PROFIT, LineKind.GROSS_PROFIT, LineKind.EXPENSE, LineKind.OTHER_ITEMS,
     LineKind.PRETAX_INCOME, LineKind.NET_INCOME, LineKind.DEPRECIATION}
)  # fmt: skip
_CONSOLIDATED = (LineKind.PRETAX_INCOME, LineKind.NET_INCOME)
_NOT_THE_END = re.compile(r"adjusted|attributable|noncontrolling|non-controlling", re.IGNORECASE)
# A row or column that totals the segments only ("Subtotal reportable segments", "Total
# segments"): where the note states it, the reconciliation starts there.
_SEGMENTS_TOTAL = re.compile(
    r"\b(?:sub)?total\b.*\bsegments?\b|\bsegments?\b.*\b(?:sub)?total\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Step:
    """One row of a reconciliation: its label, its figure, and the fact it is (none for
    the segments' total a note does not state, which is their sum)."""

    label: str
    value: object
    fact: Fact | None = None
    kind: LineKind = LineKind.UNKNOWN


def chain(ix: Index, period: str, line: str | None = None) -> list[Step]:
    """The reconciliation of ``line`` (the segment profit measure by default) for one
    period: its total over the segments, each reconciling item, the consolidated figure.
    Of the figures it may start on (a stated total of the segments, else the entity's
    figure of the measure), the first whose run reaches a consolidated figure wins.
    Computed once per index, period and line (SEGTOTAL and SEGRECON share it)."""
    return ix.memo(("chain", period, line), lambda: _chain(ix, period, line))


def _chain(ix: Index, period: str, line: str | None) -> list[Step]:
    kind = _kind(line) if line else LineKind.SEGMENT_PROFIT
    # The measure's lines: the one asked for, then the note's other lines of its kind (the
    # segments' "Revenues" rows above "Total revenues").
    others = (x for x in ix.lines_of(kind) if x != line and not _NOT_THE_END.search(x))
    lines = [line, *others] if line else ix.profit_items()
    if not line and not lines:
        return _from_revenue(ix, period)
    first: list[Step] | None = None
    upward: list[Step] = []
    for start in _starts(ix, period, lines):
        run = _run(ix, start, kind, lines)
        pivot = _pivot(run, start)
        if kind == LineKind.SEGMENT_PROFIT and pivot >= 2 and run[pivot].kind in _CONSOLIDATED:
            # The segments' measure is itself income before tax (or net income), and the
            # start is its Total across the segments and reconciling columns: the end.
            return run[: pivot + 1]
        steps = run[: _end(run, kind, pivot) + 1]
        if _reaches(steps, kind):
            return steps
        if not upward and len(steps) == 1 and kind == LineKind.SEGMENT_PROFIT:
            upward = _upward(ix, start)  # where no start runs down to the consolidated figure
        first = first or steps
    if upward and (first is None or len(first) == 1):
        return upward
    if first is None:
        unstated = _row_without_total(ix, period, lines, kind)
        if unstated and _reaches(unstated, kind):
            return unstated
        what = line or "segment profit or loss"
        raise Miss(f"no total of {what!r} over the segments for {period}")
    return first


def _from_revenue(ix: Index, period: str) -> list[Step]:
    """Where no segment states a profit (the segments are assessed on revenue and cost of
    revenue), the note reconciles their revenue down to the entity's income: the total of
    their revenue, then each figure of the entity below it (their total cost, the
    reconciling items), to income before tax or net income (ASC 280-10-50-30)."""
    starts = _starts(ix, period, ix.lines_of(LineKind.REVENUE))
    # their total first: "Other revenue", stated for no segment, is a part of it
    for start in sorted(starts, key=lambda f: f.segment != "Total"):
        run = [_step(start)] + [_step(f) for f in _below(ix, start) if _whole(f)]
        steps = run[: _end(run, LineKind.SEGMENT_PROFIT) + 1]
        if _reaches(steps, LineKind.SEGMENT_PROFIT) and steps[-1].kind != LineKind.TOTAL:
            return steps
    raise Miss(f"no segment states a profit, and no reconciliation of their revenue for {period}")


def _run(ix: Index, start: Fact, kind: LineKind, lines: list[str]) -> list[Step]:
    """From the segments to ``start`` (across its row, or from the rows above it), then
    down its column while the rows reconcile the same measure."""
    run, pivot = _to_the_total(ix, start)
    if not run:
        run = (_across(ix, start) or _above(ix, start, lines)) + [_step(start)]
    segments = ix.reportable(start.period)
    for fact in _below(ix, pivot):
        if fact.segment in segments or not _belongs(_kind(fact.line_item, fact.label), kind):
            break  # the segments' rows of the next measure, or another measure's rows
        run.append(_step(fact))
    return run


def _reaches(steps: list[Step], measure: LineKind) -> bool:
    """The run ends on a consolidated figure: income before tax or net income for profit,
    a total of the measure's own kind after its start for any other measure."""
    last = steps[-1]
    if measure == LineKind.SEGMENT_PROFIT:
        return len(steps) > 1 and last.kind in (LineKind.PRETAX_INCOME, LineKind.NET_INCOME, LineKind.TOTAL)
    return len(steps) > 1 and last.kind == measure


def _step(fact: Fact) -> Step:
    return Step(fact.label or fact.line_item, fact.value, fact, _kind(fact.line_item, fact.label))


def _starts(ix: Index, period: str, lines: list[str]) -> list[Fact]:
    """Where the reconciliation may start: a stated total of the segments ("Total
    reportable segments"), then the entity's figure of each line of the measure."""
    mine = [f for item in lines for f in ix.facts_of(item, period)]
    stated = sorted(
        (f for f in mine if _SEGMENTS_TOTAL.search(f.segment or f.label or "")),
        key=lambda f: f.at or (0, 0, 0),  # the note's order: table, row, column
    )
    return list(dict.fromkeys(stated + [f for f in mine if _whole(f)]))


def segments_total(fact: Fact) -> bool:
    """A figure that totals the segments only ("Total reportable segments")."""
    return bool(_SEGMENTS_TOTAL.search(fact.segment or ""))


def _whole(fact: Fact) -> bool:
    """A figure of the entity as a whole: its Total, or a line stated for no segment."""
    return fact.segment in ("Total", "")


def _above(ix: Index, start: Fact, lines: list[str]) -> list[Step]:
    """The segments' rows above an entity figure in its column (segments as rows, no
    total of theirs stated): their sum (computed), then the other rows of the measure
    above it (Corporate, unallocated activities), in the note's order."""
    at = start.at
    if at is None or start.segment not in ("Total", ""):
        return []
    rows = [
        f
        for f in ix.facts_at(at.table, col=at.col)
        if f.at.row < at.row
        and f.period == start.period
        and f.line_item in lines
        and f.segment not in ("", "Total")
    ]
    reportable = ix.reportable(start.period, lines)
    # One figure per segment, of the line nearest the start ("Net sales", not "Total
    # revenues" beside it), and none of the products a segment lists under its heading.
    rows = [f for f in rows if ix.group(f) not in reportable]
    segments = list({f.segment: f for f in reversed(rows) if f.segment in reportable}.values())[::-1]
    if len(segments) < 2:
        return []
    others = [
        f for f in rows if f.segment not in reportable and f.segment not in ix.subtotals(start.period, lines)
    ]
    return _from_the_segments(segments, others, start)


def _upward(ix: Index, start: Fact) -> list[Step]:
    """A reconciliation printed upward, from the consolidated figure to the segments'
    total: "Income (loss) from operations" first, the items added back to it below, and
    "Total contribution" last. Read back from the total: the total, the items in the
    note's order, then the consolidated figure, which must open the column."""
    at = start.at
    if at is None:
        return []
    above = [f for f in ix.facts_at(at.table, col=at.col) if f.at.row < at.row and f.period == start.period]
    if len(above) < 2:
        return []
    top, items = above[0], above[1:]
    if _kind(top.line_item, top.label) not in (*_CONSOLIDATED, LineKind.SEGMENT_PROFIT) or not _whole(top):
        return []
    if not all(_belongs(_kind(f.line_item, f.label), LineKind.SEGMENT_PROFIT) and _whole(f) for f in items):
        return []
    return [_step(start), *(_step(f) for f in items), _step(top)]


def _from_the_segments(segments: list[Fact], others: list[Fact], start: Fact) -> list[Step]:
    """The segments' sum, computed, then the reconciling figures; nothing where the
    start is that sum itself, stated (Boeing's "Segment operating loss")."""
    total = sum((f.value for f in segments), 0)
    if not others and total == start.value:
        return []
    if len(segments) == 1:  # the one segment's own figure ("Primary Segment | Other | Consolidated")
        first = Step(segments[0].segment, total, segments[0], LineKind.SUBTOTAL)
    else:
        first = Step(f"Total of the {len(segments)} segments (computed)", total, None, LineKind.SUBTOTAL)
    return [first] + [Step(f.segment, f.value, f, _kind(f.segment)) for f in others]


def _row_without_total(ix: Index, period: str, lines: list[str], kind: LineKind) -> list[Step]:
    """A measure stated across the segment and reconciling columns, but not in the Total
    column, which states only the rows below it ("EBIT" by segment and Corporate, then
    "Interest expense" and "Income before income taxes" under the Total): each column's
    figure in the note's order (a stated subtotal of segments among them), the measure's
    total (computed, subtotals left out), then the Total column's rows below it while
    they reconcile the measure (ASC 280-10-50-30)."""
    for item in lines:
        row = [f for f in ix.facts_of(item, period) if f.at is not None]
        if len(row) < 2 or any(_whole(f) for f in row) or len({(f.at.table, f.at.row) for f in row}) > 1:
            continue
        at = row[0].at
        total_col = next(
            (
                j
                for j, c in enumerate(ix.note.tables[at.table].columns)
                if c.role == Role.TOTAL and c.period == period
            ),
            None,
        )
        if total_col is None:
            continue
        reportable = ix.reportable(period, [item])
        subtotals = ix.subtotals(period, [item])
        summed = [f for f in row if f.segment not in subtotals and f.role != Role.SUBTOTAL]
        if sum(1 for f in summed if f.role == Role.SEGMENT and f.segment in reportable) < 2:
            continue
        total = Step(f"{row[0].label or item} (computed)", sum((f.value for f in summed), 0), None, kind)
        columns = sorted(row, key=lambda f: f.at.col)
        steps = [*(Step(f.segment, f.value, f, _kind(f.segment)) for f in columns), total]
        pivot = len(steps) - 1
        for fact in ix.facts_at(at.table, col=total_col):
            if fact.at.row <= at.row or fact.period != period:
                continue
            if not _belongs(_kind(fact.line_item, fact.label), kind):
                break
            steps.append(_step(fact))
        return steps[: _end(steps, kind, pivot) + 1]
    return []


def _below(ix: Index, start: Fact) -> list[Fact]:
    """The facts under ``start`` in its column, in row order."""
    at = start.at
    if at is None:
        return []
    return [f for f in ix.facts_at(at.table, col=at.col) if f.at.row > at.row and f.period == start.period]


def _row_of(ix: Index, fact: Fact) -> list[Fact]:
    """The other figures of a fact's row in its period, by column."""
    at = fact.at
    if at is None:
        return []
    return [f for f in ix.facts_at(at.table, row=at.row) if f.at.col != at.col and f.period == fact.period]


def _to_the_total(ix: Index, start: Fact) -> tuple[list[Step], Fact]:
    """From a column that totals the segments ("Segments Total") across its row to the
    Total column: the reconciling columns between (All Other, Eliminations), then the
    Total, below which the run goes on. Nothing where ``start`` is no such column."""
    if start.role != Role.SUBTOTAL or start.at is None:
        return [], start
    after = [f for f in _row_of(ix, start) if f.at.col > start.at.col]
    total = next((f for f in after if f.role == Role.TOTAL), None)
    if total is None:
        return [], start
    between = [f for f in after if f.at.col < total.at.col]
    steps = [Step(f.segment, f.value, f, _kind(f.segment)) for f in between]
    return [_step(start), *steps, _step(total)], total


def _across(ix: Index, start: Fact) -> list[Step]:
    """The row of a Total column's figure where the columns are segments: the segments'
    sum (computed: the note states none), then each reconciling column (Corporate,
    Eliminations), so that the run reaches the Total from its parts."""
    if start.at is None or start.role != Role.TOTAL:
        return []
    row = _row_of(ix, start)
    reportable = ix.reportable(start.period, [start.line_item])
    segments = [f for f in row if f.role == Role.SEGMENT and f.segment in reportable]
    others = [
        f for f in row if f.role in (Role.CORPORATE, Role.ELIMINATION, Role.SEGMENT) and f not in segments
    ]
    others = [f for f in others if f.segment not in ix.subtotals(start.period, [start.line_item])]
    if not segments or (len(segments) < 2 and not others):
        return []  # one segment alone is the Total; one beside Corporate or Other reconciles to it
    return _from_the_segments(segments, others, start)


@lru_cache(maxsize=4096)
def _kind(*names: str) -> LineKind:
    """The kind of a row: of its line item, else of its label."""
    kinds = [classify(n).kind for n in names if n]
    return next((k for k in kinds if k != LineKind.UNKNOWN), LineKind.UNKNOWN)


def _belongs(row: LineKind, measure: LineKind) -> bool:
    if row in _ANY_MEASURE or row == measure:
        return True
    return measure == LineKind.SEGMENT_PROFIT and row in _PROFIT


def _pivot(run: list[Step], start: Fact) -> int:
    """Where ``start`` is in the run: the consolidated figure comes after it."""
    return next((k for k, step in enumerate(run) if step.fact == start), 0)


def _end(run: list[Step], measure: LineKind, after: int = 0) -> int:
    """Where the reconciliation ends, after the step ``after``. Profit reconciles to
    income before income taxes (ASC 280-10-50-30b), or, where the note states none, to
    net income, or where the segments' measure is itself income before tax, to the bare
    total below it ("Worldwide total"); a figure attributable to noncontrolling interests
    is no end. Another measure ends on its consolidated total: the last total of its kind
    ("Total revenues" after "Total revenues - unaffiliated customers")."""
    later = range(max(after, 0) + 1, len(run))
    if measure == LineKind.SEGMENT_PROFIT:
        for wanted in (LineKind.PRETAX_INCOME, LineKind.NET_INCOME, LineKind.TOTAL):
            ends = [
                k for k in later if run[k].kind == wanted and "noncontrolling" not in run[k].label.lower()
            ]
            if ends:
                return ends[0]
        return _last_of(run, LineKind.SEGMENT_PROFIT)
    ends = [
        k
        for k in later
        if run[k].kind == measure
        and run[k].fact is not None
        and is_total(run[k].fact)
        # An "adjusted" figure is a non-GAAP measure the note adds after the consolidated
        # one ("Adjusted revenue"), and a share "attributable to" stockholders or to
        # noncontrolling interests is a part of it: neither is the consolidated amount.
        and not _NOT_THE_END.search(run[k].label)
    ]
    if not ends and measure in _CONSOLIDATED:
        # A segments' income before tax reconciles to a bare total of the entity below it
        # ("Worldwide total", after "Expense not allocated to segments").
        ends = [k for k in later if run[k].kind == LineKind.TOTAL and run[k].fact is not None]
    return ends[-1] if ends else _last_of(run, measure)


def _last_of(run: list[Step], kind: LineKind) -> int:
    """Where no consolidated figure follows: the last figure of the measure itself (rows
    below it that reconcile nothing stated are left out)."""
    ends = [k for k, step in enumerate(run) if step.kind == kind and not _NOT_THE_END.search(step.label)]
    return max(ends, default=len(run) - 1)


def check_row(ix: Index, steps: list[Step]) -> list[object]:
    """The last row: whether the core's checks found these rows adding up."""
    ids = {s.fact.at for s in steps if s.fact is not None and s.fact.at is not None}
    result = ix.check_result()
    broken = [e for e in result.errors if e.at in ids or ids & set(e.related)]
    if broken:
        return ["Check", f"broken: {broken[0].message}"[:255]]
    checked = any(r.total.at in ids for r in result.relations)
    return ["Check", "ok" if checked else "not checked: no stated total ties these rows"]
