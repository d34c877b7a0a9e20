"""Measures side by side as columns, segments as rows, and each year's block below.

"Net sales | Operating income | Total assets" over rows "Alpha", "Beta", "Corporate",
"Total", one block per year under its year: each figure is its row's segment and its
column's measure. Read as names of segments, the measures had swapped with the segments,
and "Total assets" was taken for the Total column. A year line over a later block gives
that block its year. Grid: 2 to 3 measures x 1 to 3 years x 2 to 4 segments, in text
and HTML, with no false error.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import YEARS, _html
from xlsegment.api import check
from xlsegment.readers.text import read_string

MEASURES = ["Net sales", "Total assets", "Operating income (loss)"]
SEGMENTS = ["Alpha", "Beta", "Corporate", "Gamma"]


def _blocks(measures: int, years: int, segments: int):
    want, cells, rows = {}, [], []
    names = [s for s in SEGMENTS if s != "Corporate"][: segments - 1] + ["Corporate"]
    for j, year in enumerate(YEARS[:years]):
        cells.append(year)
        rows.append([year])
        totals = [0] * measures
        for k, seg in enumerate(names):
            values = [3000 * (m + 1) + 211 * k + 13 * j for m in range(measures)]
            totals = [t + v for t, v in zip(totals, values, strict=True)]
            cells += [seg, *(f"{v:,}" for v in values)]
            rows.append([seg, *(f"{v:,}" for v in values)])
            want.update({(seg, MEASURES[m], year): v for m, v in enumerate(values)})
        cells += ["Total", *(f"{v:,}" for v in totals)]
        rows.append(["Total", *(f"{v:,}" for v in totals)])
        want.update({("Total", MEASURES[m], year): v for m, v in enumerate(totals)})
    return want, cells, rows


@pytest.mark.parametrize(
    ("measures", "years", "segments"), [(m, y, s) for m in (2, 3) for y in (1, 2, 3) for s in (2, 3, 4)]
)
def test_measure_columns_over_segment_rows(tmp_path, measures, years, segments):
    want, cells, rows = _blocks(measures, years, segments)
    lead = "The following table presents financial information by reportable segment (in thousands):"
    header = MEASURES[:measures]
    text = "\n".join([lead, *header, *cells]) + "\n"
    for note in (read_string(text), _html(tmp_path, lead, [header], rows)):
        read = {(f.segment, f.line_item, f.period): f.value for f in note.facts}
        assert read == want
        assert check(note).summary["errors"] == 0
