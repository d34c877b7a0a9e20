"""Every real note of the corpus, filled and recalculated by LibreOffice in one batch:
the workbook's live formulas must agree with the core on every figure and every check."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.api import check, parse
from xlsegment.translation import translate
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.engines.base import cell_ref, split_cell
from xlsegment.workbook.render import build
from xlsegment.workbook.sheets.schedules import translation_pairs

from .conftest import BUNDLED_SEED as BUNDLED
from .conftest import CORPUS, notes_in

pytestmark = pytest.mark.slow  # every corpus note filled and recalculated by LibreOffice

NOTES = [CORPUS / f"{name}.txt" for name in notes_in(CORPUS, 21)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    cases = {}
    for note_path in [BUNDLED, *NOTES]:
        note = parse(note_path)
        result = check(note)
        rate = result.rate.rate if result.rate is not None else None
        sch = build(result).schedule
        book = fill(note_path, tmp / f"{note_path.stem}.xlsx")
        probe_col = sch.tolerance_col + sch.width + 2
        probes = libreoffice.add_rule_probes(book, c.SCHEDULES, probe_col)
        cases[note_path.stem] = (note, result, rate, sch, probes, book)
    out = libreoffice.convert([case[-1] for case in cases.values()], tmp / "out")
    values = {p.stem: libreoffice.read_values(p) for p in out}
    return {stem: (*case[:-1], values[stem]) for stem, case in cases.items()}


def test_the_corpus_is_there():
    assert len(NOTES) >= 20, "the corpus of real notes in tests/data is missing"


def test_every_note_reads_back_every_reported_figure(corpus):
    for stem, (note, _, _, sch, _, values) in corpus.items():
        sheet = values[c.SCHEDULES]
        for fact in note.facts:
            cell = sch.cell_of(fact)
            assert Decimal(str(sheet.get(cell, 0))) == fact.value, (stem, fact.key, cell)


def test_every_computed_total_matches_the_core(corpus):
    checked = 0
    for stem, (note, result, rate, sch, _, values) in corpus.items():
        sheet = values[c.SCHEDULES]
        expected = {}
        for rel in result.relations:
            expected.setdefault(rel.total.at, sum(s * p.value for s, p in rel.parts))
        if rate is not None:
            for conv, local in translation_pairs(note):
                expected.setdefault(conv.at, translate(local.value, rate, conv.decimals))
        for chk in sch.checks:
            if not chk.in_grid or chk.kind == "tie.consolidated":
                continue
            r, col = split_cell(chk.cell)
            got = sheet.get(cell_ref(r, sch.computed_col + col - 2))
            assert Decimal(str(got)) == expected[chk.total.at], (stem, chk.description)
            checked += 1
    assert checked > 500


def test_notes_the_core_passes_have_no_red_cell_and_no_break(corpus):
    for stem, (_, result, _, sch, probes, values) in corpus.items():
        sheet = values[c.SCHEDULES]
        flagged = sorted(cell for cell, probe in probes.items() if sheet.get(probe) is True)
        breaks = [
            values[c.CHECKS].get(f"E{r}")
            for r in range(4, 4 + len(sch.checks))
            if values[c.CHECKS].get(f"J{r}") == "BREAK"
        ]
        if result.summary["errors"] == 0:
            assert flagged == [] and breaks == [], stem
        else:  # a real error in a filing: the workbook must show it too
            assert flagged and breaks, stem
