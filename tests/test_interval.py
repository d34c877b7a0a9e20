"""The one Interval of Calculations 1.1: shown figures, signed sums, meeting, translation."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from xlsegment.interval import Interval, compare, compare_sum, half_unit, signed_sum


@pytest.mark.parametrize(("decimals", "half"), [(0, "0.5"), (1, "0.05"), (2, "0.005"), (-3, "500")])
def test_a_shown_figure_stands_for_half_a_unit_of_its_last_digit(decimals, half):
    assert half_unit(decimals) == Decimal(half)
    assert Interval.shown(1028, decimals).half == Decimal(half)


def test_sums_add_midpoints_with_signs_and_half_widths_always():
    s = signed_sum([(1, Interval.shown(100)), (-1, Interval.shown(Decimal("40.5"), 1))])
    assert (s.mid, s.half) == (Decimal("59.5"), Decimal("0.55"))


@pytest.mark.parametrize(
    ("total", "parts", "consistent", "tolerance"),
    [
        (3, [1, 2], True, Decimal("1.5")),  # exact
        (4, [1, 2], True, Decimal("1.5")),  # off by 1, within three half units
        (5, [1, 2], False, Decimal("1.5")),  # off by 2: broken
    ],
)
def test_a_total_is_consistent_when_the_intervals_meet(total, parts, consistent, tolerance):
    cmp = compare_sum(Interval.shown(total), [(1, Interval.shown(p)) for p in parts])
    assert (cmp.consistent, cmp.tolerance) == (consistent, tolerance)


def test_translation_divides_the_local_interval_exactly():
    # 7,863 at 6.8972 is 1,140.02...; a filer's 1,139 misses by 1.02, beyond ½ + ½/6.8972.
    local = Interval.shown(7863).divided_by(Decimal("6.8972"))
    assert isinstance(local.mid, Fraction)
    assert not compare(Interval.shown(1139), local).consistent
    assert compare(Interval.shown(1140), local).consistent
    assert Interval.shown(1140).meets(local) and local.contains(Fraction(7863) / Fraction("6.8972"))
