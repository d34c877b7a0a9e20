"""A period caption band between the measures and the years names nothing.

Geographic and segment tables often put a duration and an instant side by side: "Revenue"
over "Year Ended December 31," over three years, and "Long-lived assets" over "As of
December 31," over two (ASC 280-10-50-41). The captions say what kind of period the
years are; read as names, the measures moved to the wrong figures. Grid: 2 to 4 regions,
1 to 3 years of revenue and 1 to 2 of assets, caption wordings, in text and HTML.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import YEARS
from tests.test_lead_in_identity import _html as html_note
from xlsegment.readers.text import read_string

REGIONS = ["United States", "Germany", "Japan", "Rest of world"]
CAPTIONS = [
    ("Year Ended December 31,", "As of December 31,"),
    ("Years ended December 31,", "At December 31,"),
    ("For the year ended", "As of"),
]


def _table(regions: int, rev_years: int, asset_years: int):
    rows, want = [], {}
    for k, region in enumerate(REGIONS[:regions]):
        revenue = [5000 + 700 * k + 53 * j for j in range(rev_years)]
        assets = [900 + 110 * k + 17 * j for j in range(asset_years)]
        rows.append([region, *(f"{v:,}" for v in revenue + assets)])
        want.update({(region, "Revenue", YEARS[j]): v for j, v in enumerate(revenue)})
        want.update({(region, "Long-lived assets", YEARS[j]): v for j, v in enumerate(assets)})
    return rows, want


@pytest.mark.parametrize(("during", "at"), CAPTIONS)
@pytest.mark.parametrize(
    ("regions", "rev_years", "asset_years"),
    [(r, y, a) for r in (2, 3, 4) for y in (2, 3) for a in (1, 2) if a <= y],
)  # fmt: skip
def test_captions_between_measures_and_years_name_nothing(
    tmp_path, during, at, regions, rev_years, asset_years
):
    rows, want = _table(regions, rev_years, asset_years)
    years = YEARS[:rev_years] + YEARS[:asset_years]
    lead = "The following table presents revenue and long-lived assets by geographic area (in millions):"
    text = "\n".join(
        [lead, "Revenue", "Long-lived assets", during, at, *years, *(c for r in rows for c in r)]
    )
    bands = [
        ["Revenue"] * rev_years + ["Long-lived assets"] * asset_years,
        [during] * rev_years + [at] * asset_years,
        years,
    ]
    for note in (read_string(text + "\n"), html_note(tmp_path, lead, bands, rows)):
        read = {(f.segment, f.line_item, f.period): f.value for f in note.facts if f.segment in REGIONS}
        assert read == want
