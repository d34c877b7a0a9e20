"""The one vocabulary: what kind of line a caption names, on captions from real notes."""

from __future__ import annotations

import pytest

from xlsegment.api import parse
from xlsegment.model import Role
from xlsegment.vocabulary import LineKind, classify, column_role, is_sign_heading

K = LineKind


@pytest.mark.parametrize(
    ("caption", "kind", "total", "expense"),
    [
        ("Revenue", K.REVENUE, False, False),
        ("Total net sales", K.REVENUE, True, False),
        ("Sales to customers", K.REVENUE, False, False),
        ("Franchise royalties", K.REVENUE, False, False),
        ("Ativo total por segmento", K.ASSETS, False, False),
        ("Purchased transportation", K.EXPENSE, False, True),
        ("Adjusted OIBDA", K.SEGMENT_PROFIT, False, False),
        ("分部资产", K.ASSETS, False, False),
        ("Royalty revenue", K.REVENUE, False, False),
        ("Cost of revenue", K.EXPENSE, False, True),
        ("Sales and marketing", K.EXPENSE, False, True),  # "sales" here is an expense
        # ASC 280-10-50-26B: significant expenses captioned without the word "expense"
        ("Selling, general and administrative", K.EXPENSE, False, True),
        ("General and administrative", K.EXPENSE, False, True),
        ("Research and development", K.EXPENSE, False, True),
        ("Marketing", K.EXPENSE, False, True),
        ("Employee compensation", K.EXPENSE, False, True),
        ("Interest expense (income), net", K.EXPENSE, False, True),
        ("Income tax", K.EXPENSE, False, True),
        ("Provision for income taxes", K.EXPENSE, False, True),
        ("Other income (expense), net", K.OTHER_AMOUNT, False, False),
        ("Income tax benefit", K.OTHER_AMOUNT, False, False),
        ("Other segment items", K.OTHER_ITEMS, False, True),  # ASC 280-10-50-26C
        ("Segment profit (loss)", K.SEGMENT_PROFIT, False, False),
        ("Operating income (loss)", K.SEGMENT_PROFIT, False, False),
        ("Earnings (loss) before interest and taxes-adjusted", K.SEGMENT_PROFIT, False, False),
        ("Adjusted EBITDA", K.SEGMENT_PROFIT, False, False),
        ("Results from operating activities", K.SEGMENT_PROFIT, False, False),  # IFRS wording
        ("Gross profit", K.GROSS_PROFIT, False, False),
        ("Income (loss) before income taxes", K.PRETAX_INCOME, False, False),
        ("Net loss", K.NET_INCOME, False, False),
        ("Net income (loss) attributable to stockholders", K.NET_INCOME, False, False),
        ("Total assets", K.ASSETS, True, False),
        ("Long-lived assets", K.ASSETS, False, False),
        ("Depreciation and amortization", K.DEPRECIATION, False, True),
        ("Capital expenditures", K.CAPEX, False, False),
        ("Intersegment revenues", K.INTERSEGMENT, False, False),
        ("Eliminations", K.ELIMINATION, False, False),
        ("Unallocated corporate expenses", K.RECONCILING, False, True),
        ("% of total", K.PERCENT, False, False),
        ("Total", K.TOTAL, True, False),
        ("Worldwide", K.TOTAL, True, False),
        ("Totaal", K.TOTAL, True, False),
        ("Total Americas", K.SUBTOTAL, True, False),
        ("Total reportable segments", K.SUBTOTAL, True, False),
        ("International", K.UNKNOWN, False, False),
        ("Cryptocurrency Mining", K.UNKNOWN, False, False),
        ("Goodwill", K.OTHER_AMOUNT, False, False),
        # Segments named by property or investment are no amounts; the balance-sheet
        # lines that use the words are.
        ("Property development", K.UNKNOWN, False, False),
        ("Property investment", K.UNKNOWN, False, False),
        ("Investment management", K.UNKNOWN, False, False),
        ("Property & Casualty", K.UNKNOWN, False, False),
        ("Property, plant and equipment, net", K.OTHER_AMOUNT, False, False),
        ("Investment property", K.OTHER_AMOUNT, False, False),
        ("Investments in associates", K.OTHER_AMOUNT, False, False),
        ("Equity-method investments", K.OTHER_AMOUNT, False, False),
        ("Investments", K.OTHER_AMOUNT, False, False),
        ("Margen EBITDA (%)", K.PERCENT, False, False),
        # the other languages' words for a measure
        ("Resultado de explotación", K.SEGMENT_PROFIT, False, False),
        ("Résultat opérationnel", K.SEGMENT_PROFIT, False, False),
        ("Betriebsergebnis", K.SEGMENT_PROFIT, False, False),
        ("Amortizaciones y deterioros", K.DEPRECIATION, False, True),
        ("Depreciação e amortização", K.DEPRECIATION, False, True),
        ("Abschreibungen", K.DEPRECIATION, False, True),
        ("Lucro bruto", K.GROSS_PROFIT, False, False),
        ("Partidas no asignadas", K.RECONCILING, False, False),
        ("Conciliación con el resultado antes de impuestos", K.RECONCILING, False, False),
        ("Überleitung", K.UNKNOWN, False, False),
        ("Activos del segmento", K.ASSETS, False, False),
        ("Inversiones en inmovilizado", K.CAPEX, False, False),
        ("Despesas operacionais, líquidas", K.EXPENSE, False, True),
        ("Consolidado", K.TOTAL, True, False),
        ("Total consolidado", K.TOTAL, True, False),
        # reconciling headings, counts, consolidation adjustments
        ("Significant items", K.RECONCILING, False, False),
        ("Adjusting items", K.RECONCILING, False, False),
        ("Number of stores at fiscal year end", K.COUNT, False, False),
        ("Employees", K.COUNT, False, False),
        ("Consolidation adjustments", K.ELIMINATION, False, False),
    ],
)
def test_classify(caption, kind, total, expense):
    line = classify(caption)
    assert (line.kind, line.total, line.expense) == (kind, total, expense)


def test_results_close_a_list_and_names_do_not():
    assert all(classify(c).closes for c in ("Total", "Segment profit", "Net income", "Total Americas"))
    assert not any(classify(c).closes for c in ("Revenue", "International", "Cost of sales"))
    assert classify("Revenue").financial and not classify("Americas").financial


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Total", Role.TOTAL),
        ("Consolidated", Role.TOTAL),
        ("Group", Role.TOTAL),
        ("Konzern", Role.TOTAL),
        ("Total group", Role.TOTAL),
        # a segment named a group is no total: only IFRS 8's bare "Group" column is
        ("Industrial Group", Role.SEGMENT),
        ("Technology Group (Note 2)", Role.SEGMENT),
        ("Eliminations", Role.ELIMINATION),
        ("Intersegment", Role.ELIMINATION),
        ("Corporate and other", Role.CORPORATE),
        ("All Other", Role.CORPORATE),
        ("Unallocated", Role.CORPORATE),
        ("Cloud", Role.SEGMENT),
    ],
)
def test_column_roles(header, role):
    assert column_role(header) == role


def test_sign_headings_are_no_groups():
    assert is_sign_heading("Less:") and is_sign_heading("Add") and not is_sign_heading("North America")


@pytest.mark.parametrize(
    ("heading", "sign"),
    [
        ("Add (deduct):", True),
        ("Add/(less):", True),
        ("Less (add):", True),
        ("Plus (minus):", True),
        ("Add / (subtract)", True),
        ("Addison:", False),
        ("Adjusted:", False),
        ("Less than one year", False),
    ],
)
def test_grid_headings_of_both_signs_are_no_groups(heading, sign):
    assert is_sign_heading(heading) is sign


def test_rows_under_a_heading_of_both_signs_are_the_entitys(tmp_path):
    cells = ["(in thousands)", "2025", "2024", "Net income", "100", "90", "Add (deduct):"]
    cells += [
        "Interest expense, net",
        "20",
        "18",
        "Income tax expense",
        "5",
        "4",
        "Adjusted EBITDA",
        "125",
        "112",
    ]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    facts = {(f.line_item, f.period): f.segment for f in parse(path).facts}
    assert facts[("Interest expense, net", "2025")] in ("", "Total")


@pytest.mark.parametrize(
    ("label", "balance"),
    [
        ("Total assets", True),
        ("Segment assets", True),
        ("Identifiable assets", True),
        ("Realized gain on exchange digital assets", False),
        ("Impairment on advance and other assets", False),
        ("Loss on disposal of assets", False),
        ("Fair value change on digital assets", False),
    ],
)
def test_a_gain_or_charge_on_assets_is_no_balance_of_assets(label, balance):
    kind = classify(label).kind
    assert kind == LineKind.ASSETS if balance else kind in (LineKind.OTHER_AMOUNT, LineKind.EXPENSE)
