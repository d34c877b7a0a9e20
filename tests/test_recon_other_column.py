"""SEGRECON where the reconciliation is laid out in columns, "Primary Segment | Other |
Consolidated", with the entity's rows below in the Consolidated column only: it starts
on the segments' figure (the one segment's own, or their computed sum), adds "Other",
the combined category of the businesses that are no reportable segment (ASC
280-10-50-15), reaches the consolidated figure, then runs down to income before tax
(ASC 280-10-50-30). Grid over one to three segments and the category's wording; then the
real note (Home Depot)."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of
from udfs.recon import chain

NAMES = ["Primary Segment", "Services", "Rentals"]


def _note(tmp_path, n_segments: int, other: str):
    names = NAMES[:n_segments]
    sales = [100_000 + 1_000 * i for i in range(n_segments)]
    income = [20_000 + 500 * i for i in range(n_segments)]
    cells = ["The following table reconciles segment information to our consolidated totals:", "Fiscal 2024"]
    cells += ["in millions", *names, other, "Consolidated"]
    cells += ["Net sales", *(f"{v:,}" for v in [*sales, 6_406, sum(sales) + 6_406])]
    consolidated = sum(income) + 213
    cells += ["Operating income", *(f"{v:,}" for v in [*income, 213, consolidated])]
    cells += ["Interest income and other, net", "(201)", "Interest expense", "2,321"]
    cells += ["Earnings before provision for income taxes", f"{consolidated - 201 - 2321:,}"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return index_of(path), income, consolidated


@pytest.mark.parametrize("n_segments", [1, 2, 3])
@pytest.mark.parametrize("other", ["Other", "All Other"])
def test_grid_a_reconciliation_in_columns_with_an_other_category(tmp_path, n_segments, other):
    ix, income, consolidated = _note(tmp_path, n_segments, other)
    steps = chain(ix, ix.period("2024"))
    values = [s.value for s in steps]
    assert values[0] == sum(income)  # the one segment's figure, or the segments' sum
    assert values[1:] == [213, consolidated, -201, 2321, consolidated - 201 - 2321]


def test_home_depot_starts_on_the_primary_segment():
    ix = index_of(DATA / "corpus" / "06_home_depot_fy2024.txt")
    steps = chain(ix, ix.period("2024"))
    assert [s.value for s in steps] == [21313, 213, 21526, -201, 2321, 19406]
