"""The Checks sheet: a row per live check (formulas) and per finding (values)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from xlsegment.checks import TRANSLATION
from xlsegment.codes import CATALOGUE
from xlsegment.model import Finding, RelationKind, Severity
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import (
    CellFormat,
    ConditionalRule,
    Formula,
    TableSpec,
    Workbook,
    cell_ref,
    split_cell,
)
from xlsegment.workbook.sheets import fit
from xlsegment.workbook.sheets import formulas as fx
from xlsegment.workbook.sheets.pages import area_points, page_setup
from xlsegment.workbook.sheets.schedules import Schedule

_REF = re.compile(r"(?<![A-Za-z_$!])(\$?[A-Z]{1,3}\$?\d+)(?![\w(])")


def finding_row(prefix: str, n: int, f: Finding, checks_sheet: str = c.CHECKS) -> list[object]:
    """A P or R row: a finding as values. A finding that points at its own Checks row has
    no link (that row moves when a refresh finds more or fewer findings)."""
    on_schedules = f.sheet and f.cell and f.sheet != checks_sheet
    return [
        f"{prefix}{n}",
        f.code,
        str(f.severity),
        f.message,
        fx.link(f.sheet, f.cell) if on_schedules else None,
        f.expected,
        f.actual,
        f.difference,
        f.tolerance,
        str(f.severity).upper(),
    ]


def _status(r: int) -> Formula:
    # "—": nothing to compare yet (no consolidated amount); a tolerance that is text
    # ("translated") means the figure holds as a translation.
    return Formula(
        f'IF(NOT(ISNUMBER(H{r})),"—",IF(NOT(ISNUMBER(I{r})),"OK",IF(ABS(H{r})>I{r},"BREAK","OK")))'
    )


def check_rows(
    sch: Schedule,
    findings: Sequence[Finding],
    reader: Sequence[Finding] = (),
    sheet: str = c.SCHEDULES,
    checks_sheet: str = c.CHECKS,
) -> list[list[object]]:
    """Rows of the Checks table: C rows are live checks (formulas); P rows are the Python
    checks' findings at the last refresh; R rows are what the reader noticed in the source
    text at fill time (kept verbatim by refresh, which has no source text to re-read)."""
    first = split_cell(CHECKS_ANCHOR)[0] + 1
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
                # A live check has a severity only while it breaks: a passing one is no error.
                Formula(f'IF(J{r}="BREAK","{Severity.ERROR}","")'),
                chk.description,
                fx.link(sheet, chk.cell),
                Formula(comp),
                Formula(fx.sheet_ref(sheet, chk.cell)),
                Formula(f'IF(ISNUMBER(F{r}),G{r}-F{r},"")'),
                _tolerance_cell(sch, chk, sheet),
                _status(r),
            ]
        )
    rows += [finding_row("P", n, f, checks_sheet) for n, f in enumerate(findings, start=1)]
    rows += [finding_row("R", n, f, checks_sheet) for n, f in enumerate(reader, start=1)]
    return rows


def _table_rows(wb: Workbook):
    """(sheet, column index by header, [(first cell of the row, row)]) of the Checks table,
    or None when the workbook has none."""
    found = wb.tables().get(c.CHECKS_TABLE)
    if found is None:
        return None
    sheet, ref = found
    block = wb.read_block(sheet, ref)
    first_row = split_cell(ref.split(":")[0])[0]
    column = {str(name): i for i, name in enumerate(block[0])}
    if not set(c.CHECK_COLUMNS) <= set(column):
        return None
    return sheet, column, [(cell_ref(first_row + i, 1), row) for i, row in enumerate(block[1:], start=1)]


def kept_findings(wb: Workbook) -> list[Finding]:
    """What the reader noticed at fill time, kept as the Checks table's R rows, back as
    findings on their rows (a refresh has no text to re-read, and `check` on a workbook
    should say what fill said). Columns are found by their header."""
    table = _table_rows(wb)
    if table is None:
        return []
    sheet, column, rows = table
    out = []
    for where, row in rows:
        value = {name: row[i] for name, i in column.items()}
        if not str(value["id"] or "").startswith("R"):
            continue
        try:
            severity = Severity(str(value["severity"]).lower())
        except ValueError:
            continue
        out.append(
            Finding(
                code=str(value["code"]),
                severity=severity,
                message=str(value["check"]),
                expected=value["expected"],
                actual=value["actual"],
                difference=value["difference"],
                tolerance=value["tolerance"],
                sheet=sheet,
                cell=where,
            )
        )
    return out


def on_rows(wb: Workbook, findings: Sequence[Finding]) -> list[Finding]:
    """A finding that has no cell of its own points at the Checks row that states it: by
    code and message, or by code alone when one row and one such finding have it (the
    rate line, whose wording follows the rate), so every finding names a sheet and cell."""
    table = None if all(f.cell for f in findings) else _table_rows(wb)
    if table is None:
        return list(findings)
    sheet, column, rows = table
    stated: dict[tuple[str, str], str] = {}
    by_code: dict[str, list[str]] = {}
    for where, row in rows:
        code = str(row[column["code"]])
        stated.setdefault((code, str(row[column["check"]])), where)
        by_code.setdefault(code, []).append(where)
    loose = Counter(f.code for f in findings if not f.cell)

    def row_of(f: Finding) -> str | None:
        if (f.code, f.message) in stated:
            return stated[f.code, f.message]
        only = by_code.get(f.code, [])
        return only[0] if len(only) == 1 and loose[f.code] == 1 else None

    out = []
    for f in findings:
        where = None if f.cell else row_of(f)
        out.append(replace(f, sheet=sheet, cell=where) if where else f)
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


@dataclass(frozen=True, slots=True)
class Counts:
    """What the Checks sheet counts, and how it relates to what `xlsegment check` says."""

    live: int  # C rows: the checks written as formulas
    ties: int  # of those, ties to the consolidated amounts in Settings (the workbook's own)
    drawn: int  # the core's checks that have a C row
    python: int  # the checks `xlsegment check` counts
    findings: int  # P rows: findings of the checks at the last refresh
    reader: int  # R rows: what the reader noticed in the source at fill time
    severities: Counter  # of the P and R rows

    @property
    def extra(self) -> int:
        """C rows beyond one per core check: a translated total that is the sum of more than
        one set of translated lines has a row per sum, and the core one translation check."""
        return self.live - self.ties - self.drawn


def _core_check(chk, convenience: str | None) -> tuple | None:
    """The core check a C row stands for, as the check stage counts them (``checks.py``):
    one per relation, and one translation check per translated figure, whose sum, if it is
    a total, is what the sheet checks."""
    if chk.kind == "tie.consolidated":
        return None
    translated = chk.kind == TRANSLATION or (
        convenience and chk.total.currency == convenience and chk.kind != str(RelationKind.TIE)
    )
    if translated:
        return (TRANSLATION, chk.total.at)
    return (chk.kind, chk.total.at, tuple(p.at for _, p in chk.parts))


def counts(
    sch: Schedule,
    python_checks: int,
    convenience: str | None,
    findings: Sequence[Finding],
    reader: Sequence[Finding],
) -> Counts:
    keys = {_core_check(chk, convenience) for chk in sch.checks} - {None}
    return Counts(
        live=len(sch.checks),
        ties=sum(1 for chk in sch.checks if chk.kind == "tie.consolidated"),
        drawn=len(keys),
        python=python_checks,
        findings=len(findings),
        reader=len(reader),
        severities=Counter(f.severity for f in (*findings, *reader)),
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def explain(n: Counts) -> str:
    """The line under the title: how the rows below relate to `xlsegment check`'s count."""
    parts = []
    if n.drawn == n.python:
        parts.append(f"the {_plural(n.python, 'check')} that xlsegment check counts")
    elif n.drawn > n.python:  # not expected: say so rather than print a negative count
        parts.append(f"{_plural(n.drawn, 'check')}, of which xlsegment check counts {n.python}")
    else:
        missing = n.python - n.drawn
        parts.append(
            f"{n.drawn} of the {_plural(n.python, 'check')} that xlsegment check counts "
            f"({missing} on figures the sheet does not draw; Python still checks them)"
        )
    if n.extra:
        parts.append(f"{n.extra} more sums of translated totals")
    if n.ties:
        parts.append(f"{_plural(n.ties, 'tie')} to the consolidated amounts in Settings (— until entered)")
    s = n.severities
    return (
        f"C rows are {', '.join(parts[:-1]) + ' and ' if len(parts) > 1 else ''}{parts[-1]}. "
        f"At the last refresh: {_plural(s[Severity.ERROR], 'error')}, "
        f"{_plural(s[Severity.WARNING], 'warning')}, {_plural(s[Severity.INFO], 'info')}: "
        f"{n.findings} from the checks (P rows), {n.reader} noticed by the reader at fill time (R rows)."
    )


def _live_line(n: Counts, last: int) -> Formula:
    rng = f"J{FIRST_ROW}:J{max(last, FIRST_ROW)}"
    return Formula(
        f'"{_plural(n.live, "live check")} (C rows, formulas that follow every edit): "'
        f'&COUNTIF({rng},"BREAK")&" break now"'
    )


CHECKS_ANCHOR = "A3"  # the table's header row; rows 1-2 hold the title and the counts
FIRST_ROW = 4
# Column widths of the Checks table, in characters. The check text wraps in its column
# (each row as tall as its lines), so the whole table fits a landscape page at 8 pt or
# more, within pages.FIT_MARGIN; every other column holds its widest value: "seg.crossfoot",
# "WARNING", "Schedules!G10", "(1,035,173)", "translated".
CHECK_WIDTHS = dict(zip("ABCDEFGHIJ", (5, 16, 9, 50, 14, 12, 12, 12, 11, 9), strict=True))
CHECK_TEXT = "D"


def write_checks(
    wb: Workbook,
    sch: Schedule,
    findings: Sequence[Finding],
    reader: Sequence[Finding] = (),
    *,
    python_checks: int,
    convenience: str | None = None,
    title: str = "Checks",
    schedules: str = c.SCHEDULES,
    checks: str = c.CHECKS,
) -> list[Finding]:
    """Draw the Checks sheet; returns the findings and reader findings, each finding that
    has no cell of its own placed on its Checks row."""
    rows = check_rows(sch, findings, reader, schedules, checks)
    ref = wb.put_table(
        TableSpec(c.CHECKS_TABLE, checks, CHECKS_ANCHOR, c.CHECK_COLUMNS, rows, "TableStyleLight1")
    )
    last = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    n = counts(sch, python_checks, convenience, findings, reader)
    # The live count stands right-aligned in the last column, so that a long title (the
    # company's name) runs on to its left unclipped.
    wb.write_block(checks, "A1", [[title, *[None] * 8, _live_line(n, last)], [explain(n)]])
    wb.set_style(checks, "A1", c.STYLE_TITLE)
    wb.set_style(checks, "J1", c.STYLE_NOTE)
    wb.set_format(checks, "J1", CellFormat(h_align="right"))
    wb.set_style(checks, "A2", c.STYLE_NOTE)
    wb.set_format(checks, "A2", CellFormat(wrap=True))  # across the table's width (merged)
    placed = _placed([*findings, *reader], FIRST_ROW + len(sch.checks), checks)
    if last >= FIRST_ROW:
        wb.set_format(checks, f"F{FIRST_ROW}:H{last}", CellFormat(number_format=c.NUMBER_FORMAT))
        # Right-aligned as the numbers beside it, so "translated" keeps clear of the difference.
        tolerance = CellFormat(number_format=c.TOLERANCE_FORMAT, h_align="right")
        wb.set_format(checks, f"I{FIRST_ROW}:I{last}", tolerance)
        wb.set_format(checks, f"C{FIRST_ROW}:C{last}", CellFormat(h_align="center"))
        wb.set_format(checks, f"J{FIRST_ROW}:J{last}", CellFormat(h_align="center"))
        for r, f in enumerate(placed, start=FIRST_ROW + len(sch.checks)):
            if _holds_years(f):  # "2024", not "2,024"
                wb.set_format(checks, f"F{r}:H{r}", CellFormat(number_format="0"))
        wb.set_format(checks, f"{CHECK_TEXT}{FIRST_ROW}:{CHECK_TEXT}{last}", CellFormat(wrap=True))
    wb.set_style(checks, "A3:J3", c.STYLE_HEADING)
    status = f"J{FIRST_ROW}:J{max(last, FIRST_ROW)}"
    wb.set_conditional_formats(
        checks,
        [
            ConditionalRule(status, 'OR(J4="BREAK",J4="ERROR")', c.CF_FILL, c.CF_FONT),
            ConditionalRule(status, 'J4="WARNING"', c.FINDING_FILL, "7F6000"),
        ],
    )
    area = f"A1:J{max(last, FIRST_ROW)}"
    page = page_setup(title, repeat_rows="3:3", width_pt=area_points(CHECK_WIDTHS, area))
    heights = _heights(rows) | {2: fit.row_height([(explain(n), sum(CHECK_WIDTHS.values()))], regular=True)}
    wb.set_layout(checks, widths=CHECK_WIDTHS, print_area=area, merges=["A2:J2"], row_heights=heights, **page)
    return placed


def _heights(rows: Sequence[Sequence[object]]) -> dict[int, float | None]:
    """Each row as tall as its wrapped check text; None (Excel's default) for one line."""
    width = CHECK_WIDTHS[CHECK_TEXT]
    col = c.CHECK_COLUMNS.index("check")
    return {
        r: fit.row_height([(str(row[col] or ""), width)], regular=True)
        for r, row in enumerate(rows, start=FIRST_ROW)
    }


def _placed(findings: Sequence[Finding], first: int, sheet: str) -> list[Finding]:
    return [
        replace(f, sheet=sheet, cell=f"A{r}") if not f.cell or f.sheet == sheet else f
        for r, f in enumerate(findings, start=first)
    ]


def _holds_years(f: Finding) -> bool:
    code = CATALOGUE.get(f.code)
    return code is not None and code.values == "years"
