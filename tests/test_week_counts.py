"""A 52/53-week year's length under its label is a period caption, never a name.

Retailers head each fiscal year with its length ("Fiscal 2024" over "(53 weeks)"). Read
as a name it became every figure's segment. Grid: the week count's wordings x 1 to 3
years x 2 to 4 segments, in HTML and text; a 13-week column stays a quarter (3M).
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import SEGMENTS, YEARS, _html, _rows, _text
from xlsegment.readers.text import read_string

WORDINGS = ["52 weeks", "(53 weeks)", "53 Weeks", "Fifty-two weeks", "52-week year"]


@pytest.mark.parametrize("wording", WORDINGS)
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)])
def test_a_week_count_under_the_years_names_nothing(tmp_path, wording, segments, years):
    rows, want = _rows(segments, years)
    fiscal = [f"Fiscal {y}" for y in YEARS[:years]]
    lead = "Revenue by reportable segment was as follows (in thousands):"
    weeks = [wording] * years
    notes = [_html(tmp_path, lead, [fiscal, weeks], rows), read_string(_text(lead, fiscal + weeks, rows))]
    for note in notes:
        read = {(f.segment, f.period): f.value for f in note.facts if f.segment in SEGMENTS}
        assert read == want


@pytest.mark.parametrize("years", [2, 3])
def test_a_thirteen_week_column_stays_a_quarter(tmp_path, years):
    rows, _ = _rows(2, years)
    weeks = ["13 weeks ended"] * years
    note = _html(tmp_path, "Revenue by reportable segment:", [weeks, YEARS[:years]], rows)
    assert {f.period for f in note.facts} == {f"3M {y}" for y in YEARS[:years]}
