"""SEGTOTAL answers the line asked for: a line by its label is that line's consolidated
figure, never the figure its reconciliation ends on; a measure by what it is ("Revenue")
is the consolidated figure of that measure. SEGREVENUE is a segment's total revenue where
the note breaks revenue down. Each figure below is printed on the line named in the note."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of

CASES = [
    # note, asked, period, stated, where the note states it
    ("corpus/13_coca_cola_2024.txt", "Operating income (loss)", 2024, 9992, "line 100"),
    ("corpus/13_coca_cola_2024.txt", "Interest expense", 2024, 1656, "line 104"),
    ("corpus/13_coca_cola_2024.txt", "Cost of goods sold", 2024, 18324, "line 61"),
    ("corpus/13_coca_cola_2024.txt", "Interest income", 2024, 988, "line 102"),
    ("corpus/19_verizon_2023.txt", "Consolidated operating income", 2023, 22877, "line 298"),
    ("corpus2/40_comcast_2023.txt", "Adjusted EBITDA", 2023, 37633, "line 102"),
    ("corpus2/40_comcast_2023.txt", "Intersegment revenue", 2023, 8383, "line 152"),
    ("corpus2/37_abbott_2023.txt", "Operating Earnings", 2023, 10278, "line 50"),
    ("corpus2/37_abbott_2023.txt", "Total assets", 2023, 73214, "line 231"),
    ("corpus/04_unitedhealth_2024.txt", "Revenue", 2024, 400278, "line 78"),
    ("corpus/01_amazon_2024.txt", "Revenue", 2024, 637959, "the Total of Net sales"),
    ("corpus2/53_aegon_2000.txt", "Revenue", 2000, 30755, "line 414, not gross premiums"),
]  # fmt: skip


@pytest.mark.parametrize(("note", "asked", "period", "stated", "where"), CASES)
def test_segtotal_is_the_figure_the_note_states_for_what_was_asked(note, asked, period, stated, where):
    ix = index_of(DATA / note)
    assert ix.consolidated(asked, ix.period(period)) == stated, where


@pytest.mark.parametrize(
    ("segment", "stated"), [("UnitedHealthcare", 298208), ("Optum Insight", 18757), ("Optum Rx", 133231)]
)
def test_segrevenue_is_the_segments_total_revenue_where_the_note_breaks_it_down(segment, stated):
    ix = index_of(DATA / "corpus/04_unitedhealth_2024.txt")
    assert ix.revenue(ix.segment(segment), "2024") == stated
