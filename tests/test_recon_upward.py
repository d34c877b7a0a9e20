"""SEGRECON on a reconciliation printed upward: the consolidated figure first, the items
added back to it, the segments' total last ("Income (loss) from operations", R&D, G&A,
stock-based compensation, "Total contribution"). It is read from the total back to the
consolidated figure, items in the note's order, as printed. Grid over how many items
and years, then the real note."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of

ITEMS = [
    "Research and development expenses",
    "General and administrative expenses",
    "Stock-based compensation",
]
ITEM_BASES = [110, 230, 370]  # no item is the sum of items above it: no coincidental total


def _note(tmp_path, n_items: int, years: list[int]):
    segments = {
        "Government": [700 + k for k in range(len(years))],
        "Commercial": [500 + k for k in range(len(years))],
    }
    total = [sum(v[k] for v in segments.values()) for k in range(len(years))]
    items = {name: [ITEM_BASES[i] + k for k in range(len(years))] for i, name in enumerate(ITEMS[:n_items])}
    operations = [total[k] - sum(v[k] for v in items.values()) for k in range(len(years))]
    cells = ["Financial information for each reportable segment was as follows (in thousands):"]
    cells += ["Years Ended December 31,", *map(str, years), "Revenue:"]
    for name in segments:
        cells += [name] + [f"{2000 + k:,}" for k in range(len(years))]
    cells += ["Total revenue"] + [f"{4000 + 2 * k:,}" for k in range(len(years))]
    cells += ["Contribution:"]
    for name, values in segments.items():
        cells += [name, *(f"{v:,}" for v in values)]
    cells += ["Total contribution", *(f"{v:,}" for v in total)]
    cells += [
        "The reconciliation of contribution to income (loss) from operations is as follows (in thousands):"
    ]
    cells += ["Years Ended December 31,", *map(str, years)]
    cells += ["Income (loss) from operations", *(f"({-v:,})" if v < 0 else f"{v:,}" for v in operations)]
    for name, values in items.items():
        cells += [name, *(f"{v:,}" for v in values)]
    cells += ["Total contribution", *(f"{v:,}" for v in total)]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return index_of(path), total, items, operations


@pytest.mark.parametrize("years", [[2023], [2023, 2022], [2023, 2022, 2021]])
@pytest.mark.parametrize("n_items", [1, 2, 3])
def test_grid_an_upward_reconciliation_runs_from_the_total_to_the_consolidated_one(tmp_path, n_items, years):
    ix, total, items, operations = _note(tmp_path, n_items, years)
    for k, year in enumerate(years):
        rows = ix.reconciliation(ix.period(year))
        assert rows[0] == ["Total contribution", total[k]]
        assert rows[1:-2] == [[name, values[k]] for name, values in items.items()]
        assert rows[-2] == ["Income (loss) from operations", operations[k]]
        assert rows[-1] == ["Check", "ok"]


def test_palantir_reconciles_contribution_to_income_from_operations():
    ix = index_of(DATA / "corpus/18_palantir_2023.txt")
    rows = ix.reconciliation("2022")
    assert [v for _, v in rows[:-1]] == [1035173, 265808, 365768, 564798, -161201]
    assert rows[-1] == ["Check", "ok"]


def test_a_revenue_reconciliation_counts_each_segment_once():
    """Walmart states each segment's net sales and total revenues: the segments' sum is
    taken once, of the line nearest the start (it was 1,355,471, twice their 674,538)."""
    ix = index_of(DATA / "corpus/03_walmart_fy2025.txt")
    rows = ix.reconciliation("2025", "Revenue")
    assert rows[0] == ["Net sales", 674538] and rows[-2] == ["Total revenues", 680985]
    assert all(value < 1_000_000 for _, value in rows[:-1])


def test_a_segment_that_totals_its_products_is_a_segment_and_its_products_are_not_items():
    """Intel's Client Computing totals Desktop, Notebook and Other under its heading: it
    is one of the five segments, and its products are no reconciling items."""
    ix = index_of(DATA / "corpus2/44_intel_2023.txt")
    rows = ix.reconciliation("2023")
    assert rows[0] == ["Total of the 5 segments (computed)", 5690]
    assert "Desktop" not in {label for label, _ in rows}
    assert rows[-2:] == [["Total operating income (loss)", 93], ["Check", "ok"]]
