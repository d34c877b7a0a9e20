"""The SEC viewer's rendering of an XBRL report (an "R" page), saved as CSV or as HTML.

Its rows are "Cloud Platform [Member]" headings over each segment's line items, with
"Segment Reporting Information [Line Items]" rows of the taxonomy's structure and "[1]"
references after labels and figures. A text file of comma-separated values was refused
("no table with numbers found"). Now a text whose lines are mostly one number of comma
separated fields is read as delimited rows (``delimited.is_csv``), and every table cell
drops the viewer's marks (``labels.without_viewer_marks``): the member heading names its
segment, the structure rows are empty, a reference is no part of a label or a figure.

Grid: 2 to 4 segments x references on a line or not x CSV text or HTML.
"""

from __future__ import annotations

import csv
import io

import pytest

from xlsegment.api import check, parse
from xlsegment.labels import without_viewer_marks
from xlsegment.readers.delimited import is_csv

SEGMENTS = {
    "Cloud Platform": (6104, 5512),
    "Devices": (5318, 5204),
    "Services": (1406, 1210),
    "Other": (318, 290),
}
LINES = {"Revenues": 1, "Operating income (loss)": 0.25}
GRID = [(n, ref, kind) for n in (2, 3, 4) for ref in (False, True) for kind in ("csv", "html")]


def _rows(n: int, ref: bool) -> list[list[str]]:
    names = list(SEGMENTS)[:n]
    rows = [
        ["Segment Information - Segment Results (Details) - USD ($) $ in Millions", "12 Months Ended", ""]
    ]
    rows.append(["", "Dec. 31, 2025", "Dec. 31, 2024"])

    def block(values_of) -> None:
        rows.append(["Segment Reporting Information [Line Items]", "", ""])
        for line, share in LINES.items():
            label = f"{line} [1]" if ref and share != 1 else line
            rows.append([label, *(f"{round(values_of(k) * share):,}" for k in range(2))])

    block(lambda k: sum(SEGMENTS[s][k] for s in names))
    for name in names:
        rows.append([f"{name} [Member]", "", ""])
        block(lambda k, name=name: SEGMENTS[name][k])
    return rows


def _write(tmp_path, rows, kind: str):
    if kind == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path = tmp_path / "r4.txt"
        path.write_text(out.getvalue(), encoding="utf-8")
    else:
        cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        path = tmp_path / "r4.htm"
        path.write_text(f"<html><body><table>{cells}</table></body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize(("n", "ref", "kind"), GRID)
def test_each_member_heading_names_its_segment(tmp_path, n, ref, kind):
    path = _write(tmp_path, _rows(n, ref), kind)
    facts = {(f.segment, f.line_item, f.period): f.value for f in parse(path).facts}
    for name in list(SEGMENTS)[:n]:
        assert facts[(name, "Revenues", "2025")] == SEGMENTS[name][0]
        assert facts[(name, "Revenues", "2024")] == SEGMENTS[name][1]
        assert (name, "Operating income (loss)", "2025") in facts
    assert not any("[" in s or "[" in line for s, line, _ in facts)
    assert check(path).summary["errors"] == 0


@pytest.mark.parametrize(
    ("cell", "plain"),
    [
        ("Devices [Member]", "Devices"),
        ("(26) [2]", "(26)"),
        ("Other segment items [1]", "Other segment items"),
        ("Segment Reporting Information [Line Items]", ""),
        ("Segment Reporting [Abstract]", ""),
        ("Revenue [a] net", "Revenue [a] net"),
        ("Net sales", "Net sales"),
    ],
)
def test_the_viewer_marks_come_off_a_cell(cell, plain):
    assert without_viewer_marks(cell) == plain


@pytest.mark.parametrize(
    "text",
    [
        "The Company, its subsidiaries, and affiliates operate in three segments.\nRevenue grew.\nOk.\n",
        "Revenue\n1,234,567\n2,345,678\nCost\n1,000,000\n",  # one cell per line, figures in millions
    ],
)
def test_prose_and_cells_with_commas_are_no_csv(text):
    assert not is_csv(text)
