"""The columns of an HTML table from what its header cells say over each (htmlheads.Head):
periods, and a translation after them; measures side by side (with their translations);
segments and totals, each part of a group named with it; or, where the header does not
say, unnamed columns "Column 1..n" that are checked by arithmetic only."""

from __future__ import annotations

from dataclasses import replace

from xlsegment.model import Column, Role
from xlsegment.readers import htmlheads
from xlsegment.readers.columnkinds import (
    convenience_column,
    mark_subtotals,
    measure_column,
    segment_column,
    translated_measure_column,
)
from xlsegment.readers.layout import (
    column_currency,
    latest_period,
    period_labels,
    translated_by_unit_line,
)
from xlsegment.vocabulary import classify, is_reported_basis


def _financial(label: str) -> bool:
    return classify(label).financial


def _translated_periods(periods: list[str], currencies: list[str], ctx) -> list[Column] | None:
    """Years in the note's currency and, after them, a column in another currency ("2024 |
    2023 | 2024" over "RMB | RMB | US$", or no year over the US$): the translation of its
    year, else of the latest year, as the text reader reads it."""
    local = [i for i, c in enumerate(currencies) if c == ctx.currency]
    foreign = [i for i, c in enumerate(currencies) if c != ctx.currency]
    years = [periods[i] for i in local]
    # Each year's translation beside it ("VND billion | US$ million" under each year) is
    # as good as one after them all: every translated column names a year of its own.
    paired = all(
        i > 0 and periods[i] and periods[i] in years and periods[i - 1] == periods[i] for i in foreign
    )
    if not foreign or not local or (max(local) > min(foreign) and not paired):
        return None
    if not all(years) or len(set(years)) < len(years):
        return None
    latest = latest_period(years)
    return [
        Column(periods[i], "", periods[i], c, Role.PERIOD)
        if i in local
        else convenience_column(c, periods[i] if periods[i] in years else latest, segment="")
        for i, c in enumerate(currencies)
    ]


def columns_of(heads: list[htmlheads.Head], table_period, ctx) -> tuple[list[Column], list[str]]:
    """Columns from their headers; the second value names the line item of each column where
    the columns are measures side by side (revenue and adjusted EBITDA per segment row)."""
    periods = [h.period or table_period for h in heads]
    texts = [h.period_text for h in heads]
    if all(texts) and len(set(periods)) < len(periods) and len(set(texts)) == len(texts):
        periods = period_labels(texts)  # "31 Dec 2024 | 30 Jun 2024": two dates of one year
    currencies = [column_currency(h.currency, ctx) for h in heads]
    names = _qualified_names(heads, periods, currencies)
    if translated_by_unit_line(periods, any(h.currency for h in heads), ctx):
        currencies[-1] = ctx.convenience
    if not any(names):
        translated = _translated_periods(periods, currencies, ctx)
        if translated:
            return translated, []
        if len(set(periods)) == len(periods) and all(periods):
            return [Column(p, "", p, c, Role.PERIOD) for p, c in zip(periods, currencies, strict=True)], []
        if len(heads) == 1:
            return [Column("Total", "Total", periods[0], ctx.currency, Role.TOTAL)], []
        return _unnamed(periods, ctx), []
    named = [n for n in names if n]
    if all(_financial(n) for n in named) and all(names):
        cols = _measure_columns(names, periods, currencies, ctx)
        if len({(c.label) for c in cols}) == len(cols):
            if len(set(names)) == 1:
                # One measure over every period ("Sales to Customers" over 2024, 2023,
                # 2022): the table's measure, as a heading would name it; its rows say whose.
                return [replace(c, label=c.period, measure="") for c in cols], names[:1]
            return cols, []
    cols = []
    local_names = {n for n, c in zip(names, currencies, strict=True) if n and c == ctx.currency}
    for h, n, p, c in zip(heads, names, periods, currencies, strict=True):
        # A name that heads a column in the note's currency too ("Total | Total" over "RMB |
        # US$") names the translation of that column.
        if c != ctx.currency and (not (n and h.alone) or n in local_names):
            # A column headed by a currency alone (or under a name it shares with the
            # columns beside it) translates them; one with a name of its own ("Americas |
            # in USD") is a segment stated in its own currency.
            cols.append(convenience_column(c, p))
        elif n:
            cols.append(segment_column(n, p, c))
        else:
            return _unnamed(periods, ctx), []
    marked: list[Column] = []
    for p in dict.fromkeys(periods):  # each period's block of columns has its own Total
        marked.extend(mark_subtotals([c for c in cols if c.period == p]))
    by_key = {(c.label, c.period): c for c in marked}
    return [by_key.get((c.label, c.period), c) for c in cols], _measure_over_all(heads)


def _measure_over_all(heads: list[htmlheads.Head]) -> list[str]:
    """A measure named over every segment column ("Net Sales" over "Packaged Snacks |
    Beverages | Consolidated"): the table's measure, as a heading would name it."""
    over = {h.names[-2] if len(h.names) > 1 else "" for h in heads}
    name = over.pop() if len(over) == 1 else ""
    return [name] if name and _financial(name) else []


def _measure_columns(names: list[str], periods: list[str], currencies: list[str], ctx) -> list[Column]:
    """Measures side by side; a measure's column in another currency beside its column in
    the note's ("Segment results" over "Rp | US$") is its translation."""
    local = {(n, p) for n, p, c in zip(names, periods, currencies, strict=True) if c == ctx.currency}
    return [
        translated_measure_column(n, p, c)
        if c != ctx.currency and (n, p) in local
        else measure_column(n, p, c)  # noqa: E501
        for n, p, c in zip(names, periods, currencies, strict=True)
    ]


def _qualified_names(heads: list[htmlheads.Head], periods: list[str], currencies: list[str]) -> list[str]:
    """Each column's name: its last header name, or, where that name heads another column
    of the same period and currency too ("U.S. | Non-U.S." under each of "Upstream" and
    "Chemical Products"), the name of its group before it ("Upstream U.S."): a part of
    that group, never one segment "U.S." of three columns."""
    names = [h.names[-1] if h.names else "" for h in heads]
    if any(is_reported_basis(n) for n in names):  # "As Previously Reported | ... | As Recast"
        names = [n or h.qualifier for h, n in zip(heads, names, strict=True)]
    keys = list(zip(names, periods, currencies, strict=True))
    return [
        f"{h.names[-2]} {n}" if n and keys.count(k) > 1 and len(h.names) > 1 else n
        for h, n, k in zip(heads, names, keys, strict=True)
    ]


UNNAMED_LABEL = "Column {}"


def _unnamed(periods, ctx) -> list[Column]:
    """Columns no header names: "Column 1..n", each with its period where one is stated."""
    names = [UNNAMED_LABEL.format(i + 1) for i in range(len(periods))]
    return [Column(n, n, p, ctx.currency) for n, p in zip(names, periods, strict=True)]


def continues(columns: list[Column], previous) -> bool:
    """A part with no header of its own (its columns unnamed, no period stated) under a
    part with as many named columns continues it: a table broken by a page break."""
    unnamed = columns and all(
        c.label == UNNAMED_LABEL.format(i + 1) and not c.period for i, c in enumerate(columns)
    )
    named = previous and not any(c.label == UNNAMED_LABEL.format(i + 1) for i, c in enumerate(previous))
    return bool(unnamed and named and len(previous) == len(columns))
