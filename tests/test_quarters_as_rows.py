"""Quarters as rows: a year over the columns, its quarters and the full year down the side.

"2025" heads the segment columns, and the rows are "First quarter" .. "Fourth quarter"
and "Full year", under a header that names the measure over every segment ("Net
Sales"). Each row is a period of that year (``readers/periodrows.py``): "3M 2025-Q1" ..
"3M 2025-Q4" and "2025", and its figures are the measure's. Read as line items, every
figure had a wrong identity.

Grid: 2 to 4 segments x quarters named in words or as "Q1" x the full year's row
labelled "Full year" or "Total year"; HTML with ``<th>`` headers. Control: rows that
are line items keep their labels.
"""

from __future__ import annotations

import pytest

from tests.answers import index_of
from xlsegment.api import check, parse
from xlsegment.readers.periodrows import is_part_of_year

SEGMENTS = ["Packaged Snacks", "Beverages", "Foodservice", "Frozen Foods"]
WORDS = {
    "words": ["First quarter", "Second quarter", "Third quarter", "Fourth quarter"],
    "Q": ["Q1", "Q2", "Q3", "Q4"],
}
GRID = [(n, q, full) for n in (2, 3, 4) for q in WORDS for full in ("Full year", "Total year")]


def _html(segments: list[str], quarters: list[str], full: str, labels=None) -> tuple[str, dict]:
    figures = {(s, q): 100 * (i + 1) + 7 * k for i, s in enumerate(segments) for k, q in enumerate(quarters)}
    head = "".join(f"<th>{s}</th>" for s in [*segments, "Consolidated"])
    rows = []
    for k, q in enumerate(labels or quarters):
        values = [figures[(s, quarters[k])] for s in segments]
        rows.append(
            f"<tr><td>{q}</td>" + "".join(f"<td>{v:,}</td>" for v in [*values, sum(values)]) + "</tr>"
        )
    year = [sum(figures[(s, q)] for q in quarters) for s in segments]
    if labels is None:
        rows.append(f"<tr><td>{full}</td>" + "".join(f"<td>{v:,}</td>" for v in [*year, sum(year)]) + "</tr>")
    html = (
        "<html><body><p>Segment information</p><table>"
        f'<tr><th>(In millions)</th><th colspan="{len(segments) + 1}">Net Sales</th></tr>'
        f"<tr><th></th>{head}</tr>"
        f'<tr><th></th><th colspan="{len(segments) + 1}">2025</th></tr>'
        + "".join(rows)
        + "</table></body></html>"
    )
    return html, figures


@pytest.mark.parametrize(("n", "quarters", "full"), GRID)
def test_each_quarter_row_is_a_period_of_the_measure(tmp_path, n, quarters, full):
    segments = SEGMENTS[:n]
    html, figures = _html(segments, WORDS[quarters], full)
    path = tmp_path / "note.htm"
    path.write_text(html, encoding="utf-8")
    facts = [f for t in parse(path).tables for f in t.cells.values()]
    assert {f.line_item for f in facts} == {"Net Sales"}
    got = {(f.segment, f.period): f.value for f in facts}
    for k in range(4):
        for s in segments:
            assert got[(s, f"3M 2025-Q{k + 1}")] == figures[(s, WORDS[quarters][k])]
    assert got[(segments[0], "2025")] == sum(figures[(segments[0], q)] for q in WORDS[quarters])
    assert check(path).summary["errors"] == 0
    ix = index_of(path)
    assert (
        ix.value(ix.line_item("Net Sales"), segments[-1], ix.period("Q3 2025"))
        == figures[(segments[-1], WORDS[quarters][2])]
    )


def test_rows_that_are_line_items_keep_their_labels(tmp_path):
    html, _ = _html(
        SEGMENTS[:2], WORDS["words"], "", labels=["Revenue", "Cost of sales", "Gross profit", "Other"]
    )
    path = tmp_path / "note.htm"
    path.write_text(html, encoding="utf-8")
    facts = [f for t in parse(path).tables for f in t.cells.values()]
    assert {f.line_item for f in facts} == {"Revenue", "Cost of sales", "Gross profit", "Other"}
    assert {f.period for f in facts} == {"2025"}


@pytest.mark.parametrize(
    ("label", "part"),
    [("First quarter", True), ("Q4", True), ("Full year", True), ("Fourth quarter (a)", True),
     ("First quarter revenue", False), ("Net sales", False), ("Year-over-year change", False)],
)  # fmt: skip
def test_a_part_of_the_year_is_the_whole_label(label, part):
    assert is_part_of_year(label) is part
