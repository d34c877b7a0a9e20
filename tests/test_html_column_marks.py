"""What an HTML header and the marks beside the figures say of a column: "Adjusted" over
"EBITDA" is one wrapped name (alone, "Adjusted" qualifies a period and names nothing),
and a block whose every figure is marked "US$" in a note in pesos is in US dollars; a bare
"$" names no currency of its own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.api import parse

LEAD = "<p>Amounts in millions of Mexican pesos (Ps.).</p>"


def _note(tmp_path, head: str, rows: str):
    path = tmp_path / "note.htm"
    path.write_text(f"<html><body>{LEAD}<table>{head}{rows}</table></body></html>", encoding="utf-8")
    return parse(path)


@pytest.mark.parametrize("second", ["EBITDA", "operating income", "EBITDA (1)"])
def test_a_name_wrapped_after_adjusted_is_one_name(tmp_path, second):
    head = (
        "<tr><td></td><td colspan='2'>Capital</td><td colspan='2'>Adjusted</td></tr>"
        f"<tr><td></td><td colspan='2'>expenditures</td><td colspan='2'>{second}</td></tr>"
        "<tr><td>Year ended December 31, 2024:</td></tr>"
    )
    rows = (
        "<tr><td>Beverages</td><td>Ps.</td><td>142,810</td><td>Ps.</td><td>27,423</td></tr>"
        "<tr><td>Stores</td><td></td><td>218,431</td><td></td><td>24,910</td></tr>"
        "<tr><td>Consolidated</td><td>Ps.</td><td>361,241</td><td>Ps.</td><td>52,333</td></tr>"
    )
    facts = {f.value: f for f in _note(tmp_path, head, rows).facts}
    assert facts[27423].line_item.startswith(f"Adjusted {second.split(' (')[0]}")
    assert facts[27423].segment == "Beverages"
    assert facts[142810].currency == "MXN"


@pytest.mark.parametrize(("symbol", "code"), [("US$", "USD"), ("$", "MXN"), ("Ps.", "MXN")])
def test_figures_marked_in_another_currency_are_in_it(tmp_path, symbol, code):
    head = "<tr><td></td><td colspan='2'>Net sales</td><td colspan='2'>Capital expenditures</td></tr>"
    rows = (
        f"<tr><td>Beverages</td><td>{symbol}</td><td>7,046</td><td>{symbol}</td><td>450</td></tr>"
        "<tr><td>Stores</td><td></td><td>10,777</td><td></td><td>612</td></tr>"
        f"<tr><td>Consolidated</td><td>{symbol}</td><td>17,823</td><td>{symbol}</td><td>1,062</td></tr>"
    )
    facts = {f.value: f for f in _note(tmp_path, head, rows).facts}
    assert {facts[v].currency for v in (7046, 10777, 17823, 450)} == {code}


def test_group_names_wrapped_over_the_same_columns_and_a_footnoted_currency_cell(tmp_path):
    """'Display' over 'Modules', each spanning that segment's two years, is one name; a
    'US$ (3)' cell is a currency with its footnote mark, not a figure -3; Chinese words
    wrapped over two lines join without a space."""
    head = (
        "<tr><td></td><td colspan='2'>Display</td><td colspan='2'>精密</td><td colspan='3'></td></tr>"
        "<tr><td></td><td colspan='2'>Modules</td><td colspan='2'>零部件</td><td colspan='3'>Total</td></tr>"
        "<tr><td></td>" + "".join(f"<td>{y}</td>" for y in ("2023", "2024") * 3 + ("2024",)) + "</tr>"
        "<tr><td></td>" + "<td>NT$</td>" * 6 + "<td>US$ (3)</td></tr>"
    )
    rows = (
        "<tr><td>Revenue</td>"
        + "".join(f"<td>{v}</td>" for v in ("3,281", "6,562", "3,281", "3,281", "6,562", "9,843", "300"))
        + "</tr>"
    )
    path = tmp_path / "note.htm"
    path.write_text(
        "<html><body><p>(In thousands of New Taiwan dollars and US dollars; US$1 = NT$32.81)</p>"
        f"<table>{head}{rows}</table></body></html>",
        encoding="utf-8",
    )
    facts = [(f.segment, f.period, f.currency, f.value) for f in parse(path).facts]
    assert ("Display Modules", "2023", "TWD", 3281) in facts
    assert ("精密零部件", "2024", "TWD", 3281) in facts
    assert ("Total", "2024", "USD", 300) in facts
    assert -3 not in {v for *_, v in facts}


@pytest.mark.parametrize("change", ["$ Change", "Change", "Variance", "Increase (decrease)", "$ Variance"])
def test_a_change_column_beside_the_periods_is_no_amount(tmp_path, change):
    """10-Q blocks "2025 | 2024 | $ Change | % Change" under "Three Months Ended": the
    change columns are differences, so the two periods stay named."""
    head = (
        "<tr><td></td><td colspan='4'>Three Months Ended June 30,</td></tr>"
        f"<tr><td></td><td>2025</td><td>2024</td><td>{change}</td><td>% Change</td></tr>"
    )
    rows = (
        "<tr><td>Americas</td><td>1,284.6</td><td>1,201.3</td><td>83.3</td><td>6.9%</td></tr>"
        "<tr><td>Europe</td><td>642.8</td><td>671.5</td><td>(28.7)</td><td>(4.3)%</td></tr>"
        "<tr><td>Total net sales</td><td>1,927.4</td><td>1,872.8</td><td>54.6</td><td>2.9%</td></tr>"
    )
    path = tmp_path / "note.htm"
    path.write_text(f"<html><body><p>(in millions)</p><table>{head}{rows}</table></body></html>")
    facts = {f.value: f for f in parse(path).facts}
    assert (facts[Decimal("642.8")].segment, facts[Decimal("642.8")].period) == ("Europe", "3M 2025")
    assert Decimal("83.3") not in facts


@pytest.mark.parametrize("mark", ["%", "(%)", "in %"])
def test_a_percent_sign_over_the_labels_makes_every_figure_a_ratio(tmp_path, mark):
    """An 'EBITA margin' table under a '%' unit cell: its figures are no amounts, so they
    never tie to the amounts of another table's same line."""
    amounts = (
        "<table><tr><td>SEK m</td><td>2025</td><td>2024</td></tr>"
        "<tr><td>Flow</td><td>1 751</td><td>1 665</td></tr><tr><td>Marine</td><td>400</td><td>380</td></tr>"
        "<tr><td>Group</td><td>2 151</td><td>2 045</td></tr></table>"
    )
    margins = (
        f"<p>EBITA margin by business area</p><table><tr><td>{mark}</td><td>2025</td><td>2024</td></tr>"
        "<tr><td>Flow</td><td>18,8</td><td>18,4</td></tr><tr><td>Marine</td><td>15,4</td><td>13,4</td></tr>"
        "<tr><td>Group</td><td>17,9</td><td>17,4</td></tr></table>"
    )
    path = tmp_path / "note.htm"
    path.write_text(f"<html><body><p>EBITA by business area</p>{amounts}{margins}</body></html>")
    note = parse(path)
    assert {f.value for f in note.facts} == {1751, 1665, 400, 380, 2151, 2045}


@pytest.mark.parametrize(
    ("dates", "periods"),
    [(("31 Dec 2024", "30 Jun 2024"), ("31 Dec 2024", "30 Jun 2024")),
     (("31.12.2024", "31.12.2023"), ("2024", "2023")),
     (("2024", "2023 As adjusted (1)"), ("2024", "2023"))],
)  # fmt: skip
def test_dated_columns_keep_their_dates_apart(tmp_path, dates, periods):
    """Two instants of one year keep their dates; a date written with dots is no number in
    a note of European digits; a footnoted "As adjusted (1)" qualifies its year."""
    head = "<tr><td></td>" + "".join(f"<td>{d}</td>" for d in dates) + "</tr>"
    rows = (
        "<tr><td>España</td><td>1.206.418</td><td>1.150.233</td></tr>"
        "<tr><td>Resto</td><td>488.115</td><td>452.806</td></tr>"
        "<tr><td>Total</td><td>1.694.533</td><td>1.603.039</td></tr>"
    )
    path = tmp_path / "note.htm"
    path.write_text(f"<html><body><p>(en miles de euros)</p><table>{head}{rows}</table></body></html>")
    facts = {f.value: f for f in parse(path).facts}
    assert (facts[1206418].period, facts[1150233].period) == periods
