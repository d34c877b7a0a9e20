"""The Checks sheet: a row per live check (formulas) and per finding (values)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlsegment.model import Finding, Severity
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import (
    CellFormat,
    ConditionalRule,
    Formula,
    TableSpec,
    Workbook,
    WorkbookError,
    cell_ref,
    split_cell,
)
from xlsegment.workbook.sheets import formulas as fx
from xlsegment.workbook.sheets.schedules import Schedule

_REF = re.compile(r"(?<![A-Za-z_$!])(\$?[A-Z]{1,3}\$?\d+)(?![\w(])")


def finding_row(prefix: str, n: int, f: Finding) -> list[object]:
    return [
        f"{prefix}{n}",
        f.code,
        str(f.severity),
        f.message,
        fx.link(f.sheet, f.cell) if f.sheet and f.cell else None,
        f.expected,
        f.actual,
        f.difference,
        f.tolerance,
        str(f.severity).upper(),
    ]


def check_rows(
    sch: Schedule,
    findings: Sequence[Finding],
    reader_rows: Sequence[Sequence[object]] = (),
    sheet: str = c.SCHEDULES,
) -> list[list[object]]:
    """Rows of the Checks table: C rows are live checks (formulas); P rows are the Python
    checks' findings at the last refresh; R rows are what the reader noticed in the source
    text at fill time (kept verbatim by refresh, which has no source text to re-read)."""
    first = split_cell(_checks_anchor())[0] + 1
    rows: list[list[object]] = []
    for n, chk in enumerate(sch.checks, start=1):
        r = first + len(rows)
        row_i, col_i = split_cell(chk.cell)
        if chk.in_grid:
            comp = fx.sheet_ref(sheet, cell_ref(row_i, sch.computed_col + col_i - 2))
        else:
            comp = _REF.sub(lambda m: fx.sheet_ref(sheet, m.group(1)), chk.expression)
        rows.append(
            [
                f"C{n}",
                chk.code,
                "error",
                chk.description,
                fx.link(sheet, chk.cell),
                Formula(comp),
                Formula(fx.sheet_ref(sheet, chk.cell)),
                Formula(f'IF(ISNUMBER(F{r}),G{r}-F{r},"")'),
                _tolerance_cell(sch, chk, sheet),
                # "—": nothing to compare yet (no consolidated amount); a tolerance
                # that is text ("translated") means the figure holds as a translation.
                Formula(
                    f'IF(NOT(ISNUMBER(H{r})),"—",'
                    f'IF(NOT(ISNUMBER(I{r})),"OK",IF(ABS(H{r})>I{r},"BREAK","OK")))'
                ),
            ]
        )
    rows += [finding_row("P", n, f) for n, f in enumerate(findings, start=1)]
    rows += [list(row) for row in reader_rows]
    return rows


def read_reader_rows(wb: Workbook) -> list[list[object]]:
    """The R rows of an existing Checks table."""
    try:
        _, _, rows = wb.read_table(c.CHECKS_TABLE)
    except WorkbookError:
        return []
    return [row for row in rows if str(row[0] or "").startswith("R")]


def reader_findings(rows: Sequence[Sequence[object]]) -> list[Finding]:
    """The reader's findings kept as R rows, back as findings (a refresh has no text to
    re-read, and `check` on a workbook should say what fill said)."""
    out = []
    for row in rows:
        try:
            severity = Severity(str(row[2]).lower())
        except ValueError:
            continue
        out.append(
            Finding(
                code=str(row[1]),
                severity=severity,
                message=str(row[3]),
                expected=row[5],
                actual=row[6],
                difference=row[7],
                tolerance=row[8],
                sheet=c.CHECKS,
            )
        )
    return out


def finding_key(f: Finding) -> tuple:
    """Findings that say the same thing: a check that repeats a reader finding is one."""
    return (f.code, f.actual)


def _tolerance_cell(sch: Schedule, chk, sheet: str):
    if chk.in_grid:
        row_i, col_i = split_cell(chk.cell)
        return Formula(fx.sheet_ref(sheet, cell_ref(row_i, sch.tolerance_col + col_i - 2)))
    if isinstance(chk.tolerance, Formula):
        return Formula(_REF.sub(lambda m: fx.sheet_ref(sheet, m.group(1)), chk.tolerance[1:]))
    return chk.tolerance


def _checks_anchor() -> str:
    return "A3"


def write_checks(
    wb: Workbook,
    sch: Schedule,
    findings: Sequence[Finding],
    reader_rows=(),
    schedules: str = c.SCHEDULES,
    checks: str = c.CHECKS,
) -> None:
    rows = check_rows(sch, findings, reader_rows, schedules)
    ref = wb.put_table(
        TableSpec(c.CHECKS_TABLE, checks, _checks_anchor(), c.CHECK_COLUMNS, rows, "TableStyleLight1")
    )
    last = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    breaks = sum(1 for _ in sch.checks)
    wb.write_block(
        checks,
        "A1",
        [
            [
                "Checks",
                None,
                None,
                Formula(
                    f'COUNTIF(J4:J{max(last, 4)},"BREAK")&" of {breaks} live checks break; "'
                    f'&COUNTIF(J4:J{max(last, 4)},"ERROR")&" errors, "'
                    f'&COUNTIF(J4:J{max(last, 4)},"WARNING")&" warnings at last refresh"'
                ),
            ]
        ],
    )
    wb.set_style(checks, "A1", c.STYLE_TITLE)
    wb.set_style(checks, "D1", c.STYLE_NOTE)
    if last >= 4:
        wb.set_format(checks, f"F4:H{last}", CellFormat(number_format=c.NUMBER_FORMAT))
        wb.set_format(checks, f"I4:I{last}", CellFormat(number_format=c.TOLERANCE_FORMAT))
    wb.set_style(checks, "A3:J3", c.STYLE_HEADING)
    wb.set_conditional_formats(
        checks,
        [
            ConditionalRule(f"J4:J{max(last, 4)}", 'OR(J4="BREAK",J4="ERROR")', c.CF_FILL, c.CF_FONT),
            ConditionalRule(f"J4:J{max(last, 4)}", 'J4="WARNING"', c.FINDING_FILL, "7F6000"),
        ],
    )
    wb.set_layout(checks, print_area=f"A1:J{max(last, 4)}")
