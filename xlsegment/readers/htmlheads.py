"""What the header cells of an HTML table say about each column: its period (with the
duration a heading over the years states), currency, names and whether it holds
percentages. The spans come from the grid, so no tiling is guessed here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlsegment import durations, labels
from xlsegment.readers.htmlgrid import LogicalRow
from xlsegment.readers.layout import lead_in_duration, period_labels, with_duration
from xlsegment.readers.yeartodate import year_to_date
from xlsegment.settings import SETTINGS
from xlsegment.vocabulary import is_recast_basis


@dataclass
class Head:
    """What the header cells above one column say."""

    period: str = ""
    currency: str = ""
    names: list[str] = field(default_factory=list)
    percent: bool = False
    alone: bool = False  # the last name came from a cell over this column alone
    duration: str = ""  # "3M", "6M": a heading over the years ("Three Months Ended June 30,")
    # "Adjusted" alone over "EBITDA": the first line of a wrapped name, where a name follows
    # in the cell below; alone it qualifies a period ("2023 As adjusted") and is no name.
    pending: str = ""
    span: tuple[int, int] | None = None  # the grid columns of the cell the last name came from
    period_text: str = ""  # the heading its period came from ("31 Dec 2024")
    date_words: str = ""  # "June 30," over the year: the day its instant or period ends
    notes: bool = False  # "Note" over the column: the notes its rows refer to, no amounts
    quarter: str = ""  # "Q2", "Second Quarter" under or over the year: a quarter of it
    # "As Recast" alone over a column: a qualifier of its period, unless the columns beside
    # it are "As Previously Reported | Realignment" (columnkinds.reconciled_bases)
    qualifier: str = ""


def heads_of(header: list[LogicalRow], spans, lead_in: str = "") -> tuple[list[Head], str]:
    """Per column, what its header cells say; and a period the header gives all columns.
    Where no header cell states a duration, the one ``lead_in``'s introducing sentence
    states holds over every year ("for the three months ended June 30, 2025 and 2024")."""
    heads = [Head() for _ in spans]
    table_period = ""
    unit_currency = ""
    for row in header:
        for gc in sorted(row.cells + row.years, key=lambda c: c.col):
            covered = [i for i, (lo, hi) in enumerate(spans) if gc.col <= hi and lo <= gc.end - 1]
            if not covered and gc.col > 0:
                covered = _just_left_of(gc, spans, row)
            if not covered and _ALL_PERCENT.match(gc.text.strip()):
                # "%" over the labels, as a unit line over the table: every figure is a ratio
                for head in heads:
                    head.percent = True
                continue
            if not covered and labels.unit_of(gc.text) and labels.currency_of(gc.text):
                # "(In thousands of U.S. dollars)" over the labels: the currency of every column
                unit_currency = labels.currency_of(gc.text)
                continue
            if not covered:
                if labels.years_in(gc.text) and (
                    labels.is_period_heading(gc.text) or len(gc.text) < SETTINGS.heading_chars
                ):
                    table_period = period_labels([gc.text])[0]
                continue
            for i in covered:
                read_head(heads[i], gc.text, alone=len(covered) == 1, span=(gc.col, gc.end))
    if unit_currency and not any(h.currency for h in heads):
        for head in heads:
            head.currency = unit_currency
    _quarters_of_the_year(heads)
    stated = lead_in_duration(lead_in) if not any(h.duration for h in heads) else None
    for head, duration in zip(heads, year_to_date([h.duration for h in heads], lead_in), strict=True):
        head.duration = duration
    for head in heads:
        # The duration a heading states over the years names every period below it.
        duration = head.duration or stated
        head.period = with_duration(head.period, duration) if head.period else head.period
    return heads, table_period


def _just_left_of(gc, spans, row: LogicalRow) -> list[int]:
    """A header cell that ends right where a column's figures begin, over no column of its
    own, heads that column where no other cell of its row does ("Rp | US$" one grid column
    left of their figures, as a spacer cell between them shifts them)."""
    cells = row.cells + row.years
    return [
        i
        for i, (lo, hi) in enumerate(spans)
        if lo == gc.end and not any(o is not gc and o.col <= hi and lo <= o.end - 1 for o in cells)
    ]


def _quarters_of_the_year(heads: list[Head]) -> None:
    """ "Q1 | Q2 | Q3 | Q4 | Full Year" under "2025": each quarter a period of three months
    of that year ("3M 2025-Q1" where the header names several, ``layout.period_labels``)."""
    quartered = [h for h in heads if h.quarter and h.period]
    texts = [f"{h.quarter} {h.period}" for h in quartered]
    for head, text, label in zip(quartered, texts, period_labels(texts), strict=True):
        head.period, head.period_text = label, text


# a bare day of the year over its years ("June 30,", "31 December"): an instant's day
_MONTH_DAY = re.compile(r"^" + labels.DAY_MONTH + r"\.?,?$", re.IGNORECASE)
_ALL_PERCENT = re.compile(r"^\(?\s*(?:in\s+)?%\s*\)?$", re.IGNORECASE)
# "$ Change", "Change", "Variance", "Increase (decrease)": the change between two periods.
_CHANGE = re.compile(
    r"^(?:[$€£¥]|us\$|ps\.)?\s*(?:change|variance|var\.?|increase\s*\(decrease\)|inc\.?\s*\(dec\.?\))(?:\s*\(\w{1,2}\))?$"
)


def _no_amounts(head: Head, text: str, low: str) -> bool:
    """A heading over figures that are no amounts: note numbers, a change or a ratio."""
    if labels.NOTES_COLUMN_RE.match(text):
        head.notes = True
        return True
    if "%" in text or low in ("change", "percent", "percentage") or "percent" in low or _CHANGE.match(low):
        head.percent = True  # a change column: a difference of two periods, no amount of one
        return True
    return False


def _read_period(head: Head, text: str) -> bool:
    """A heading that gives the column its period; whether ``text`` was one."""
    if labels.years_in(text) and (
        labels.YEAR_RE.match(text) or labels.is_period_heading(text) or len(text) < SETTINGS.heading_chars
    ):
        # "June 30," over "2024": the year's text says which day ("June 30, 2024"), so two
        # instants of one year stay two periods (layout.period_labels)
        day = head.date_words.rstrip(", ") if head.date_words and labels.YEAR_RE.match(text) else ""
        day = f"{day}{',' if day[-1:].isdigit() else ''} " if day else ""  # "June 30, ", "30 June "
        head.period, head.period_text = period_labels([text])[0], day + text
        return True
    short = labels.year_cell(text)
    if short is not None:
        head.period, head.period_text = str(short), text  # "FY25": the fiscal year 2025
        return True
    return False


def read_head(head: Head, text: str, alone: bool = False, span: tuple[int, int] | None = None) -> None:
    text = text.strip()
    low = text.lower()
    plain = labels.strip_footnotes(text)  # "US$ (3)", "As adjusted (1)"
    if _no_amounts(head, text, low):
        return
    if _read_period(head, text):
        return
    cur = labels.currency_of(text) or labels.currency_of(plain)
    if cur and text != "$":
        head.currency = cur
        return
    duration = durations.duration_of(text)
    if duration and len(text) < SETTINGS.duration_heading_chars:
        head.duration = duration
        return
    if low == "adjusted" and alone:
        head.pending = text
        return
    if labels.QUARTER_ALONE.match(text):
        head.quarter = text
        return
    if labels.FULL_YEAR.match(text):
        return  # "Full Year" beside the quarters under a year: that year, no name
    if labels.BASIS_RE.match(plain):
        return  # "Successor" over its periods: whose books, no name
    if labels.NOISE_RE.match(plain) and alone and is_recast_basis(plain):
        head.qualifier = plain
        return
    if (
        (labels.unit_of(text) and len(text) < SETTINGS.heading_chars)
        or labels.NOISE_RE.match(plain)
        or labels.NOTE_REF_RE.match(text)
    ):
        return
    if labels.is_period_heading(text) or not any(ch.isalpha() for ch in text):
        if _MONTH_DAY.match(text):
            head.date_words = text
        return
    name = plain
    if head.pending and alone:
        name, head.pending = f"{head.pending} {name}", ""
    if head.names and ((alone and head.alone) or (span is not None and span == head.span)):
        # "The" over "Netherlands", "Display" over "Modules" over the same columns: one name
        # wrapped over two lines. A cell over more columns is a group's name instead.
        head.names[-1] = f"{head.names[-1]}{_joiner(head.names[-1], name)}{name}"
    else:
        head.names.append(name)
    head.alone, head.span = alone, span


def _joiner(before: str, after: str) -> str:
    """Wrapped Chinese or Japanese words join without a space ("精密" over "零部件")."""
    return "" if before and after and _cjk(before[-1]) and _cjk(after[0]) else " "


def _cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def period_headings(header: list[LogicalRow]) -> list[str]:
    """The header's period headings ("Year Ended December 31,", "December 31, 2024"), for
    the words a caption takes (``layout.period_words``)."""
    return [gc.text for row in header for gc in row.cells + row.years if labels.is_period_heading(gc.text)]
