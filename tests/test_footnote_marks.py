"""A footnote mark on a line of its own before its sentence is no figure.

Under a table, "(1)" then "Revenues include intersegment revenues of $12 million.": the
mark was read as the figure -1 of the row above, or as a figure of a row named by the
footnote's sentence ("The Crypto segment was established in 2024." as a segment). A
figure in parentheses before a row label stays a figure ("(6)" then "TOTAL INCOME BEFORE
INCOME TAXES"). Grid: 1 to 3 footnotes x 2 to 4 segments x 1 to 3 years.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import SEGMENTS, YEARS, _rows, _text
from xlsegment.readers.text import read_string

FOOTNOTES = [
    "Revenues include intersegment revenues of $12 million, $9 million and $7 million, respectively.",
    "The Services segment was established in 2024.",
    "See the reconciliation of total segment adjusted EBITDA to net income below.",
]


@pytest.mark.parametrize("footnotes", [1, 2, 3])
@pytest.mark.parametrize(("segments", "years"), [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)])
def test_footnote_marks_under_a_table_are_no_figures(footnotes, segments, years):
    rows, want = _rows(segments, years)
    notes = [c for i, text in enumerate(FOOTNOTES[:footnotes], start=1) for c in (f"({i})", text)]
    note = read_string(
        _text("Revenue by reportable segment (in millions):", YEARS[:years], rows) + "\n".join(notes) + "\n"
    )
    read = {(f.segment, f.period): f.value for f in note.facts}
    assert {k: v for k, v in read.items() if k[0] in SEGMENTS} == want
    assert all(v > 0 for v in read.values()), read  # no mark read as -1, -2, -3


@pytest.mark.parametrize("figure", ["(6)", "(1)"])
def test_a_figure_in_parentheses_before_a_label_stays_a_figure(figure):
    text = "\n".join(
        ["Reconciliation (in millions):", "2024", "Segment EBIT", "8,359",
         "Interest expense (income), net", figure, "TOTAL COMPANY INCOME BEFORE INCOME TAXES", "8,353"]
    )  # fmt: skip
    facts = {f.line_item: f.value for f in read_string(text + "\n").facts}
    assert facts["Interest expense (income), net"] == -int(figure.strip("()"))
