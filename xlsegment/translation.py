"""Convenience translation: translate at a rate with Excel's rounding, infer and check the rate.

A translated figure u of a local figure v at rate r is ROUND(v / r, 0). Both v and u are
rounded, so u is consistent with r when |u - v/r| <= 1/2 + (1/2)/r (half a unit of u, plus
half a unit of v carried through the division).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from xlsegment.model import Number
from xlsegment.numbers import excel_round, to_decimal


@dataclass(frozen=True)
class RateInfo:
    """The convenience rate: stated by the user, or the interval every figure allows."""

    rate: Decimal | None  # the stated rate, or the midpoint of the inferred interval
    low: Decimal | None
    high: Decimal | None
    stated: bool
    figures: int = 0  # translated leaf figures the rate was tested against
    of: int = 0  # translated leaf figures in all

    def describe(self) -> str:
        if self.stated:
            return f"stated rate {self.rate} (checked against {self.figures} figures)"
        if self.low is None:
            return "no single rate is consistent with every translated figure"
        agree = f"all {self.figures}" if self.figures == self.of else f"{self.figures} of {self.of}"
        return (
            f"inferred rate between {self.low} and {self.high} (consistent with {agree} translated figures)"
        )


def translate(value: Number, rate: Number, digits: int = 0) -> int | Decimal:
    """ROUND(value / rate, digits) with halves away from zero, as Excel does."""
    q = excel_round(to_decimal(value) / to_decimal(rate), digits)
    return int(q) if digits == 0 else q


def translate_table(values, rate: Number, digits: int = 0):
    """Translate every number of a mapping or sequence; pandas objects are mapped cellwise."""
    if hasattr(values, "map") and hasattr(values, "dtypes"):  # pandas DataFrame or Series
        return values.map(lambda v: translate(v, rate, digits))
    if isinstance(values, dict):
        return {k: translate(v, rate, digits) for k, v in values.items()}
    return [translate(v, rate, digits) for v in values]


def _frac(v: Number) -> Fraction:
    return Fraction(str(v)) if isinstance(v, Decimal) else Fraction(v)


def rate_bounds(local: Number, translated: Number, local_decimals: int = 0) -> tuple | None:
    """Interval of rates r with ROUND(local'/r) = translated for some local' within rounding."""
    v, u = _frac(local), _frac(translated)
    half_v = Fraction(1, 2 * 10**local_decimals)
    if v == 0 or u == 0 or (v > 0) != (u > 0):
        return None
    v, u = abs(v), abs(u)
    low = (v - half_v) / (u + Fraction(1, 2))
    high = (v + half_v) / (u - Fraction(1, 2)) if u > Fraction(1, 2) else None
    return low, high


def infer_rate(pairs: list[tuple[Number, Number, int]]) -> RateInfo:
    """The rate interval allowed by the most (local, translated, decimals) leaf pairs.

    Each pair allows an interval of rates; the answer is the intersection of the largest
    group of intervals that overlap, so one wrong figure cannot hide the rate of the rest.
    """
    bounds = [b for b in (rate_bounds(v, u, d) for v, u, d in pairs) if b is not None]
    bounds = [(lo, hi) for lo, hi in bounds if hi is not None]
    if not bounds:
        return RateInfo(None, None, None, stated=False, figures=0)
    events = sorted([(lo, 0) for lo, _ in bounds] + [(hi, 1) for _, hi in bounds])
    best = depth = 0
    point = None
    for x, kind in events:
        depth += 1 if kind == 0 else -1
        if kind == 0 and depth > best:
            best, point = depth, x
    group = [(lo, hi) for lo, hi in bounds if lo <= point <= hi]
    low = max(lo for lo, _ in group)
    high = min(hi for _, hi in group)
    mid = (low + high) / 2
    # As few decimals as keep the rate inside the interval (large figures pin it closely).
    places = next(p for p in range(6, 40) if low <= Fraction(str(_dec(mid, p))) <= high)
    return RateInfo(
        _dec(mid, places),
        _dec(low, places, up=True),
        _dec(high, places),
        stated=False,
        figures=len(group),
        of=len(bounds),
    )


def _dec(f: Fraction, places: int, up: bool = False) -> Decimal:
    scaled = f * 10**places
    n = -((-scaled.numerator) // scaled.denominator) if up else scaled.numerator // scaled.denominator
    return Decimal(n).scaleb(-places)


def consistent_with(local: Number, translated: Number, rate: Number, local_decimals: int = 0):
    """(direct translation, difference, tolerance, ok) of one translated figure at a rate."""
    r = _frac(rate)
    exact = _frac(local) / r
    tol = Fraction(1, 2) + Fraction(1, 2 * 10**local_decimals) / r
    diff = _frac(translated) - exact
    direct = translate(local, rate)
    return direct, Decimal(translated) - Decimal(direct), _dec(tol, 4, up=True), abs(diff) <= tol
