"""ASU 2023-07 blocks, one per segment, then the segments' totals.

Each block is headed by its segment's name: net sales, "Less:" significant expenses,
other segment items, then the segment's own profit line ("Segment Adjusted EBITDA").
After the last block, "Total segment net sales" and "Total Segment Adjusted EBITDA" add
every block. The profit line closing a block is that segment's (ASC 280-10-50-26A), never
the total, even where the table's closing total names the same measure; and "Total
segment ..." is the segments' total, never the last block's.

Grid: profit wordings x 2 to 4 segments x 1 to 3 years, filing text.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string

SEGMENTS = ["Fluid Handling", "Motion Technologies", "Building Climate Solutions", "Sensing"]
PROFITS = ["Segment Adjusted EBITDA", "Segment profit", "Segment operating income"]
YEARS = ["2024", "2023", "2022"]


def _shown(value: int) -> str:
    return f"{value:,}"  # as filers print them: 1,940 is a figure, 1940 a year


def _note(profit: str, segments: int, years: int) -> tuple[str, dict]:
    ys = YEARS[:years]
    lines = ["Segment results were as follows:", "(In millions)", "Year Ended December 31,", *ys]
    want, sales_total, profit_total = {}, [0] * years, [0] * years
    for k, seg in enumerate(SEGMENTS[:segments]):
        sales = [2_418 - 300 * k + 61 * j for j in range(years)]
        cost = [1_452 - 200 * k + 30 * j for j in range(years)]
        sga = [341 - 20 * k + 5 * j for j in range(years)]
        result = [s - c - g for s, c, g in zip(sales, cost, sga, strict=True)]
        lines += [seg, "Net sales", *map(_shown, sales), "Less:", "Cost of sales", *map(_shown, cost)]
        lines += [
            "Selling, general and administrative expenses",
            *map(_shown, sga),
            profit,
            *map(_shown, result),
        ]
        for j, y in enumerate(ys):
            want[(profit, seg, y)] = result[j]
            sales_total[j] += sales[j]
            profit_total[j] += result[j]
    lines += [
        "Total segment net sales",
        *map(_shown, sales_total),
        f"Total {profit}",
        *map(_shown, profit_total),
    ]
    for j, y in enumerate(ys):
        # the segments' total, named so: never mistaken for the entity's Total
        want[("Total segment net sales", "Total segments", y)] = sales_total[j]
    return "\n".join(lines) + "\n", want


@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)])
@pytest.mark.parametrize("profit", PROFITS)
def test_each_block_keeps_its_profit_line_and_the_totals_add_every_block(profit, segments, years):
    text, want = _note(profit, segments, years)
    note = read_string(text)
    got = {(f.label, f.segment, f.period): f.value for f in note.facts}
    for key, value in want.items():
        assert got.get(key) == value, key
    assert check(note).summary["errors"] == 0
