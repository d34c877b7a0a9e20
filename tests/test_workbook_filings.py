"""Workbooks filled from HTML and inline-XBRL filings, recalculated by LibreOffice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from xlsegment.api import check, parse
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.render import build

pytestmark = pytest.mark.slow  # whole filings filled and recalculated by LibreOffice

DATA = Path(__file__).parent / "data"
FILINGS = [
    DATA / "xbrl" / "amzn-10-k-2025-02-07.ixbrl.html",
    DATA / "xbrl" / "gme-10-k-0001326380-24-000012.ixbrl.html",
    DATA / "corpus2" / "40_comcast_2023.html",
    DATA / "corpus2" / "37_abbott_2023.html",
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("filings")
    cases = {}
    for path in FILINGS:
        note = parse(path)
        result = check(note)
        sch = build(result).schedule
        book = fill(note, tmp / f"{path.stem}.xlsx")
        probes = libreoffice.add_rule_probes(book, c.SCHEDULES, sch.tolerance_col + sch.width + 2)
        cases[book.stem] = (note, result, sch, probes, book)
    out = libreoffice.convert([case[-1] for case in cases.values()], tmp / "out")
    values = {p.stem: libreoffice.read_values(p) for p in out}
    return {stem: (*case[:-1], values[stem]) for stem, case in cases.items()}


def test_every_figure_of_the_filings_reads_back_and_no_total_is_red(filled):
    assert len(filled) == len(FILINGS)
    for stem, (note, result, sch, probes, values) in filled.items():
        sheet = values[c.SCHEDULES]
        for fact in note.facts:
            assert Decimal(str(sheet.get(sch.cell_of(fact), 0))) == fact.value, (stem, fact.key)
        assert result.summary["errors"] == 0, stem
        assert [cell for cell, probe in probes.items() if sheet.get(probe) is True] == [], stem
