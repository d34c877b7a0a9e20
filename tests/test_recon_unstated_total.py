"""SEGRECON where the measure's row states no Total: EBIT by segment and Corporate, then
"Interest expense" and "Income before income taxes" under the Total column only (a
layout of ASU 2023-07 tables). The reconciliation lists each column's figure in the
note's order (a stated subtotal of segments among them), the measure's total computed
from them (subtotals left out), then the Total column's rows down to the consolidated
figure (ASC 280-10-50-30). Grid over segments, a subtotal column or not, and years; then
the real note (Nike)."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of

SEGMENTS = ["North America", "Europe", "Greater China", "Asia Pacific"]


def _note(tmp_path, n_segments: int, subtotal: bool, years: list[int]):
    names = SEGMENTS[:n_segments]
    columns = [*names, *(["Total Brand"] if subtotal else []), "Corporate", "Total"]
    cells = ["The following table presents segment information (in millions):"]
    want = {}
    for k, year in enumerate(years):
        revenue = [1_000 + 100 * i + k for i in range(n_segments)]
        ebit = [200 + 30 * i + k for i in range(n_segments)]
        corporate, interest = -150 - k, -20 - k
        pretax = sum(ebit) + corporate - interest
        cells += [*columns, f"Year ended December 31, {year}"]
        brand_rev = [sum(revenue)] if subtotal else []
        cells += ["Revenues", *(f"{v:,}" for v in [*revenue, *brand_rev, 0, sum(revenue)])]
        brand_ebit = [sum(ebit)] if subtotal else []
        cells += ["Earnings before interest and taxes", *(f"{v:,}" for v in [*ebit, *brand_ebit])]
        cells += [f"({-corporate:,})"]
        cells += ["Interest expense (income), net", f"({-interest:,})"]
        cells += ["Income before income taxes", f"{pretax:,}"]
        items = [*ebit, *brand_ebit, corporate]
        want[year] = (items, sum(ebit) + corporate, interest, pretax)
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return index_of(path), want, columns


@pytest.mark.parametrize("years", [[2024], [2024, 2023]])
@pytest.mark.parametrize("subtotal", [False, True], ids=["no subtotal", "subtotal column"])
@pytest.mark.parametrize("n_segments", [2, 3, 4])
def test_grid_the_reconciliation_computes_the_unstated_total(tmp_path, n_segments, subtotal, years):
    ix, want, columns = _note(tmp_path, n_segments, subtotal, years)
    for year in years:
        items, ebit, interest, pretax = want[year]
        rows = ix.reconciliation(ix.period(year))
        labels = columns[:-1]
        assert rows[: len(items)] == [[name, value] for name, value in zip(labels, items, strict=True)]
        assert rows[len(items)] == ["Earnings before interest and taxes (computed)", ebit]
        assert rows[len(items) + 1] == ["Interest expense (income), net", interest]
        assert rows[len(items) + 2] == ["Income before income taxes", pretax]
        assert rows[-1][0] == "Check"


def test_nike_ebit_reconciles_to_income_before_taxes():
    ix = index_of(DATA / "corpus" / "05_nike_fy2025.txt")
    rows = ix.reconciliation(ix.period(2025))
    assert rows[0] == ["NORTH AMERICA", 4735]
    assert ["EARNINGS (LOSS) BEFORE INTEREST AND TAXES (computed)", 3778] in rows
    assert rows[-2] == ["TOTAL NIKE, INC. INCOME BEFORE INCOME TAXES", 3885]


def test_segments_assessed_on_revenue_and_cost_reconcile_from_their_revenue(tmp_path):
    """No segment states a profit: SEGRECON runs from the segments' revenue through their
    total cost and each reconciling item to the net loss, in the note's order."""
    text = (
        "The following table presents revenue and cost of revenue for the reportable segments:\n"
        "Years Ended December 31,\n2023\n2022\nReportable segment revenue:\nMining\n$\n189\n$\n157\n"
        "Hosting\n154\n102\nTotal segment and consolidated revenue\n$\n343\n$\n259\n"
        "Reportable segment cost of revenue:\nMining\n135\n85\nHosting\n186\n116\n"
        "Total segment and consolidated cost of revenue\n$\n321\n$\n201\nReconciling items:\n"
        "Selling, general and administrative\n(100)\n(67)\nDepreciation and amortization\n(252)\n(108)\n"
        "Net loss\n$\n(330)\n$\n(117)\n"
    )
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    ix = index_of(path)
    rows = ix.reconciliation(ix.period(2023))
    assert [value for _, value in rows[:4]] == [343, 321, -100, -252]
    assert rows[4] == ["Net loss", -330]
    assert rows[-1][0] == "Check"
