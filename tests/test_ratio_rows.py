"""A row of percentages between segments heads nothing.

"Segment gross profit:" over "Cloud" and its figures, "Gross margin 78.5% 77.4%", then
"Services": the margin row, its percentages left out, became the heading of the rows
after it, so Services' gross profit was read as a gross margin. Grid: three ratio
wordings x 2 to 4 segments x 1 to 3 years.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import SEGMENTS, YEARS
from xlsegment.readers.text import read_string

RATIOS = ["Gross margin", "Operating margin", "{seg} gross margin"]


@pytest.mark.parametrize("ratio", RATIOS)
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)])
def test_a_ratio_row_heads_no_rows(ratio, segments, years):
    cells = ["Gross profit by segment was as follows:", "(in thousands, except percentages)", *YEARS[:years]]
    cells.append("Segment gross profit:")
    want = {}
    for k, seg in enumerate(SEGMENTS[:segments]):
        values = [600 + 70 * k + 11 * j for j in range(years)]
        cells += [seg, *(f"{v:,}" for v in values), ratio.format(seg=seg)]
        cells += [f"{40 + k + j}.5%" for j in range(years)]
        want.update({(seg, YEARS[j]): v for j, v in enumerate(values)})
    note = read_string("\n".join(cells) + "\n")
    read = {(f.segment, f.period): (f.line_item, f.value) for f in note.facts}
    assert {k: v for (k, v) in read.items() if k[0] in SEGMENTS} == {
        k: ("Segment gross profit", v) for k, v in want.items()
    }
