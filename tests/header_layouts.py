"""A generator of header layouts: small synthetic segment tables in each header
arrangement filings use (segment x year group-major with RMB marks and a US$ column, year x
segment year-major, measure x year with a margin block, a period caption over the years,
balance instants, three/six/nine-month blocks, a title or a unit line in another
language above the header), rendered one cell per line with the identity of every figure.
The corpus layouts (``tests/layouts.py``) move the cells of real notes around; these vary
the header itself, on tables small enough to say figure by figure what each one is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tests.layouts import RATE

HEADER_ARRANGEMENTS = (
    "group_major",
    "year_major",
    "measure_year",
    "caption",
    "instant",
    "interim",
    "unit_line",
)
LATEST_YEAR = 2025
SEGMENT_NAMES = ("Mining", "Games", "Software", "Consulting")
SEGMENT_NAMES_ES = ("Minería", "Corporativo", "Energía", "Transporte")
USD_SENTENCE = f"Amounts in US$ are translated for the convenience of the reader at RMB{RATE} to US$1.00."
UNIT_LINES = {"es": "(en miles de euros)", "zh": "（人民币千元）"}
UNIT_CURRENCY = {"es": "EUR", "zh": "CNY"}
# Row labels of a stack whose third row is the sum of the first two, with the words a
# reader's line item must carry: profit or loss (English, Spanish) and balances.
PROFIT_ROWS = (
    ("Revenue", ("revenue",)),
    ("Cost of revenue", ("cost of revenue",)),
    ("Segment profit", ("segment profit",)),
)
PROFIT_ROWS_ES = (
    ("Ingresos", ("ingresos",)),
    ("Costes", ("costes",)),
    ("Beneficio del segmento", ("beneficio",)),
)
ASSET_ROWS = (
    ("Current assets", ("current assets",)),
    ("Non-current assets", ("non-current assets",)),
    ("Total assets", ("total assets",)),
)
DURATION_WORDS = {"3M": "Three", "6M": "Six", "9M": "Nine"}
TOTAL_NAMES = ("Total", "Consolidated")


@dataclass(frozen=True)
class HeaderSpec:
    """One synthetic table. ``arrangement`` is one of HEADER_ARRANGEMENTS; the other
    fields apply where the arrangement has the feature (``marks`` to group_major,
    ``names_once`` to year-major headers, ``durations`` to interim, ``caption`` to
    caption and instant). ``move`` adds that many units to the total ``moved`` names (see
    ``render_header_layout``)."""

    arrangement: str
    segments: int = 2
    years: int = 2
    total: bool = True
    dollar: bool = False  # "$" cells before the first and the last row's amounts
    marks: str = ""  # "", "RMB" (RMB’000 over every column) or "RMB+USD" (and a US$ column)
    names_once: bool = False  # year-major: the names given once, not repeated under each year
    ascending: bool = False  # the years oldest first
    caption: str = ""  # the period caption; "" for the arrangement's own
    durations: tuple[str, ...] = ("3M", "6M")
    title: bool = False  # "Segment information" above everything
    unit: str = ""  # "", "es" (euros, Spanish, European numbers) or "zh" (RMB thousands)
    # measure_year: a change column closing the first measure's years, no amount: a
    # percentage ("% Change", "Variation": "+9.0 %") or money ("$ Change": "+120")
    change: str = ""
    move: int = 0
    moved: str = "stack"  # which total ``move`` shifts: one of ``header_totals(spec)``


@dataclass
class _Column:
    """What a column says of its figures; an empty ``segment`` or ``line`` is the row's."""

    period: int
    segment: tuple[str, ...] = ()
    line: tuple[str, ...] = ()
    duration: str | None = None
    currency: str | None = None
    percent: bool = False  # a margin column: figures that are not amounts
    change: str = ""  # "%" or "$": a change column, printed with its sign, no amount


@dataclass
class _Row:
    label: str
    values: list[Decimal | None] = field(default_factory=list)
    segment: tuple[str, ...] = ()
    line: tuple[str, ...] = ()
    dollar: bool = False


@dataclass
class _Table:
    head: list[str]
    columns: list[_Column]
    rows: list[_Row]
    # the figures ``move`` may shift, (row, column) by kind: "stack", the last row of a
    # stack (in the total column if any); "segments", the first row's total, a total of
    # the segments only; "translation", the last row's US$ figure
    totals: dict[str, tuple[int, int]] = field(default_factory=dict)


def render_header_layout(spec: HeaderSpec) -> tuple[str, dict[int, dict]]:
    """The table ``spec`` describes as filing text, and what each figure is: source line
    -> query in the format of ``tests/data/identity/*.queries.json``. Segments add up to
    the total and the stacked rows to their last row, so the table checks clean; with
    ``move`` the total ``spec.moved`` names is off by ``move`` and nothing else changes
    (a US$ figure still translates the figure as it was)."""
    table = _BUILDERS[spec.arrangement](spec)
    if spec.move:
        if spec.moved not in table.totals:
            raise ValueError(f"{spec} has no {spec.moved!r} total to move")
        row, col = table.totals[spec.moved]
        table.rows[row].values[col] += spec.move
    lines = [USD_SENTENCE] if "USD" in spec.marks else []
    lines += ["Segment information"] if spec.title else []
    lines += [UNIT_LINES[spec.unit]] if spec.unit else []
    lines += table.head
    expected: dict[int, dict] = {}
    for row in table.rows:
        lines.append(row.label)
        for col, value in zip(table.columns, row.values, strict=True):
            if value is None:
                continue
            if col.percent:
                lines.append(f"{value:.1f}%")
                continue
            if col.change:
                # as change columns print: an explicit sign, "%" apart from the figure
                lines.append(f"{value:+,}" + (" %" if col.change == "%" else ""))
                continue
            if row.dollar:
                lines.append("$")
            lines.append(_figure(value, european=spec.unit == "es"))
            expected[len(lines)] = _query(row, col, value, len(lines))
    return "\n".join(lines) + "\n", expected


def _query(row: _Row, col: _Column, value: Decimal, line: int) -> dict:
    return {
        "segment": list(col.segment or row.segment),
        "line": list(col.line or row.line),
        "period": str(col.period),
        "duration": col.duration,
        "currency": col.currency,
        "value": int(value),
        "source_line": line,
    }


def _figure(value: Decimal, european: bool) -> str:
    body = f"{abs(value):,}"
    if european:
        body = body.replace(",", ".")
    return f"({body})" if value < 0 else body


def _years(spec: HeaderSpec) -> list[int]:
    years = [LATEST_YEAR - i for i in range(spec.years)]
    return years[::-1] if spec.ascending else years


def _segment_names(spec: HeaderSpec) -> list[str]:
    return list((SEGMENT_NAMES_ES if spec.unit == "es" else SEGMENT_NAMES)[: spec.segments])


def _base(segment: int, year: int) -> Decimal:
    """A segment's first figure in a year: uneven, so no sum but the real one ties."""
    return Decimal((1234, 867, 2051, 593)[segment] + 61 * (LATEST_YEAR - year) * (segment + 2))


def _stack(segment: int, year: int, assets: bool) -> tuple[Decimal, Decimal, Decimal]:
    """Three stacked figures whose last is the sum of the first two: revenue, its cost
    (negative) and profit, or current, non-current and total assets."""
    first = _base(segment, year)
    second = (first * Decimal("0.43")).quantize(Decimal(1), ROUND_HALF_UP) + 7 * segment
    second = second * 3 if assets else -second
    return first, second, first + second


def _stack_rows(spec: HeaderSpec, keys: list[tuple[int | None, int]], assets: bool) -> list[_Row]:
    """The three stacked rows over columns ``keys``: (segment, or None for the total; year)."""
    labels = ASSET_ROWS if assets else PROFIT_ROWS_ES if spec.unit == "es" else PROFIT_ROWS
    rows = [_Row(label, line=words, dollar=spec.dollar and i != 1) for i, (label, words) in enumerate(labels)]
    for segment, year in keys:
        members = range(spec.segments) if segment is None else [segment]
        for k, row in enumerate(rows):
            row.values.append(sum(_stack(s, year, assets)[k] for s in members))
    return rows


def _columns(keys, names: list[str], currency: str | None) -> list[_Column]:
    return [
        _Column(year, (names[s],) if s is not None else TOTAL_NAMES, currency=currency) for s, year in keys
    ]


def header_totals(spec: HeaderSpec) -> tuple[str, ...]:
    """The kinds of total ``spec``'s table has for ``move`` to shift."""
    return tuple(_BUILDERS[spec.arrangement](spec).totals)


def _stack_totals(keys) -> dict[str, tuple[int, int]]:
    """The stack's last row in the first total column (else the first column), and where
    there is a total column its first row, a total of the segments only."""
    column = next((i for i, (s, _) in enumerate(keys) if s is None), None)
    if column is None:
        return {"stack": (2, 0)}
    return {"stack": (2, column), "segments": (0, column)}


def _group_major(spec: HeaderSpec) -> _Table:
    """Segment names, every year under each, then "RMB’000" over every column and a US$
    column translating the latest year's consolidated figures, if asked."""
    names = _segment_names(spec) + (["Consolidated"] if spec.total else [])
    years = _years(spec)
    keys = [(s if s < spec.segments else None, year) for s in range(len(names)) for year in years]
    columns = _columns(keys, names, "CNY" if spec.marks else UNIT_CURRENCY.get(spec.unit))
    rows = _stack_rows(spec, keys, assets=False)
    head = names + [str(year) for _ in names for year in years]
    if "USD" in spec.marks:
        if not spec.total:
            raise ValueError("a US$ column translates the Consolidated column")
        source = keys.index((None, LATEST_YEAR))
        columns.append(_Column(LATEST_YEAR, TOTAL_NAMES, currency="USD"))
        for row in rows:
            row.values.append((row.values[source] / RATE).quantize(Decimal(1), ROUND_HALF_UP))
        head.append(str(LATEST_YEAR))  # the year over the US$ column, as 20-F filers repeat it
    table = _Table(head, columns, rows, _stack_totals(keys))
    if "USD" in spec.marks:
        table.totals["translation"] = (2, len(columns) - 1)
    if spec.marks:
        head += ["RMB’000"] * len(keys) + (["US$’000"] if "USD" in spec.marks else [])
    return table


def _year_major(spec: HeaderSpec, caption: str = "", assets: bool = False) -> _Table:
    """Years (under ``caption``) over the same run of segment names, repeated under each
    year or given once."""
    names = _segment_names(spec) + (["Total"] if spec.total else [])
    years = _years(spec)
    keys = [(s if s < spec.segments else None, year) for year in years for s in range(len(names))]
    head = ([caption] if caption else []) + [str(year) for year in years]
    head += names if spec.names_once else names * len(years)
    columns = _columns(keys, names, UNIT_CURRENCY.get(spec.unit))
    return _Table(head, columns, _stack_rows(spec, keys, assets), _stack_totals(keys))


def _caption(spec: HeaderSpec) -> _Table:
    default = "Year ended December 31," if spec.years == 1 else "Years Ended December 31,"
    return _year_major(spec, spec.caption or default)


def _instant(spec: HeaderSpec) -> _Table:
    return _year_major(spec, spec.caption or "At December 31,", assets=True)


MEASURE_COLUMNS = (("Net Sales", ("net sales",)), ("Operating Profit", ("operating profit",)))
MARGIN_COLUMN = "Operating Profit Margins"


def _measure_year(spec: HeaderSpec) -> _Table:
    """Measure names, the unit, the years repeated under each measure; rows are segments,
    each with its amounts, then its margins (percentages, never amounts)."""
    years = _years(spec)
    head = [name for name, _ in MEASURE_COLUMNS] + [MARGIN_COLUMN, "(dollars in millions)"]
    change = [spec.change] if spec.change else []
    head += [str(year) for year in years] + change + [str(year) for year in years] * len(MEASURE_COLUMNS)
    currency = UNIT_CURRENCY.get(spec.unit)
    columns = [_Column(year, line=words, currency=currency) for _, words in MEASURE_COLUMNS for year in years]
    if change:
        kind = "$" if "$" in spec.change else "%"
        columns.insert(len(years), _Column(years[0], change=kind))
    columns += [_Column(year, percent=True) for year in years]
    names = _segment_names(spec)
    rows = [_measure_row(name, (name,), [s], years, spec.dollar and s == 0) for s, name in enumerate(names)]
    if spec.total:
        rows.append(_measure_row("Total segment", ("Total",), range(spec.segments), years, spec.dollar))
    if change:
        for row in rows:
            row.values.insert(len(years), _change(row.values[0], row.values[1], columns[len(years)].change))
    return _Table(head, columns, rows, {"segments": (len(rows) - 1, 0)} if spec.total else {})


def _change(new: Decimal, old: Decimal, kind: str) -> Decimal:
    """The change of the first measure's latest year against the year before: in money, or
    in percent of the year before, to one place."""
    if kind == "$":
        return new - old
    return (100 * (new - old) / abs(old)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _measure_row(label: str, segment: tuple[str, ...], members, years: list[int], dollar: bool) -> _Row:
    sales = [sum(_base(s, year) for s in members) for year in years]
    profit = [sum(_profit(s, year) for s in members) for year in years]
    margins = [
        (100 * p / s).quantize(Decimal("0.1"), ROUND_HALF_UP) for p, s in zip(profit, sales, strict=True)
    ]
    return _Row(label, [*sales, *profit, *margins], segment=segment, dollar=dollar)


def _profit(segment: int, year: int) -> Decimal:
    """Operating profit: a margin that differs by segment and by year."""
    return (
        (_base(segment, year) * Decimal("0.18")).quantize(Decimal(1)) + 3 * segment + 5 * (LATEST_YEAR - year)
    )


def _interim(spec: HeaderSpec) -> _Table:
    """One caption per duration ("Three Months Ended June 30,"), then the years repeated
    under each; rows are segments under a "Revenue:" heading, then "Total revenue"."""
    years = _years(spec)
    month = "September 30," if "9M" in spec.durations else "June 30,"
    head = [f"{DURATION_WORDS[d]} Months Ended {month}" for d in spec.durations]
    head += [str(year) for year in years] * len(spec.durations)
    keys = [(d, year) for d in spec.durations for year in years]
    currency = UNIT_CURRENCY.get(spec.unit)
    columns = [_Column(year, duration=d, currency=currency) for d, year in keys]
    rows = [_Row("Revenue:", [None] * len(keys))]
    for s, name in enumerate(_segment_names(spec)):
        values = [_interim_revenue(s, d, year) for d, year in keys]
        rows.append(_Row(name, values, (name,), ("revenue", name.lower()), spec.dollar and s == 0))
    if spec.total:
        values = [sum(row.values[c] for row in rows[1:]) for c in range(len(keys))]
        rows.append(_Row("Total revenue", values, ("Total", ""), ("total revenue",), spec.dollar))
    return _Table(head, columns, rows, {"segments": (len(rows) - 1, 0)} if spec.total else {})


def _interim_revenue(segment: int, duration: str, year: int) -> Decimal:
    quarters = int(duration.rstrip("M")) // 3
    return _base(segment, year) * quarters + 17 * segment * (quarters - 1)


_BUILDERS = {
    "group_major": _group_major,
    "year_major": _year_major,
    "measure_year": _measure_year,
    "caption": _caption,
    "instant": _instant,
    "interim": _interim,
    "unit_line": _year_major,
}
