"""What the sentence introducing a table says of its figures, in filing text and HTML.

- "The following table presents revenue by reportable segment": rows that are segments
  are figures of that one measure; "revenue and operating income by segment" names none.
- A period stated in title case ("for the Year Ended December 31, 2024") is the table's
  period where the header states none.
- A duration stated only in the lead-in ("for the Three Months Ended June 30, 2025 and
  2024") holds over every year of the header, in HTML as in text.

Grid: each phrasing x 2 to 4 segments x 1 to 3 years, text and HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xlsegment.api import parse
from xlsegment.readers.text import read_string

SEGMENTS = ["Semiconductors", "Software", "Services", "Licensing"]
YEARS = ["2025", "2024", "2023"]
GRID = [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)]


def _rows(segments: int, years: int) -> tuple[list[list[str]], dict]:
    rows, want = [], {}
    for k, seg in enumerate(SEGMENTS[:segments]):
        values = [1100 * (k + 1) + 37 * j for j in range(years)]
        rows.append([seg, *(f"{v:,}" for v in values)])
        want.update({(seg, YEARS[j]): v for j, v in enumerate(values)})
    totals = [sum(1100 * (k + 1) + 37 * j for k in range(segments)) for j in range(years)]
    rows.append(["Total", *(f"{v:,}" for v in totals)])
    return rows, want


def _text(lead: str, header: list[str], rows: list[list[str]]) -> str:
    return "\n".join([lead, *header, *(c for r in rows for c in r)]) + "\n"


def _html(tmp_path: Path, lead: str, header: list[str], rows: list[list[str]]):
    head = "".join("<tr><td></td>" + "".join(f"<td>{h}</td>" for h in band) + "</tr>" for band in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    path = tmp_path / "note.html"
    path.write_text(f"<html><body><p>{lead}</p><table>{head}{body}</table></body></html>", encoding="utf-8")
    return parse(path)


def _both(tmp_path, lead, years_shown: list[str], rows):
    """The note as text (one cell per line) and as HTML (one header row of years)."""
    return [read_string(_text(lead, years_shown, rows)), _html(tmp_path, lead, [years_shown], rows)]


MEASURE_LEADS = [
    ("The following table presents revenue by reportable segment (in millions):", "Revenue"),
    ("The table below summarizes segment assets for each of our segments:", "Segment assets"),
    ("The following table sets forth net sales by operating segment:", "Net sales"),
]


@pytest.mark.parametrize(("segments", "years"), GRID)
@pytest.mark.parametrize(("lead", "measure"), MEASURE_LEADS)
def test_a_lead_in_presenting_one_measure_by_segment_names_the_rows(tmp_path, segments, years, lead, measure):
    rows, want = _rows(segments, years)
    for note in _both(tmp_path, lead, YEARS[:years], rows):
        read = {(f.segment, f.period): (f.line_item, f.value) for f in note.facts}
        for (seg, year), value in want.items():
            assert read[(seg, year)] == (measure, value)


@pytest.mark.parametrize(("segments", "years"), GRID)
def test_a_lead_in_presenting_two_measures_names_no_measure(tmp_path, segments, years):
    rows, _ = _rows(segments, years)
    lead = "The following table presents revenue and operating income by segment (in millions):"
    for note in _both(tmp_path, lead, YEARS[:years], rows):
        assert {f.line_item for f in note.facts if f.segment != "Total"} <= set(SEGMENTS)


@pytest.mark.parametrize("segments", [2, 3, 4])
@pytest.mark.parametrize(
    ("lead", "period"),
    [
        ("The following table presents revenue for the Year Ended December 31, 2024 by segment:", "2024"),
        ("Segment results for Fiscal Year 2025 were as follows:", "2025"),
        ("The following table presents segment assets As Of December 31, 2023:", "2023"),
    ],
)  # fmt: skip
def test_a_title_case_lead_in_states_the_period(tmp_path, segments, lead, period):
    names = SEGMENTS[:segments]
    header = [*names, "Total"]
    values = [
        [str(100 + 10 * k) for k in range(segments)] + [str(sum(100 + 10 * k for k in range(segments)))]
    ]
    text = "\n".join([lead, *header, "Revenue", *values[0]]) + "\n"
    assert {f.period for f in read_string(text).facts} == {period}


@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2)])
@pytest.mark.parametrize(
    ("phrase", "mark"), [("Three Months Ended June 30", "3M"), ("six months ended June 30", "6M")]
)
def test_a_duration_in_the_lead_in_holds_over_the_years(tmp_path, segments, years, phrase, mark):
    rows, want = _rows(segments, years)
    shown = YEARS[:years]
    lead = f"The following table presents revenue by segment for the {phrase}, {' and '.join(shown)}:"
    for note in _both(tmp_path, lead, shown, rows):
        assert {f.period for f in note.facts} == {f"{mark} {y}" for y in shown}
