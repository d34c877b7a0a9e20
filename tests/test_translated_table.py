"""A table the note states again in the convenience currency, under a unit line of its own.

Korean and Japanese 20-F notes repeat a year's segment table "(In thousands of US
dollars)" after the local ones. Read in the note's currency, its figures were tied to the
local table's and gave false errors. A part whose one unit line names another currency
than the note's is in that currency; the note's convenience unit is that line's scale.

Grid: 2 to 4 segments x 1 to 3 measures, with and without a second local year's table.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string

SEGMENTS = ["Mobile Network Services", "Enterprise IT Solutions", "Content & Commerce", "Media"]
MEASURES = ["Net sales", "Operating income", "Depreciation and amortization"]
RATE = Decimal("1472.0")


def _table(unit_line: str, year: str, rows: dict, measures: int) -> list[str]:
    lines = [unit_line, f"For the year ended December 31, {year}", *MEASURES[:measures]]
    for name, values in rows.items():
        lines += [name, *(f"{v:,}" for v in values)]
    return lines


def _note(segments: int, measures: int, second_year: bool) -> tuple[str, dict, dict]:
    local = {
        s: [12_408_327 - 2_000_000 * k - 500_000 * m for m in range(measures)]
        for k, s in enumerate(SEGMENTS[:segments])
    }
    local["Total"] = [sum(v[m] for v in local.values()) for m in range(measures)]
    usd = {
        s: [int((Decimal(v).scaleb(3) / RATE).quantize(Decimal(1), ROUND_HALF_UP)) for v in vs]
        for s, vs in local.items()
        if s != "Total"
    }
    usd["Total"] = [sum(v[m] for v in usd.values()) for m in range(measures)]
    lines = ["Segment information for the years ended December 31, 2024 and 2023 is as follows:"]
    lines += _table("(In millions of Korean won)", "2024", local, measures)
    if second_year:
        earlier = {s: [v - 1_000 for v in vs] for s, vs in local.items() if s != "Total"}
        earlier["Total"] = [sum(v[m] for v in earlier.values()) for m in range(measures)]
        lines += _table("(In millions of Korean won)", "2023", earlier, measures)
    lines += ["For the convenience of the reader, the 2024 figures are translated at ₩1,472.0 to US$1."]
    lines += _table("(In thousands of US dollars)", "2024", usd, measures)
    return "\n".join(lines) + "\n", local, usd


@pytest.mark.parametrize("second_year", [False, True])
@pytest.mark.parametrize(("segments", "measures"), [(s, m) for s in (2, 3, 4) for m in (1, 2, 3)])
def test_a_table_stated_again_in_dollars_is_in_dollars(segments, measures, second_year):
    text, local, usd = _note(segments, measures, second_year)
    note = read_string(text)
    assert (note.presentation_currency, note.unit) == ("KRW", "millions")
    assert (note.convenience_currency, note.convenience_unit) == ("USD", "thousands")
    dollars = {(f.segment, f.line_item): f.value for f in note.facts if f.currency == "USD"}
    assert dollars == {(s, MEASURES[m]): v[m] for s, v in usd.items() for m in range(measures)}
    won_2024 = {
        (f.segment, f.line_item): f.value for f in note.facts if f.currency == "KRW" and f.period == "2024"
    }
    assert won_2024 == {(s, MEASURES[m]): v[m] for s, v in local.items() for m in range(measures)}
    assert check(note).summary["errors"] == 0
