"""Ties to consolidated amounts: which segment totals must equal the figures in Settings.

ASC 280-10-50-30 asks for reconciliations of the segment totals to the consolidated
revenue (a), profit or loss (b) and assets (c). The preparer enters those consolidated
amounts in Settings; each tie becomes a live check on the schedule and, at refresh, a
Python finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsegment.interval import half_unit
from xlsegment.model import Fact, Finding, Note, Role, Severity
from xlsegment.vocabulary import LineKind, classify
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import WorkbookError
from xlsegment.workbook.mapping.datatable import exact_number
from xlsegment.workbook.sheets.highlights import amount
from xlsegment.workbook.sheets.schedules import Tie

TIE_SETTINGS = (
    ("xls_ConsRevenue", "revenue", "ASC 280-10-50-30(a)"),
    ("xls_ConsNetIncome", "net income", "ASC 280-10-50-30(b)"),
    ("xls_ConsAssets", "total assets", "ASC 280-10-50-30(c)"),
)


def _kind(line_item: str) -> str | None:
    """Which consolidated amount of Settings a line item is, by the one vocabulary."""
    line = classify(line_item)
    if line.kind == LineKind.NET_INCOME:
        return "net income"
    if line.kind == LineKind.REVENUE:
        return "revenue"
    if line.kind == LineKind.ASSETS and " ".join(line_item.lower().split()) in _ASSET_TOTALS:
        return "total assets"
    return None


_ASSET_TOTALS = ("assets", "total assets", "consolidated assets", "total consolidated assets")


def tie_targets(note: Note, period: str | None) -> dict[str, Fact]:
    """For each Settings name, the note's total figure it must equal, in ``period``
    (the latest period of the note when None)."""
    periods = sorted({f.period for f in note.facts if f.period})
    if not periods:
        return {}
    period = period or periods[-1]
    found: dict[str, Fact] = {}
    for table in note.tables:
        for (_, j), fact in sorted(table.cells.items()):
            col = table.columns[j]
            if fact.period != period or fact.currency != note.presentation_currency:
                continue
            # The total across segments: the Total column, or a row that totals them.
            if col.role != Role.TOTAL and fact.segment not in ("Total", ""):
                continue
            kind = _kind(fact.line_item)
            for name, what, _ in TIE_SETTINGS:
                if kind == what:
                    found.setdefault(name, fact)
    return found


def _leaves(fact, by_total) -> int:
    rel = by_total.get(fact.at)
    if rel is None:
        return 1
    return sum(_leaves(p, by_total) for _, p in rel.parts)


def make_ties(note: Note, computed, period: str | None) -> list[Tie]:
    """Calculations 1.1 tolerance: half a unit for the consolidated amount and for each
    reported figure the compared total is built from (one when it is reported itself)."""
    by_total = {rel.total.at: rel for rel in computed}
    targets = tie_targets(note, period)
    ties = []
    for name, what, rule in TIE_SETTINGS:
        fact = targets.get(name)
        if fact is None:
            continue
        tolerance = half_unit(fact.decimals) * (_leaves(fact, by_total) + 1)
        ties.append(Tie(fact, name, what, rule, tolerance))
    return ties


def tie_findings(ties: Sequence[Tie], consolidated: dict[str, object]) -> list[Finding]:
    out = []
    for tie in ties:
        raw = consolidated.get(tie.name)
        if raw is None or raw == "" or isinstance(raw, bool):
            continue
        try:
            cons = exact_number(raw, c.SETTINGS)
        except WorkbookError:
            continue
        fact = tie.fact
        diff = fact.value - cons
        if abs(diff) <= tie.tolerance:
            continue
        out.append(
            Finding(
                "seg.tie.consolidated",
                Severity.ERROR,
                f"{fact.line_item} {fact.period}: segment total {amount(fact.value)} does not "
                f"tie to consolidated {tie.what} {amount(cons)} in Settings "
                f"({'+' if diff >= 0 else '-'}{amount(abs(diff))}), tolerance "
                f"±{amount(tie.tolerance)} ({tie.rule})",
                table=fact.at.table_id if fact.at is not None else "",
                period=fact.period,
                line_item=fact.line_item,
                segment=fact.segment,
                expected=cons,
                actual=fact.value,
                difference=diff,
                tolerance=tie.tolerance,
                at=fact.at,
            )
        )
    return out
