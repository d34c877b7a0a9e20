"""What the filing readers share once a table's cells are placed: the note's context,
column roles from their headers, period labels, and the table of facts they make."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from xlsegment import currency, durations, labels
from xlsegment.durations import quarter_number
from xlsegment.model import Column, Fact, FactId, Finding, Role, Row, Severity, Source, Table
from xlsegment.readers import naming, periodrows
from xlsegment.readers.columnkinds import measure_column, segment_column
from xlsegment.settings import SETTINGS
from xlsegment.vocabulary import (
    LineKind,
    classify,
)

_CONTINUED = re.compile(r"\(\s*continued\s*\)|[-–—]\s*continued\s*$|^continued$", re.IGNORECASE)


@dataclass(frozen=True)
class OpenHeading:
    """The row heading a table part leaves open at its end, and the words of its header.

    A page break in a long table repeats the header and goes on with the rows of the same
    heading ("COVID-19 VACCINE" over U.S. and International, then the header again, then
    its Worldwide row). Text and HTML readers both carry it to the next part."""

    header: tuple[str, ...] = ()
    section: str = ""
    # The part's columns: a part after a page break with no header of its own and as many
    # columns continues them (the text readers' "continued" header rule)
    columns: tuple[Column, ...] = ()

    def continued(self, header: tuple[str, ...]) -> str:
        """The heading over the first rows of a part under ``header``: this part's open
        heading where the header repeats this one's words (this one may have more: the
        lead-in and the headings of its first rows), else none."""
        # A title marked "(continued)" says so, and page furniture ("Table of Contents")
        # comes with the break: neither is a word of the first part's header.
        own = [w for w in header if not is_lead_in(w) and not is_continued_title(w)]
        same = len(own) >= 2 and set(own) <= set(self.header)
        return self.section if same else ""

    @staticmethod
    def after(header: tuple[str, ...], rows: list[Row], columns: tuple[Column, ...] = ()) -> OpenHeading:
        """What a part leaves open: its last row's heading, unless that row closes it."""
        closed = not rows or classify(rows[-1].label).closes
        return OpenHeading(header, "" if closed else rows[-1].section, columns)


@dataclass
class NoteContext:
    """What holds for the whole note: its currency, unit, convenience currency and years."""

    currency: str
    unit: str
    convenience: str | None
    rate_note: str | None
    years: set[int]
    convenience_unit: str | None = None  # the translated figures' scale, where not the note's
    dollar_is_local: bool = False  # a bare "$" is the note's currency, or its unnamed dollar
    segments: tuple[str, ...] = ()  # the segments its prose declares (readers/declared.py)
    single_segment: bool = False  # the prose says the entity is its one segment


def column_currency(found: str | None, context: NoteContext) -> str:
    """The currency of a column whose header names ``found``: a bare "$" read as USD is the
    note's own dollar where the note says so (currency.dollar_is_local)."""
    if not found or (found == "USD" and context.dollar_is_local):
        return context.currency
    return found


def unnamed_dollar(context: NoteContext) -> list[Finding]:
    """A warning where the note writes "$" and the dollar it means is left unnamed: the
    figures carry no currency rather than a guessed one."""
    if context.currency or not context.dollar_is_local:
        return []
    message = (
        'the note writes "$" without naming its dollar, and its dates day first as filers outside '
        "the US do: the currency is left unnamed"
    )
    return [Finding("seg.currency.dollar", Severity.WARNING, message)]


def is_lead_in(text: str) -> bool:
    """A sentence that leads into a table, not a header or a row label."""
    low = text.lower()
    if _reconciliation_heading(text):
        return False
    return (
        (len(text) > SETTINGS.lead_in_chars and not _names_only(text))
        or (text.endswith(".") and len(text.split()) >= SETTINGS.lead_in_words)
        or "following" in low
        or "as follows" in low
        or "table of contents" in low
    )


_JOINING = frozenset({"and", "of", "the", "&", "-", "–", "for", "in", "/"})


def _names_only(text: str) -> bool:
    """Capitalised words only, as a line of column names is ("Rigid Packaging Flexible
    Packaging Corporate and Eliminations Consolidated"); a sentence has words in lower case."""
    words = text.split()
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _JOINING for w in words)


def is_continued_title(text: str) -> bool:
    """ "Summary of Business Segment Data (continued)": the title a page break repeats over
    the rest of a table; it heads no rows and is no word of the first part's header."""
    return bool(_CONTINUED.search(text))


def _reconciliation_heading(text: str) -> bool:
    """ "Reconciliation of segment operating income to income before income taxes:" heads
    the reconciling rows of its table (ASC 280-10-50-30), however long."""
    low = text.lower()
    heading = low.startswith(("reconciliation of", "reconciling items")) and "following" not in low
    return heading and text.endswith(":")


# Words of prose about the filer, never of a segment's or a measure's name: "about",
# "our", "the Company's", "the Group's".
_PROSE = re.compile(r"\b(?:about|our|its|their)\b|\b(?:company|group|entity)['’]s\b", re.IGNORECASE)


def introduces_table(text: str) -> bool:
    """A header line that introduces the table below it: a lead-in sentence, a sentence
    ending in a colon, or one that speaks of the filer ("Information about the Company's
    single reportable segment"). Only above a table's first figures: in its body such a
    line heads the rows below it ("Supplemental information about our segment expenses:")."""
    sentence = len(text.split()) >= SETTINGS.lead_in_words and (
        text.endswith(":") or bool(_PROSE.search(text))
    )
    return is_lead_in(text) or (sentence and not _reconciliation_heading(text))


# "Reconciliation to profit before tax", "Réconciliation avec le résultat avant impôt",
# "Conciliación con el resultado", "Überleitung auf das Ergebnis": above the columns'
# names, a table's title; among them, a reconciling column's name ("Reconciliation to
# Consolidated Financial Statements" beside the segments).
_RECONCILIATION_TITLE = re.compile(
    r"^(?:reconciliation|r[ée]conciliation|rapprochement|conciliaci[óo]n|reconcilia[çc][ãa]o|"
    r"riconciliazione|[üu]berleitung)\s+(?:to|of|avec|du|de|con|del|com|da|do|auf|zum|zur|al|a)\b",
    re.IGNORECASE,
)


def is_reconciliation_title(text: str) -> bool:
    return bool(_RECONCILIATION_TITLE.match(text)) and not text.endswith(":")


def period_labels(texts: list[str]) -> list[str]:
    """Period of each column heading: the year ("December 31, 2024" -> "2024"), with its
    interim duration ("Six Months Ended June 30, 2025" -> "6M 2025"). A quarter is three
    months ("Q3 2024" -> "3M 2024", as "Three Months Ended" is); where one header names
    several quarters of a year, each keeps its number ("3M 2024-Q3"). Headings that still
    collide keep their text."""
    quarters = [quarter_number(t) for t in texts]
    out = []
    for t, q in zip(texts, quarters, strict=True):
        year = str(labels.years_in(t)[-1])
        out.append(with_duration(year, "3M" if q else durations.duration_of(t)))
    # Each quarter, or half ("H1 2025 | H2 2025", "S1 | S2"), keeps its number where
    # its label would otherwise be another's.
    parts = [
        f"Q{q}" if q else (f"H{h}" if (h := durations.half_number(t)) else None)
        for t, q in zip(texts, quarters, strict=True)
    ]
    out = [
        f"{label}-{part}" if part and out.count(label) > 1 else label
        for label, part in zip(out, parts, strict=True)
    ]
    # Different headings that name one year ("January 1, 2023", "December 31, 2023") keep
    # their text; a heading repeated word for word (a year over its translation) stays one.
    # Only those that collide: "Year Ended December 31, 2025" beside them is still 2025.
    label_of = dict(zip(texts, out, strict=True))
    shared = Counter(label_of.values())
    return [
        " ".join(t.split()).rstrip(":") if shared[label] > 1 else label
        for t, label in zip(texts, out, strict=True)
    ]


# "for the six months ended June 30, 2020", "as of December 31, 2024", "fiscal 2024": the
# one period a lead-in states for a table whose header names none.
# Title case is as common as lower case in lead-ins ("for the Year Ended December 31, 2024").
_LEAD_IN_PERIOD = re.compile(
    r"\b(?i:ended|ending|as\s+of|as\s+at|at)\s+"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+|\d{1,2}\s+[A-Z][a-z]+\.?,?\s+)?(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?i:(?:" + labels.FISCAL_WORDS + r")\s+(?:year\s+)?)(?P<fy>(?:19|20)\d\d)\b"
    # "... reconciles the Group's results to core results for 2024:": a year alone after
    # "for", which the one-year test below keeps from "for 2024 and 2023".
    r"|\b(?i:for\s+(?:the\s+)?(?:(?:fiscal\s+)?year\s+)?)(?P<for>(?:19|20)\d\d)\b(?![\d,])"
)


_MONTH_DAY = re.compile(r"\b(?:" + labels.MONTHS + r")\.?\s+\d{1,2}\b", re.IGNORECASE)
_YEARS_TAIL = re.compile(r"[\s,]*(?:(?:19|20)\d\d(?:\s*(?:,|and|&)\s*)?)+\s*$")
_PLURAL_YEARS = re.compile(r"\b(years?|quarters?)(?=\s+ended)", re.IGNORECASE)


def period_words(headings: list[str]) -> str:
    """The words a header states over its years, without them: "Years ended December
    31," over 2024 2023 is "Year ended December 31"; "As of and for the Fiscal Year Ended
    February 3, 2024" is "As of and for the Fiscal Year Ended February 3". Only words that
    name a month and day (the period's end) or a quarter by its number ("Second quarter")
    count, and only where every heading of the table says the same ("" for a band of
    "Three Months Ended" | "Six Months Ended")."""
    found: dict[str, str] = {}  # the first wording of each, by its words in any case
    for text in headings:
        words = _YEARS_TAIL.sub("", text.strip().rstrip(" ,:;.")).rstrip(" ,:;.")
        if _MONTH_DAY.search(words) or quarter_number(words):
            words = _PLURAL_YEARS.sub(lambda m: m.group(1).rstrip("sS"), words)
            found.setdefault(words.casefold(), words)
    return next(iter(found.values())) if len(found) == 1 else ""


def lead_in_duration(lead_in: str) -> str | None:
    """The interim duration the sentence introducing a table states ("for the three months
    ended June 30, 2025 and 2024" -> "3M"), for a header that states none over its years."""
    return durations.duration_of(heading_above(lead_in) or labels.introducing_sentence(lead_in))


# Where a period heading right above a table may start: "For the year ended ...",
# "Half-year ended ...", "Six months ended ...", "As at ...", "截至...止六个月".
_HEADING_START = re.compile(
    r"(?i:\bfor\s+the\b|\bas\s+(?:of|at)\b|\b(?:three|six|nine|twelve)[\s-]+months\b|\bhalf[\s-]+year\b"
    r"|\b(?:(?:fiscal|financial)\s+)?years?\s+ended\b|\bquarters?\s+ended\b)|截至"
)
# What may stand after it: a unit line, a currency line or an audit qualifier in brackets.
_TRAILING_BRACKET = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_SENTENCE_AFTER = re.compile(r"[.:;]\s+\S")
_QUALIFIER_WORDS = re.compile(r"(?i)\b(?:un)?audited\b|\brestated\b|\breviewed\b")


def heading_above(lead_in: str) -> str:
    """The period heading that ends a lead-in, right above its table ("... STATEMENTS
    (Continued) For the year ended December 31, 2023 (In millions of Korean won)" ->
    "For the year ended December 31, 2023"), where it names one year; else ""."""
    text = lead_in.strip()
    while (m := _TRAILING_BRACKET.search(text)) is not None:
        bracket = m.group()
        if not (
            labels.unit_of(bracket) or labels.unit_line_currency(bracket) or _QUALIFIER_WORDS.search(bracket)
        ):
            break
        text = text[: m.start()]
    for m in _HEADING_START.finditer(text):
        tail = text[m.start() :]
        if _SENTENCE_AFTER.search(tail) or len(tail) > SETTINGS.heading_chars or tail.endswith("."):
            continue  # "... for the year ended December 31, 2023. Segment results:" is prose
        if tail[0].islower():
            continue  # "..., respectively, for the year ended December 31, 2022": a sentence's end
        if labels.is_period_heading(tail) and len(set(labels.years_in(tail))) == 1:
            return tail
    return ""


def lead_in_period(lead_in: str) -> str:
    """The one period, with its duration, that the sentence introducing a table states
    ("The following table presents ... for the six months ended June 30, 2020:" -> "6M
    2020"), or the period heading right above it; "" where it states none or several,
    rather than a guess."""
    heading = heading_above(lead_in)
    if heading:
        return with_duration(str(labels.years_in(heading)[0]), durations.duration_of(heading))
    sentence = labels.introducing_sentence(lead_in)
    found = {m["year"] or m["fy"] or m["for"] for m in _LEAD_IN_PERIOD.finditer(sentence)}
    if len(found) != 1 or len(set(labels.years_in(sentence))) != 1:
        return ""  # "the years ended December 31, 2024 and 2023": which column is which?
    return with_duration(found.pop(), durations.duration_of(sentence))


def with_duration(period: str, duration: str | None) -> str:
    """A period label with its interim duration: "6M 2025" for six months ended in 2025;
    a year's label stays the year, so figures of different durations never meet."""
    # A period that already states its duration keeps it: "3M 2025" under a band that
    # says "Six Months Ended" is no "6M 3M 2025".
    return f"{duration} {period}" if duration and not _DURATION_MARK.match(period) else period


_DURATION_MARK = re.compile(r"^(\d{1,2}M)\b")


def duration_mark(period: str) -> str | None:
    """The interim duration ``with_duration`` put on a period label ("6M" of "6M 2025")."""
    mark = _DURATION_MARK.match(period)
    return mark.group(1) if mark else None


def translated_currency(tables) -> str | None:
    """The note's convenience currency: that of its translated columns, if it has any."""
    return next((c.currency for t in tables for c in t.columns if c.role == Role.CONVENIENCE), None)


def stated_rate(
    texts: list[tuple[str, int | None]], ctx: NoteContext
) -> tuple[Decimal | None, list[Finding]]:
    """The convenience rate the note states in words ("RMB6.8972 to US$1.00"), which the
    checks use before any rate inferred from the figures, and the finding that says so.
    ``texts`` are the note's text and the line each piece starts on; the first statement
    found counts."""
    if not ctx.convenience:
        return None, []
    for text, first_line in texts:
        found = labels.stated_rate(text, ctx.currency, ctx.convenience)
        if found is None or Decimal(found[0]) <= 0:
            continue
        rate = Decimal(found[0])
        line = (first_line or 1) + text.count("\n", 0, found[1])
        message = f"the note states the convenience rate: {ctx.currency} {rate} to {ctx.convenience} 1"
        return rate, [Finding("seg.fx.stated", Severity.INFO, message, source_line=line)]
    return None, []


def latest_period(periods: list[str]) -> str:
    """The most recent of the period columns: a convenience column without a period of its
    own translates it, whether the years run up (2022, 2023, 2024) or down."""
    dated = [p for p in periods if labels.years_in(p)]
    if len(dated) < len(periods) or not periods:
        return periods[-1] if periods else ""
    return max(reversed(periods), key=lambda p: (labels.years_in(p)[-1], p))


def drop_unallocated_nils(columns, values) -> None:
    """A reconciling item shown only in the Total column has dashes under the segments.

    Those dashes say "not allocated", not "zero", so they are left out rather than read
    as figures that would have to add up (ASC 280-10-50-30 reconciling items).
    """
    seg_cols = [i for i, c in enumerate(columns) if c.role not in (Role.TOTAL, Role.CONVENIENCE)]
    tot_cols = [i for i, c in enumerate(columns) if c.role in (Role.TOTAL, Role.CONVENIENCE)]
    if not seg_cols or not tot_cols:
        return
    for row in values:
        segs = [row[i] for i in seg_cols]
        if all(v is None or v[0].nil for v in segs) and any(
            row[i] is not None and not row[i][0].nil for i in tot_cols
        ):
            for i in seg_cols:
                row[i] = None


def nil_precision(values) -> dict[tuple[int, int], int]:
    """The precision of each nil ("—") in a grid of (cell, line) pairs.

    A dash shows no digits, so it states no precision of its own: it stands for zero to
    the precision its line item is shown in (XBRL gives a nil fact the table's @decimals).
    That is its row's coarsest figure, or else its column's, or else the table's; a dash
    among figures in billions to two decimals is 0 ± 0.005, not 0 ± 0.5."""
    shown = [
        [v[0].decimals if v is not None and not v[0].nil and not v[0].percent else None for v in row]
        for row in values
    ]
    by_row = [_coarsest(row) for row in shown]
    by_col = [_coarsest(col) for col in zip(*shown, strict=False)] if shown else []
    whole = _coarsest(by_row)
    found = {}
    for r, row in enumerate(values):
        for c, v in enumerate(row):
            if v is not None and v[0].nil:
                col = by_col[c] if c < len(by_col) else None
                found[(r, c)] = next((d for d in (by_row[r], col, whole) if d is not None), v[0].decimals)
    return found


def _coarsest(decimals) -> int | None:
    return min((d for d in decimals if d is not None), default=None)


def _closes_table(rows: list[Row], r: int) -> bool:
    """Row r ends the table, or follows a total of its own group ("Total Europe" before a
    bare "Total"): a bare total there is the whole entity's, not the group's."""
    section = rows[r].section
    return r == len(rows) - 1 or any(
        x.section == section and x.label != rows[r].label and classify(x.label).total for x in rows[:r]
    )


def _outside_closed_headings(rows: list[Row]) -> list[Row]:
    """A heading ("Operating income:", "Resultado operacional") holds its rows up
    to their bare total ("Consolidated", "Total"); rows after that total ("Net financial
    result", "Income before taxes") carry the entity's own lines, whatever language names
    them, and are no part of the heading's group."""
    # The last bare total of a heading closes it: "Total" then "General corporate" then
    # "Worldwide total" are all the heading's rows (the first a subtotal of the segments).
    # A total after it ("Individual | Group | Total 2000"), where "Group" is a product's
    # name, says the heading is still open.
    last_total: dict[str, int] = {}
    for i, row in enumerate(rows):
        line = classify(row.label)
        if row.section and line.kind == LineKind.TOTAL:
            last_total[row.section] = i
        elif row.section in last_total and line.total:
            last_total[row.section] = len(rows)
    return [
        replace(row, section="", measure="")
        if i > last_total.get(row.section, len(rows)) and not row.block
        else row
        for i, row in enumerate(rows)
    ]


def to_table(
    index,
    title,
    rows: list[Row],
    columns,
    values,
    period,
    first_line,
    last_line,
    measure: str = "",
    declared: tuple[str, ...] = (),
    single_segment: bool = False,
) -> Table:
    """The table of facts: each placed cell with its period, line item, segment and role.
    ``measure``: what a header cell over every period says the figures are; ``declared``:
    the segments the note's prose names; ``single_segment``: it says the entity is its one
    segment, so no row is a segment of its own."""
    name = naming.table_name(title, rows, columns)
    cells: dict[tuple[int, int], Fact] = {}
    rows = _outside_closed_headings(rows)
    measure = replace(naming.rows_measure(title, rows, measure), declared=declared, single=single_segment)
    rows = [
        naming.row_semantics(row, columns, name, _closes_table(rows, r), title, measure)
        for r, row in enumerate(rows)
    ]
    rows = periodrows.parts_of_year(rows, columns, measure.measure)
    nil_decimals = nil_precision(values)
    for r, row in enumerate(rows):
        for c, col in enumerate(columns):
            v = values[r][c]
            if v is None:
                continue
            cell, line = v
            fact_period = (
                row.period or (col.period if col.role == Role.PERIOD else "") or col.period or period
            )
            if col.role == Role.CONVENIENCE and row.period:
                fact_period = row.period
            line_item, segment, role = _meaning(row, col)
            cells[(r, c)] = Fact(
                table=name,
                period=fact_period,
                line_item=line_item,
                segment=segment,
                currency=col.currency,
                value=cell.value,
                decimals=nil_decimals.get((r, c), cell.decimals),
                source=Source(line=line),
                label=row.label,
                at=FactId(index, r, c),
                role=role,
            )
    return Table(index, name, title, tuple(rows), tuple(columns), cells, first_line, last_line)


def _repeats_section(row: Row) -> bool:
    return bool(row.section) and labels.norm_key(row.label) == labels.norm_key(row.section)


def _group_heading(section: str) -> bool:
    """A heading of a group of rows: no line item, no lead-in sentence, and no total of the
    entity ("Total", "Consolidated net sales"), whose rows' totals are the entity's."""
    if not section or is_lead_in(section) or len(section) > SETTINGS.heading_chars:
        return False
    line = classify(section)
    return not line.financial and not line.closes


def _meaning(row: Row, col: Column) -> tuple[str, str, Role]:
    """(line item, segment, role) of the figure at a row and column."""
    if col.measure:
        # Measures side by side: the column says what the figure is, the row whose it is.
        # The row's own label names the segment; a heading above groups rows, and a row that
        # repeats its heading is that group's subtotal.
        as_column = segment_column(row.label, col.period, col.currency)
        if col.role == Role.CONVENIENCE:
            return col.measure, as_column.segment, Role.CONVENIENCE  # that figure, translated
        role = as_column.role
        if (role == Role.TOTAL and as_column.segment != "Total") or _repeats_section(row):
            role = Role.SUBTOTAL
        if (as_column.segment == "Total" or naming.is_unlabelled_subtotal(row.label)) and _group_heading(
            row.section
        ):
            # "Worldwide" under a product's heading, or the unlabelled row that closes the
            # group's rows, is that group's figure.
            return col.measure, row.section, Role.SUBTOTAL
        return col.measure, as_column.segment, role
    if col.role == Role.PERIOD or (col.role == Role.CONVENIENCE and not col.segment):
        # Period columns without a segment block: the entity as a whole, which is the
        # "Total" only where the row says so. A translation of a period column means
        # what its source column means.
        segment = row.segment or ("Total" if classify(row.label).closes else "")
        owner = naming.owner_of(row.label) if segment == "Total" else None
        segment = owner or segment  # "All other Adjusted EBITDA": All other's
        if segment == "Total" and naming.names_segments_total(row.label):
            # the segments' total, which the reconciling rows below take to the entity's
            segment = labels.segments_total(row.label)
        if labels.segments_total(segment) and col.role != Role.CONVENIENCE:
            return row.line_item, segment, Role.SUBTOTAL
        if col.role == Role.CONVENIENCE:
            return row.line_item, segment, Role.CONVENIENCE
        return row.line_item, segment, Role.TOTAL if segment == "Total" else Role.SEGMENT
    if col.basis:
        return f"{row.line_item} ({col.basis})", row.segment or col.segment, col.role
    return row.line_item, row.segment or col.segment, col.role


def translation_block_at(rows: list[tuple[str, bool]], note_currency: str) -> tuple[int, str] | None:
    """Where a lone currency cell in another currency than the note's ("US$") heads a
    block that states the lines above it again, translated: (its row, that currency).
    ``rows`` are (label, has figures) in order; at least half the block's lines must
    repeat a line above, so a "US$" heading over other figures is no such block."""
    for i, (label, has_values) in enumerate(rows):
        if has_values or not label:
            continue
        mark = currency.mark(label)
        if mark is None or not mark.bare or mark.currency in (None, note_currency):
            continue
        local_labels = {labels.norm_key(lab) for lab, has in rows[:i] if has}
        below = [labels.norm_key(lab) for lab, has in rows[i + 1 :] if has]
        repeated = [lab for lab in below if lab in local_labels]
        if local_labels and len(repeated) * 2 >= len(below):
            return i, mark.currency
    return None


def is_ratio_row(label: str) -> bool:
    """A row its label calls a ratio ("EBITDA margin (%)", "Margen EBITDA (%)", "% of
    revenue"): its figures are percentages even where no cell carries a "%" sign, so they
    are no amounts and add up to nothing."""
    return classify(label).kind == LineKind.PERCENT


def translated_by_unit_line(periods: list[str], banded: bool, ctx: NoteContext) -> bool:
    """The last period repeats an earlier one, no currency band heads the columns, and the
    unit line names a convenience currency ("In ₹ crore, except US$ million"): the last
    column is that currency's translation, as under a second currency line."""
    return (
        bool(ctx.convenience)
        and not banded
        and len(periods) >= 2
        and all(periods)
        and periods[-1] in periods[:-1]
        and len(set(periods[:-1])) == len(periods) - 1  # a year grid repeats more than one
    )


def under_period(c: Column, period: str) -> Column:
    """A column of the part before under this part's period ("2023" over the next block):
    a period column keeps its own; a measure's or a segment's takes this part's year."""
    if not period or (c.role == Role.PERIOD and not c.measure):
        return c
    if c.measure:
        return measure_column(c.measure, period, c.currency)
    return replace(c, period=period)
