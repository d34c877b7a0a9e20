"""A sign heading ("Less:") inside a segment's block keeps the rows that segment's.

ASU 2023-07 notes often lay each segment out as a block: its name, its revenue, "Less:",
its significant expenses (ASC 280-10-50-26A), then its profit. The sign heading marks the
sign of the rows after it; it does not close the segment's heading. Grid: 2 to 4
segments, 1 to 3 years, 1 to 3 expense lines, in filing text and in HTML, with "Less:"
or "Less" or none; and beside it a reconciliation whose "Less:" heads reconciling items,
which must stay the entity's, not a segment's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xlsegment.api import check, parse
from xlsegment.readers.text import read_string

SEGMENTS = ["Alpha", "Industrial Automation", "Bravo Services", "Delta"]
YEARS = ["2024", "2023", "2022"]
EXPENSES = ["Cost of sales", "Selling, general and administrative", "Research and development"]
GRID = [(s, y, e) for s in (2, 3, 4) for y in (1, 2, 3) for e in (1, 2, 3)]


def _blocks(segments: int, years: int, expenses: int, sign: str) -> tuple[list[list[str]], dict]:
    """Rows (label, figures...) of each segment's block, and what each figure is."""
    rows, want = [], {}
    for k, seg in enumerate(SEGMENTS[:segments]):
        sales = [1000 * (k + 1) + 10 * j for j in range(years)]
        # figures that no two add up to a third: no row reads as a subtotal of others
        costs = [[(137, 251, 419)[i] + 11 * j + k for j in range(years)] for i in range(expenses)]
        profit = [s - sum(c[j] for c in costs) for j, s in enumerate(sales)]
        rows.append([seg])
        rows.append(["Net sales", *(f"{v:,}" for v in sales)])
        if sign:
            rows.append([sign])
        for name, figures in zip(EXPENSES, costs, strict=False):
            rows.append([name, *(f"{v:,}" for v in figures)])
        rows.append(["Segment profit", *(f"{v:,}" for v in profit)])
        for j, year in enumerate(YEARS[:years]):
            want[(seg, year, "Net sales")] = sales[j]
            want[(seg, year, "Segment profit")] = profit[j]
            for name, figures in zip(EXPENSES, costs, strict=False):
                want[(seg, year, name)] = figures[j]
    return rows, want


def _text(rows: list[list[str]], years: int) -> str:
    head = "The following table presents segment results (in millions):\n" + "\n".join(YEARS[:years])
    return head + "\n" + "\n".join(cell for row in rows for cell in row) + "\n"


def _html(rows: list[list[str]], years: int) -> str:
    head = "<tr><td></td>" + "".join(f"<td>{y}</td>" for y in YEARS[:years]) + "</tr>"
    body = "".join(
        "<tr>" + f"<td>{row[0]}</td>" + "".join(f"<td>{v}</td>" for v in row[1:]) + "</tr>" for row in rows
    )
    lead = "<p>The following table presents segment results (in millions):</p>"
    return f"<html><body>{lead}<table>{head}{body}</table></body></html>"


def _read(note) -> dict:
    return {(f.segment, f.period, f.line_item): f.value for f in note.facts}


@pytest.mark.parametrize(("segments", "years", "expenses"), GRID)
@pytest.mark.parametrize("sign", ["Less:", "Less", ""])
def test_rows_after_a_sign_heading_stay_the_segments(tmp_path: Path, segments, years, expenses, sign):
    rows, want = _blocks(segments, years, expenses, sign)
    for note in (read_string(_text(rows, years)), _html_note(tmp_path, _html(rows, years))):
        assert _read(note) == want
        assert check(note).summary["errors"] == 0


def _html_note(tmp_path: Path, body: str):
    path = tmp_path / "note.html"
    path.write_text(body, encoding="utf-8")
    return parse(path)


@pytest.mark.parametrize("years", [1, 2, 3])
def test_less_under_a_reconciliation_heads_reconciling_items(tmp_path: Path, years):
    ys = YEARS[:years]
    segs = [[500 + j for j in range(years)], [300 + j for j in range(years)]]
    total = [a + b for a, b in zip(*segs, strict=True)]
    corp = [40 + j for j in range(years)]
    interest = [10 + j for j in range(years)]
    pretax = [t - c - i for t, c, i in zip(total, corp, interest, strict=True)]
    rows = [
        ["Segment profit"],
        ["Alpha", *map(str, segs[0])],
        ["Delta", *map(str, segs[1])],
        ["Total segment profit", *map(str, total)],
        ["Less:"],
        ["Corporate expenses", *map(str, corp)],
        ["Interest expense", *map(str, interest)],
        ["Income before income taxes", *map(str, pretax)],
    ]
    for note in (read_string(_text(rows, years)), _html_note(tmp_path, _html(rows, years))):
        read = _read(note)
        for j, year in enumerate(ys):
            assert read[("Alpha", year, "Segment profit")] == segs[0][j]
            assert read[("Delta", year, "Segment profit")] == segs[1][j]
        # The reconciling items are the entity's: named by no segment.
        items = {
            f.segment for f in note.facts if f.line_item in ("Interest expense", "Income before income taxes")
        }
        assert items <= {"", None, "Total"}, items
