"""Interim bands and year captions the third probe found misread.

- One "Three Months Ended March 31," band spanning every year of an HTML header is the
  duration of every column (it was dropped, and the quarter read as the year).
- "Year-to-Date" beside "Three Months Ended" is the longer period the lead-in states
  ("three and nine months ended" -> 9M); where none is stated, "YTD", a period that
  meets no other, never the quarter's.
- Stacked blocks headed "Fiscal year 2023" or "Financial year 2023" take that year.
- The one column after "Reconciliation to Consolidated Financial Statements" is the
  consolidated figure whatever its name; the reconciliation column holds the items.
Grids over 2 to 4 segments and the wordings, text and HTML.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import SEGMENTS, _html, _rows
from xlsegment.api import check
from xlsegment.readers.text import read_string

BANDS = [("Three Months Ended March 31,", "3M"), ("Six Months Ended June 30,", "6M"),
         ("Nine Months Ended September 30,", "9M"), ("Thirteen Weeks Ended March 29,", "3M")]  # fmt: skip


@pytest.mark.parametrize(("band", "mark"), BANDS)
@pytest.mark.parametrize("segments", [2, 3, 4])
def test_one_duration_band_over_every_year(tmp_path, band, mark, segments):
    rows, want = _rows(segments, 2)
    note = _html(tmp_path, "Net sales by segment (in millions):", [[band, band], ["2025", "2024"]], rows)
    read = {(f.segment, f.period): f.value for f in note.facts if f.segment in SEGMENTS}
    assert read == {(s, f"{mark} {y}"): v for (s, y), v in want.items()}


@pytest.mark.parametrize(("lead", "ytd"), [
    ("Net sales by segment for the three and nine months ended September 30, 2025 and 2024:", "9M"),
    ("Net sales by segment for the three and six months ended June 30, 2025 and 2024:", "6M"),
    ("Net sales by segment (in millions):", "YTD"),
])  # fmt: skip
@pytest.mark.parametrize("segments", [2, 3, 4])
def test_year_to_date_is_the_longer_period_the_lead_in_states(tmp_path, lead, ytd, segments):
    rows = [
        [s, *(f"{1100 * (k + 1) + 37 * j:,}" for j in range(4))] for k, s in enumerate(SEGMENTS[:segments])
    ]
    years = ["2025", "2024", "2025", "2024"]
    text = (
        "\n".join([lead, "Three Months Ended", "Year-to-Date", *years, *(c for r in rows for c in r)]) + "\n"
    )
    html = _html(tmp_path, lead, [["Three Months Ended"] * 2 + ["Year-to-Date"] * 2, years], rows)
    for note in (read_string(text), html):
        assert {f.period for f in note.facts} == {"3M 2025", "3M 2024", f"{ytd} 2025", f"{ytd} 2024"}


@pytest.mark.parametrize("caption", ["Fiscal year {y}", "Financial year {y}", "Fiscal Year {y}"])
@pytest.mark.parametrize("segments", [2, 3, 4])
def test_stacked_blocks_under_fiscal_year_captions(caption, segments):
    names = SEGMENTS[:segments]
    cells = ["Segment information (in millions):", *names, "Total"]
    want = {}
    for j, year in enumerate(["2024", "2023"]):
        values = [100 * (k + 1) + 7 * j for k in range(segments)]
        cells += [caption.format(y=year), "Revenue", *(str(v) for v in values), str(sum(values))]
        want.update({(s, year): v for s, v in zip(names, values, strict=True)})
    note = read_string("\n".join(cells) + "\n")
    assert {(f.segment, f.period): f.value for f in note.facts if f.segment in names} == want


@pytest.mark.parametrize("last", ["Siemens Group", "Consolidated", "Group", "Total"])
@pytest.mark.parametrize("segments", [2, 3, 4])
def test_the_column_after_a_reconciliation_column_is_the_consolidated(last, segments):
    names = SEGMENTS[:segments]
    values = [1000 * (k + 1) for k in range(segments)]
    recon = -123
    header = [*names, "Reconciliation to Consolidated Financial Statements", last]
    figures = [*(f"{v:,}" for v in values), "(123)", f"{sum(values) + recon:,}"]
    cells = ["Segment information (€ million):", "2024", *header, "Revenue", *figures]
    note = read_string("\n".join(cells) + "\n")
    read = {f.segment: f.value for f in note.facts}
    assert read["Total"] == sum(values) + recon
    assert read["Reconciliation to Consolidated Financial Statements"] == recon
    assert check(note).summary["errors"] == 0
