"""A figure asked for by its row's own label, where the row is a segment, product or
region listed under a measure (udfs/rows.py): SEGTOTAL gives that row's figure, never the
total of the measure it belongs to; SEGVALUE finds it under its segment or the heading it
stands under; a label that two rows share with different figures is an error listing
them. Each figure below is printed in the note."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of
from xlsegment.api import parse
from xlsegment.readers.naming import owner_of
from xlsegment.udfs.facts import Miss

ROWS = [
    # note, row label, period, the row's figure (the old answer: the measure's total)
    ("corpus2/32_adobe_fy2024.txt", "Total Digital Media revenue", 2024, 15864),  # not 21,505
    ("corpus2/32_adobe_fy2024.txt", "Creative Cloud", 2024, 12682),
    ("corpus2/32_adobe_fy2024.txt", "Total Americas", 2024, 12891),
    ("corpus2/42_general_dynamics_2023.txt", "Total North America", 2023, 37121),  # not 42,272
    ("corpus2/44_intel_2023.txt", "Desktop", 2023, 10166),  # not 54,228
]  # fmt: skip


@pytest.mark.parametrize(("note", "label", "period", "stated"), ROWS)
def test_segtotal_of_a_rows_label_is_that_rows_figure(note, label, period, stated):
    ix = index_of(DATA / note)
    assert ix.consolidated(label, ix.period(period)) == stated


@pytest.mark.parametrize(
    ("note", "label", "segment", "period", "stated"),
    [("corpus2/44_intel_2023.txt", "Desktop", "Client Computing", 2023, 10166),  # not the group's 29,258
     ("corpus2/32_adobe_fy2024.txt", "Creative Cloud", "Digital Media", 2024, 12682),  # the table's segment
     ("corpus/03_walmart_fy2025.txt", "Revenue", "Walmart U.S.", 2024, 443802)],  # as SEGREVENUE
)  # fmt: skip
def test_segvalue_finds_a_row_under_its_segment(note, label, segment, period, stated):
    ix = index_of(DATA / note)
    assert ix.value_of(label, segment, ix.period(period)) == stated


def test_a_label_two_measures_share_is_an_error_naming_both():
    """Apple's "U.S." is a row of net sales (142,196) and of long-lived assets (35,664)."""
    ix = index_of(DATA / "corpus2/31_apple_fy2024.txt")
    with pytest.raises(
        Miss, match=r"2 rows of that name: 142,196 \(Net sales, U.S.\), 35,664 \(Long-lived assets"
    ):
        ix.consolidated("U.S.", "2024")


@pytest.mark.parametrize(
    ("label", "owner"),
    [
        ("All other Adjusted EBITDA", "All other"),
        ("All Other operating loss (1)", "All Other"),
        ("Corporate Adjusted EBITDA", "Corporate"),
        ("Total segment Adjusted EBITDA", None),
        ("Segment operating income", None),
        ("North America operating income", None),  # a segment's line: the table says whose
        ("Noninterest income", None),
        ("Loss before income taxes", None),
        ("Adjusted EBITDA", None),
    ],
)
def test_grid_a_closing_line_that_names_its_category(label, owner):
    assert owner_of(label) == owner


def test_a_categorys_profit_line_in_a_reconciliation_is_that_categorys(tmp_path):
    cells = ["(in thousands)", "2024", "2023", "Total reportable segments Adjusted EBITDA", "100", "90"]
    cells += ["All other Adjusted EBITDA", "6", "(1)", "Corporate costs", "(20)", "(18)"]
    cells += ["Income before income taxes", "86", "71"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    facts = {f.value: f for f in parse(path).facts}
    assert facts[6].segment == "All other" and facts[86].segment in ("", "Total")
