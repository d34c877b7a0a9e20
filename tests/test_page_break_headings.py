"""A table broken over pages keeps the row heading left open before the break.

"Earnings from operations:" opens a block, one segment's row comes before the page break,
then the header repeats and the block goes on. However the break is dressed (the years
alone, a "(continued)" title, a unit line, the page's running head and "Table of
Contents"), the rows after it are that heading's; they were read as the entity's own
line items. Grid: four dressings x 2 to 4 segments x 1 to 3 years, text and HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xlsegment.api import parse
from xlsegment.readers.text import read_string

SEGMENTS = ["Flight Systems", "Mission Systems", "Services", "Space"]
YEARS = ["2024", "2023", "2022"]
DRESSINGS = {
    "years": [],
    "continued": ["Summary of Business Segment Data (continued)"],
    "unit": ["(Dollars in millions)"],
    "furniture": [
        "2024 Form 10-K 74 Table of Contents",
        "NOTE 16 — SEGMENT INFORMATION (continued)",
        "(Dollars in millions)",
    ],
}


def _parts(segments: int, years: int):
    ys = YEARS[:years]
    rev = [[6000 - 1500 * k + 97 * j for j in range(years)] for k in range(segments)]
    ear = [[700 - 150 * k + 23 * j for j in range(years)] for k in range(segments)]
    fig = lambda vs: [f"{v:,}" for v in vs]  # noqa: E731
    before = [["Revenues:"]] + [[s, *fig(v)] for s, v in zip(SEGMENTS, rev, strict=False)]
    before += [["Total revenues", *fig(map(sum, zip(*rev, strict=True)))], ["Earnings from operations:"]]
    before += [[SEGMENTS[0], *fig(ear[0])]]
    after = [[s, *fig(v)] for s, v in zip(SEGMENTS[1:], ear[1:], strict=False)]
    after += [["Total earnings from operations", *fig(map(sum, zip(*ear, strict=True)))]]
    want = {(s, y): v for s, vs in zip(SEGMENTS, ear, strict=False) for y, v in zip(ys, vs, strict=True)}
    return ys, before, after, want


def _text(ys, before, after, dressing) -> str:
    head = ["Years ended December 31,", *ys]
    lines = ["Summary of Business Segment Data", "(Dollars in millions)", *head]
    lines += [c for r in before for c in r] + dressing + head + [c for r in after for c in r]
    return "\n".join(lines) + "\n"


def _html(tmp_path: Path, ys, before, after, dressing):
    def table(rows):
        head = f"<tr><td></td><td colspan='{len(ys)}'>Years ended December 31,</td></tr>"
        head += "<tr><td></td>" + "".join(f"<td>{y}</td>" for y in ys) + "</tr>"
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table>{head}{body}</table>"

    between = "".join(f"<p>{d}</p>" for d in dressing)
    title = "<p>Summary of Business Segment Data</p>"
    html = f"<html><body>{title}{table(before)}{between}{table(after)}</body></html>"
    path = tmp_path / "note.html"
    path.write_text(html, encoding="utf-8")
    return parse(path)


@pytest.mark.parametrize("dressing", list(DRESSINGS))
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)])
def test_rows_after_a_page_break_keep_the_open_heading(tmp_path, dressing, segments, years):
    ys, before, after, want = _parts(segments, years)
    extra = DRESSINGS[dressing]
    for note in (read_string(_text(ys, before, after, extra)), _html(tmp_path, ys, before, after, extra)):
        read = {(f.segment, f.period): f.value for f in note.facts if f.line_item.startswith("Earnings")}
        assert read == want


def _table_per_year(page: str, name: bool, continued: bool) -> str:
    """A table per year, segments as columns, one cell per line; a page break between the
    years leaves the last page's number, the filer's name and the running head."""
    segments = ["Engineered Components", "Flow Control Systems", "Total reportable segments"]
    lines = ["Note 17 — Segment Information"]
    for k, year in enumerate(("2025", "2024")):
        if k:
            lines += [page, *(["Harwell Dynamics, Inc."] if name else [])]
            lines.append("Notes to Consolidated Financial Statements (Continued)")
        caption = f"Year Ended December 31, {year}"
        lines += [f"{caption} (continued)" if k and continued else caption, "(In millions)", *segments]
        for label, base in (("Net sales", 1400), ("Operating income", 260)):
            a, b = base + 17 * k, base // 2 + 11 * k
            lines += [label, f"{a:,}", f"{b:,}", f"{a + b:,}"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("page", ["F-34", "A-7"])
@pytest.mark.parametrize("name", [True, False], ids=["filer's name", "no name"])
@pytest.mark.parametrize("continued", [True, False], ids=["caption continued", "caption"])
def test_a_page_break_between_tables_names_no_column(page, name, continued):
    note = read_string(_table_per_year(page, name, continued))
    read = {(f.segment, f.line_item, f.period): f.value for f in note.facts}
    assert read[("Flow Control Systems", "Operating income", "2024")] == 130 + 11
    assert read[("Engineered Components", "Net sales", "2024")] == 1417
    assert read[("Total reportable segments", "Net sales", "2025")] == 2100
    assert not [f for f in note.facts if f.segment.startswith(("Column", "Harwell"))]
