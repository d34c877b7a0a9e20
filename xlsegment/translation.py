"""Convenience translation: translate at a rate with Excel's rounding, infer and check the rate.

A translated figure u of a local figure v at rate r is ROUND(v / r, 0). Both v and u are
rounded, so u is consistent with r when |u - v/r| <= 1/2 + (1/2)/r (half a unit of u, plus
half a unit of v carried through the division).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from xlsegment.currency import scale_exponent
from xlsegment.interval import Interval, compare
from xlsegment.model import Fact, Number, Role, Table
from xlsegment.numbers import excel_round, to_decimal


@dataclass(frozen=True)
class RateInfo:
    """The convenience rate: stated by the user, or the interval every figure allows."""

    rate: Decimal | None  # the stated rate, or the midpoint of the inferred interval
    low: Decimal | None
    high: Decimal | None
    stated: bool
    figures: int = 0  # translated leaf figures the rate was tested against
    of: int = 0  # translated leaf figures in all
    per_period: str = ""  # where each table and period has its own rate: what they are

    def describe(self) -> str:
        if self.per_period:
            return self.per_period
        if self.stated:
            return f"stated rate {self.rate} (checked against {self.figures} figures)"
        if self.low is None:
            return "no single rate is consistent with every translated figure"
        agree = f"all {self.figures}" if self.figures == self.of else f"{self.figures} of {self.of}"
        return (
            f"inferred rate between {self.low} and {self.high} (consistent with {agree} translated figures)"
        )


def translate(value: Number, rate: Number, digits: int = 0) -> int | Decimal:
    """ROUND(value / rate, digits) with halves away from zero, as Excel does."""
    q = excel_round(to_decimal(value) / to_decimal(rate), digits)
    return int(q) if digits == 0 else q


def translate_table(values, rate: Number, digits: int = 0):
    """Translate every number of a mapping or sequence; pandas objects are mapped cellwise."""
    if hasattr(values, "map") and hasattr(values, "dtypes"):  # pandas DataFrame or Series
        return values.map(lambda v: translate(v, rate, digits))
    if isinstance(values, dict):
        return {k: translate(v, rate, digits) for k, v in values.items()}
    return [translate(v, rate, digits) for v in values]


def _frac(v: Number) -> Fraction:
    return Fraction(str(v)) if isinstance(v, Decimal) else Fraction(v)


def rate_bounds(
    local: Number, translated: Number, local_decimals: int = 0, decimals: int = 0
) -> tuple | None:
    """Interval of rates r with ROUND(local'/r) = translated for some local' within rounding."""
    v, u = _frac(local), _frac(translated)
    # Half a unit of the last digit shown; a local figure in millions beside translated
    # thousands has negative decimals in their unit (-3: rounded to the thousand).
    half_v = Fraction(1, 2) * Fraction(10) ** -local_decimals
    half_u = Fraction(1, 2) * Fraction(10) ** -decimals
    if v == 0 or u == 0 or (v > 0) != (u > 0):
        return None
    v, u = abs(v), abs(u)
    low = (v - half_v) / (u + half_u)
    high = (v + half_v) / (u - half_u) if u > half_u else None
    return low, high


def allowed_by(info: RateInfo, local: Number, translated: Number, local_decimals: int = 0, decimals: int = 0):
    """Whether an inferred rate interval holds a rate that translates ``local`` to
    ``translated``: the checks test against the interval, not only its midpoint."""
    if info.stated or info.low is None or info.high is None:
        return False
    bounds = rate_bounds(local, translated, local_decimals, decimals)
    if bounds is None:
        return False
    low, high = bounds
    return low <= _frac(info.high) and (high is None or _frac(info.low) <= high)


def infer_rate(pairs: list[tuple[Number, Number, int]], totals=()) -> RateInfo:
    """The rate interval allowed by the most (local, translated, decimals) leaf pairs.

    Each pair allows an interval of rates; the answer is the intersection of the largest
    group of intervals that overlap, so one wrong figure cannot hide the rate of the rest.
    Where groups of leaves tie (two lines, one of them wrong), the translated ``totals``
    decide: the group whose rate more of them allow."""
    bounds = [b for b in (rate_bounds(v, u, d) for v, u, d in pairs) if b is not None]
    bounds = [(lo, hi) for lo, hi in bounds if hi is not None]
    if not bounds:
        return RateInfo(None, None, None, stated=False, figures=0)
    events = sorted([(lo, 0) for lo, _ in bounds] + [(hi, 1) for _, hi in bounds])
    best = depth = 0
    points = []
    for x, kind in events:
        depth += 1 if kind == 0 else -1
        if kind == 0 and depth > best:
            best, points = depth, [x]
        elif kind == 0 and depth == best:
            points.append(x)
    checks = [b for b in (rate_bounds(v, u, d) for v, u, d in totals) if b is not None and b[1] is not None]

    def interval(point):
        group = [(lo, hi) for lo, hi in bounds if lo <= point <= hi]
        return group, max(lo for lo, _ in group), min(hi for _, hi in group)

    def support(point) -> int:
        _, low, high = interval(point)
        return sum(1 for lo, hi in checks if lo <= high and low <= hi)

    group, low, high = interval(max(points, key=support))  # the first of equals, as before
    mid = (low + high) / 2
    # As few decimals as keep the rate inside the interval (large figures pin it closely).
    places = next(p for p in range(6, 40) if low <= Fraction(str(_dec(mid, p))) <= high)
    return RateInfo(
        _dec(mid, places),
        _dec(low, places, up=True),
        _dec(high, places),
        stated=False,
        figures=len(group),
        of=len(bounds),
    )


def _dec(f: Fraction, places: int, up: bool = False) -> Decimal:
    scaled = f * 10**places
    n = -((-scaled.numerator) // scaled.denominator) if up else scaled.numerator // scaled.denominator
    return Decimal(n).scaleb(-places)


def consistent_with(
    local: Number, translated: Number, rate: Number, local_decimals: int = 0, decimals: int = 0
):
    """(direct translation, difference, tolerance, ok) of one translated figure at a rate.

    The translated figure's interval must meet the local figure's interval divided by the
    rate (Calculations 1.1 with both roundings)."""
    cmp = compare(
        Interval.shown(translated, decimals), Interval.shown(local, local_decimals).divided_by(rate)
    )
    direct = translate(local, rate, decimals)
    return (
        direct,
        Decimal(translated) - Decimal(direct),
        _dec(Fraction(cmp.tolerance), 4, up=True),
        cmp.consistent,
    )


def source_column(table: Table, c: int) -> int | None:
    """The column a convenience column translates: the column of the same segment, period
    and measure (measures side by side are each their own column), else the nearest column
    to its left of the same period. This is the one
    pairing of translated to local figures; the check and the workbook's live formulas
    both use it."""
    col = table.columns[c]
    local = [i for i, x in enumerate(table.columns) if x.role != Role.CONVENIENCE]
    same = next(
        (
            i
            for i in local
            if table.columns[i].segment == col.segment
            and table.columns[i].period == col.period
            and table.columns[i].measure == col.measure
        ),
        None,
    )
    if same is not None:
        return same
    return next(
        (i for i in reversed(local) if i < c and (table.columns[i].period == col.period or not col.period)),
        None,
    )


def translation_pairs(table: Table) -> list[tuple[Fact, Fact]]:
    """(translated fact, local fact) for every translated figure of ``table``."""
    pairs = []
    for c, col in enumerate(table.columns):
        if col.role != Role.CONVENIENCE:
            continue
        src = source_column(table, c)
        if src is None:
            continue
        for r in range(len(table.rows)):
            conv, local = table.cells.get((r, c)), table.cells.get((r, src))
            if conv is not None and local is not None:
                pairs.append((conv, local))
    return pairs


def unit_shift(note) -> int:
    """How many powers of ten the note's unit is above its translated figures' (1 for ₹
    crore beside US$ million, 3 for won millions beside US$ thousands, 0 where both share
    the note's unit): a local figure times 10**shift is in the translated figures' unit."""
    own, other = scale_exponent(note.unit), scale_exponent(note.convenience_unit)
    return own - other if own is not None and other is not None else 0


def in_translated_units(local: Fact, shift: int) -> tuple[Number, int]:
    """A local figure and its decimals in the translated figures' unit (exact)."""
    if not shift:
        return local.value, local.decimals
    return Decimal(local.value).scaleb(shift), local.decimals - shift


@dataclass(frozen=True)
class Translation:
    """The translate stage's result: the pairs, the rate and where it came from."""

    pairs: tuple[tuple[Fact, Fact], ...] = ()  # (translated, local)
    info: RateInfo | None = None
    translated_totals: frozenset = frozenset()  # translated figures that are sums of others
    shift: int = 0  # unit_shift: the translated figures' unit below the note's
    # The rate of each table and period, where the note translates each at its own rate
    # (``rates_per_period``); empty where one rate serves every figure.
    groups: tuple[tuple[tuple[str, str], RateInfo], ...] = ()

    @property
    def rate(self) -> Decimal | None:
        return self.info.rate if self.info is not None else None

    def info_for(self, translated: Fact) -> RateInfo | None:
        """The rate a translated figure is checked at: its table's and period's, if any."""
        key = (translated.at.table_id, translated.period)
        return next((info for k, info in self.groups if k == key), self.info)

    def describe(self) -> str:
        if not self.groups:
            return self.info.describe() if self.info is not None else ""
        each = "; ".join(f"{t} {p}: {info.describe()}" for (t, p), info in self.groups)
        return f"a rate for each table and period ({each})"

    def rate_info(self) -> RateInfo | None:
        """What a report and the workbook's Settings say of the rate: with a rate for each
        table and period, no one rate (a workbook's check infers them again)."""
        if not self.groups or self.info is None:
            return self.info
        return replace(self.info, rate=None, low=None, high=None, per_period=self.describe())

    def local(self, local: Fact) -> tuple[Number, int]:
        """A local figure and its decimals in the translated figures' unit."""
        return in_translated_units(local, self.shift)


def _rate_pair(local: Fact, translated: Fact, shift: int) -> tuple[Number, Number, int]:
    """(local value, translated value, local decimals), both in the translated unit."""
    value, decimals = in_translated_units(local, shift)
    return value, translated.value, decimals


def translate_note(note, relations, rate: Decimal | None) -> Translation:
    """Pair every translated figure with its local figure and fix the rate: the stated
    rate, else the interval of rates that most translated lines allow (a translated
    subtotal may be the sum of rounded lines, so only lines take part)."""
    pairs = tuple(p for table in note.tables for p in translation_pairs(table))
    if not pairs:
        return Translation()
    shift = unit_shift(note)
    totals = frozenset(r.total.at for r in relations if r.total.role == Role.CONVENIENCE and r.parts)
    leaves = [(loc, usd) for usd, loc in pairs if usd.at not in totals]
    if rate is not None:
        info = RateInfo(Decimal(rate), None, None, stated=True, figures=len(leaves))
    else:
        sums = [(loc, usd) for usd, loc in pairs if usd.at in totals]
        info = infer_rate(
            [_rate_pair(loc, usd, shift) for loc, usd in leaves],
            [_rate_pair(loc, usd, shift) for loc, usd in sums],
        )
        if info.figures < info.of:
            return Translation(pairs, info, totals, shift, rates_per_period(leaves, shift))
    return Translation(pairs, info, totals, shift)


PER_PERIOD_LEAVES = 3
"""A table and period gets a rate of its own only where at least this many translated
lines pin it: fewer would fit almost any rate, and then nothing is checked."""


def rates_per_period(leaves: list[tuple[Fact, Fact]], shift: int) -> tuple:
    """Where no one rate fits every translated line but a rate for each table and period
    fits all of that group's, those rates: a note that translates each year at its own
    average rate and assets at each year-end's closing rate (IAS 21.39-40 rates, used for a
    convenience translation). Empty where any group has too few lines or misses one."""
    keyed: dict[tuple[str, str], list] = {}
    for loc, usd in leaves:
        keyed.setdefault((usd.at.table_id, usd.period), []).append(_rate_pair(loc, usd, shift))
    groups = []
    for key, pairs in keyed.items():
        info = infer_rate(pairs)
        if len(pairs) < PER_PERIOD_LEAVES or info.figures < info.of or info.rate is None:
            return ()
        groups.append((key, info))
    return tuple(groups) if len(groups) > 1 else ()


def add_translated_columns(table: Table, currency: str, rate: Decimal, rule: str):
    """Prepare mode: a translated Total column, ROUND(total / rate, 0), computed.

    Returns the table with the column appended and the relations that compute it."""
    from dataclasses import replace

    from xlsegment.model import Column, Evidence, FactId, Relation, RelationKind, Source

    totals = [j for j, c in enumerate(table.columns) if c.role == Role.TOTAL]
    if not totals or any(c.role == Role.CONVENIENCE for c in table.columns):
        return table, []
    tcol, ccol = totals[0], len(table.columns)
    period = table.columns[tcol].period
    cells = dict(table.cells)
    relations = []
    for r in range(len(table.rows)):
        base = cells.get((r, tcol))
        if base is None:
            continue
        conv = base.replace(
            currency=currency,
            role=Role.CONVENIENCE,
            value=translate(base.value, rate),
            decimals=0,
            reported=False,
            source=Source(),
            at=FactId(table.index, r, ccol),
        )
        cells[(r, ccol)] = conv
        relations.append(
            Relation(RelationKind.TIE, table.id, conv, ((1, base),), rule, rule, Evidence.COMPUTED)
        )
    column = Column(currency, "Total", period, currency, Role.CONVENIENCE)
    return replace(table, columns=(*table.columns, column), cells=cells), relations
