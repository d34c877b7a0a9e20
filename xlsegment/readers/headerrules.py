"""The header rules: every way the text reader tells which column is which, in one table.

Filing text one cell per line keeps a header's cells in order but not their columns. The
header is read as bands (``textheader.Header``: names, periods, durations, currency
marks, change headers) and each rule below is one reading of those bands that must tile
the figure columns of the body's rows. The rules are tried in order and the first that
tiles reads the table; a few rules only normalise the bands for the rules after them. A
header no rule can tile is read as unnamed columns with a warning: a figure is never
given an identity the header does not state.

``python -m xlsegment.readers.headerrules`` prints the table; ``--markdown`` prints
``docs/header-rules.md``, which a test holds to this table; every rule's example is a grid
test in ``tests/test_header_rules.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from xlsegment.model import Column, Finding, Role, Severity
from xlsegment.readers.columnkinds import (
    convenience_column,
    mark_subtotals,
    measure_column,
    measures_per_column,
    segment_column,
)
from xlsegment.readers.headerbands import (
    Shape,
    change_heading_in_two,
    declared_in_pieces,
    declared_names_on_one_line,
    group_label_over_names,
    interleaved_pieces,
    measure_over_the_periods,
    one_year_in_its_words,
    quarters_of_the_year,
    title_above_the_period,
    widest_rows_named,
    years_over_currency_runs,
)
from xlsegment.readers.layout import (
    latest_period,
    translated_by_unit_line,
    under_period,
)
from xlsegment.readers.textheader import UNNAMED, nested, nested_with_changes
from xlsegment.vocabulary import classify


@dataclass(frozen=True)
class Reading:
    """The columns a rule reads, the positions of figures that are no amounts (change and
    percentage columns), and what the rule noticed."""

    columns: list[Column]
    dropped: set[int] = field(default_factory=set)
    findings: tuple[Finding, ...] = ()
    rule: str = ""


@dataclass(frozen=True)
class HeaderRule:
    name: str
    reads: str  # the layout it reads
    # small notes, "|" between cells, each with what its columns are read as:
    # "segment period currency" per column ("-" where there is none); figures of columns a
    # rule leaves out (changes, percentages) are in the example but have no column
    examples: tuple[tuple[str, tuple[str, ...]], ...]
    apply: Callable[[Shape], Reading | None] | None = None  # a reading
    normalise: Callable[[Shape], None] | None = None  # or a change to the bands for the rules after it


def _finding(code: str, severity: Severity, message: str, shape: Shape, **more) -> Finding:
    return Finding(code, severity, message, source_line=more.pop("line", shape.line), **more)


# ---------------------------------------------------------------- readings


def nested_grid(s: Shape) -> Reading | None:
    for width in dict.fromkeys((s.n, s.widest)):
        grid = nested(s.h, width, s.ctx) if width >= 2 else None
        if grid is not None:
            return Reading(grid)
    return None


def nested_grid_with_changes(s: Shape) -> Reading | None:
    found = nested_with_changes(s.h, s.n, s.ctx)
    return None if found is None else Reading(*found)


def _kept(s: Shape) -> list[Column]:
    """The part before's columns, under this part's period where it states one."""
    s.h.unnamed = any(UNNAMED.match(c.label) for c in s.previous)
    return [under_period(c, s.period) for c in s.previous]


def continued_with_changes(s: Shape) -> Reading | None:
    h, previous = s.h, s.previous
    if previous is None or h.names or h.changes or not s.before or s.n != len(previous) + len(s.before):
        return None
    return Reading(_kept(s), s.before)


def amounts_and_percents(s: Shape) -> Reading | None:
    """The year over each column and the positions of percentage columns, where the layer
    under the years names every column in order, currency cells and "%" cells mixed."""
    h, n = s.h, s.n
    marks = [r.line for r in h.changes] + h.percent_marks
    layer = sorted([(line, False) for _, line in h.currencies] + [(line, True) for line in marks])
    years = h.period_cols or ([h.period] if h.period else [])
    if len(years) == 1:
        years = years * n  # one year over every column of the layer
    pairs = {i for i, (_, percent) in enumerate(layer) if percent}
    keep = [i for i in range(n) if i not in pairs]
    if len(years) == len(keep) < n:
        years = [years[keep.index(i)] if i in keep else "" for i in range(n)]  # no year over a change
    if not marks or not h.currencies or h.names or len(layer) != n or len(years) != n:
        return None  # names over the columns ("Mining RMB %") are read as they are
    h.period_cols = [years[i] for i in keep]
    cols, found = _period_columns(s, [s.curs[k] for k in range(len(keep))], len(keep))
    message = f"{len(pairs)} change or percentage column(s) beside the amounts not read as amounts"
    h.sections = h.names + h.sections
    return Reading(cols, pairs, (*found, _finding("seg.layout.percent", Severity.INFO, message, s)))


def _translated_tail(s: Shape, curs: list[str]) -> int:
    """How many trailing period columns translate earlier ones where two currency lines head
    the table, the note's own then another ("Millions of yen", "Millions of U.S. dollars"
    over 2024 2025 2025): the last periods repeat earlier ones, which the others do not."""
    periods, ctx = s.h.period_cols, s.ctx
    if len(curs) != 2 or curs[0] != ctx.currency or curs[1] == ctx.currency or len(periods) == len(curs):
        return 0
    k = 0
    while k < len(periods) - 1 and periods[-(k + 1)] in periods[: len(periods) - (k + 1)]:
        k += 1
    head = periods[: len(periods) - k]
    return k if k and len(set(head)) == len(head) else 0


def _period_columns(s: Shape, curs: list[str], n: int) -> tuple[list[Column], list[Finding]]:
    h, ctx = s.h, s.ctx
    cols, found = [], []
    if translated_by_unit_line(h.period_cols, bool(curs), ctx):
        curs = [ctx.currency, ctx.convenience]  # as two currency lines would say
    tail = _translated_tail(s, curs)
    for i, p in enumerate(h.period_cols):
        if tail and i >= len(h.period_cols) - tail:
            cols.append(convenience_column(curs[1], p, segment=""))
            continue
        if len(curs) == n and curs[i] != ctx.currency and h.period_cols.count(p) > 1:
            # A period stated again under another currency ("2023 2023" over "RMB US$",
            # or "US$ RMB"): the header names the translation of that period, no typo.
            cols.append(convenience_column(curs[i], p, segment=""))
            continue
        if len(curs) == n and curs[i] != ctx.currency:
            message = (
                f"currency header '{curs[i]}' over {p} disagrees with the note's "
                f"{ctx.currency}; read as {ctx.currency} (probable typo in the header)"
            )
            line = h.currencies[i][1]
            found.append(_finding("seg.header.currency", Severity.WARNING, message, s, period=p, line=line))
        cols.append(Column(p, "", p, ctx.currency, Role.PERIOD))
    return cols, found


def period_per_column(s: Shape) -> Reading | None:
    h = s.h
    if not h.period_cols or len(h.period_cols) > s.n:
        return None
    cols, found = _period_columns(s, s.curs, s.n)
    extra = s.n - len(cols)
    local = [c.period for c in cols if c.role == Role.PERIOD]
    if len(local) - len(set(local)) >= 2:
        # "2023 2024" under each of several names the header no longer gives: a grid of
        # the same periods again, in one currency, is columns this reading cannot tell
        # apart. (Two instants of one year, "31 August | 28 February" over "2025 2025",
        # stay two columns of that year.)
        return None
    named = [r.label for r in s.h.names]
    if extra and (len(set(named)) < len(named) or h.interleaved):
        # Names repeated under each period ("Packaged | Ingredient", then "Foods |
        # Solutions | Total", once per year): the periods are bands over those columns,
        # which this reading cannot place; reading the first columns as the periods would
        # give the segments' figures to the entity. Headings of rows never repeat. Names
        # dropped as interleaved pieces stood over such columns too.
        return None
    reading = Reading(cols, set(), tuple(found))
    if extra:
        reading = _extra_columns(s, reading, extra)
    above = h.names[: h.names_before_years or 0]
    if len(above) >= 2 and all(classify(r.label).financial for r in above):
        # Measures over the periods that tile them in no way ("Sales", "Assets" over five
        # years running one way): which measure a figure is cannot be told, and they head
        # no rows. The figures keep their periods and lose their measure, with a warning.
        h.names = h.names[len(above) :]
        h.unnamed = True
        message = f"cannot tell which of {len(above)} measures over the periods each column is"
        reading = replace(
            reading,
            findings=(*reading.findings, _finding("seg.layout.columns", Severity.WARNING, message, s)),
        )
    h.sections = h.names + h.sections  # "North America" above its block of rows
    return reading


def _extra_columns(s: Shape, reading: Reading, extra: int) -> Reading:
    """Columns after the periods: a translation where a header names another currency or
    a note reference stands beside a currency the note names; change and percentage
    columns, which are not read; anything else is not read either, and said so."""
    h, ctx, cols = s.h, s.ctx, reading.columns
    foreign = [c for c in s.curs if c != ctx.currency]
    latest = latest_period(h.period_cols)
    # Translations of period columns: the entity as a whole, as the periods are.
    if foreign and not h.changes:
        return replace(reading, columns=cols + [convenience_column(foreign[-1], latest, segment="")] * extra)
    if h.note_ref and ctx.convenience and not h.changes:
        return replace(
            reading, columns=cols + [convenience_column(ctx.convenience, latest, segment="")] * extra
        )
    if h.changes:
        what, code, severity = "change or percentage column(s)", "seg.layout.percent", Severity.INFO
    else:
        what = "column(s) that no header names (neither a period nor a currency)"
        code, severity = "seg.layout.columns", Severity.WARNING
    message = f"{extra} {what} after the periods not read as amounts"
    dropped = set(range(len(cols), len(cols) + extra))
    return replace(
        reading, dropped=dropped, findings=(*reading.findings, _finding(code, severity, message, s))
    )


def continued_changes_after(s: Shape) -> Reading | None:
    previous = s.previous
    if (
        previous is None
        or s.names
        or not s.h.changes
        or not len(previous) < s.n <= len(previous) + len(s.h.changes)
    ):
        return None
    return Reading(_kept(s), set(range(len(previous), s.n)))


def segments_then_changes(s: Shape) -> Reading | None:
    n, names = s.n, s.names
    changed = min(len(s.h.changes), n - 1)
    if not changed or len(names) < n - changed:
        return None
    if not all(_heads_rows(r.label) for r in names[n - changed :]):
        return None  # names beyond the columns that head no rows: which is which is a guess
    # Names beyond the segment columns head the first rows.
    s.h.sections = names[n - changed :] + s.h.sections
    kept = names[: n - changed]
    # A change or ratio heading among the names ("Revenues | % of consolidated revenues |
    # EBITDA") stands over its own column: the header's order says which.
    order = sorted([(r.line, False) for r in kept] + [(r.line, True) for r in s.h.changes[:changed]])
    dropped = {i for i, (_, change) in enumerate(order) if change}
    if measures_per_column([r.label for r in kept]):
        # "Revenues | EBITDA | Operating income" over rows of segments: measures side by side.
        cols = [measure_column(r.label, s.period, s.ctx.currency) for r in kept]
    else:
        cols = mark_subtotals([segment_column(r.label, s.period, s.ctx.currency) for r in kept])
    message = f"{changed} change or percentage column(s) beside the named columns not read as amounts"
    finding = _finding("seg.layout.percent", Severity.INFO, message, s)
    return Reading(cols, dropped, (finding,))


def name_per_column(s: Shape) -> Reading | None:
    n, curs, ctx = s.n, s.curs, s.ctx
    names = s.names
    conv = 0
    if len(curs) == n and len(names) < n:
        conv = sum(1 for c in curs[len(names) :] if c != ctx.currency)
    if len(names) > n and not all(_heads_rows(r.label) for r in names[n:]):
        # More names than columns, and the ones beyond are no headings of rows: which
        # name is over which column is a guess, so this reading is not taken.
        return None
    if len(names) >= n:
        s.h.sections = names[n:] + s.h.sections  # names beyond the columns head rows
        names = names[:n]
    if not names or len(names) + conv != n:
        return None
    other = next((c for c in reversed(curs) if c != ctx.currency), ctx.convenience or ctx.currency)
    if not conv and measures_per_column([r.label for r in names]):
        # "Net sales | Total assets" over rows of segments: measures side by side.
        return Reading([measure_column(r.label, s.period, ctx.currency) for r in names])
    cols = [segment_column(r.label, s.period, ctx.currency) for r in names]
    cols += [convenience_column(other, s.period) for _ in range(conv)]
    return Reading(mark_subtotals(cols))


def _heads_rows(name: str) -> bool:
    """A name in the header that can head the first rows: a line item ("Revenues") or a
    heading ending in a colon; a segment or a total name ("Total company") cannot."""
    line = classify(name)
    return name.rstrip().endswith(":") or (line.financial and not line.closes)


def names_and_note_reference(s: Shape) -> Reading | None:
    names, ctx = s.names[: s.n], s.ctx
    if not names or len(names) >= s.n or s.previous is not None or not s.h.note_ref or not ctx.convenience:
        return None
    cols = [segment_column(r.label, s.period, ctx.currency) for r in names]
    cols += [convenience_column(ctx.convenience, s.period) for _ in range(s.n - len(names))]
    return Reading(mark_subtotals(cols))


def one_figure_under_its_year(s: Shape) -> Reading | None:
    if s.n != 1 or not s.h.period or (s.h.names and s.h.names_before_years != 0):
        return None
    s.h.sections = s.h.names + s.h.sections  # names after the year head rows
    return Reading([Column(s.period, "", s.period, s.ctx.currency, Role.PERIOD)])


def continued(s: Shape) -> Reading | None:
    if s.previous is None or len(s.previous) != s.n or s.names:
        return None
    return Reading(_kept(s))


def one_unheaded_column(s: Shape) -> Reading | None:
    if s.n != 1:
        return None
    return Reading([Column("Total", "Total", s.period, s.ctx.currency, Role.TOTAL)])


def unnamed(s: Shape) -> Reading:
    message = (
        f"cannot tell what the {s.n} columns are (header names {min(len(s.names), s.n)}); "
        "read as unnamed columns and checked by arithmetic only"
    )
    s.h.sections.extend(s.h.names)
    s.h.unnamed = True
    # Change or percentage headers ("in % of total") still say the last columns are no
    # amounts, as they do after named columns.
    changed = min(len(s.h.changes), s.n - 1) if s.h.names == [] else 0
    width = s.n - changed
    cols = [Column(f"Column {i + 1}", f"Column {i + 1}", s.period, s.ctx.currency) for i in range(width)]
    return Reading(
        cols, set(range(width, s.n)), (_finding("seg.layout.columns", Severity.WARNING, message, s),)
    )


# ---------------------------------------------------------------- the table

RULES = (
    HeaderRule(
        "title above the period",
        "a title line right above a lone year, the names below it naming every column",
        (("Segment information|2024|Mining|Corporate|Total|Revenue|1,000|500|1,500",
          ("Mining 2024 -", "Corporate 2024 -", "Total 2024 -")),),
        normalise=title_above_the_period,
    ),
    HeaderRule(
        "quarters of the year",
        "'Q1 | Q2 | Q3 | Q4 | Full Year' under or over one year: each quarter three months of "
        "that year, 'Full Year' the year",
        (("2025|Q1|Q2|Full Year|Revenue|100|200|300",
          ("- 3M 2025-Q1 -", "- 3M 2025-Q2 -", "- 2025 -")),),
        normalise=quarters_of_the_year,
    ),
    HeaderRule(
        "one year in its words",
        "period headings naming one year in different words ('Year ended March 31, 2025', "
        "'As of March 31, 2025') over names of every column: that year over each",
        (("Year ended March 31, 2025|As of March 31, 2025|Revenue|Segment assets|Mining|100|900|"
          "Games|50|400|Total|150|1,300",
          ("- 2025 -", "- 2025 -")),),
        normalise=one_year_in_its_words,
    ),
    HeaderRule(
        "a group label over the names",
        "'Reportable segments' over the first columns' names, one name more than the "
        "columns: a label over a group of them, no column's name",
        (("2024|Reportable segments|Mining|Games|Subtotal|Other|Total|Revenue|100|50|150|10|160",
          ("Mining 2024 -", "Games 2024 -", "Subtotal 2024 -", "Other 2024 -", "Total 2024 -")),),
        normalise=group_label_over_names,
    ),
    HeaderRule(
        "a change heading in two",
        "'%' in the band of the years over 'change' in the band of the currencies: the two "
        "halves of one '% change' heading, one column",
        (("2024|2023|%|Rm|Rm|change|Revenue|100|90|11",
          ("- 2024 ZAR", "- 2023 ZAR")),),
        normalise=change_heading_in_two,
    ),
    HeaderRule(
        "declared names on one line",
        "segment names the prose declares run together on one line, as flowed text gives a "
        "header ('Truckload Intermodal Logistics Solutions'): one name per column",
        (("We have three segments: Truckload, Intermodal and Logistics Solutions.|2024|"
          "Truckload Intermodal Logistics Solutions Total|Revenue|100|50|30|180",
          ("Truckload 2024 -", "Intermodal 2024 -", "Logistics Solutions 2024 -", "Total 2024 -")),),
        normalise=declared_names_on_one_line,
    ),
    HeaderRule(
        "declared names in pieces",
        "a segment the prose declares ('Port Terminals') standing in the header in two pieces, "
        "its first words one name and its last inside another: the lines were interleaved, "
        "so the names are not read, and the columns are unnamed",
        (("We have two reportable segments, Port Terminals and Rail Freight.|2024|Port|Rail|"
          "Corporate and|Terminals|Freight|eliminations|Total|Revenue|100|50|(10)|140",
          ("Column 1 2024 -", "Column 2 2024 -", "Column 3 2024 -", "Column 4 2024 -")),),
        normalise=declared_in_pieces,
    ),
    HeaderRule(
        "interleaved pieces",
        "header lines that are pieces of wrapped headings interleaved (a lone 'of' among "
        "them): the names are not read, and the columns are unnamed",
        (("The|United|Other|Americas Netherlands|Kingdom|countries|Total|of|Revenue|1|2|3|4|10",
          ("Column 1 - -", "Column 2 - -", "Column 3 - -", "Column 4 - -", "Column 5 - -")),),
        normalise=interleaved_pieces,
    ),
    HeaderRule(
        "a measure over the periods",
        "one name over the years, and it a measure: the title of every figure, the rows' "
        "headings saying whose",
        (("Sales to Customers|2024|2023|Mining|U.S.|100|90|International|50|40",
          ("- 2024 -", "- 2023 -")),),
        normalise=measure_over_the_periods,
    ),
    HeaderRule(
        "names and years nested",
        "names each over the same run of years (segment x year, measure x year, group-major), "
        "with translated columns after the grid where a currency row marks them; or years each "
        "over the same run of names (year-major); a ratio measure's block the rows leave out",
        (("A|B|Total|2023|2024|2023|2024|2023|2024|2024|RMB|RMB|RMB|RMB|RMB|RMB|US$|"
          "Revenue|100|120|50|60|150|180|25",
          ("A 2023 CNY", "A 2024 CNY", "B 2023 CNY", "B 2024 CNY", "Total 2023 CNY", "Total 2024 CNY",
           "Total 2024 USD")),
         ("2024|2023|Mining|Games|Mining|Games|Revenue|100|50|90|40",
          ("Mining 2024 -", "Games 2024 -", "Mining 2023 -", "Games 2023 -"))),
        apply=nested_grid,
    ),
    HeaderRule(
        "names over years and their changes",
        "names each over a run of years, a run ending in change columns ('Revenue' over 2024, "
        "2023 and 'Variation', 'Operating income' over 2024 and 2023): the changes are no amounts",
        (("Revenue|Operating income|2024|2023|Variation|2024|2023|"
          "Mining|100|80|+25.0 %|20|16|Games|50|40|+25.0 %|10|8",
          ("- 2024 -", "- 2023 -", "- 2024 -", "- 2023 -")),),
        apply=nested_grid_with_changes,
    ),
    HeaderRule(
        "continued, with its change columns",
        "a later part of a table with no header of its own, as wide as the part before with "
        "its change columns",
        (("2024|2023|% Change|Revenue|100|90|11.1|Cost|(60)|(50)|20.0||(in millions)|"
          "Assets|1,000|900|11.1|Liabilities|(10)|(9)|11.1",
          ("- 2024 -", "- 2023 -")),),
        apply=continued_with_changes,
    ),
    HeaderRule(
        "widest rows named",
        "a header that names every column of the widest rows, where most rows fill fewer",
        (("Mining|Games|Corporate|Total|Revenue|100|50|150|Cost|(60)|(30)|(90)|"
          "Operating income|40|20|(10)|50",
          ("Mining - -", "Games - -", "Corporate - -", "Total - -")),),
        normalise=widest_rows_named,
    ),
    HeaderRule(
        "years over currency runs",
        "each year over the same run of currency cells (2023 2024 over RMB US$ RMB US$)",
        (("2023|2024|RMB|US$|RMB|US$|Revenue|730|100|876|120",
          ("- 2023 CNY", "- 2023 USD", "- 2024 CNY", "- 2024 USD")),),
        normalise=years_over_currency_runs,
    ),
    HeaderRule(
        "amounts and percentages",
        "the layer under the years names every column in order, currency and % cells mixed "
        "(RMB % RMB % under 2023 2023 2024 2024)",
        (("2023|2023|2024|2024|RMB|%|RMB|%|Revenue|100|40.0|150|50.0|Cost|(60)|24.0|(75)|25.0",
          ("- 2023 CNY", "- 2024 CNY")),),
        apply=amounts_and_percents,
    ),
    HeaderRule(
        "one period per column",
        "one year or date per column, then translated, change or unnamed columns after them",
        (("Years ended December 31,|2024|2023|2022|Revenue|100|90|80|Net income|10|9|8",
          ("- 2024 -", "- 2023 -", "- 2022 -")),),
        apply=period_per_column,
    ),
    HeaderRule(
        "continued, changes after the repeated columns",
        "a later part of a table whose change columns follow the columns it repeats",
        (("2024|2023|Revenue|100|90|Cost|(60)|(50)||(in millions)|% Change|"
          "Assets|1,000|900|11.1|Liabilities|(10)|(9)|11.1",
          ("- 2024 -", "- 2023 -")),),
        apply=continued_changes_after,
    ),
    HeaderRule(
        "named columns and change columns",
        "segment or measure columns, and change or percentage columns (% of total) where the "
        "header puts them, which are no amounts",
        (("Mining|Games|% of total|Revenue|100|50|66.7|Cost|(60)|(30)|66.7",
          ("Mining - -", "Games - -")),
         ("Revenues|% of total|EBITDA|Mining|100|66.7|30|Games|50|33.3|10|Total|150|100.0|40",
          ("- - -", "- - -"))),
        apply=segments_then_changes,
    ),
    HeaderRule(
        "one name per column",
        "one segment, Corporate, Eliminations or Total per column, and translated columns where "
        "a currency row as wide as the rows names another currency",
        (("Mining|Other|Total|RMB|RMB|RMB|US$|Revenue|730|146|876|120",
          ("Mining - CNY", "Other - CNY", "Total - CNY", "Total - USD")),),
        apply=name_per_column,
    ),
    HeaderRule(
        "names and a note reference",
        "segment names, then columns beside a note reference (Note 3) in a currency the note "
        "names elsewhere: translations",
        (("Mining|Total|(Note 3)|Revenue|730|730|100|Cost|(73)|(73)|(10)||"
          "2024|RMB|US$|Assets|730|100",
          ("Mining - CNY", "Total - CNY", "Total - USD")),),
        apply=names_and_note_reference,
    ),
    HeaderRule(
        "one figure under its year",
        "one figure per row under a lone year: the entity as a whole for that year",
        (("2024|Revenue|100|Net income|10", ("- 2024 -",)),),
        apply=one_figure_under_its_year,
    ),
    HeaderRule(
        "continued",
        "a later part of a table with no header of its own, as wide as the part before",
        (("Mining|Games|Total|Revenue|100|50|150|Cost|(60)|(30)|(90)||(in millions)|"
          "Assets|1,000|500|1,500|Liabilities|(10)|(5)|(15)",
          ("Mining - -", "Games - -", "Total - -")),),
        apply=continued,
    ),
    HeaderRule(
        "one unheaded column",
        "one figure per row and no header: the entity's total",
        (("Revenue|100|Net income|10", ("Total - -",)),),
        apply=one_unheaded_column,
    ),
    HeaderRule(
        "unnamed",
        "anything else, and names that tile the columns in more than one way: Column 1..n, "
        "with a warning, and only arithmetic checks them",
        (("Alpha|Revenue|100|50|150|Cost|(60)|(30)|(90)",
          ("Column 1 - -", "Column 2 - -", "Column 3 - -")),
         # four names over three columns, none of them a heading of rows: never a guess
         ("Mining|Games|Hosting|Total|Revenue|100|50|150|Cost|(60)|(30)|(90)",
          ("Column 1 - -", "Column 2 - -", "Column 3 - -"))),
        apply=unnamed,
    ),
)  # fmt: skip


def read_columns(shape: Shape) -> Reading:
    """The first reading of the header that tiles the columns, with the rule's name."""
    for rule in RULES:
        if rule.normalise is not None:
            rule.normalise(shape)
            continue
        reading = rule.apply(shape)
        if reading is not None:
            return replace(reading, rule=rule.name)
    raise AssertionError("the last rule reads every header")  # unnamed() always reads


def markdown_table() -> str:
    lines = [
        "# Header rules",
        "",
        "How the text reader tells which column is which (`xlsegment/readers/headerrules.py`), in",
        "the order the rules are tried. Generated by `python -m xlsegment.readers.headerrules",
        "--markdown`; each example is a test in `tests/test_header_rules.py`.",
        "",
        "| # | rule | kind | reads | example (cells) | columns read |",
        "|---|---|---|---|---|---|",
    ]
    for i, rule in enumerate(RULES, 1):
        kind = "normalises" if rule.normalise else "reads"
        text, cols = rule.examples[0]
        example = text.replace("|", " / ").replace("||", " / ")
        lines.append(f"| {i} | {rule.name} | {kind} | {rule.reads} | `{example}` | {'; '.join(cols)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    if "--markdown" in sys.argv:
        print(markdown_table())
    else:
        for i, rule in enumerate(RULES, 1):
            print(f"{i:2} {rule.name:48} {rule.reads}")
