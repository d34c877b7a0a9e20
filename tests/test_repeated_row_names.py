"""The same names under each measure heading are segments, whatever words they use.

"Revenues:" over "Online marketing services" and "Cloud services", then "Segment
operating income (loss):" over the same two: each name is a segment, though "marketing"
or "advertising" reads like an expense line. A line item is not listed again under each
measure; segments are. Grid: name sets with expense-like words x 2 to 3 years, in text
and HTML.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import YEARS, _html, _text
from xlsegment.readers.text import read_string

NAME_SETS = [
    ["Online marketing services", "Cloud services"],
    ["Advertising", "Subscriptions", "Hardware"],
    ["Marketing solutions", "Selling platforms"],
    ["Research services", "Administration software", "Depreciation analytics"],
]
MEASURES = [
    ("Revenues:", "Revenues"),
    ("Segment operating income (loss):", "Segment operating income (loss)"),
]


def _rows(names: list[str], years: int):
    rows, want = [], {}
    for m, (heading, measure) in enumerate(MEASURES):
        rows.append([heading])
        totals = [0] * years
        for k, name in enumerate(names):
            values = [(9000 if m == 0 else 1200) + 1000 * k + 77 * j for j in range(years)]
            totals = [t + v for t, v in zip(totals, values, strict=True)]
            rows.append([name, *(f"{v:,}" for v in values)])
            want.update({(name, measure, YEARS[j]): v for j, v in enumerate(values)})
        rows.append([f"Total {measure.lower()}", *(f"{v:,}" for v in totals)])
    return rows, want


@pytest.mark.parametrize("years", [2, 3])
@pytest.mark.parametrize("names", NAME_SETS, ids=[n[0] for n in NAME_SETS])
def test_names_under_each_measure_heading_are_segments(tmp_path, names, years):
    rows, want = _rows(names, years)
    lead = "The following table presents summary information by segment (in thousands):"
    shown = YEARS[:years]
    for note in (read_string(_text(lead, shown, rows)), _html(tmp_path, lead, [shown], rows)):
        read = {(f.segment, f.line_item, f.period): f.value for f in note.facts if f.segment in names}
        assert read == want
