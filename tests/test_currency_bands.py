"""Two currency lines over the years: the note's own, then its convenience translation.

20-F notes head the table "Millions of yen" and "Millions of U.S. dollars (Note 3)" over
"2024 2025 2025": the last year, stated again, is the translation of the latest year into
the second currency. Read as the first currency it was checked against a rate of 150 as
an amount of the same note. Grid: currency pairs x 1 to 3 local years x 2 to 4 segments,
a note reference after the second line or not; every figure's currency is asserted and
the translation is checked at the rate its figures imply.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string

PAIRS = [
    ("Millions of yen", "Millions of U.S. dollars", "JPY", "USD", Decimal(150)),
    ("RMB'000", "US$'000", "CNY", "USD", Decimal("7.2993")),
    ("In thousands of euros", "In thousands of U.S. dollars", "EUR", "USD", Decimal("0.9234")),
    # Currencies named in words the currency table knows, not in a list of our own
    ("(In millions of Korean won)", "(In millions of US dollars)", "KRW", "USD", Decimal(1470)),
    ("(In thousands of New Taiwan dollars)", "(In thousands of US dollars)", "TWD", "USD", Decimal("32.5")),
]
SEGMENTS = ["Mobility", "Energy", "Materials", "Digital"]


def _note(pair, years: int, segments: int, note_ref: bool, after: bool = False) -> tuple[str, dict]:
    local, foreign, own, other, rate = pair
    ys = [str(2025 - years + 1 + j) for j in range(years)]
    marks = [local, foreign + (" (Note 3)" if note_ref else "")]
    head = [*ys, ys[-1], *marks] if after else [*marks, *ys, ys[-1]]
    lines = ["Segment information for the years ended March 31 is as follows:", *head, "Net sales:"]
    want = {}
    for k, seg in enumerate(SEGMENTS[:segments]):
        values = [2_450_000 + 310_000 * k + 41_000 * j for j in range(years)]
        usd = int((Decimal(values[-1]) / rate).quantize(Decimal(1), ROUND_HALF_UP))
        lines += [seg, *(f"{v:,}" for v in values), f"{usd:,}"]
        want.update({(seg, y, own): v for y, v in zip(ys, values, strict=True)})
        want[(seg, ys[-1], other)] = usd
    return "\n".join(lines) + "\n", want


@pytest.mark.parametrize("note_ref", [True, False])
@pytest.mark.parametrize(("years", "segments"), [(y, s) for y in (1, 2, 3) for s in (2, 3, 4)])
@pytest.mark.parametrize("pair", PAIRS, ids=[p[2] for p in PAIRS])
@pytest.mark.parametrize("after", [False, True], ids=["lines above the years", "lines below the years"])
def test_the_second_currency_line_names_the_repeated_latest_year(pair, years, segments, note_ref, after):
    text, want = _note(pair, years, segments, note_ref, after)
    note = read_string(text)
    assert {(f.segment, f.period, f.currency): f.value for f in note.facts} == want
    assert check(note).summary["errors"] == 0
