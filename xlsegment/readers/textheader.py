"""The header of a table in filing text: which column is which.

Text one cell per line keeps the header cells in order but not their columns, so the
columns are worked out from the header's layers (a run of names, a run of years, a run of
currencies) and the number of figures in the body's rows:

- one name per column: segments and Total ("Mining, Corporate, Total"), with a translated
  column where a currency header names another currency ("RMB RMB RMB USD") or a note
  reference stands beside it ("(Note 3)");
- one period per column ("2024 2023 2022");
- names and periods nested: measures or segments each over the same run of years
  ("Identifiable assets | Capital expenditures" over 2023 2022 2021 each), or years each
  over the same run of measures ("2023: Revenue | Adjusted EBITDA");
- after the amount columns, change and percentage columns ("% Change", "'24 vs. '23"),
  which are not amounts and are not read.

A column is a convenience translation only where a header names a currency other than
the note's, never because the figures happen to fit a rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from xlsegment import labels
from xlsegment.model import Column, Finding, Role, Severity
from xlsegment.readers.layout import (
    NoteContext,
    convenience_column,
    is_lead_in,
    latest_period,
    mark_subtotals,
    period_labels,
    segment_column,
    with_duration,
)
from xlsegment.readers.lines import RawRow
from xlsegment.vocabulary import LineKind, classify

# "% Change", "% of total", "'24 vs. '23", "2024 vs. 2023", "Change", "Increase (decrease)"
_CHANGE = re.compile(
    r"%|\bper ?cent|\bvs\.?(?=\s|$)|\bversus\b|^(?:\$\s*)?change\b|\bincrease\b|\bdecrease\b|\bbps\b",
    re.IGNORECASE,
)


_UNNAMED = re.compile(r"^Column \d+$")  # the name this module gives a column no header names


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
    first: str = ""  # which came first in the header: "names" or "years"
    names_before_years: int | None = None  # how many names came before the first years
    unnamed: bool = False  # no header told what the columns are
    durations: list[str] = field(default_factory=list)  # "3M", "6M": a band over the years


def read_header(run: list[RawRow]) -> Header:
    h = Header()
    dates: list[str] = []
    first_years = None  # the row whose years came first
    for r in run:
        text = r.label.strip()
        if r.years:
            ys = [str(y) for y, _ in r.years]
            if len(ys) == 1:
                h.period = ys[0]
            else:
                h.period_cols = ys
            h.first = h.first or "years"
            if h.names_before_years is None:
                h.names_before_years = len(h.names)
                first_years = r
        if not text:
            continue
        if text == "%":
            h.percent_marks.append(r.line)  # noise, unless a layer of the header (below)
            continue
        if labels.NOISE_RE.match(text):
            continue
        if labels.NOTE_REF_RE.match(text):
            h.note_ref = True
            continue
        cur = labels.currency_of(text)
        if cur and text != "$":
            h.currencies.append((cur, r.line))
            continue
        if labels.unit_of(text) and len(text) < 40:
            continue
        if is_lead_in(text):
            # Whatever came before the lead-in sentence was a title, not column names.
            h.lead_in.append(text)
            h.names.clear()
            h.changes.clear()
            h.first = ""
            continue
        if is_change_header(text):
            h.changes.append(r)
            continue
        duration = labels.duration_of(text)
        if duration and not labels.years_in(text) and len(text) < 60:
            h.durations.append(duration)  # "Three Months Ended June 30," over its years
            continue
        if labels.is_period_heading(text) or (labels.years_in(text) and len(text) < 40):
            ys = labels.years_in(text)
            if ys and not r.years:
                dates.append(text)
                h.first = h.first or "years"
                if h.names_before_years is None:
                    h.names_before_years = len(h.names)
            elif not ys and not r.years:
                h.sections.append(r)  # "Years ended December 31," with years on the next row
            continue
        if not any(ch.isalpha() for ch in text):
            continue
        if text.endswith(":"):
            h.sections.append(r)
            continue
        h.names.append(r)
        h.first = h.first or "names"
        if r is first_years:
            h.names_before_years += 1  # a name stands before the years on its own row
    if len(dates) >= 2:
        h.period_cols = period_labels(dates)
    elif dates:
        h.period = period_labels(dates)[0]
    _names_below_the_currency_row(h)
    _durations_over_years(h)
    return h


def _durations_over_years(h: Header) -> None:
    """Interim durations as a band over the years ("Three Months Ended" | "Six Months
    Ended" over 2025 2024 2025 2024): each duration stands over an equal run of years. A
    duration stated only in the lead-in ("for the six months ended June 30, 2025") holds
    for every period of the table."""
    if not h.durations:
        found = {labels.duration_of(text) for text in h.lead_in} - {None}
        if len(found) == 1:
            h.durations = [found.pop()]
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


def columns(
    h: Header, n: int, ctx: NoteContext, previous, findings, part_line, widest: int = 0
) -> tuple[list[Column], set[int]]:
    """The table's columns, and the positions (of ``n``) of change and percentage columns,
    whose figures are not read. ``n`` is the usual number of figures in a row, ``widest``
    the most: a nested header may name more columns than most rows fill (totals stated
    for some lines only). ``previous`` is the part before: its columns and change columns."""
    _title_above_the_period(h, n)
    for width in dict.fromkeys((n, widest)):
        grid = _nested(h, width, ctx) if width >= 2 else None
        if grid is not None:
            return grid, set()
    previous, before = previous if previous is not None else (None, set())
    if previous is not None and not h.names and not h.changes and before and n == len(previous) + len(before):
        # A later part of the table, as wide as the part before with its change columns.
        h.unnamed = any(_UNNAMED.match(c.label) for c in previous)
        return [
            c if c.role == Role.PERIOD else replace(c, period=h.period or c.period) for c in previous
        ], before
    period = h.period or ""
    curs = [c for c, _ in h.currencies]
    if widest > n and h.names and _named_columns(h, curs, widest, ctx) == widest:
        n = widest  # the header names every column of the widest rows; most rows fill fewer
    _years_over_currency_runs(h, curs, n)
    found = _amounts_and_percents(h, n)
    if found is not None:
        # "2023 2023 2024 2024" over "RMB % RMB %": each year's amount and its percentage.
        years, pairs = found
        keep = [i for i in range(n) if i not in pairs]
        h.period_cols = [years[i] for i in keep]
        cols = _period_columns(h, ctx, findings, [curs[k] for k in range(len(keep))], len(keep))
        message = f"{len(pairs)} change or percentage column(s) beside the amounts not read as amounts"
        findings.append(Finding("seg.layout.percent", Severity.INFO, message, source_line=part_line))
        h.sections = h.names + h.sections
        return cols, pairs
    if h.period_cols and len(h.period_cols) <= n:
        cols = _period_columns(h, ctx, findings, curs, n)
        extra = n - len(cols)
        dropped: set[int] = set()
        if extra:
            cols, dropped = _extra_columns(h, cols, extra, ctx, findings, part_line)
        h.sections = h.names + h.sections  # "North America" above its block of rows
        return cols, dropped
    names = _unwrapped(_dedupe_names(h.names), n)
    if (
        previous is not None
        and not names
        and h.changes
        and len(previous) < n <= len(previous) + len(h.changes)
    ):
        # A later part of the table, with its change columns after the columns it repeats.
        h.unnamed = any(_UNNAMED.match(c.label) for c in previous)
        kept = [c if c.role == Role.PERIOD else replace(c, period=period or c.period) for c in previous]
        return kept, set(range(len(previous), n))
    changed = min(len(h.changes), n - 1)
    if changed and len(names) >= n - changed:
        # Segment columns, then change or percentage columns ("% of total"): not amounts;
        # names beyond the segment columns head the first rows.
        h.sections = names[n - changed :] + h.sections
        cols = [segment_column(r.label, period, ctx.currency) for r in names[: n - changed]]
        message = f"{changed} change or percentage column(s) after the segments not read as amounts"
        findings.append(Finding("seg.layout.percent", Severity.INFO, message, source_line=part_line))
        return mark_subtotals(cols), set(range(n - changed, n))
    conv = 0
    if len(curs) == n:
        conv = sum(1 for c in curs[len(names) :] if c != ctx.currency) if len(names) < n else 0
    if len(names) >= n:
        h.sections = names[n:] + h.sections
        names = names[:n]
    if names and len(names) + conv == n:
        cols = [segment_column(r.label, period, ctx.currency) for r in names]
        cols += [convenience_column(_other(curs, ctx), period) for _ in range(conv)]
        return mark_subtotals(cols), set()

    if names and len(names) < n and previous is None and h.note_ref and ctx.convenience:
        # "(Note 3)" beside a currency the note names elsewhere: the translated columns.
        cols = [segment_column(r.label, period, ctx.currency) for r in names]
        cols += [convenience_column(ctx.convenience, period) for _ in range(n - len(names))]
        return mark_subtotals(cols), set()
    if n == 1 and h.period and not h.names:
        # One figure per row under its year: the entity as a whole for that period, whose
        # rows name segments under their headings, as the HTML reader reads it.
        return [Column(period, "", period, ctx.currency, Role.PERIOD)], set()
    if previous is not None and len(previous) == n and not names:
        h.unnamed = any(_UNNAMED.match(c.label) for c in previous)
        kept = [c if c.role == Role.PERIOD else replace(c, period=period or c.period) for c in previous]
        return kept, set()
    if n == 1:
        return [Column("Total", "Total", period, ctx.currency, Role.TOTAL)], set()
    findings.append(
        Finding(
            "seg.layout.columns",
            Severity.WARNING,
            f"cannot tell what the {n} columns are (header names {len(names)}); "
            "read as unnamed columns and checked by arithmetic only",
            source_line=part_line,
        )
    )
    h.sections.extend(h.names)
    h.unnamed = True
    return [Column(f"Column {i + 1}", f"Column {i + 1}", period, ctx.currency) for i in range(n)], set()


def _years_over_currency_runs(h: Header, curs: list[str], n: int) -> None:
    """Each year over the same run of currency cells ("2023 2024" over "RMB US$ RMB US$"):
    the year stands over every column of its run, as if written over each."""
    years = h.period_cols
    if not years or len(years) >= n or len(curs) != n or n % len(years) or len(set(years)) != len(years):
        return
    block = n // len(years)
    runs = [curs[k * block : (k + 1) * block] for k in range(len(years))]
    if block >= 2 and len(set(runs[0])) >= 2 and all(run == runs[0] for run in runs):
        h.period_cols = [year for year in years for _ in range(block)]


def _amounts_and_percents(h: Header, n: int) -> tuple[list[str], set[int]] | None:
    """The year over each column and the positions of percentage columns, where the layer
    under the years names every column in order, currency cells and "%" cells mixed
    ("RMB % RMB %" under "2023 2023 2024 2024", or "RMB US$ %" under one "2024"); None
    where the header says nothing of the kind."""
    marks = [r.line for r in h.changes] + h.percent_marks
    layer = sorted([(line, False) for _, line in h.currencies] + [(line, True) for line in marks])
    years = h.period_cols or ([h.period] if h.period else [])
    if len(years) == 1:
        years = years * n  # one year over every column of the layer
    if not marks or not h.currencies or h.names or len(layer) != n or len(years) != n:
        return None  # names over the columns ("Mining RMB %") are read as they are
    return years, {i for i, (_, percent) in enumerate(layer) if percent}


def _named_columns(h: Header, curs: list[str], width: int, ctx: NoteContext) -> int:
    """How many columns the header names: its names and change columns, and the translated
    columns after them where a currency row as wide as the rows names another currency."""
    named = len(_dedupe_names(h.names)) + len(h.changes)
    if len(curs) == width:
        named += sum(1 for c in curs[named:] if c != ctx.currency)
    return named


def _other(curs: list[str], ctx: NoteContext) -> str:
    return next((c for c in reversed(curs) if c != ctx.currency), ctx.convenience or ctx.currency)


def _period_columns(h: Header, ctx: NoteContext, findings, curs: list[str], n: int) -> list[Column]:
    cols = []
    for i, p in enumerate(h.period_cols):
        if len(curs) == n and curs[i] != ctx.currency and h.period_cols.count(p) > 1:
            # A period stated again under another currency ("2023 2023" over "RMB US$",
            # or "US$ RMB"): the header names the translation of that period, no typo.
            cols.append(convenience_column(curs[i], p, segment=""))
            continue
        if len(curs) == n and curs[i] != ctx.currency:
            findings.append(
                Finding(
                    "seg.header.currency",
                    Severity.WARNING,
                    f"currency header '{curs[i]}' over {p} disagrees with the note's "
                    f"{ctx.currency}; read as {ctx.currency} (probable typo in the header)",
                    period=p,
                    source_line=h.currencies[i][1],
                )
            )
        cols.append(Column(p, "", p, ctx.currency, Role.PERIOD))
    return cols


def _extra_columns(h: Header, cols, extra: int, ctx: NoteContext, findings, part_line):
    """Columns after the periods: a translation where a header names another currency or
    a note reference stands beside a currency the note names; change and percentage
    columns, which are not read; anything else is not read either, and said so."""
    curs = [c for c, _ in h.currencies]
    foreign = [c for c in curs if c != ctx.currency]
    latest = latest_period(h.period_cols)
    # Translations of period columns: the entity as a whole, as the periods are.
    if foreign and not h.changes:
        return cols + [convenience_column(foreign[-1], latest, segment="") for _ in range(extra)], set()
    if h.note_ref and ctx.convenience and not h.changes:
        return cols + [convenience_column(ctx.convenience, latest, segment="") for _ in range(extra)], set()
    start = len(cols)
    dropped = set(range(start, start + extra))
    if h.changes:
        what = "change or percentage column(s)"
        code, severity = "seg.layout.percent", Severity.INFO
    else:
        what = "column(s) that no header names (neither a period nor a currency)"
        code, severity = "seg.layout.columns", Severity.WARNING
    findings.append(
        Finding(
            code, severity, f"{extra} {what} after the periods not read as amounts", source_line=part_line
        )
    )
    return cols, dropped


def _nested(h: Header, n: int, ctx: NoteContext) -> list[Column] | None:
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
    # Subtotals are marked within each period: every year has its own Total.
    by_period: dict[str, list[int]] = {}
    for i, c in enumerate(cols):
        by_period.setdefault(c.period, []).append(i)
    for idx in by_period.values():
        for i, c in zip(idx, mark_subtotals([cols[i] for i in idx]), strict=True):
            cols[i] = c
    return cols


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
        return [_named(names[j], p, ctx) for p in years for j in range(block)], after[:n]
    return [_named(names[j], p, ctx) for p in years for j in range(block)], after[:block]


# A measure given as a ratio of another ("Operating Profit Margins", "% of sales"): its
# columns hold percentages, which the rows' amounts leave out.
_PERCENT_MEASURE = re.compile(r"\bmargins?\b|%|\bper ?cent|\bratios?\b", re.IGNORECASE)


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
                cols = [_named(name, p, ctx) for name in names for p in years]
                cols += [convenience_column(foreign[-1], years[0]) for _ in range(n - grid)]
                return cols, heads
    return None


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
    if block < 2 or any(run != runs[0] for run in runs) or len(set(runs[0])) != block:
        return None
    kept = names
    if m * block + trail != n:
        kept = [name for name in names if not _PERCENT_MEASURE.search(name)]
        if len(kept) == m or len(kept) * block + trail != n:
            return None
    return [_named(name, p, ctx) for name in kept for p in runs[0]]


def _title_above_the_period(h: Header, n: int) -> None:
    """Names above a lone period, where the names below it name every column ("Segment
    information" / 2024 / Mining, Corporate, Total), are the table's title, not columns."""
    k = h.names_before_years or 0
    if k and h.period and not h.period_cols and len(_dedupe_names(h.names[k:])) == n:
        h.lead_in.extend(r.label for r in h.names[:k])
        h.names = h.names[k:]
        h.names_before_years = 0


def _named(name: str, period: str, ctx: NoteContext) -> Column:
    """A column of a nested header: a measure (rows are then segments), or a segment."""
    if classify(name).financial:
        return Column(name, "", period, ctx.currency, Role.PERIOD, measure=name)
    return segment_column(name, period, ctx.currency)


def _unwrapped(names: list[RawRow], n: int) -> list[RawRow]:
    """Column names wrapped over two lines ("All" / "other"): where the header names more
    columns than the rows fill, a name that starts in lower case continues the one before
    it. Names start in capitals; a lower-case line is the rest of a name."""
    out: list[RawRow] = []
    extra = len(names) - n
    for r in names:
        if extra > 0 and out and r.label[:1].islower():
            out[-1] = replace(out[-1], label=f"{out[-1].label} {r.label}")
            extra -= 1
            continue
        out.append(r)
    return out


def _dedupe_names(names: list[RawRow]) -> list[RawRow]:
    """A group header over some columns repeats a later column's name ('Services' over
    'Services A', 'Services B' and 'Services'): drop it."""
    out: list[RawRow] = []
    for i, r in enumerate(names):
        later = [x.label.strip().lower() for x in names[i + 1 :]]
        if r.label.strip().lower() in later:
            continue
        out.append(r)
    return out
