"""Years as row labels under each line item, segments in the columns.

"Net revenue", then "2025" and its figures, then "2024" and its figures; then the next
line item. Each year's row is that line item's figures for that year. Before, the period
was blank and the second year's row was "(unlabelled)", so two line items' figures met
under one identity. Grid: 1 to 3 line items x 2 to 3 years x 2 to 4 segments, text and
HTML; no false error either.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import YEARS, _html
from xlsegment.api import check
from xlsegment.readers.text import read_string

SEGMENTS = ["Americas", "EMEA", "Asia Pacific", "Japan"]
LINES = ["Net revenue", "Operating income (loss)", "Depreciation and amortization"]


def _layout(lines: int, years: int, segments: int):
    want, text_cells, html_rows = {}, [], []
    for i, line in enumerate(LINES[:lines]):
        text_cells.append(line)
        html_rows.append([line])
        for j, year in enumerate(YEARS[:years]):
            values = [1000 * (3 - i) + 130 * k + 17 * j for k in range(segments)]
            figures = [f"{v:,}" for v in [*values, sum(values)]]
            text_cells += [year, *figures]
            html_rows.append([year, *figures])
            want.update({(seg, line, year): v for seg, v in zip(SEGMENTS, values, strict=False)})
            want[("Total", line, year)] = sum(values)
    return want, text_cells, html_rows


@pytest.mark.parametrize(
    ("lines", "years", "segments"), [(i, y, s) for i in (1, 2, 3) for y in (2, 3) for s in (2, 3, 4)]
)
def test_each_year_row_is_its_line_items_figures(tmp_path, lines, years, segments):
    want, cells, rows = _layout(lines, years, segments)
    lead = "The following table presents information about our reportable segments (in millions):"
    header = [*SEGMENTS[:segments], "Total"]
    text = "\n".join([lead, *header, *cells]) + "\n"
    # HTML: the year sits in the label column; the header row names the segments.
    html = _html(tmp_path, lead, [header], rows)
    for note in (read_string(text), html):
        read = {(f.segment, f.line_item, f.period): f.value for f in note.facts}
        assert read == want
        assert check(note).summary["errors"] == 0
