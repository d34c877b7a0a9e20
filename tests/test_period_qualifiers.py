"""A qualifier of a year's figures is no name: "2023 restated", "(As Recast)", "Restated".

IFRS and restating filers mark a year's column "2023 restated", or put "(As Recast)" or
"(Unaudited)" under one year of several. Read as names, every column became unnamed and
took the qualified year; they are now the year's own mark. Grid: five qualifiers, in the
year's cell or on a line under it, x 2 to 3 years x 2 to 4 segments, text and HTML.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import SEGMENTS, YEARS, _html, _rows, _text
from xlsegment.readers.text import read_string

QUALIFIERS = ["restated", "(restated)", "As Recast", "(As Recast)", "(Unaudited)"]


@pytest.mark.parametrize("qualifier", QUALIFIERS)
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (2, 3)])
def test_a_qualified_year_is_that_year(tmp_path, qualifier, segments, years):
    rows, want = _rows(segments, years)
    shown = YEARS[:years]
    in_cell = [shown[0]] + [f"{y} {qualifier}" for y in shown[1:]]
    under = [[*shown], [""] + [qualifier] * (years - 1)]
    notes = [
        read_string(_text("Revenue by segment (€ million):", in_cell, rows)),
        _html(tmp_path, "Revenue by segment (€ million):", [in_cell], rows),
        _html(tmp_path, "Revenue by segment (€ million):", under, rows),
    ]
    for note in notes:
        read = {(f.segment, f.period): f.value for f in note.facts if f.segment in SEGMENTS}
        assert read == want
