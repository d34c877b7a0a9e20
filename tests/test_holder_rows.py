"""A corporate or unallocated row among the segments under a measure's heading.

"Operating income (loss):" over the segments, then "Corporate and unallocated", then the
heading's total: the row is a category beside the segments that holds a part of the
measure, as a "Corporate" row is; it was read as an entity line item with no measure.
Grid: four wordings x 2 to 4 segments x 1 to 3 years, text and HTML; the segments'
figures and the total keep theirs.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import SEGMENTS, YEARS, _html, _text
from xlsegment.api import check
from xlsegment.readers.text import read_string

WORDINGS = [
    "Corporate and unallocated",
    "Unallocated corporate costs",
    "Corporate",
    "Unallocated corporate expenses",
]


def _rows(wording: str, segments: int, years: int):
    rows, want = [["Operating income (loss):"]], {}
    names = SEGMENTS[:segments]
    values = [[900 + 100 * k + 7 * j for j in range(years)] for k in range(segments)]
    held = [-(150 + 3 * j) for j in range(years)]
    for name, vs in zip(names, values, strict=True):
        rows.append([name, *(f"{v:,}" for v in vs)])
        want.update({(name, YEARS[j]): v for j, v in enumerate(vs)})
    rows.append([wording, *(f"({-v:,})" for v in held)])
    want.update({(wording, YEARS[j]): v for j, v in enumerate(held)})
    totals = [sum(vs[j] for vs in values) + held[j] for j in range(years)]
    rows.append(["Total operating income", *(f"{v:,}" for v in totals)])
    want.update({("Total", YEARS[j]): v for j, v in enumerate(totals)})
    return rows, want


@pytest.mark.parametrize("wording", WORDINGS)
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)])
def test_a_holder_row_is_a_category_of_the_measure(tmp_path, wording, segments, years):
    rows, want = _rows(wording, segments, years)
    lead = "The following table presents operating income by reportable segment (in millions):"
    for note in (read_string(_text(lead, YEARS[:years], rows)), _html(tmp_path, lead, [YEARS[:years]], rows)):
        read = {
            (f.segment, f.period): f.value
            for f in note.facts
            if f.line_item.startswith(("Operating", "Total"))
        }
        assert read == want
        assert check(note).summary["errors"] == 0


@pytest.mark.parametrize("wording", ["Unallocated corporate expense", "Corporate and unallocated"])
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3) for y in (1, 2)])
def test_corporate_holds_no_part_of_a_segment_measure(tmp_path, wording, segments, years):
    rows, _ = _rows(wording, segments, years)
    rows[0] = ["Segment profit:"]
    rows[-1][0] = "Total"
    lead = "Segment profit and its reconciliation (in millions):"
    for note in (read_string(_text(lead, YEARS[:years], rows)), _html(tmp_path, lead, [YEARS[:years]], rows)):
        held = {(f.segment, f.line_item) for f in note.facts if f.label == wording}
        assert held == {("", wording)}, held  # the entity's reconciling item, no segment's profit


@pytest.mark.parametrize(
    ("heading", "total"),
    [
        ("Segment assets:", "Total assets"),
        ("Segment capital expenditures:", "Total capital expenditures"),
        ("Segment depreciation and amortization:", "Total depreciation and amortization"),
    ],
)
@pytest.mark.parametrize("wording", ["Corporate", "Unallocated assets", "Corporate and other"])
@pytest.mark.parametrize(("segments", "years"), [(2, 1), (3, 2), (4, 3)])
def test_a_holder_holds_a_part_of_a_held_segment_measure(tmp_path, heading, total, wording, segments, years):
    """Under "Segment assets:" the Corporate row holds its part of the total beside the
    segments (ASC 280-10-50-30(d)): it is a category, not a reconciling item of profit."""
    rows, want = _rows(wording, segments, years)
    rows[0] = [heading]
    rows[-1][0] = total
    lead = "Segment information (in millions):"
    for note in (read_string(_text(lead, YEARS[:years], rows)), _html(tmp_path, lead, [YEARS[:years]], rows)):
        held = {(f.segment, f.period): f.value for f in note.facts if f.label == wording}
        assert held == {k: v for k, v in want.items() if k[0] == wording}, held
        assert check(note).summary["errors"] == 0
