"""Render a checked note into a workbook: Settings, Data, Schedules, Checks and highlights.

Validate, then render: this module receives the pipeline's result (the note with any
computed totals, its relations and findings) and only draws it, through the
:class:`~.engines.base.Workbook` interface, so the same code fills a file (openpyxl) and a
live workbook (xlwings).
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsegment.model import Finding, Note
from xlsegment.pipeline import Result
from xlsegment.readers.tidyrows import stated_positions
from xlsegment.workbook.engines.base import Workbook
from xlsegment.workbook.mapping.datatable import write_data
from xlsegment.workbook.mapping.ties import make_ties, tie_findings
from xlsegment.workbook.sheets.checks import finding_key, finding_row, write_checks
from xlsegment.workbook.sheets.guards import refuse_typed_over
from xlsegment.workbook.sheets.highlights import highlight, locate
from xlsegment.workbook.sheets.roles import resolve
from xlsegment.workbook.sheets.schedules import Schedule, layout, write_schedule
from xlsegment.workbook.sheets.settings import read_consolidated, read_setting, write_settings


@dataclass(frozen=True)
class Built:
    """What render draws: the note with computed totals, its schedule, extra findings."""

    note: Note
    schedule: Schedule
    findings: tuple[Finding, ...]  # ties to consolidated amounts (workbook-only checks)


def build(
    result: Result,
    *,
    consolidated: dict[str, object] | None = None,
    period: str | None = None,
    title: str = "Segment information",
) -> Built:
    """The consolidated ties and the schedule of a checked note."""
    computed = [r for r in result.relations if r.computed]
    ties = make_ties(result.note, computed, period)
    sch = layout(
        result.note,
        [r for r in result.relations if not r.computed],
        title=title,
        computed=computed,
        ties=ties,
        positions=stated_positions(result.note, computed_facts(result)),
    )
    return Built(result.note, sch, tuple(tie_findings(ties, consolidated or {})))


def computed_facts(result: Result) -> frozenset:
    """The facts the pipeline computed (prepare mode), which the Data table does not hold."""
    return frozenset(r.total.at for r in result.relations if r.computed)


def split_findings(result: Result, built: Built) -> tuple[list[Finding], list[Finding]]:
    """(what the reader noticed, what the checks found): a check that repeats a finding the
    reader made at fill time (kept on the Checks sheet) is reported once."""
    reader = list(result.note.findings)
    own, keys = set(map(id, reader)), {finding_key(f) for f in reader}
    checks = [
        f for f in (*result.findings, *built.findings) if id(f) not in own and finding_key(f) not in keys
    ]
    return reader, checks


def located_findings(result: Result, built: Built, sheet: str) -> list[Finding]:
    """Every finding on the Schedules cell of its figure."""
    reader, checks = split_findings(result, built)
    return locate([*reader, *checks], built.note, built.schedule, sheet)


def render(
    wb: Workbook,
    result: Result,
    *,
    write_data_table: bool,
    settings: dict[str, object] | None = None,
    title: str = "Segment information",
) -> list[Finding]:
    """Draw everything; returns the findings, the consolidated ties' included, with their
    sheet and cell filled in."""
    sheets = resolve(wb)
    refuse_typed_over(wb, sheets.schedules)  # nothing is written while a typed number is lost
    if settings:
        write_settings(wb, settings)
    if write_data_table:
        write_data(wb, result.note, sheets.data, computed_facts(result))
    consolidated, period = read_consolidated(wb)
    company = read_setting(wb, "xls_Company")
    if company:
        title = f"{company}: {title}"
    built = build(result, consolidated=consolidated, period=period, title=title)
    write_schedule(wb, built.schedule, sheets.schedules)
    reader, checks = split_findings(result, built)
    reader = locate(reader, built.note, built.schedule, sheets.schedules)
    checks = locate(checks, built.note, built.schedule, sheets.schedules)
    highlight(wb, [*reader, *checks], sheets.schedules)
    reader_rows = [finding_row("R", n, f) for n, f in enumerate(reader, start=1)]
    write_checks(wb, built.schedule, checks, reader_rows, sheets.schedules, sheets.checks)
    return [*reader, *checks]
