"""What a heading over a table of segment rows says, and what it does not.

- "EBITA by division", "Operating result by segment": the heading names the measure of
  rows that are segments (IFRS reports' EBITA, EBIT and "operating result" are such
  measures), and the closing "Group" or "Worldwide" row is the measure's total.
- A heading above the sentence that introduces the next table ("Segment operating
  margin:" over rows of percentages, then "A reconciliation ... is as follows:") ends
  the text before it: it heads none of the next table's rows, which are reconciling
  items of their own.

Grid: each heading x 2 to 4 segments x 1 to 3 years (HTML), and 2 to 3 segments x 1 to 2
years (text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xlsegment.api import check, parse
from xlsegment.readers.text import read_string

SEGMENTS = ["Sensors", "Connectivity", "Precision Motion", "Drives"]
YEARS = ["2024", "2023", "2022"]
HEADINGS = [
    ("EBITA by division", "EBITA"),
    ("Net sales by division", "Net sales"),
    ("Operating result by segment", "Operating result"),
    ("EBIT by segment", "EBIT"),
    # IFRS 8.33(b)'s measure by place
    (
        "Non-current assets (other than financial instruments), by location of the assets:",
        "Non-current assets",
    ),
]
CLOSING = ["Group", "Worldwide", "Total"]


def _html(tmp_path: Path, heading: str, closing: str, segments: int, years: int) -> tuple[Path, dict]:
    ys = YEARS[:years]
    values = {
        (s, y): 412 - 90 * k + 13 * j for k, s in enumerate(SEGMENTS[:segments]) for j, y in enumerate(ys)
    }
    rows = [[s, *(f"{values[(s, y)]:,}" for y in ys)] for s in SEGMENTS[:segments]]
    totals = {y: sum(values[(s, y)] for s in SEGMENTS[:segments]) for y in ys}
    rows.append([closing, *(f"{totals[y]:,}" for y in ys)])
    head = "<tr><td>in CHF million</td>" + "".join(f"<td>{y}</td>" for y in ys) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    prose = (
        "<p>The Executive Committee assesses divisional performance on the basis of net sales and EBITA.</p>"
    )
    path = tmp_path / "note.htm"
    page = f"<p>5 Segment information</p>{prose}<p>{heading}</p><table>{head}{body}</table>"
    path.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    want = {**values, **{("Total", y): v for y, v in totals.items()}}
    return path, want


@pytest.mark.parametrize("closing", CLOSING)
@pytest.mark.parametrize(("heading", "measure"), HEADINGS, ids=[h for h, _ in HEADINGS])
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)])
def test_a_heading_names_the_measure_of_segment_rows(tmp_path, heading, measure, closing, segments, years):
    path, want = _html(tmp_path, heading, closing, segments, years)
    note = parse(path)
    assert {(f.segment, f.period): f.value for f in note.facts} == want
    assert {f.line_item for f in note.facts} == {measure}
    assert check(note).summary["errors"] == 0


def _text(segments: int, years: int) -> tuple[str, list[str]]:
    ys = YEARS[:years]
    lines = ["Net sales and segment operating income by segment were as follows:", "(in millions)", *ys]
    lines.append("Segment operating income:")
    income = {s: [1_000 - 200 * k + 11 * j for j in range(years)] for k, s in enumerate(SEGMENTS[:segments])}
    for s, vs in income.items():
        lines += [s, *(f"{v:,}" for v in vs)]
    total = [sum(vs[j] for vs in income.values()) for j in range(years)]
    lines += ["Total segment operating income", *(f"{v:,}" for v in total)]
    lines.append("Segment operating margin:")
    for s in income:
        lines += [s, *(x for _ in ys for x in ("17.9", "%"))]
    lines.append(
        "A reconciliation of total segment operating income to income before income taxes is as follows:"
    )
    lines += ["(in millions)", *ys, "Total segment operating income", *(f"{v:,}" for v in total)]
    items = ["Corporate expense", "Interest expense", "Other, net"]
    for k, item in enumerate(items):
        lines += [item, *(f"({10 + k})" for _ in ys)]
    lines += ["Income before income taxes", *(f"{v - 33:,}" for v in total)]
    return "\n".join(lines) + "\n", items


@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3) for y in (1, 2)])
def test_a_heading_above_the_next_tables_lead_in_heads_none_of_its_rows(segments, years):
    text, items = _text(segments, years)
    note = read_string(text)
    recon = note.tables[-1]
    for row in recon.rows:
        assert row.section == ""
        assert row.segment in (None, "", "Total")
    assert {f.line_item for f in note.facts if f.line_item in items} == set(items)
    assert check(note).summary["errors"] == 0
