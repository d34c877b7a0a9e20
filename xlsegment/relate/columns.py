"""Column totals (crossfoot): which columns of a grid add across to a total column.

Candidates come from the layout only: for each column, the columns to its left, either all
of them not already inside a subtotal, or a run that ends just before it. The evaluator
tests each candidate row by row; the column's policy (labelled Total, or unlabelled)
decides. A subtotal column found first stands for its columns in the totals to its right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xlsegment.interval import Interval
from xlsegment.model import Role
from xlsegment.relate.evidence import Tally, tally
from xlsegment.relate.policy import GIVE_UP_AFTER, LABELLED_COLUMN, TYPO_SHARE, UNLABELLED_COLUMN, Policy

Grid = Sequence[Sequence[Interval | None]]


@dataclass(frozen=True, slots=True)
class ColumnTotal:
    total: int
    parts: tuple[int, ...]
    tally: Tally
    labelled: bool  # the column is headed Total or Subtotal: the note declares it


@dataclass(frozen=True, slots=True)
class Rejected:
    """A column headed as a total whose best candidate did not meet its policy."""

    total: int
    parts: tuple[int, ...]
    tally: Tally


def column_policy(role: Role) -> Policy:
    return LABELLED_COLUMN if role in (Role.TOTAL, Role.SUBTOTAL) else UNLABELLED_COLUMN


def column_totals(
    grid: Grid,
    columns: Sequence[tuple[str, Role]],
    rejected: list[Rejected] | None = None,
    scopes: Sequence[object] | None = None,
) -> list[ColumnTotal]:
    """The total columns of ``grid`` and the columns each adds (convenience columns are
    translations, never parts or totals). Labelled columns that look like totals but meet
    no policy are appended to ``rejected`` when it is given. Where ``scopes`` gives each
    column's scope (its currency, and its period where columns are segments over several
    periods), a total adds only columns of its own scope: segments stated in their local
    currencies beside a total in the group's are no sum, nor are 2023's segments a part of
    the 2024 Total."""
    found: list[ColumnTotal] = []
    covered: dict[int, tuple[int, ...]] = {}  # subtotal column -> the columns it stands for
    for c in range(1, len(columns)):
        role = columns[c][1]
        if role == Role.CONVENIENCE:
            continue
        policy = column_policy(role)
        best: ColumnTotal | None = None
        closest: Rejected | None = None
        same = None if scopes is None else {i for i, scope in enumerate(scopes) if scope == scopes[c]}
        for parts in _candidates(c, columns, covered, same):
            t = tally(_instances(grid, c, parts), TYPO_SHARE, GIVE_UP_AFTER)
            if t.tested and policy.accepts(t):
                if best is None or t.holds > best.tally.holds:
                    best = ColumnTotal(c, parts, t, policy is LABELLED_COLUMN)
            elif t.tested and (closest is None or t.holds > closest.tally.holds):
                closest = Rejected(c, parts, t)
        if best is not None:
            found.append(best)
            covered[c] = _expand(best.parts, covered)
        elif closest is not None and policy is LABELLED_COLUMN and rejected is not None:
            rejected.append(closest)
    return found


def all_parts(c: int, columns) -> tuple[int, ...]:
    """Every column to the left of ``c`` that is not a translation: the widest candidate."""
    return tuple(i for i in range(c) if columns[i].role != Role.CONVENIENCE)


def _instances(grid: Grid, c: int, parts: tuple[int, ...]):
    for row in grid:
        yield row[c], [(1, row[p]) for p in parts]


def _expand(parts: tuple[int, ...], covered: dict[int, tuple[int, ...]]) -> tuple[int, ...]:
    out: list[int] = []
    for p in parts:
        out.extend(covered.get(p, (p,)))
    return tuple(out)


def _candidates(c: int, columns, covered, same: set[int] | None = None) -> list[tuple[int, ...]]:
    """All columns to the left not inside a subtotal, then every run ending just before c
    (of the columns in c's scope, where ``same`` names them)."""
    usable = [i for i in range(c) if columns[i][1] != Role.CONVENIENCE and (same is None or i in same)]
    inside = {i for sub, cols in covered.items() if sub < c for i in cols}
    top = tuple(i for i in usable if i not in inside)
    cands = [top] if len(top) >= 2 else []
    for start in range(len(usable) - 1):
        run = tuple(usable[start:])
        if len(run) >= 2 and run not in cands:
            cands.append(run)
    return cands
