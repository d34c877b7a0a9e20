"""Render a checked note into a workbook: Settings, Data, Schedules, Checks and highlights.

Validate, then render: this module receives the core's findings and relations and only
draws them, through the :class:`~.engine.Workbook` interface, so the same code fills a file
(openpyxl) and a live workbook (xlwings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from xlsegment.model import Finding, Note
from xlsegment.workbook.engines.base import Workbook
from xlsegment.workbook.mapping.datatable import read_data, write_data
from xlsegment.workbook.mapping.ties import make_ties, tie_findings
from xlsegment.workbook.prepare import prepare
from xlsegment.workbook.sheets.checks import (
    finding_key,
    finding_row,
    read_reader_rows,
    reader_findings,
    write_checks,
)
from xlsegment.workbook.sheets.guards import refuse_typed_over
from xlsegment.workbook.sheets.highlights import highlight, locate, note_text
from xlsegment.workbook.sheets.roles import resolve
from xlsegment.workbook.sheets.schedules import Schedule, layout, write_schedule
from xlsegment.workbook.sheets.settings import read_consolidated, read_rate, read_setting, write_settings

# Imported from here by the ribbon and the UDFs: keep these names available.
__all__ = [
    "Built",
    "build",
    "locate",
    "note_text",
    "read_consolidated",
    "read_data",
    "read_rate",
    "read_setting",
    "render",
]


@dataclass(frozen=True)
class Built:
    """What render draws: the note with prepared totals, its schedule, extra findings."""

    note: Note
    schedule: Schedule
    findings: tuple[Finding, ...]  # ties to consolidated amounts (workbook-only checks)


def build(
    note: Note,
    result,
    *,
    rate: Decimal | None,
    consolidated: dict[str, object] | None = None,
    period: str | None = None,
    title: str = "Segment information",
) -> Built:
    """Prepare missing totals, find the consolidated ties, lay out the schedule."""
    prepared = prepare(note, rate)
    positions = {
        id(fact): (t + 1, i + 1, j + 1)  # as note_rows writes the layout columns
        for t, table in enumerate(note.tables)
        for (i, j), fact in table.cells.items()
    }
    ties = make_ties(prepared.note, prepared.relations, period)
    sch = layout(
        prepared.note,
        list(result.relations),
        title=title,
        computed=prepared.relations,
        ties=ties,
        positions=positions,
    )
    extra = tie_findings(ties, consolidated or {})
    return Built(prepared.note, sch, tuple(extra))


def render(
    wb: Workbook,
    note: Note,
    result,
    *,
    write_data_table: bool,
    settings: dict[str, object] | None = None,
    title: str = "Segment information",
    reader_rows: Sequence[Sequence[object]] | None = None,
) -> list[Finding]:
    """Draw everything; returns the findings, the consolidated ties' included, with their
    sheet and cell filled in. ``note`` is the note as stated (what the Data table holds);
    totals it lacks are computed here (prepare mode)."""
    sheets = resolve(wb)
    refuse_typed_over(wb, sheets.schedules)  # nothing is written while a typed number is lost
    if settings:
        write_settings(wb, settings)
    if write_data_table:
        write_data(wb, note, sheets.data)
    consolidated, period = read_consolidated(wb)
    built = build(note, result, rate=read_rate(wb), consolidated=consolidated, period=period, title=title)
    sch = built.schedule
    write_schedule(wb, sch, sheets.schedules)
    findings = [*result.findings, *built.findings]
    located = locate(findings, built.note, sch, sheets.schedules)
    highlight(wb, located, sheets.schedules)
    if reader_rows is None and not write_data_table:
        reader_rows = read_reader_rows(wb)  # a refresh keeps what the reader noticed
    if reader_rows is None:  # fill: split the reader's findings from the checks'
        from_reader = set(note.findings)
        flags = [f in from_reader for f in findings]
        checks_f = [f for f, r in zip(located, flags, strict=True) if not r]
        reader_f = [f for f, r in zip(located, flags, strict=True) if r]
        reader_rows = [finding_row("R", n, f) for n, f in enumerate(reader_f, start=1)]
    else:
        kept = {finding_key(f) for f in reader_findings(reader_rows)}
        checks_f = [f for f in located if finding_key(f) not in kept]
    write_checks(wb, sch, checks_f, reader_rows, sheets.schedules, sheets.checks)
    return located
