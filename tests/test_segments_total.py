"""The segments' total is never the entity's: "Total reportable segments" or "Total
segment assets" above the reconciling rows is a subtotal of its own (IFRS 8.28, ASC
280-10-50-30), and the reconciling rows beside the segments in a one-measure table
("Unallocated corporate assets", "Consolidation adjustments") hold parts of that measure."""

from __future__ import annotations

import pytest

from xlsegment import labels
from xlsegment.model import Role
from xlsegment.readers.naming import names_segments_total
from xlsegment.readers.text import read_string


@pytest.mark.parametrize(
    "subtotal",
    ["Total segment assets", "Total reportable segments", "Segments total", "Subtotal of segments"],
)
@pytest.mark.parametrize(
    "other", ["Unallocated corporate assets", "Consolidation adjustments", "Adjustments", "Adjustments (2)"]
)
def test_grid_the_segments_total_and_the_rows_that_reconcile_it(subtotal, other):
    note = read_string(
        "Segment assets at December 31 were as follows:\n2024\n2023\nMining\n100\n90\nGames\n50\n40\n"
        f"{subtotal}\n150\n130\n{other}\n10\n12\nTotal assets\n160\n142\n"
    )
    facts = {f.value: f for f in note.facts}
    # named by its own words, the segments' total: never the entity's Total
    assert facts[150].segment == labels.segments_total(subtotal) and facts[150].role == Role.SUBTOTAL
    assert facts[160].segment == "Total"
    assert facts[10].segment == labels.strip_footnotes(other)
    assert "assets" in facts[10].line_item.lower()
    assert not [f for f in note.findings if f.severity == "error"]


@pytest.mark.parametrize(
    ("label", "segments_only"),
    [("Total reportable segments", True), ("Total segment assets", True), ("Segments total", True),
     ("Total segment and consolidated revenue", False), ("Total", False), ("Total assets", False)],
)  # fmt: skip
def test_grid_which_labels_total_the_segments_only(label, segments_only):
    assert names_segments_total(label) == segments_only
