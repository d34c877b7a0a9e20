"""Property tests: interval arithmetic, Excel rounding, and a reader that never crashes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsegment.errors import InputError
from xlsegment.interval import Interval, compare_sum
from xlsegment.model import Note
from xlsegment.numbers import excel_round
from xlsegment.readers.text import read_string
from xlsegment.translation import consistent_with, infer_rate, translate

ints = st.integers(min_value=-(10**9), max_value=10**9)


@given(st.lists(ints, min_size=1, max_size=30))
def test_exact_sum_is_consistent(parts):
    total = Interval.shown(sum(parts))
    assert compare_sum(total, [(1, Interval.shown(p)) for p in parts]).consistent


@given(st.lists(ints, min_size=1, max_size=30), st.integers(min_value=1, max_value=10**6))
def test_tolerance_is_half_unit_per_figure(parts, shift):
    n = len(parts)
    cmp = compare_sum(Interval.shown(sum(parts) + shift), [(1, Interval.shown(p)) for p in parts])
    assert cmp.tolerance == Decimal(n + 1) / 2
    assert cmp.consistent == (shift <= cmp.tolerance)


@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1, max_size=20))
def test_sum_of_rounded_tenths_is_consistent_with_rounded_sum(tenths):
    # Each part is a value in tenths shown rounded to whole units: the intervals must meet.
    shown = [int(excel_round(Decimal(t) / 10)) for t in tenths]
    total = int(excel_round(Decimal(sum(tenths)) / 10))
    assert compare_sum(Interval.shown(total), [(1, Interval.shown(s)) for s in shown]).consistent


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False))
def test_excel_round_halves_away_from_zero(x):
    r = excel_round(x)
    assert abs(r - x) <= Decimal("0.5")
    if abs(x - x.to_integral_value(rounding="ROUND_DOWN")) == Decimal("0.5"):
        assert abs(r) > abs(x)


@given(st.lists(st.integers(min_value=100, max_value=10**7), min_size=1, max_size=15))
def test_rate_inferred_from_translated_figures_contains_true_rate(locals_):
    rate = Decimal("7.2993")
    pairs = [(v, translate(v, rate), 0) for v in locals_]
    info = infer_rate(pairs)
    assert info.low <= rate <= info.high
    for v, u, _ in pairs:
        assert consistent_with(v, u, info.rate)[3]


cell = st.one_of(
    st.sampled_from(
        [
            "—",
            "-",
            "$",
            "(1,234)",
            "2024",
            "Total",
            "Revenue",
            "RMB",
            "(in thousands)",
            "Year ended December 31, 2024:",
            "Less:",
            "",
            "12.5",
            "(Note 3)",
            "Net loss",
        ]
    ),
    st.text(max_size=12),
    st.integers(-(10**7), 10**7).map(lambda i: f"{i:,}"),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(cell, max_size=80))
def test_random_text_gives_a_note_or_an_input_error(cells):
    try:
        note = read_string("\n".join(cells), "fuzz.txt")
    except InputError as e:
        assert str(e).startswith("fuzz.txt")
        return
    assert isinstance(note, Note)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=376))
def test_truncated_seed_gives_a_note_or_an_input_error(seed_text, cut):
    text = "\n".join(seed_text.splitlines()[:cut])
    try:
        note = read_string(text, "cut.txt")
    except InputError:
        return
    assert note.tables
