"""The filled seed workbook, recalculated by LibreOffice: an engine independent of ours.

All workbooks of this module go through ONE soffice run (start-up dominates its cost).
Conditional-format rules cannot be read back from a recalculated file, so each rule is
copied, shifted to every cell it covers, into probe cells whose values LibreOffice computes
(libreoffice.add_rule_probes).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from xlsegment.api import check, parse
from xlsegment.checks import comparison
from xlsegment.translation import consistent_with, translate
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.engines.base import cell_ref, split_cell
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook
from xlsegment.workbook.render import build
from xlsegment.workbook.sheets.schedules import translation_pairs

pytestmark = pytest.mark.slow  # LibreOffice recalculates the filled seed

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
MUTATED_KEY = ("Segment profit or loss", "2024", "Revenue", "Cryptocurrency Mining", "CNY")
MUTATED_USD = ("Segment profit or loss", "2024", "General and administrative", "Total", "USD")
DELTA = 10
# Labels that SUMIFS would read as wildcards or operators, or Excel as formulas.
TRICKY = """\
table,period,line,segment,currency,value
Revenue,2024,Other*,A,EUR,1
Revenue,2024,Other (a),A,EUR,10
Revenue,2024,<1 year,A,EUR,100
Revenue,2024,=1+1,A,EUR,1000
Revenue,2024,~tilde?,A,EUR,10000
Revenue,2024,Other*,B,EUR,2
Revenue,2024,Other (a),B,EUR,20
Revenue,2024,<1 year,B,EUR,200
Revenue,2024,=1+1,B,EUR,2000
Revenue,2024,~tilde?,B,EUR,20000
"""
MUTATIONS = {MUTATED_KEY: DELTA, MUTATED_USD: 2}


def add_probes(path: Path, sch) -> dict[str, str]:
    return libreoffice.add_rule_probes(path, c.SCHEDULES, sch.tolerance_col + sch.width + 2)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lo")
    note = parse(SEED)
    result = check(note)
    sch = build(result).schedule
    filled = fill(SEED, tmp / "seed.xlsx")
    plain = tmp / "plain.xlsx"
    shutil.copyfile(filled, plain)
    # A colleague without Python edits one reported figure in the Data table.
    mutated = tmp / "mutated.xlsx"
    shutil.copyfile(filled, mutated)
    book = openpyxl.load_workbook(mutated)
    ws = book[c.DATA]
    header = [cell.value for cell in ws[1]]
    hits = 0
    for row in ws.iter_rows(min_row=2):
        values = dict(zip(header, (cell.value for cell in row), strict=True))
        key = tuple(values[k] for k in ("table", "period", "line", "segment", "currency"))
        if key in MUTATIONS:
            row[header.index("value")].value = values["value"] + MUTATIONS[key]
            hits += 1
    assert hits == len(MUTATIONS)
    book.save(mutated)
    python_marks = set(OpenpyxlWorkbook.open(mutated).read_notes(c.SCHEDULES))
    assert python_marks == set()  # nothing marked until Python runs again
    refresh(mutated)
    python_marks = OpenpyxlWorkbook.open(mutated).read_notes(c.SCHEDULES)
    probes = add_probes(filled, sch)
    add_probes(mutated, sch)
    tricky = tmp / "tricky.csv"
    tricky.write_text(TRICKY, encoding="utf-8")
    tricky_book = fill(tricky, tmp / "tricky.xlsx")
    out = libreoffice.convert([filled, mutated, plain, tricky_book], tmp / "out")
    values = {p.stem: libreoffice.read_values(p) for p in out}
    return note, result, sch, probes, values, python_marks


def _facts(note):
    return {f.key: f for f in note.facts}


def test_every_reported_figure_reads_back_from_the_data_table(seed):
    note, _, sch, _, values, _ = seed
    sheet = values["seed"][c.SCHEDULES]
    facts = _facts(note)
    assert len(sch.cells) == len(facts)
    for key, cell in sch.cells.items():
        assert Decimal(str(sheet[cell])) == facts[key].value, (key, cell)


def test_every_computed_total_equals_the_cores_arithmetic(seed):
    note, result, sch, _, values, _ = seed
    sheet = values["seed"][c.SCHEDULES]
    rate = result.rate.rate
    expected = {}
    for rel in result.relations:
        expected.setdefault(rel.total.key, sum(s * p.value for s, p in rel.parts))
    for conv, local in translation_pairs(note):
        expected.setdefault(conv.key, translate(local.value, rate))
    for chk in sch.checks:
        if chk.in_grid:
            r, col = split_cell(chk.cell)
            computed = sheet[cell_ref(r, sch.computed_col + col - 2)]
            assert Decimal(str(computed)) == expected[chk.total.key], chk.description
    # The Checks sheet carries every check, including second relations on one total.
    checks = values["seed"][c.CHECKS]
    rows = [r for r in range(4, 400) if str(checks.get(f"A{r}", "")).startswith("C")]
    kinds = [chk.kind for chk in sch.checks]
    assert len(rows) == len(sch.checks)
    assert len(kinds) - kinds.count("translation") - kinds.count("tie.consolidated") == len(result.relations)
    assert kinds.count("tie.consolidated") == 3  # revenue, net loss, total assets of 2024
    for r, chk in zip(rows, sch.checks, strict=True):
        if chk.kind == "translation":
            assert Decimal(str(checks[f"F{r}"])) == expected[chk.total.key]
        elif chk.kind == "tie.consolidated":
            assert checks.get(f"F{r}") in (None, "")  # no consolidated amount entered yet
            assert checks[f"J{r}"] == "—"
        else:
            parts = sum(s * p.value for s, p in chk.parts)
            assert Decimal(str(checks[f"F{r}"])) == parts, chk.description
        assert Decimal(str(checks[f"G{r}"])) == chk.total.value


def test_seed_has_no_broken_total(seed):
    _, result, sch, probes, values, _ = seed
    sheet = values["seed"][c.SCHEDULES]
    flagged = [cell for cell, probe in probes.items() if sheet.get(probe) is True]
    assert flagged == []
    statuses = [v for k, v in values["seed"][c.CHECKS].items() if k.startswith("J")]
    ties = sum(1 for chk in sch.checks if chk.kind == "tie.consolidated")
    assert statuses.count("OK") == len(sch.checks) - ties and "BREAK" not in statuses
    assert not any(f.severity == "error" for f in result.findings)


def test_tolerances_are_the_cores(seed):
    note, result, sch, _, values, _ = seed
    locals_ = {conv.key: local for conv, local in translation_pairs(note)}
    rate, translated = result.rate.rate, 0
    sheet = values["seed"][c.SCHEDULES]
    by_key = {}
    for rel in result.relations:  # the grid holds the first relation of each total
        by_key.setdefault(rel.total.key, rel)
    for chk in sch.checks:
        if chk.kind == "translation" or not chk.in_grid:
            continue
        r, col = split_cell(chk.cell)
        tol = sheet[cell_ref(r, sch.tolerance_col + col - 2)]
        rel = by_key[chk.total.key]
        local = locals_.get(chk.total.key)
        if local is not None and consistent_with(local.value, chk.total.value, rate)[3]:
            assert tol == "translated"  # a direct translation needs no sum
            translated += 1
        else:
            assert Decimal(str(tol)) == comparison(rel).tolerance
    assert translated == 0 or translated < len(locals_)


def test_edit_without_python_flags_exactly_the_totals_it_breaks(seed):
    note, result, sch, probes, values, _ = seed
    sheet = values["mutated"][c.SCHEDULES]
    facts = {k: f.value + MUTATIONS.get(k, 0) for k, f in _facts(note).items()}
    rate = result.rate.rate
    local_of = {conv.key: local for conv, local in translation_pairs(note)}

    def translates(key) -> bool:
        local = local_of[key]
        return consistent_with(facts[local.key], facts[key], rate, local.decimals)[3]

    # The core's rules, applied to the edited figures, say which cells must turn red.
    expected = set()
    for rel in result.relations:
        diff = facts[rel.total.key] - sum(s * facts[p.key] for s, p in rel.parts)
        broken = abs(diff) > comparison(rel).tolerance
        if broken and rel.total.key in local_of:
            broken = not translates(rel.total.key)  # a direct translation is also right
        if broken:
            expected.add(sch.cells[rel.total.key])
    totals = {rel.total.key for rel in result.relations}
    for key in local_of:
        if key not in totals and not translates(key):
            expected.add(sch.cells[key])
    assert sch.cells[MUTATED_USD] in expected
    flagged = {cell for cell, probe in probes.items() if sheet.get(probe) is True}
    assert expected and flagged == expected
    checks = values["mutated"][c.CHECKS]
    broken = {checks[f"E{r}"].split("!")[1] for r in range(4, 400) if checks.get(f"J{r}") == "BREAK"}
    assert broken == expected
    # After `xlsegment refresh`, Python's own checks mark the same cells with a note.
    assert set(seed[5]) == expected


def test_probes_do_not_change_what_the_user_sees(seed):
    _, _, sch, _, values, _ = seed
    plain, probed = values["plain"][c.SCHEDULES], values["seed"][c.SCHEDULES]
    assert {k: v for k, v in probed.items() if k in plain} == plain


def test_labels_with_wildcards_and_operators_match_exactly(seed):
    values = seed[4]["tricky"][c.SCHEDULES]
    rows = {v: k[1:] for k, v in values.items() if k.startswith("A") and isinstance(v, str)}
    expected = {"Other*": 1, "Other (a)": 10, "<1 year": 100, "=1+1": 1000, "~tilde?": 10000}
    for label, a_value in expected.items():
        r = rows[label]
        assert (values[f"B{r}"], values[f"C{r}"], values[f"D{r}"]) == (
            a_value,
            2 * a_value,
            3 * a_value,  # the prepared Total column
        ), label
