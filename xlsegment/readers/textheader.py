"""The header of a table in filing text, read as bands, and the grids they tile.

Text one cell per line keeps the header cells in order but not their columns. This module
reads the header's bands cell by cell (``read_header``): names, years and dated headings,
durations ("Three Months Ended" over the years), currency and unit marks, change and
percentage headers, headings over rows and the lead-in sentence, with the period and
duration the introducing sentence states where the header states none. It also holds
the tilings of names and years nested (segment x year, measure x year, year x segment,
with translated columns after the grid). Which reading of the bands a table takes is the
header rules' choice (``headerrules.py``).

A column is a convenience translation only where a header names a currency other than
the note's, never because the figures happen to fit a rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from xlsegment import durations, labels
from xlsegment.model import Column, Role
from xlsegment.readers.columnkinds import (
    convenience_column,
    mark_subtotals,
    measures_per_column,
    segment_column,
)
from xlsegment.readers.layout import (
    NoteContext,
    introduces_table,
    is_continued_title,
    is_reconciliation_title,
    latest_period,
    lead_in_duration,
    lead_in_period,
    period_labels,
    with_duration,
)
from xlsegment.readers.lines import RawRow
from xlsegment.readers.yeartodate import year_to_date
from xlsegment.settings import SETTINGS
from xlsegment.vocabulary import LineKind, classify

# "% Change", "% of total", "'24 vs. '23", "2024 vs. 2023", "Change", "Increase (decrease)",
# and a change in the other languages read ("Variation", "Variación", "Variação", "Veränderung")
_CHANGE = re.compile(
    r"%|\bper ?cent|\bvs\.?(?=\s|$)|\bversus\b|^(?:\$\s*)?change\b|\bincrease\b|\bdecrease\b|\bbps\b"
    r"|^(?:variation|variación|variação|variazione|veränderung)\b",
    re.IGNORECASE,
)


UNNAMED = re.compile(r"^Column \d+$")  # the name this module gives a column no header names


def is_change_header(text: str) -> bool:
    """A column header of changes or percentages: figures that are no amounts of a period."""
    return bool(_CHANGE.search(text))


@dataclass
class Header:
    lead_in: list[str] = field(default_factory=list)
    period: str | None = None
    period_cols: list[str] = field(default_factory=list)
    currencies: list[tuple[str, int]] = field(default_factory=list)
    names: list[RawRow] = field(default_factory=list)
    changes: list[RawRow] = field(default_factory=list)  # change and percentage headers
    percent_marks: list[int] = field(default_factory=list)  # lines of bare "%" cells
    sections: list[RawRow] = field(default_factory=list)
    note_ref: bool = False
    note_column: bool = False  # a "Notes" cell: a column of the notes each row refers to
    first: str = ""  # which came first in the header: "names" or "years"
    names_before_years: int | None = None  # how many names came before the first years
    unnamed: bool = False  # no header told what the columns are
    interleaved: bool = False  # the names were pieces of headings interleaved, and dropped
    durations: list[str] = field(default_factory=list)  # "3M", "6M": a band over the years
    period_headings: list[str] = field(default_factory=list)  # "Years ended December 31,"
    year_cells: list[tuple[str, int]] = field(default_factory=list)  # every year cell, its line


def read_header(run: list[RawRow], above: str = "") -> Header:
    """The header's bands, cell by cell in the order the text gives them. ``above``: the
    lines a blank line above the table, which may state its period."""
    h = Header()
    dates: list[str] = []
    first_years = None  # the row whose years came first
    # "November 1," over "2025", once per column: dates split over two lines (two or
    # more of them; one such caption over the years is the caption of them all)
    split_dates = sum(1 for r in run if len(r.years) == 1 and _MONTH_DAY_ONLY.match(r.label.strip())) >= 2
    named = sum(1 for r in run if durations.NAMED_PERIOD_RE.match(r.label.strip())) >= 2
    for r in run:
        text = r.label.strip()
        if split_dates and len(r.years) == 1 and _MONTH_DAY_ONLY.match(text):
            # "November 1," over "2025": a date split over two lines, one column's date
            dates.append(f"{text} {r.years[0][0]}")
            h.first = h.first or "years"
            continue
        if named and durations.NAMED_PERIOD_RE.match(text):
            # "H1 2025 | H2 2025 | FY 2025": a column each; a year read with the cell
            # ("FY 2025" after "H2 2025") is the next column's, the whole year
            dates.extend([text, *(str(y) for y, _ in r.years)])
            h.first = h.first or "years"
            continue
        if r.years:
            first_years = _read_years(h, r, first_years)
        if text and not _read_mark(h, r, text):
            _read_words(h, r, text, dates, first_years)
    if len(dates) >= 2:
        h.period_cols = period_labels(dates)
    elif dates:
        h.period = period_labels(dates)[0]
    _names_below_the_currency_row(h)
    _period_from_lead_in(h, above)
    _durations_over_years(h, above)
    return h


_MONTH_DAY_ONLY = re.compile(r"^(?:" + labels.MONTHS + r")\.?\s+\d{1,2},?$", re.IGNORECASE)


def _read_years(h: Header, r: RawRow, first_years: RawRow | None) -> RawRow | None:
    """Year cells: one year for the whole table, or one per column."""
    ys = [str(y) for y, _ in r.years]
    h.year_cells.extend((str(y), line) for y, line in r.years)
    if len(ys) == 1:
        h.period = ys[0]
    else:
        h.period_cols = ys
    h.first = h.first or "years"
    if h.names_before_years is None:
        h.names_before_years = len(h.names)
        return r
    return first_years


def _read_mark(h: Header, r: RawRow, text: str) -> bool:
    """A cell that is a mark, not a name: "%", page noise, a note reference, a currency or
    a unit. True where the cell was one."""
    if text == "%":
        h.percent_marks.append(r.line)  # noise, unless a layer of the header
        return True
    if labels.NOISE_RE.match(labels.strip_footnotes(text)):  # "Restated (3)" too
        return True
    if labels.BASIS_RE.match(labels.strip_footnotes(text)):
        return True  # "Successor" over its periods: whose books, no name
    if labels.NOTE_REF_RE.match(text):
        h.note_ref = True
        return True
    if labels.NOTES_COLUMN_RE.match(text):
        h.note_column = True
        return True
    main, exception = labels.split_exception(text)
    # not a sentence: "All amounts are in millions of US dollars unless otherwise noted."
    unit_line = len(main) <= SETTINGS.unit_line_chars and not text.rstrip().endswith(".")
    if exception and unit_line and (labels.unit_of(main) or labels.unit_line_currency(main)):
        return True  # "(In ₹ crore, except US$ million)": a unit line over every column
    cur = labels.currency_of(text)
    if cur and text != "$":
        h.currencies.append((cur, r.line))
        return True
    return bool(labels.unit_of(text) and len(text) < SETTINGS.heading_chars)


def _read_words(h: Header, r: RawRow, text: str, dates: list[str], first_years: RawRow | None) -> None:
    """A cell of words: a lead-in sentence, a change header, a duration, a period heading,
    a heading over rows, or a name over columns."""
    if introduces_table(text) or (is_reconciliation_title(text) and not h.names):
        # Whatever came before the lead-in sentence was a title, not column names.
        h.lead_in.append(text)
        h.names.clear()
        h.changes.clear()
        h.first = ""
    elif is_continued_title(text):
        h.lead_in.append(text)  # the title a page break repeats: it names no column
    elif is_change_header(text):
        h.changes.append(r)
    elif (
        (duration := durations.duration_of(text))
        and not labels.years_in(text)
        and (len(text) < SETTINGS.duration_heading_chars)
    ):
        h.durations.append(duration)  # "Three Months Ended June 30," over its years
        h.period_headings.append(text)  # its words, with the day the period ends
    elif labels.is_period_heading(text) or (labels.years_in(text) and len(text) < SETTINGS.heading_chars):
        _read_period_heading(h, r, text, dates)
    elif not any(ch.isalpha() for ch in text):
        return
    elif text.endswith(":"):
        h.sections.append(r)
    else:
        h.names.append(r)
        h.first = h.first or "names"
        if r is first_years:
            h.names_before_years += 1  # a name stands before the years on its own row


def _read_period_heading(h: Header, r: RawRow, text: str, dates: list[str]) -> None:
    h.period_headings.append(text)
    ys = labels.years_in(text)
    if ys and not r.years:
        dates.append(text)
        h.first = h.first or "years"
        if h.names_before_years is None:
            h.names_before_years = len(h.names)
    elif not ys and not r.years:
        h.sections.append(r)  # "Years ended December 31," with years on the next row


def _period_from_lead_in(h: Header, above: str) -> None:
    """A table whose header states no period takes the one the sentence leading into it
    states (``layout.lead_in_period``), or the lines right above it."""
    if not h.period and not h.period_cols:
        h.period = lead_in_period(" ".join(h.lead_in) or above) or None


def _durations_over_years(h: Header, above: str = "") -> None:
    """Interim durations as a band over the years ("Three Months Ended" | "Six Months
    Ended" over 2025 2024 2025 2024): each duration stands over an equal run of years. A
    duration stated only in the lead-in ("for the six months ended June 30, 2025") holds
    for every period of the table."""
    h.durations = year_to_date(h.durations, " ".join(h.lead_in))
    if not h.durations:
        found = lead_in_duration(" ".join(h.lead_in) or above)
        if found:
            h.durations = [found]
    if not h.durations:
        return
    if h.period_cols and len(h.period_cols) % len(h.durations) == 0:
        block = len(h.period_cols) // len(h.durations)
        h.period_cols = [with_duration(p, h.durations[i // block]) for i, p in enumerate(h.period_cols)]
    elif h.period and len(h.durations) == 1:
        h.period = with_duration(h.period, h.durations[0])


def _names_below_the_currency_row(h: Header) -> None:
    """Column names stand above their currency row ("Mining Other Total" over "RMB RMB
    RMB US$"); a name below that row ("Revenues") heads the first rows, as a section."""
    if len(h.currencies) < 2:
        return
    first, last = h.currencies[0][1], h.currencies[-1][1]
    if not any(r.line < first for r in h.names):
        return
    below = [r for r in h.names if r.line > last]
    if below:
        h.names = [r for r in h.names if r.line <= last]
        h.sections = sorted(h.sections + below, key=lambda r: r.line)


def nested(h: Header, n: int, ctx: NoteContext) -> list[Column] | None:
    """Names and periods nested: each name over the same run of years (the names just
    before the years), or each year over the same run of names (the names just after)."""
    years = h.period_cols
    if len(h.names) < 2 or len(years) < 2 or h.changes:
        return None
    split = len(h.names) if h.names_before_years is None else h.names_before_years
    before, after = h.names[:split], h.names[split:]
    found = _years_over_names(years, after, n, ctx)
    if found is None and len(after) <= 1:  # names after the years head the columns, if any
        found = _names_over_years(years, before, n, h, ctx)
    if found is None:
        return None
    cols, used = found
    h.sections = [r for r in h.names if r not in used] + h.sections
    return _subtotals_by_period(cols)


def _subtotals_by_period(cols: list[Column]) -> list[Column]:
    """Subtotals are marked within each period: every year has its own Total."""
    by_period: dict[str, list[int]] = {}
    for i, c in enumerate(cols):
        by_period.setdefault(c.period, []).append(i)
    for idx in by_period.values():
        for i, c in zip(idx, mark_subtotals([cols[i] for i in idx]), strict=True):
            cols[i] = c
    return cols


def nested_with_changes(h: Header, n: int, ctx: NoteContext) -> tuple[list[Column], set[int]] | None:
    """Names each over a run of years that may end in change columns: "Revenue" over 2024,
    2023 and "Variation", "Operating income" over 2024 and 2023. The years and the change
    headings, in the order the header gives them, are the columns; a run ends after its
    changes or where a year comes again. Read only where the runs are as many as the names
    right before the years and the columns tile the rows: with the change columns where the
    rows carry them (a money change; their positions are returned, no amounts), or without
    them and without a ratio measure's run where the rows leave percentages out."""
    if not h.changes or len(h.names) < 2 or not h.year_cells or h.names_before_years is None:
        return None
    first = h.year_cells[0][1]
    band = sorted(
        [(line, p) for p, line in h.year_cells] + [(r.line, None) for r in h.changes if r.line > first]
    )
    runs: list[list[str | None]] = [[]]
    for _, period in band:
        if period is not None and (period in runs[-1] or None in runs[-1]):
            runs.append([])
        runs[-1].append(period)
    heads = h.names[: h.names_before_years][-len(runs) :]
    names = [labels.strip_footnotes(r.label) for r in heads]
    if len(runs) < 2 or len(names) != len(runs) or any(run[0] is None for run in runs):
        return None
    grid = [(name, p) for name, run in zip(names, runs, strict=True) for p in run]
    # The rows carry a change column or not (a money change, or a percentage printed
    # without "%"), and a ratio measure's run or not; where two of these tile the rows
    # differently, the header is not read.
    tilings = {
        tuple(
            (name, p) for name, p in grid if (changes or p) and (ratios or not _PERCENT_MEASURE.search(name))
        )
        for changes in (True, False)
        for ratios in (True, False)
    }
    kept = [t for t in tilings if len(t) == n]
    if len(kept) != 1:
        return None
    measures = list(dict.fromkeys(name for name, p in kept[0] if p))
    cols = [_named(name, p, ctx, measures) for name, p in kept[0] if p]
    h.sections = [r for r in h.names if r not in heads] + h.sections
    return _subtotals_by_period(cols), {i for i, (_, p) in enumerate(kept[0]) if p is None}


# Line items that head the rows below them ("Net revenue" over its groups).
_HEADING_KINDS = frozenset(
    {LineKind.REVENUE, LineKind.SEGMENT_PROFIT, LineKind.GROSS_PROFIT, LineKind.PRETAX_INCOME,
     LineKind.NET_INCOME, LineKind.ASSETS}
)  # fmt: skip


def _years_over_names(years, after: list[RawRow], n: int, ctx):
    """Each year over the same run of names: "2023 | 2022" over "Revenue, Adjusted EBITDA"."""
    if len(years) != len(set(years)) or n % len(years):
        return None
    block = n // len(years)
    if block < 2 or len(after) < block:
        return None
    names = [labels.strip_footnotes(r.label) for r in after]
    kinds = [classify(name).kind for name in names[:block]]
    if kinds[0] in _HEADING_KINDS and LineKind.UNKNOWN in kinds[1:]:
        # A line item, then a group ("Net revenue", then "Devices") head rows, not columns;
        # segments beside reconciling items ("Devices", "Adjustments") are columns.
        return None
    if len(names) >= n:
        # The names repeated over every year; anything else is no header of these columns.
        runs = [[x.lower() for x in names[k * block : (k + 1) * block]] for k in range(len(years))]
        if not all(run == runs[0] for run in runs):
            return None
        return [_named(names[j], p, ctx, names[:block]) for p in years for j in range(block)], after[:n]
    return [_named(names[j], p, ctx, names[:block]) for p in years for j in range(block)], after[:block]


# A measure given as a ratio of another ("Operating Profit Margins", "% of sales"): its
# columns hold percentages, which the rows' amounts leave out.
# "Marge", "Margen", "Margem": a margin in French, German, Spanish and Portuguese.
_PERCENT_MEASURE = re.compile(
    r"\bmargins?\b|\bmarges?\b|\bmarge[nm]\b|%|\bper ?cent|\bratios?\b", re.IGNORECASE
)


def _names_over_years(years, before: list[RawRow], n: int, h: Header, ctx):
    """Each name over the same run of years: "Identifiable assets | Capital expenditures"
    each over 2023, 2022, 2021 (the years repeated), or over the years given once; where a
    header names another currency, translated columns may follow."""
    distinct = list(dict.fromkeys(years))
    foreign = [c for c, _ in h.currencies if c != ctx.currency]
    trail = _trailing_translations(h, n, ctx)
    for m in range(min(len(before), max(n, len(years))), 1, -1):  # the names right before the years
        heads = before[-m:]
        names = [labels.strip_footnotes(r.label) for r in heads]
        grid = _repeated_years(years, names, n, trail, ctx)
        if grid is not None:
            return grid + [
                convenience_column(foreign[-1], p) for p in _translated_periods(years, n, trail)
            ], heads
        if len(years) == len(distinct) and m <= n:
            grid = m * len(years)
            if grid == n or (foreign and grid < n <= grid + m):
                cols = [_named(name, p, ctx, names) for name in names for p in years]
                cols += [convenience_column(foreign[-1], years[0]) for _ in range(n - grid)]
                return cols, heads
    return None if foreign else _uneven_grid(years, before, n, ctx)


def _uneven_grid(years, before: list[RawRow], n: int, ctx):
    """Names right before the years, each over a run of its own length (`_uneven_runs`)."""
    runs = monotone_runs(years)
    if runs is None or len(runs) < 2 or len(runs) > len(before):
        return None
    heads = before[-len(runs) :]
    cols = _uneven_runs(years, [labels.strip_footnotes(r.label) for r in heads], n, ctx)
    return None if cols is None else (cols, heads)


def _trailing_translations(h: Header, n: int, ctx: NoteContext) -> int:
    """How many of the last columns a currency row as wide as the rows marks with another
    currency than the note's ("RMB’000" x 6, then "US$’000"): translated columns."""
    curs = [c for c, _ in h.currencies]
    if len(curs) != n:
        return 0
    local = len(curs) - next((k for k, c in enumerate(reversed(curs)) if c == ctx.currency), len(curs))
    return n - local if 0 < local < n and all(c == ctx.currency for c in curs[:local]) else 0


def _translated_periods(years: list[str], n: int, trail: int) -> list[str]:
    """The period each trailing translated column translates: the year over it, where the
    year band covers it too, else the latest year of the grid."""
    if not trail:
        return []
    if len(years) == n:
        return years[n - trail :]
    return [latest_period(years)] * trail


def _repeated_years(years: list[str], names: list[str], n: int, trail: int, ctx) -> list[Column] | None:
    """Names each over the same run of years, the run repeated under every name (segment x
    year or measure x year, group-major), with ``trail`` translated columns after the grid.
    A name that is a ratio ("Margins") heads percentages the rows do not carry as amounts:
    where the amounts tile only without its run, its columns are left out."""
    width = len(years) - trail if len(years) == n else len(years)
    m = len(names)
    if width <= 0 or width % m:
        return None
    block = width // m
    runs = [years[k * block : (k + 1) * block] for k in range(m)]
    # One year under each name is a grid too ("Mining | Games | Total" each over "2025"),
    # where every name states the same year.
    if any(run != runs[0] for run in runs) or len(set(runs[0])) != block:
        return None
    kept = names
    if m * block + trail != n:
        kept = [name for name in names if not _PERCENT_MEASURE.search(name)]
        if len(kept) == m or len(kept) * block + trail != n:
            return None
    return [_named(name, p, ctx, kept) for name in kept for p in runs[0]]


def _uneven_runs(years: list[str], names: list[str], n: int, ctx) -> list[Column] | None:
    """Names each over a run of years of its own length ("Sales to Customers" over 2024,
    2023, 2022, "Long-Lived Assets" over 2024, 2023): a year over every column, the years
    running the same way within each run and starting again at each name. Where the runs
    cannot be told apart this way, or their number is not the names', it is no reading."""
    runs = monotone_runs(years)
    if len(years) != n or runs is None or len(runs) != len(names) or len(runs) < 2:
        return None
    return [_named(name, p, ctx, names) for name, run in zip(names, runs, strict=True) for p in run]


def monotone_runs(periods: list[str]) -> list[list[str]] | None:
    """The periods cut where their order starts again (2024 2023 2022 | 2024 2023), or
    None where a period has no year or the order runs no one way."""
    keys = [labels.years_in(p)[-1] if labels.years_in(p) else None for p in periods]
    if len(periods) < 2 or None in keys:
        return None
    steps = [(b > a) - (b < a) for a, b in zip(keys, keys[1:], strict=False)]
    way = -1 if steps.count(-1) >= steps.count(1) else 1
    runs = [[periods[0]]]
    for period, step in zip(periods[1:], steps, strict=True):
        if step == way:
            runs[-1].append(period)
        else:
            runs.append([period])
    return runs if all(len(set(run)) == len(run) for run in runs) else None


def _named(name: str, period: str, ctx: NoteContext, group: list[str]) -> Column:
    """A column of a nested header: a measure (rows are then segments), or a segment. The
    names of one header are all measures or all segments: a measure x year header names
    no "Total" or "Hotel operations", so where one of them is no financial measure,
    "Property development" beside it is a segment too."""
    if measures_per_column(list(dict.fromkeys(group))):
        return Column(name, "", period, ctx.currency, Role.PERIOD, measure=name)
    return segment_column(name, period, ctx.currency)


_CONTINUES = re.compile(r"^(?:[a-z]|[&/+(-]|and\s|of\s)")
_OPEN_END = re.compile(r"(?:[,&/-]|\band|\bof|\bthe)\s*$", re.IGNORECASE)


def unwrapped(names: list[RawRow], n: int) -> list[RawRow]:
    """Column names wrapped over two lines ("All" / "other", "Fabric" / "& home care"):
    where the header names more columns than the rows fill, a name that starts in lower
    case or with a joining word or sign continues the one before it, and so does a line
    after one that ends on a joining word or a comma ("Baby," / "feminine & family care").
    Names start in capitals; such a line is the rest of a name."""
    out: list[RawRow] = []
    extra = len(names) - n
    for r in names:
        if extra > 0 and out and (_CONTINUES.match(r.label) or _OPEN_END.search(out[-1].label)):
            out[-1] = replace(out[-1], label=f"{out[-1].label} {r.label}")
            extra -= 1
            continue
        out.append(r)
    return out


def dedupe_names(names: list[RawRow]) -> list[RawRow]:
    """A group header over some columns repeats a later column's name ('Services' over
    'Services A', 'Services B' and 'Services'): drop it."""
    out: list[RawRow] = []
    for i, r in enumerate(names):
        later = [x.label.strip().lower() for x in names[i + 1 :]]
        if r.label.strip().lower() in later:
            continue
        out.append(r)
    return out
