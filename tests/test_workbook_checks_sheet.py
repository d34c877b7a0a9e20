"""The Checks sheet's counts on real notes: how its rows relate to `xlsegment check`."""

from __future__ import annotations

from tests.conftest import CORPUS
from xlsegment.model import RelationKind
from xlsegment.pipeline import run
from xlsegment.workbook.render import build, split_findings
from xlsegment.workbook.sheets.checks import counts, explain


def counted(path):
    result = run(path)
    built = build(result)
    reader, checks = split_findings(result, built)
    n = counts(built.schedule, result.checks, built.note.convenience_currency, checks, reader)
    return result, built, n


def test_the_seeds_live_checks_are_the_clis_checks_and_three_ties(seed_path):
    result, _, n = counted(seed_path)
    assert (n.live, n.ties, n.drawn, n.python, n.extra) == (89, 3, 86, 86, 0)
    assert result.checks == 86
    assert explain(n).startswith(
        "C rows are the 86 checks that xlsegment check counts and 3 ties to the consolidated amounts"
    )
    assert (n.findings, n.reader) == (4, 6)


def test_checks_on_figures_the_sheet_does_not_draw_are_counted_as_such():
    result, built, n = counted(CORPUS / "05_nike_fy2025.txt")
    sch = built.schedule
    undrawn = [
        r
        for r in result.relations
        if not r.computed
        and r.kind != RelationKind.TIE
        and (sch.cell_of(r.total) is None or any(sch.cell_of(p) is None for _, p in r.parts))
    ]
    # Income before taxes of each year adds up from an EBIT total the note leaves blank: the
    # core computes that part, the sheet has no cell to sum.
    assert len(undrawn) == 3
    assert (n.python - n.drawn, n.extra) == (3, 0)
    assert "C rows are 135 of the 138 checks that xlsegment check counts (3 on figures the sheet" in explain(
        n
    )
