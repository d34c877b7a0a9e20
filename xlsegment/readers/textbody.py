"""The body of a table in filing text: its rows, their figures and the headings over them,
and a block of translated figures under a lone currency cell.

Each step returns what it noticed as findings; nothing is appended to an argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlsegment import labels
from xlsegment.model import Column, Finding, Role, Row, Severity
from xlsegment.numbers import Cell
from xlsegment.readers import aligning, naming
from xlsegment.readers.layout import (
    NoteContext,
    is_continued_title,
    is_lead_in,
    is_ratio_row,
    translation_block_at,
)
from xlsegment.readers.lines import RawRow
from xlsegment.vocabulary import LineKind, classify

Placed = tuple[Cell, int]  # a figure and its line


@dataclass(frozen=True)
class Widths:
    """The shape of a full row: ``n`` amount columns, ``dropped`` positions of change and
    percentage figures among ``width`` figures, and the decimals amounts show."""

    n: int
    width: int
    dropped: frozenset[int]
    shown: int


@dataclass
class Body:
    rows: list[Row] = field(default_factory=list)
    values: list[list[Placed | None]] = field(default_factory=list)
    pending: dict[int, list[Placed]] = field(default_factory=dict)  # short rows, placed later
    # Rows one figure short of full whose last figure may be the change column's, with an
    # amount left blank, rather than the last amount: placement reads them so only where
    # the totals say so.
    maybe_change: dict[int, list[Placed]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def is_measure(heading: str) -> bool:
    """A heading that names a line item its rows are figures of ("Net sales"), not a
    reconciliation block ("Reconciling items") or a sign ("Less:")."""
    line = classify(heading)
    return line.financial and line.kind not in (LineKind.RECONCILING, LineKind.UNKNOWN)


# A note's own heading repeated at the top of a page: "Note 16 — Segment Information
# (Continued)". It heads the page, not the rows below it.
_RUNNING_HEAD = re.compile(r"^\s*note\s+\d+\b|\(continued\)\s*$", re.IGNORECASE)


def heads_rows(raw: RawRow) -> bool:
    """A row without figures that heads the rows below it: not a lead-in sentence, not page
    furniture, not a period caption ("Fiscal Years Ended January 31,"), which heads columns."""
    label = raw.label
    # A lone footnote mark ("*" for "not meaningful" beside a change) is no heading.
    if (
        not labels.strip_footnotes(label).strip()
        or is_lead_in(label)
        or is_continued_title(label)
        or labels.NOISE_RE.match(label)
        or _RUNNING_HEAD.search(label)
    ):
        return False
    return not (labels.is_period_heading(label) and not labels.years_in(label))


_NUMBERED_TITLE = re.compile(r"^(?:note\s+)?\d+(?:\.\d+)*\.?\s+\S", re.IGNORECASE)


def first_headings(
    sections: list[RawRow], header: list[RawRow], body: list[RawRow], rows_are_segments: bool = False
) -> tuple[str, str]:
    """The section and the measure heading over the first rows: the header's headings and
    the body's before its first figures. A heading below the years heads rows; one above
    them may name whose rows these are ("Electric Transmission" over a table per segment),
    but not where the rows are the segments themselves (measures side by side), where it
    is numbered ("4.3 Other segment information") or where it names a measure
    ("Reconciliation of trading profit to profit before taxation"): that is a title."""
    section = measure = ""
    years_line = min((r.line for r in header if r.years), default=0)
    # A heading above the sentence that introduces this table ("A reconciliation ... is as
    # follows:") ends the text before it (a block of margins), and heads none of its rows.
    introduced = max(
        (r.line for r in header if is_lead_in(r.label) and labels.introducing_sentence(r.label)), default=0
    )
    for raw in sorted(sections, key=lambda r: r.line) + body:
        if raw.has_values:
            break
        if not heads_rows(raw) or raw.line < introduced:
            continue
        title = rows_are_segments or _NUMBERED_TITLE.match(raw.label) or classify(raw.label).financial
        if raw.line < years_line and title and not raw.label.rstrip().endswith(":"):
            continue  # "Adjusted EBITDA reconciliation:" heads its rows: a colon says so
        section = labels.strip_footnotes(raw.label)
        measure = section if is_measure(section) and raw.line > years_line else measure
    return section, measure


def amount_cells(cells: list[Placed], w: Widths) -> list[Placed]:
    """The row's amounts, without the figures of change and percentage columns: by
    position where the row has a figure in every column; in a shorter row, the change
    figures come last and show more decimals than the table's amounts ("4.5" after
    "1,234"), or there are more figures than amount columns."""
    if not w.dropped:
        return cells
    if len(cells) % w.width == 0:
        # a full row, or several rows of figures on one line (an unlabelled subtotal after it)
        return [c for k, c in enumerate(cells) if k % w.width not in w.dropped]
    amounts = w.width - len(w.dropped)
    out = list(cells)
    for _ in w.dropped:
        if out and (len(out) > amounts or out[-1][0].decimals > w.shown or out[-1][0].percent):
            out.pop()
    return out


def _chunks(label: str, cells: list[Placed], n: int, line: int) -> tuple[list[list[Placed]], list[Finding]]:
    """A row's figures as rows of ``n``: a line may carry an unlabelled subtotal row after
    its own; figures beyond that are not read, and said so."""
    if len(cells) > n and len(cells) % n == 0:
        message = (
            f"row '{label}' carries {len(cells) // n} rows of figures; "
            "the extra ones are read as an unlabelled subtotal row"
        )
        found = Finding("seg.layout.unlabelled", Severity.INFO, message, source_line=line, line_item=label)
        return [cells[i : i + n] for i in range(0, len(cells), n)], [found]
    if len(cells) > n:
        message = f"row '{label}' has {len(cells)} figures for {n} columns; the first {n} are read"
        found = Finding("seg.layout.shape", Severity.WARNING, message, source_line=line, line_item=label)
        return [cells[:n]], [found]
    return [cells], []


def _row_year(label: str, line: int, ctx: NoteContext, body: Body) -> tuple[str, int | None]:
    item, year = labels.split_label_date(label)
    if year and ctx.years and year not in ctx.years:
        fixed = aligning.probable_year(year, ctx.years)
        body.findings.append(aligning.label_date_finding(label, year, fixed, line))
        year = fixed or year
    return item, year


def _year_row(raw: RawRow, dated: str) -> tuple[str, int | None]:
    """Years as row labels under a line item ("Net revenue", "2025", its figures, "2024",
    its figures): a row a lone year heads is that year's, and one with no label of its own
    right after such a row is the same line item's next year (``dated``: its label)."""
    label = labels.strip_footnotes(raw.label)
    if len(raw.years) != 1:
        return label, None
    return (label or dated), raw.years[0][0]


def read_rows(raws: list[RawRow], w: Widths, ctx: NoteContext, section: str, measure: str) -> Body:
    """Every row of figures, with the headings over it."""
    body = Body()
    dated = ""
    for raw in raws:
        if not raw.has_values:
            # A row of percentages only ("Gross margin 78.5% 77.4%") is a ratio row, no
            # heading over the rows after it.
            if (
                raw.percents == 0
                and heads_rows(raw)
                and not naming.keeps_heading(section, labels.strip_footnotes(raw.label))
            ):
                section = labels.strip_footnotes(raw.label)
                # A line item heads the groups below it ("Net sales" over "Americas" over
                # its regions): the groups' rows are figures of that line item.
                measure = section if is_measure(section) else measure
            continue
        label, year_row = _year_row(raw, dated)
        dated = label if year_row else ""
        label = label or "(unlabelled)"
        cells = amount_cells(raw.cells, w)
        if not cells or is_ratio_row(label) or _under_ratio_heading(section, label):
            continue  # a row of percentages or changes only
        item, year = _row_year(label, raw.line, ctx, body)
        year = year or year_row
        chunks, found = _chunks(label, cells, w.n, raw.line)
        body.findings.extend(found)
        for k, chunk in enumerate(chunks):
            row_label = label if k == 0 else naming.unlabelled_subtotal(label)
            line = raw.line if k == 0 else chunk[0][1]
            period = str(year) if year else None
            # An unlabelled subtotal under a measure heading is a figure of that measure.
            item_k = item if k == 0 else (measure or row_label)
            body.rows.append(Row(row_label, item_k, line, section, "", period, measure=measure))
            if len(chunk) == w.n:
                body.values.append(list(chunk))
                if w.dropped and len(chunks) == 1 and len(raw.cells) < w.width and w.n >= 2:
                    body.maybe_change[len(body.rows) - 1] = chunk[:-1]
            else:
                body.values.append([None] * w.n)
                body.pending[len(body.rows) - 1] = chunk
        if section and not classify(section).financial and naming.closes_group(label, section):
            section = measure  # the group's total ends the group: later rows are not in it
        elif section and section == measure and naming.totals_heading(label, section):
            # "Total segment cost of revenue" ends the rows under "Segment cost of revenue:":
            # the reconciling items after it are no figures of that line item.
            section = measure = ""
    return body


# ---------------------------------------------------------------- a translated block


def translation_block(raws: list[RawRow], ctx: NoteContext) -> tuple[list[RawRow], str, list[RawRow]]:
    """Split the body where a lone currency cell heads a block of the lines above,
    translated (``layout.translation_block_at``): (the local rows, that currency or "",
    the translated rows)."""
    found = translation_block_at([(r.label, r.has_values) for r in raws], ctx.currency)
    if found is None:
        return raws, "", []
    i, code = found
    return raws[:i], code, raws[i + 1 :]


def add_translation_block(
    columns: list[Column], body: Body, block: list[RawRow], code: str, w: Widths
) -> tuple[list[Column], list[Finding]]:
    """The translated block as convenience columns beside the local ones, each figure on
    the row of the local line it translates (the first row of that label not yet paired),
    so that each translated figure pairs with its local figure."""
    local = [c for c in columns if c.role != Role.CONVENIENCE]
    added = [Column(code, c.segment, c.period, code, Role.CONVENIENCE, c.measure) for c in local]
    start = len(columns)
    for values in body.values:
        values.extend([None] * len(added))
    free = {}
    for r, row in enumerate(body.rows):
        free.setdefault(labels.norm_key(row.label), []).append(r)
    found: list[Finding] = []
    for raw in block:
        if not raw.has_values:
            continue
        cells = amount_cells(raw.cells, w)
        rows = free.get(labels.norm_key(labels.strip_footnotes(raw.label)), [])
        if not rows or len(cells) != len(added):
            message = f"translated line '{raw.label}' pairs with no local line of as many figures; not read"
            found.append(Finding("seg.layout.shape", Severity.WARNING, message, source_line=raw.line))
            continue
        r = rows.pop(0)
        for k, placed in enumerate(cells):
            body.values[r][start + k] = placed
    message = (
        f"a block under '{code}' translates the lines above it: read as {len(added)} translated column(s)"
    )
    found.append(
        Finding("seg.layout.translated", Severity.INFO, message, source_line=block[0].line if block else None)
    )
    return columns + added, found


def _under_ratio_heading(section: str, label: str) -> bool:
    """A segment's row under a heading that calls its rows ratios ("Marge opérationnelle
    courante (en %)" over "France 7,6 8,7"): percentages, no amounts, though no cell
    carries a "%" sign; a line item of its own below ends the heading."""
    return bool(section) and is_ratio_row(section) and not classify(label).financial
