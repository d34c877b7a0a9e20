"""Prepare mode: line-level data in, totals, segment profit, reconciliation, translation and
ties to the consolidated amounts out, as formulas LibreOffice recalculates."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from xlsegment.pipeline import run
from xlsegment.readers.tidy import read_tidy
from xlsegment.relate.prepare import NET_LABEL, PROFIT_LABEL
from xlsegment.translation import translate
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill, note_from_workbook, refresh
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.engines.base import Formula
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook
from xlsegment.workbook.render import build

# Two segments, their revenue and significant expenses, two reconciling items; no totals.
LINES = """\
table,period,line,segment,currency,value
Segment profit or loss,2024,Revenue,Retail,USD,1200
Segment profit or loss,2024,Revenue,Wholesale,USD,800
Segment profit or loss,2024,Cost of sales,Retail,USD,-700
Segment profit or loss,2024,Cost of sales,Wholesale,USD,-500
Segment profit or loss,2024,Selling expenses,Retail,USD,-150
Segment profit or loss,2024,Selling expenses,Wholesale,USD,-90
Segment profit or loss,2024,Corporate costs,Total,USD,-210
Segment profit or loss,2024,Income tax,Total,USD,-120
Segment assets,2024,Total assets,Retail,USD,5000
Segment assets,2024,Total assets,Wholesale,USD,3000
"""
RATE = Decimal("1.0821")


def computed(result):
    """The facts the pipeline computed in prepare mode."""
    return [r.total for r in result.relations if r.computed]


def test_prepare_computes_totals_profit_and_net_income():
    note = read_tidy(
        [
            dict(zip(LINES.splitlines()[0].split(","), ln.split(","), strict=True))
            for ln in LINES.splitlines()[1:]
        ]
    )
    prepared = run(note)
    values = {(f.line_item, f.segment): f.value for f in computed(prepared)}
    assert values[("Revenue", "Total")] == 2000
    assert values[(PROFIT_LABEL, "Retail")] == 350
    assert values[(PROFIT_LABEL, "Wholesale")] == 210
    assert values[(PROFIT_LABEL, "Total")] == 560
    assert values[(NET_LABEL, "Total")] == 560 - 210 - 120
    assert values[("Total assets", "Total")] == 8000
    assert all(not f.reported for f in computed(prepared))
    assert computed(run(prepared.note)) == []  # nothing left to prepare


def test_expenses_shown_as_positive_amounts_are_subtracted():
    rows = [
        {"table": "P&L", "period": "2024", "line": line, "segment": seg, "currency": "EUR", "value": value}
        for line, seg, value in [
            ("Revenue", "A", 100),
            ("Revenue", "B", 50),
            ("Cost of goods sold", "A", 60),
            ("Cost of goods sold", "B", 20),
        ]
    ]
    prepared = run(read_tidy(rows))
    profit = {f.segment: f.value for f in computed(prepared) if f.line_item == PROFIT_LABEL}
    assert profit == {"A": 40, "B": 30, "Total": 70}


@pytest.fixture(scope="module")
def prepared_book(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prepare")
    csv = tmp / "lines.csv"
    csv.write_text(LINES, encoding="utf-8")
    path = fill(csv, tmp / "prepared.xlsx")
    # The preparer enters the consolidated amounts and a convenience currency, then refreshes.
    book = openpyxl.load_workbook(path)
    names = {n: dn.attr_text.split("!")[1].replace("$", "") for n, dn in book.defined_names.items()}
    ws = book[c.SETTINGS]
    ws[names["xls_ConsRevenue"]] = 2000
    ws[names["xls_ConsNetIncome"]] = 300  # the ledger says 300; the note computes 230
    ws[names["xls_ConsAssets"]] = 8000
    ws[names["xls_ConvCurrency"]] = "EUR"
    ws[names["xls_FxRate"]] = float(RATE)
    book.save(path)
    result = refresh(path)
    wb = OpenpyxlWorkbook.open(path)
    note = note_from_workbook(wb)
    sch = build(run(note, rate=RATE)).schedule
    probes = libreoffice.add_rule_probes(path, c.SCHEDULES, sch.tolerance_col + sch.width + 2)
    notes = OpenpyxlWorkbook.open(path).read_notes(c.SCHEDULES)
    values = libreoffice.recalculated_values(path, tmp / "out")
    return note, result, sch, probes, notes, values, OpenpyxlWorkbook.open(path)


@pytest.mark.slow
def test_computed_cells_are_formulas_and_recalculate_to_the_python_values(prepared_book):
    note, _, sch, _, _, values, wb = prepared_book
    sheet = values[c.SCHEDULES]
    prepared = run(note, rate=RATE)
    # 3 line totals, 3 profits, net income, assets total; EUR for all 8 total-column rows
    assert len(computed(prepared)) == 16
    for fact in computed(prepared):
        cell = sch.cell_of(fact)
        assert isinstance(wb.read_block(c.SCHEDULES, cell)[0][0], Formula), cell
        assert Decimal(str(sheet[cell])) == fact.value, (fact.line_item, fact.segment)
    eur = [f for f in computed(prepared) if f.currency == "EUR"]
    usd = {
        (f.line_item, f.period): f.value
        for f in prepared.note.facts
        if f.segment == "Total" and f.currency == "USD"
    }
    assert eur and all(f.value == translate(usd[(f.line_item, f.period)], RATE) for f in eur)


@pytest.mark.slow
def test_ties_flag_only_the_figure_that_misses_its_consolidated_amount(prepared_book):
    _, result, sch, probes, notes, values, _ = prepared_book
    net = next(k for k in sch.cells if k[2] == NET_LABEL and k[4] == "USD")
    net_cell = sch.cells[net]
    sheet = values[c.SCHEDULES]
    flagged = {cell for cell, probe in probes.items() if sheet.get(probe) is True}
    assert flagged == {net_cell}
    ties = [f for f in result.findings if f.code == "seg.tie.consolidated"]
    assert [(f.cell, f.expected, f.actual) for f in ties] == [(net_cell, 300, 230)]
    assert "ASC 280-10-50-30(b)" in ties[0].message
    assert set(notes) == {net_cell}
    assert notes[net_cell][1].startswith("reported 230, computed 300 (-70), tolerance ±4.5")
    checks = values[c.CHECKS]
    breaks = [
        (checks[f"B{r}"], checks[f"E{r}"])
        for r in range(4, 60)
        if str(checks.get(f"A{r}", "")).startswith("C") and checks.get(f"J{r}") == "BREAK"
    ]
    assert breaks == [("seg.tie.consolidated", f"Schedules!{net_cell}")]
