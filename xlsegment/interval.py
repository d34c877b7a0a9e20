"""XBRL Calculations 1.1 arithmetic: a figure shown with d decimals is an interval.

A value v shown with d decimals stands for every number in v ± ½·10^-d. A signed sum of
such figures is an interval too (midpoints add, half-widths add), and a total is
consistent with its parts when the two intervals meet. This module is the only place in
xlsegment that computes a rounding tolerance: the checks, the relation search and the
tolerance cells the workbook writes all take theirs from here.

Numbers stay exact: midpoints are int or Decimal, half-widths Decimal; dividing by an
exchange rate (convenience translation) moves to Fraction, which compares exactly with
both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

Exact = int | Decimal | Fraction

ZERO = Decimal(0)


@lru_cache(maxsize=64)
def half_unit(decimals: int) -> Decimal:
    """Half of the last shown digit: ½·10^-decimals (0.5 for whole units)."""
    return Decimal(5).scaleb(-decimals - 1)


def _fraction(x: Exact) -> Fraction:
    return x if type(x) is Fraction else Fraction(x)


@dataclass(frozen=True, slots=True)
class Interval:
    """A midpoint and a half-width: the numbers a shown figure may stand for."""

    mid: Exact
    half: Exact = ZERO

    @classmethod
    def shown(cls, value: int | Decimal, decimals: int = 0) -> Interval:
        """The interval of a figure shown with ``decimals`` decimals (XBRL @decimals)."""
        return cls(value, half_unit(decimals))

    @classmethod
    def exact(cls, value: Exact) -> Interval:
        """A number known exactly (a stated rate, a computed constant)."""
        return cls(value, ZERO)

    @property
    def low(self) -> Exact:
        return self.mid - self.half

    @property
    def high(self) -> Exact:
        return self.mid + self.half

    def __neg__(self) -> Interval:
        return Interval(-self.mid, self.half)

    def __add__(self, other: Interval) -> Interval:
        return _combine(self, other, 1)

    def __sub__(self, other: Interval) -> Interval:
        return _combine(self, other, -1)

    def divided_by(self, rate: Exact) -> Interval:
        """The interval divided by a positive exact number (a translation at a rate)."""
        r = _fraction(rate)
        return Interval(_fraction(self.mid) / r, _fraction(self.half) / r)

    def meets(self, other: Interval) -> bool:
        """Whether the two intervals share a number: the Calculations 1.1 consistency."""
        return abs(_difference(self.mid, other.mid)) <= _sum(self.half, other.half)

    def contains(self, value: Exact) -> bool:
        return abs(_difference(self.mid, value)) <= self.half


# Decimal and Fraction do not mix in Python's arithmetic: where one side is a Fraction (a
# translation), both are taken as Fractions. ``type() is`` and not isinstance(): Fraction
# is an ABC, and isinstance() on it costs more than the addition.


def _difference(a: Exact, b: Exact) -> Exact:
    if (type(a) is Fraction) != (type(b) is Fraction):
        return _fraction(a) - _fraction(b)
    return a - b


def _sum(a: Exact, b: Exact) -> Exact:
    if (type(a) is Fraction) != (type(b) is Fraction):
        return _fraction(a) + _fraction(b)
    return a + b


def _combine(a: Interval, b: Interval, sign: int) -> Interval:
    mid = _sum(a.mid, -b.mid) if sign < 0 else _sum(a.mid, b.mid)
    return Interval(mid, _sum(a.half, b.half))


def signed_sum(terms: Iterable[tuple[int, Interval]]) -> Interval:
    """Σ sign·interval: midpoints add with their signs, half-widths always add."""
    terms = list(terms)
    if any(type(t.mid) is Fraction or type(t.half) is Fraction for _, t in terms):
        mid: Exact = 0
        half: Exact = ZERO
        for sign, term in terms:
            mid = _sum(mid, term.mid if sign > 0 else -term.mid)
            half = _sum(half, term.half)
        return Interval(mid, half)
    mid = sum(t.mid if s > 0 else -t.mid for s, t in terms)
    return Interval(mid, sum((t.half for _, t in terms), ZERO))


@dataclass(frozen=True, slots=True)
class Comparison:
    """A reported figure against the interval of what it should equal."""

    reported: Exact
    expected: Exact  # the midpoint of the parts' sum (or of the translation)
    tolerance: Exact  # the two half-widths together: the largest difference rounding explains
    consistent: bool

    @property
    def difference(self) -> Exact:
        return _difference(self.reported, self.expected)

    @property
    def exact(self) -> bool:
        return self.difference == 0


def compare(total: Interval, expected: Interval) -> Comparison:
    """``total`` against ``expected``: consistent when the intervals meet."""
    tolerance = _sum(total.half, expected.half)
    diff = _difference(total.mid, expected.mid)
    return Comparison(total.mid, expected.mid, tolerance, abs(diff) <= tolerance)


def compare_sum(total: Interval, parts: Iterable[tuple[int, Interval]]) -> Comparison:
    """A total against the signed sum of its parts (Calculations 1.1).

    One pass over the parts: the relation search calls this for every candidate in every
    row, so it adds in place and turns to Fractions only when a part is one."""
    parts = parts if isinstance(parts, list | tuple) else list(parts)
    mid: Exact = 0
    half: Exact = total.half
    for sign, p in parts:
        if type(p.mid) is Fraction or type(p.half) is Fraction:
            return compare(total, signed_sum(parts))
        mid = mid + p.mid if sign > 0 else mid - p.mid
        half = half + p.half
    diff = _difference(total.mid, mid)
    return Comparison(total.mid, mid, half, abs(diff) <= half)
