"""SEGTOTAL answers the line asked for: a line by its label is that line's consolidated
figure, never the figure its reconciliation ends on; a measure by what it is ("Revenue")
is the consolidated figure of that measure. SEGREVENUE is a segment's total revenue where
the note breaks revenue down. Each figure below is printed on the line named in the note."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of
from xlsegment.udfs.facts import Miss

CASES = [
    # note, asked, period, stated, where the note states it
    ("corpus/13_coca_cola_2024.txt", "Operating income (loss)", 2024, 9992, "line 100"),
    ("corpus/13_coca_cola_2024.txt", "Interest expense", 2024, 1656, "line 104"),
    ("corpus/13_coca_cola_2024.txt", "Cost of goods sold", 2024, 18324, "line 61"),
    ("corpus/13_coca_cola_2024.txt", "Interest income", 2024, 988, "line 102"),
    ("corpus/19_verizon_2023.txt", "Consolidated operating income", 2023, 22877, "line 298"),
    ("corpus2/40_comcast_2023.txt", "Adjusted EBITDA", 2023, 37633, "line 102"),
    ("corpus2/40_comcast_2023.txt", "Intersegment revenue", 2023, 8383, "line 152"),
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
    ("note", "asked", "period", "segments_total"),
    [
        ("corpus2/37_abbott_2023.txt", "Operating Earnings", 2023, "10,278"),
        ("corpus/19_verizon_2023.txt", "Operating income", 2023, "31,077"),
    ],
)
def test_segtotal_refuses_a_total_of_the_reportable_segments_only(note, asked, period, segments_total):
    """A line whose only total is "Total reportable segments" has no consolidated figure
    under that label: SEGTOTAL says so, naming the segments' total, and never serves it
    as the entity's (Verizon's consolidated operating income is 22,877)."""
    ix = index_of(DATA / note)
    with pytest.raises(
        Miss, match=f"no consolidated .* only the total of the reportable segments \\({segments_total}\\)"
    ):
        ix.consolidated(asked, ix.period(period))


@pytest.mark.parametrize(
    ("segment", "stated"), [("UnitedHealthcare", 298208), ("Optum Insight", 18757), ("Optum Rx", 133231)]
)
def test_segrevenue_is_the_segments_total_revenue_where_the_note_breaks_it_down(segment, stated):
    ix = index_of(DATA / "corpus/04_unitedhealth_2024.txt")
    assert ix.revenue(ix.segment(segment), "2024") == stated


@pytest.mark.parametrize(
    "name", ["Bottling Investments", "Investments", "Global Ventures", "Asset Management"]
)
@pytest.mark.parametrize(
    "others", [["Corporate"], ["Corporate", "Eliminations"], ["All Other", "Unallocated"]]
)
def test_grid_a_segment_named_like_a_line_item_is_still_a_segment(tmp_path, name, others):
    """Only a category beside the segments (Corporate, All Other, Eliminations,
    Unallocated) is left out of the segments' total SEGRECON starts from; a segment whose
    name reads like a line item ("Bottling Investments") is counted."""
    columns = ["Americas", name, *others, "Total"]
    values = {"Revenues": [500, 300, *[10 * (k + 1) for k in range(len(others))]],
              "Operating income": [120, 45, *[-7 * (k + 1) for k in range(len(others))]]}  # fmt: skip
    cells = ["Information about our operations by segment is as follows (in millions):", *columns, "2024"]
    for line, row in values.items():
        cells += [line, *(f"({-v:,})" if v < 0 else f"{v:,}" for v in [*row, sum(row)])]
    cells += [
        "Income before income taxes",
        "",
        "",
        *[""] * len(others),
        f"{sum(values['Operating income']):,}",
    ]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(c for c in cells if c != "") + "\n", encoding="utf-8")
    ix = index_of(path)
    assert ix.reconciliation("2024")[0][1] == 120 + 45


def test_coca_cola_reconciles_from_all_its_segments():
    ix = index_of(DATA / "corpus/13_coca_cola_2024.txt")
    assert ix.reconciliation("2024")[0][1] == 15244  # Bottling Investments included


@pytest.mark.parametrize(
    "note", ["corpus/08_meta_2024.txt", "corpus2/31_apple_fy2024.txt", "corpus2/36_abbvie_2024.txt"]
)
def test_total_assets_is_never_long_lived_assets(note):
    """These notes state long-lived assets by geography (ASC 280-10-50-41) and no total
    assets: SEGTOTAL("Total assets") is a miss, not the long-lived assets' total."""
    ix = index_of(DATA / note)
    with pytest.raises(Miss, match="'Total assets' not found"):
        ix.consolidated("Total assets", ix.period(2024))


@pytest.mark.parametrize(
    ("note", "period", "segments_profit"),
    [("corpus2/34_netflix_2024.txt", 2024, 8711631),  # the one segment's
     ("corpus/19_verizon_2023.txt", 2023, 31077),  # "Total reportable segments", not 22,877
     ("corpus/20_thermo_fisher_2023.txt", 2023, 9810),  # "Subtotal reportable segments"
     ("corpus/13_coca_cola_2024.txt", 2024, 15244),  # the segments' sum, not 9,992
     ("corpus/02_alphabet_2024.txt", 2024, 122931)],  # the segments' sum, not 112,390
)  # fmt: skip
def test_segtotal_of_segment_profit_is_the_reportable_segments_total(note, period, segments_profit):
    """ASC 280-10-50-30(b): the total of the reportable segments' measure, where the
    reconciliation starts, never a Total that takes in Corporate or what it ends on."""
    ix = index_of(DATA / note)
    assert ix.consolidated("Segment profit", ix.period(period)) == segments_profit


@pytest.mark.parametrize(
    ("note", "line", "period", "stated_for"),
    [("corpus/01_amazon_2024.txt", "Operating income (loss)", 2024, "North America, International"),
     ("corpus/08_meta_2024.txt", "Loss from operations", 2024, "Reality Labs"),
     ("corpus/03_walmart_fy2025.txt", "Operating loss", 2025, "Corporate and support"),
     ("corpus/02_alphabet_2024.txt", "Employee compensation expenses", 2024,
      "Google Services, Google Cloud")],
)  # fmt: skip
def test_segtotal_never_sums_the_figures_of_some_segments(note, line, period, stated_for):
    ix = index_of(DATA / note)
    with pytest.raises(Miss, match=f"no consolidated .* it states it for {stated_for}$"):
        ix.consolidated(line, ix.period(period))


def test_a_name_stated_twice_with_two_figures_is_refused():
    """Comcast states two "Eliminations" columns: either figure would be a guess."""
    ix = index_of(DATA / "corpus2/40_comcast_2023.txt")
    with pytest.raises(Miss, match=r"'Revenue' of 'Eliminations' in 2023 is stated 2 times: -2,800 .*-5,583"):
        ix.revenue(ix.segment("Eliminations"), "2023")


@pytest.mark.parametrize(
    ("group", "region", "stated"),
    [("Immunology", "U.S.", 11355), ("REMICADE", "U.S.", 1009), ("REMICADE", "U.S. Exports", 98),
     ("Immunology", "International", 6473)],
)  # fmt: skip
def test_a_figure_under_a_groups_heading_is_found_by_that_heading(group, region, stated):
    """J&J's product table states "Sales" of "U.S." under every product: SEGVALUE finds one
    by the product heading above it, and "Sales" alone names none of them."""
    ix = index_of(DATA / "corpus2/33_johnson_johnson_2024.txt")
    assert ix.value(ix.line_item(group), ix.segment(region), "2024") == stated
    with pytest.raises(
        Miss, match=r"'Sales' of 'U.S.' in 2024 is stated 48 times: 11,355 \(Immunology, T1\)"
    ):
        ix.value(ix.line_item("Sales"), ix.segment("U.S."), "2024")


@pytest.mark.parametrize(
    ("note", "period", "net_income"),
    [("corpus/14_general_motors_2023.txt", 2023, 9840),  # not 10,127 attributable to stockholders
     ("corpus/10_boeing_2024.txt", 2024, -11829)],
)  # fmt: skip
def test_net_income_is_the_entitys_not_a_share_of_it(note, period, net_income):
    ix = index_of(DATA / note)
    assert ix.consolidated("Net income", ix.period(period)) == net_income


@pytest.mark.parametrize(
    "note", ["corpus/20_thermo_fisher_2023.txt", "corpus2/40_comcast_2023.txt", "corpus2/37_abbott_2023.txt"]
)
def test_depreciation_alone_or_amortization_alone_is_not_d_and_a(note):
    """These notes state depreciation and amortization on separate lines: "Depreciation and
    amortization" asked by what it is names neither half."""
    ix = index_of(DATA / note)
    with pytest.raises(Miss, match="'Depreciation and amortization' not found"):
        ix.consolidated("Depreciation and amortization", ix.periods[0])


def test_consolidated_names_the_entitys_column():
    ix = index_of(DATA / "corpus/04_unitedhealth_2024.txt")
    assert ix.segment("Consolidated") == ix.segment("Total") == "Total"


def test_income_before_tax_by_what_it_is_is_the_entitys_not_the_segments():
    """J&J states segment income before tax (22,659 in total), less expense not allocated
    to segments, then the worldwide total (16,687): the consolidated figure is the latter."""
    ix = index_of(DATA / "corpus2/33_johnson_johnson_2024.txt")
    assert ix.consolidated("Income before income taxes", "2024") == 16687
