"""The workbook's live checks stand for the core's relations, part for part.

Every live check written into a workbook (a formula in the Computed grid, or a conditional
format) must compare exactly the figures of the core relation it stands for: the same
total, the same parts with the same signs, and for a translated figure the same local
figure as the core's one pairing. Two bugs came from the two disagreeing: a workbook that
paired each translated column with the nearest column to its left, and prepare mode that
added expenses it should subtract. Both are tested here in LibreOffice as well.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from xlsegment.api import check
from xlsegment.readers.tidy import read_tidy
from xlsegment.translation import translation_pairs
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.render import build

from .conftest import CORPUS, CORPUS2, SEED, notes_in

_REF = re.compile(r"(?<![A-Za-z_$!\[])(\$?[A-Z]{1,3}\$?\d+)(?![\w(\[])")


def _cells(expression: str) -> set[str]:
    return {m.replace("$", "") for m in _REF.findall(expression)}


def assert_live_checks_are_the_core_relations(result):
    sch = build(result).schedule
    core = {
        (r.total.at, str(r.kind), frozenset((s, p.at) for s, p in r.parts))
        for r in result.relations
        if not r.computed
    }
    local_of = {conv.at: local for t in result.note.tables for conv, local in translation_pairs(t)}
    checked = 0
    for chk in sch.checks:
        if chk.kind == "tie.consolidated":
            continue
        parts = frozenset((s, p.at) for s, p in chk.parts)
        if chk.kind == "translation":
            assert parts == {(1, local_of[chk.total.at].at)}, chk.description
        else:
            assert (chk.total.at, chk.kind, parts) in core, chk.description
        # ... and the formula refers to exactly those cells.
        assert _cells(chk.expression) == {sch.cell_of(f) for _, f in chk.parts} | _cells_of_rate(chk), (
            chk.description
        )
        checked += 1
    return checked


def _cells_of_rate(chk) -> set[str]:
    return set()  # the rate is the defined name xls_FxRate, not a cell


# A tidy note with RMB and USD columns for each segment: Mining, Other, Total in RMB, then
# the same in USD. Rate 7.0: every translated figure is right.
PER_SEGMENT = [
    ("Revenue", {"Mining": 7000, "Other": 1400, "Total": 8400}),
    ("Cost of revenue", {"Mining": -3500, "Other": -700, "Total": -4200}),
    ("Segment profit", {"Mining": 3500, "Other": 700, "Total": 4200}),
]


def per_segment_rows():
    rows = []
    for line, values in PER_SEGMENT:
        for currency, divide in (("RMB", 1), ("USD", 7)):
            for segment, value in values.items():
                rows.append(
                    {"table": "P&L", "period": "2024", "line": line, "segment": segment, "currency": currency,
                     "value": value // divide, "origin": "filing"}
                )  # fmt: skip
    return rows


def test_every_live_check_of_the_per_segment_translated_note_is_its_core_relation():
    result = check(read_tidy(per_segment_rows()), rate="7")
    assert result.summary["errors"] == 0
    translations = [c for c in build(result).schedule.checks if c.kind == "translation"]
    assert translations and all(c.parts[0][1].segment == c.total.segment for c in translations)
    assert assert_live_checks_are_the_core_relations(result) > 0


@pytest.mark.slow
@pytest.mark.parametrize("stem", notes_in(CORPUS, 21))
def test_every_live_check_of_a_corpus_note_is_its_core_relation(stem):
    assert assert_live_checks_are_the_core_relations(check(CORPUS / f"{stem}.txt")) > 0


@pytest.mark.slow
@pytest.mark.parametrize("stem", notes_in(CORPUS2, 11))
def test_every_live_check_of_a_corpus2_note_is_its_core_relation(stem):
    assert assert_live_checks_are_the_core_relations(check(CORPUS2 / f"{stem}.txt")) > 0


def test_every_live_check_of_the_seed_is_its_core_relation():
    assert assert_live_checks_are_the_core_relations(check(SEED)) > 0


# ---------------------------------------------------------------- the two bugs in LibreOffice


def _breaks(path, tmp_path):
    """Cells a conditional format colours once LibreOffice recalculates the workbook."""
    from xlsegment.api import check as check_source

    sch = build(check_source(path)).schedule
    probes = libreoffice.add_rule_probes(path, c.SCHEDULES, sch.tolerance_col + sch.width + 2)
    values = libreoffice.recalculated_values(path, tmp_path / "out")[c.SCHEDULES]
    return {cell for cell, probe in probes.items() if values.get(probe) is True}, values, sch


@pytest.mark.slow
def test_per_segment_translated_columns_are_not_marked_broken_in_libreoffice(tmp_path):
    source = tmp_path / "per_segment.csv"
    header = "table,period,line,segment,currency,value,rate,origin"
    rows = [",".join(str(r[k]) for k in header.split(",")[:6]) + ",7,filing" for r in per_segment_rows()]
    source.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    book = fill(source, tmp_path / "per_segment.xlsx")
    broken, _, _ = _breaks(book, tmp_path)
    assert broken == set()


@pytest.mark.slow
def test_prepare_mode_subtracts_positive_sga_ga_and_rd_in_libreoffice(tmp_path):
    lines = [
        ("Revenue", 5000, 3000),
        ("Selling, general and administrative", 1200, 800),
        ("General and administrative", 300, 200),
        ("Research and development", 500, 100),
    ]
    rows = ["table,period,line,segment,currency,value"]
    for line, retail, online in lines:
        rows += [f'P&L,2024,"{line}",Retail,USD,{retail}', f'P&L,2024,"{line}",Online,USD,{online}']
    rows += ['P&L,2024,"Interest expense",Total,USD,-150', 'P&L,2024,"Income tax",Total,USD,-400']
    source = tmp_path / "lines.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    book = fill(source, tmp_path / "lines.xlsx")
    broken, values, sch = _breaks(book, tmp_path)
    assert broken == set()
    result = check(source)
    profit = {r.total.segment: r.total for r in result.relations if r.rule == "prepare: segment profit"}
    net = next(r.total for r in result.relations if r.rule == "prepare: net income")
    # Retail 5000 - 1200 - 300 - 500 = 3000; Online 3000 - 800 - 200 - 100 = 1900.
    expected = {"Retail": 3000, "Online": 1900, "Total": 4900}
    assert {s: f.value for s, f in profit.items()} == expected
    assert {s: Decimal(str(values[sch.cell_of(f)])) for s, f in profit.items()} == expected
    assert net.value == 4900 - 150 - 400 and Decimal(str(values[sch.cell_of(net)])) == 4350
