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
from xlsegment.workbook.sheets.checks import finding_key, write_checks
from xlsegment.workbook.sheets.guards import refuse_typed_over
from xlsegment.workbook.sheets.highlights import highlight, locate
from xlsegment.workbook.sheets.pages import page_setup
from xlsegment.workbook.sheets.roles import Sheets, resolve
from xlsegment.workbook.sheets.schedules import Schedule, layout, write_schedule
from xlsegment.workbook.sheets.settings import company_title, read_consolidated, write_settings


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


def tie_findings_of(result: Result, consolidated: dict[str, object] | None, period: str | None):
    """The findings ``build`` adds (the ties to the consolidated amounts), without laying
    out the schedule."""
    computed = [r for r in result.relations if r.computed]
    return tuple(tie_findings(make_ties(result.note, computed, period), consolidated or {}))


def computed_facts(result: Result) -> frozenset:
    """The facts the pipeline computed (prepare mode), which the Data table does not hold."""
    return frozenset(r.total.at for r in result.relations if r.computed)


def split_findings(result: Result, built: Built) -> tuple[list[Finding], list[Finding]]:
    """(what the reader noticed, what the checks found): a check that repeats a finding the
    reader made at fill time (kept on the Checks sheet) is reported once."""
    reader = list(result.note.findings)
    own, keys = set(reader), {finding_key(f) for f in reader}
    checks = [f for f in (*result.findings, *built.findings) if f not in own and finding_key(f) not in keys]
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
    title = company_title(wb, title)
    built = build(result, consolidated=consolidated, period=period, title=title)
    write_schedule(wb, built.schedule, sheets.schedules)
    reader, checks = split_findings(result, built)
    reader = locate(reader, built.note, built.schedule, sheets.schedules)
    checks = locate(checks, built.note, built.schedule, sheets.schedules)
    highlight(wb, [*reader, *checks], sheets.schedules)
    placed = write_checks(
        wb,
        built.schedule,
        checks,
        reader,
        python_checks=result.checks,
        convenience=built.note.convenience_currency,
        title=company_title(wb, "Checks"),
        schedules=sheets.schedules,
        checks=sheets.checks,
    )
    print_pages(wb, sheets)
    on_checks, on_reader = placed[: len(checks)], placed[len(checks) :]
    return [*on_reader, *on_checks]


def print_pages(wb: Workbook, sheets: Sheets) -> None:
    """The page setup of Settings and Data (Schedules and Checks set theirs as they are
    drawn), so every sheet prints with the company's name and its page numbers."""
    wb.set_layout(sheets.settings, **page_setup(company_title(wb, "Settings"), repeat_rows="3:3"))
    wb.set_layout(sheets.data, **page_setup(company_title(wb, "Data"), repeat_rows="1:1"))
