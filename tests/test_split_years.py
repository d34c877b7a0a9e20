"""A year that straddles two calendar years is named by the year it ends in.

UK and Indian filers head columns "2024/25" (April 2024 to March 2025), "2024-25" or
"FY 2024/2025"; "FY25" names that year, so its figures are 2025's. Read by its first
year, each column was a year early. Grid: three spellings x 1 to 3 years x 2 to 4
segments, text and HTML; an ISO date ("2024-12-31") and a range that is not one year
("2020-2024") are left alone.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import SEGMENTS, _html, _rows, _text
from xlsegment import labels
from xlsegment.readers.text import read_string

SPELLINGS = ["{a}/{b2}", "{a}-{b2}", "FY {a}/{b}"]


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)])
def test_a_split_year_is_the_year_it_ends_in(tmp_path, spelling, segments, years):
    rows, want = _rows(segments, years)
    ends = sorted({year for _, year in want}, reverse=True)
    shown = [spelling.format(a=int(y) - 1, b=y, b2=y[2:]) for y in ends]
    lead = "Revenue by segment is set out below (£m):"
    for note in (read_string(_text(lead, shown, rows)), _html(tmp_path, lead, [shown], rows)):
        read = {(f.segment, f.period): f.value for f in note.facts if f.segment in SEGMENTS}
        assert read == want


@pytest.mark.parametrize(
    ("text", "years"), [("2024-12-31", [2024]), ("2020-2024", [2020, 2024]), ("2024/26", [2024])]
)
def test_what_is_not_a_split_year_is_left_alone(text, years):
    assert labels.years_in(text) == years
