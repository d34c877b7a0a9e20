"""A translated block of a table of measures side by side, its scale stated beside the
note's ("(₹ in crore, US$ in million)"): each translated measure pairs with its own local
measure, at the scale each currency states."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment import labels, translation
from xlsegment.api import check
from xlsegment.readers.text import read_string


def _rows(rate: Decimal, shift: int) -> tuple[str, str]:
    local = {"Banking": ("18,412.44", "4,705.58"), "Retail": ("9,874.51", "2,318.36")}
    totals = ("28,286.95", "7,023.94")
    lines, translated = [], []
    for seg, figures in [*local.items(), ("Total", totals)]:
        lines += [seg, *figures]
        usd = [(Decimal(v.replace(",", "")) * 10**shift / rate).quantize(Decimal("0.1")) for v in figures]
        translated += [seg, *(f"{v:,}" for v in usd)]
    return "\n".join(lines), "\n".join(translated)


@pytest.mark.parametrize(
    ("unit_line", "shift"),
    [("(₹ in crore, US$ in million)", 1), ("(₹ in million, US$ in million)", 0)],
)  # fmt: skip
def test_a_translated_block_of_measures_pairs_each_with_its_own(unit_line, shift):
    rate = Decimal("86.12")
    local, translated = _rows(rate, shift)
    text = (
        f"Amounts have been translated at ₹86.12 per US$1.00.\n\n{unit_line}\n\n"
        "Year ended March 31, 2025\nAs of March 31, 2025\nRevenue\nSegment result\n"
        f"₹\n{local}\nUS$\n{translated}\n"
    )
    note = read_string(text)
    result = check(note)
    assert result.summary["errors"] == 0, [f.message for f in result.errors]
    facts = {(f.segment, f.line_item, f.currency): f.value for f in note.facts}
    assert facts[("Banking", "Segment result", "INR")] == Decimal("4705.58")
    assert ("Banking", "Segment result", "USD") in facts
    assert {f.period for f in note.facts} == {"2025"}


@pytest.mark.parametrize(
    ("line", "main", "rest"),
    [
        ("(₹ in crore, US$ in million)", "(₹ in crore)", "US$ in million"),
        ("(In millions of Korean won and thousands of US dollars)", "(In millions of Korean won)",
         "thousands of US dollars"),
        ("(In thousands, except per share amounts)", "(In thousands)", "per share amounts"),
        ("(Dollars in millions, shares in thousands)", "(Dollars in millions, shares in thousands)", ""),
    ],
)  # fmt: skip
def test_grid_a_second_currencys_scale_in_the_unit_line(line, main, rest):
    assert labels.split_exception(line) == (main, rest)


def test_a_local_figure_in_a_larger_unit_than_its_translation_has_negative_decimals():
    """Won millions beside US$ thousands: 63,520,112 million is a figure rounded to the
    million, -6 decimals in units, -3 in thousands; the rate bounds stay exact."""
    low, high = translation.rate_bounds(Decimal("63520112000"), 43137598, local_decimals=-3)
    assert low < Decimal("1472.5") < high
    assert translation.rate_bounds(5, 5, local_decimals=-1) is not None
