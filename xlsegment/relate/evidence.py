"""The one evaluator of relation candidates: Calculations 1.1 over the instances of a relation.

A candidate relation (this row is the total of those rows; this column is the total of
those columns) is tested in each of its instances: each column of a row relation, each row
of a column relation. An instance is tested only where the total and every part are shown
and not all of them are nil; it holds when the total's interval meets the parts' sum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from xlsegment.interval import Interval, compare_sum

Instance = tuple[Interval | None, Sequence[tuple[int, Interval | None]]]

_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Tally:
    """What the arithmetic says about a candidate, over all of its instances."""

    tested: int = 0
    holds: int = 0
    near: int = 0  # holds, or misses by no more than a typo (policy.TYPO_SHARE)
    nontrivial: bool = False  # holds somewhere with a nonzero total and two nonzero parts
    worst: Decimal = Decimal(0)  # largest miss, as a share of the figures' size

    @property
    def misses(self) -> int:
        return self.tested - self.holds


def miss_share(total: Interval, parts: Sequence[tuple[int, Interval]], difference) -> Decimal:
    """How far a sum misses, as a share of the size of the figures involved."""
    size = abs(total.mid) + sum((abs(p.mid) for _, p in parts), 0)
    return Decimal(abs(difference)) / Decimal(size) if size else _ONE


def tally(instances: Iterable[Instance], typo: Decimal, give_up: int | None = None) -> Tally:
    """Tally the instances of one candidate; ``give_up`` stops after that many misses once
    one of them is more than a typo (the candidate can no longer be accepted)."""
    tested = holds = near = 0
    nontrivial = False
    worst = Decimal(0)
    for total, parts in instances:
        if total is None:
            continue
        # One pass over the parts: an undisclosed one makes the instance untestable; the
        # signed sum of midpoints and the count of nonzero parts serve the tests below.
        exact = nonzero = 0
        for s, p in parts:
            if p is None:
                break
            if p.mid:
                nonzero += 1
                exact += p.mid if s > 0 else -p.mid
        else:
            if total.mid == 0 and not nonzero:
                continue  # an all-nil instance proves nothing
            tested += 1
            # Most instances add up exactly: equal midpoints meet whatever the half-widths.
            cmp = None if total.mid == exact else compare_sum(total, parts)
            if cmp is None or cmp.consistent:
                holds += 1
                near += 1
                nontrivial = nontrivial or (total.mid != 0 and nonzero >= 2)
                continue
            share = miss_share(total, parts, cmp.difference)
            worst = max(worst, share)
            if share <= typo:
                near += 1
            if give_up is not None and tested - holds >= give_up and worst > typo:
                break
    return Tally(tested, holds, near, nontrivial, worst)
