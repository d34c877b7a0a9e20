"""Row totals (foot, reconciliation): which rows of a grid add down to a total row.

The rows are walked top to bottom, keeping the rows not yet summed into a total ("open").
A row that may close a list (its label says total or result, it repeats a line item, or it
has no label) is a candidate total of every run of open rows that ends just above it,
under three sign patterns: all added, the first less the rest, and income less expenses
by their labels. Candidates come from labels and layout; the evaluator tests each in
every column, and the policies decide. A chain such as revenue, costs, gross profit,
expenses, operating income resolves level by level (ASC 280-10-50-26B).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xlsegment.interval import Interval
from xlsegment.relate.evidence import Tally, tally
from xlsegment.relate.policy import (
    GIVE_UP_AFTER,
    LABELLED_ROW,
    NAMED_ROW,
    RECONCILIATION_END,
    ROW_ALL_BUT_ONE,
    ROW_EVERY_COLUMN,
    TYPO_SHARE,
    near_miss,
)
from xlsegment.vocabulary import LineKind, classify

Grid = Sequence[Sequence[Interval | None]]
Terms = tuple[tuple[int, int], ...]  # (sign, row)


@dataclass(frozen=True, slots=True)
class RowTotal:
    total: int
    parts: Terms
    tally: Tally
    declared: bool = False  # kept by its label or position although not every column adds up
    reason: str = ""  # the policy that accepted it


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row labelled as a total for which no run of the rows above adds up."""

    total: int
    parts: Terms
    tally: Tally


def row_totals(
    grid: Grid,
    row_labels: Sequence[str],
    cols: Sequence[int],
    barriers: frozenset[int] = frozenset(),
    computed: frozenset[tuple[int, int]] = frozenset(),
    recon_ends: Mapping[int, int] | None = None,
    rejected: list[Rejected] | None = None,
    subtotals: frozenset[int] = frozenset(),
) -> list[RowTotal]:
    """The total rows of ``grid`` tested in columns ``cols``.

    ``barriers``: rows where the open list restarts (a new part of the table).
    ``computed``: cells that are computed, not reported; a total must be reported.
    ``recon_ends``: last rows of reconciliation blocks, with the block's first row.
    ``subtotals``: rows the layout declares subtotals (a row that repeats its heading).
    """
    walk = RowWalk(row_labels, cols, barriers, computed, recon_ends, rejected, subtotals)
    walk.run(grid, 0, len(grid))
    return walk.found


class RowWalk:
    """The top-to-bottom walk of row_totals, resumable: what it decided for the rows above
    a row depends on those rows only, so the walk up to a row can be kept and continued
    under several versions of the rows below (placement tries each place of a figure)."""

    def __init__(self, row_labels, cols, barriers=frozenset(), computed=frozenset(), recon_ends=None,
                 rejected=None, subtotals=frozenset()):  # fmt: skip
        self.row_labels, self.cols, self.barriers, self.computed = row_labels, cols, barriers, computed
        self.recon_ends, self.rejected, self.subtotals = recon_ends, rejected, subtotals
        self.found: list[RowTotal] = []
        self.open_rows: list[int] = []
        self.signs: list[int] = []

    def fork(self) -> RowWalk:
        """A copy to continue from here; the decisions so far are shared, not redone."""
        other = RowWalk(self.row_labels, self.cols, self.barriers, self.computed, self.recon_ends,
                        self.rejected, self.subtotals)  # fmt: skip
        other.found, other.open_rows, other.signs = list(self.found), list(self.open_rows), list(self.signs)
        return other

    def run(self, grid: Grid, start: int, stop: int) -> None:
        """Walk rows start..stop-1 of ``grid``; rows before ``start`` were walked already."""
        cols, computed = self.cols, self.computed
        del self.signs[start:]
        self.signs.extend(_label_sign(grid, self.row_labels, p, cols) for p in range(start, len(grid)))
        for r in range(start, stop):
            row = grid[r]
            if r in self.barriers:
                self.open_rows = []
            if all(v is None for v in row):
                continue
            tested = [c for c in cols if (r, c) not in computed]
            # Rows with no figure in any column this row shows cannot be its parts (a line
            # of the total column only, between lines of the segment columns): the runs
            # above a row of several figures pass over them, and they stay open for the
            # totals they do belong to. A row of one figure keeps to the lines just above
            # it: tested in one column, a longer run would add up by coincidence too easily.
            shown = [c for c in tested if row[c] is not None]
            open_rows = self.open_rows
            candidates = (
                [p for p in open_rows if any(grid[p][c] is not None for c in shown)]
                if len(shown) >= 2
                else open_rows
            )
            rel = _best(grid, self.row_labels, r, candidates, tested, self.signs, self.rejected,
                        r in self.subtotals)  # fmt: skip
            if rel is None and self.recon_ends and r in self.recon_ends:
                # The reconciliation starts from the total just above its first item.
                first = self.recon_ends[r]
                run = start_above(self.row_labels, candidates, first) + [p for p in candidates if p >= first]
                if len(run) >= 2:
                    rel = _declared_end(grid, r, run, tested, self.signs)
            if rel is not None:
                self.found.append(rel)
                # A part with figures in columns this total does not show stays open there
                # (business units' income, summed in the total column into income before
                # tax, is still the segments' line that their net income starts from).
                summed = {p for _, p in rel.parts if all(grid[p][c] is None or c in shown for c in cols)}
                self.open_rows = [p for p in open_rows if p not in summed]
            self.open_rows.append(r)


# Rows a reconciliation never starts from: items the note discloses beside the segments'
# measure (depreciation, capital expenditure, assets, inter-segment revenue).
_NOT_A_START = frozenset({LineKind.DEPRECIATION, LineKind.CAPEX, LineKind.ASSETS, LineKind.INTERSEGMENT,
                          LineKind.COUNT, LineKind.PERCENT})  # fmt: skip


def start_above(row_labels, candidates: list[int], first: int) -> list[int]:
    """The total a reconciliation block starts from: the last open row above its first
    item that is a measure, not an item disclosed beside it ("Depreciation and
    amortisation" between "Segment operating profit" and "Unallocated income and
    expenses:")."""
    above = [p for p in candidates if p < first]
    measures = [p for p in above if classify(row_labels[p]).kind not in _NOT_A_START]
    return (measures or above)[-1:]


def _label_sign(grid, row_labels, p, cols) -> int:
    """-1 for an expense shown as a positive figure (it is subtracted), else +1."""
    vals = [grid[p][c].mid for c in cols if grid[p][c] is not None]
    positive = sum(1 for v in vals if v > 0) >= sum(1 for v in vals if v < 0)
    return -1 if classify(row_labels[p]).expense and positive else 1


def may_close(label: str) -> bool:
    """Labels that can close a list: a total or result ("Total", "Operating income"), a
    line that repeats a line item ("Revenue" after its regions), or no label at all. A
    line named like an item of no financial kind ("International") is no total."""
    line = classify(label)
    return not label or label.startswith("Subtotal") or line.closes or line.financial


def _patterns(parts: Sequence[int], signs: Sequence[int]) -> list[tuple[int, ...]]:
    k = len(parts)
    out = []
    for pattern in ((1,) * k, (1,) + (-1,) * (k - 1), (1, *(signs[p] for p in parts[1:]))):
        if pattern not in out:
            out.append(pattern)
    return out


def _instances(grid, r, parts, pattern, cols):
    total, signed = grid[r], list(zip(pattern, (grid[p] for p in parts), strict=True))
    for c in cols:
        yield total[c], [(s, row[c]) for s, row in signed]


def _best(grid, row_labels, r, open_rows, cols, signs, rejected, subtotal=False) -> RowTotal | None:
    """The longest run of open rows that adds to row r under one of the sign patterns."""
    label = row_labels[r]
    if not subtotal and not may_close(label):
        return _named_total(grid, r, open_rows, cols, signs)
    labelled = subtotal or classify(label).closes
    mostly: RowTotal | None = None
    asserted: RowTotal | None = None
    closest: Rejected | None = None
    passed, probed = _probe(grid, r, open_rows, cols, signs)
    for k in range(len(open_rows), 1, -1):
        parts = open_rows[-k:]
        for i, pattern in enumerate(_patterns(parts, signs)):
            if k in probed and (k, i) not in passed:
                continue
            t = tally(_instances(grid, r, parts, pattern, cols), TYPO_SHARE, GIVE_UP_AFTER)
            if not t.tested:
                continue
            terms = tuple(zip(pattern, parts, strict=True))
            if ROW_EVERY_COLUMN.accepts(t):
                return RowTotal(r, terms, t, reason=ROW_EVERY_COLUMN.name)
            # Two columns are little evidence: the label's sum is trusted there only with the
            # signs the figures or their captions give, never "the first less the rest".
            plain = pattern in ((1,) * len(parts), (1, *(signs[p] for p in parts[1:])))
            policy = LABELLED_ROW if labelled and plain else ROW_ALL_BUT_ONE
            if policy.accepts(t):
                if mostly is None or t.holds > mostly.tally.holds:
                    mostly = RowTotal(r, terms, t, reason=policy.name)
            elif labelled and near_miss(t) and (asserted is None or t.worst < asserted.tally.worst):
                # A total by its label that misses by a typo: keep it, so the check reports it.
                asserted = RowTotal(r, terms, t, declared=True, reason="labelled, misses by a typo")
            elif labelled and (closest is None or t.worst < closest.tally.worst):
                closest = Rejected(r, terms, t)
    if mostly is not None:
        return mostly
    if asserted is None and labelled and rejected is not None and len(open_rows) >= 2:
        rejected.append(closest or _closest(grid, r, open_rows, cols, signs))
    return asserted


def _named_total(grid, r, open_rows, cols, signs) -> RowTotal | None:
    """A row named like an item closes the run above it only on strong arithmetic: the
    longest run, added, that meets the named-row policy. Runs the cheap probe rules out
    (``_probe``, pattern 0: every part added) are passed over, as in ``_best``: without it
    a table of n such rows cost n^3 (1,000 rows took 100 s)."""
    passed, probed = _probe(grid, r, open_rows, cols, signs)
    for k in range(len(open_rows), 1, -1):
        if k in probed and (k, 0) not in passed:
            continue
        parts = open_rows[-k:]
        t = tally(_instances(grid, r, parts, (1,) * k, cols), TYPO_SHARE, GIVE_UP_AFTER)
        if NAMED_ROW.accepts(t):
            return RowTotal(r, tuple((1, p) for p in parts), t, reason=NAMED_ROW.name)
    return None


def _closest(grid, r, open_rows, cols, signs) -> Rejected:
    """The whole open run under the pattern that misses least: what a labelled total that
    no candidate fits is reported against (the probe may have skipped every candidate)."""
    best: Rejected | None = None
    for pattern in _patterns(open_rows, signs):
        t = tally(_instances(grid, r, open_rows, pattern, cols), TYPO_SHARE)
        if best is None or (t.tested, -t.worst) > (best.tally.tested, -best.tally.worst):
            best = Rejected(r, tuple(zip(pattern, open_rows, strict=True)), t)
    return best


def _probe(grid, r, open_rows, cols, signs) -> tuple[set, set]:
    """A cheap first look in up to two columns: which (run length, pattern) could hold.

    Suffix sums grow one row at a time, so every run length costs one pass per column; a
    pattern that misses a probed column by more than a typo cannot meet any row policy
    there, and is not evaluated in full."""
    passed: set[tuple[int, int]] = set()
    probed: set[int] = set()
    n = len(open_rows)
    for c in [c for c in cols if grid[r][c] is not None][:2]:
        total = grid[r][c]
        plus = labelled = absum = 0
        half = total.half
        for k in range(1, n + 1):
            p = open_rows[n - k]
            cell = grid[p][c]
            if cell is None:
                break  # an undisclosed part: longer runs cannot be tested here
            v = cell.mid
            plus += v
            labelled += signs[p] * v
            absum += abs(v)
            half += cell.half
            if k < 2:
                continue
            probed.add(k)
            bound = max(half, TYPO_SHARE * (abs(total.mid) + absum))
            for i, x in enumerate((plus, 2 * v - plus, labelled - signs[p] * v + v)):
                if abs(total.mid - x) <= bound:
                    passed.add((k, i))
    return passed, probed


def _declared_end(grid, r, run, cols, signs) -> RowTotal | None:
    """The last line of a reconciliation is its total by position (ASC 280-10-50-30): take
    the whole open run with the sign pattern that misses least, so a miss is reported."""
    best: RowTotal | None = None
    for pattern in _patterns(run, signs):
        t = tally(_instances(grid, r, run, pattern, cols), TYPO_SHARE)
        if RECONCILIATION_END.accepts(t) and (best is None or t.worst < best.tally.worst):
            terms = tuple(zip(pattern, run, strict=True))
            best = RowTotal(r, terms, t, declared=True, reason=RECONCILIATION_END.name)
    return best
