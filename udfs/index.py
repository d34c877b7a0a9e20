"""Answers for the UDFs: a note's facts indexed by line item, segment and year.

Built once per workbook (see ``cache``), then every UDF call is a few dictionary look-ups.
A miss raises :class:`Miss`, whose text names what was not found and what exists; the UDF
layer puts that text in the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from xlsegment.model import Fact, Note, Role
from xlsegment.readers.naming import GEO_ASSETS, GEO_REVENUE
from xlsegment.vocabulary import LineKind, classify

from .query import loose_key, name_key, year_of

_MAX_LISTED = 8


class Miss(LookupError):
    """A look-up that found nothing; ``str()`` is the short text shown in the cell."""


def listing(names: Iterable[object]) -> str:
    """At most a handful of names, for an error text that still fits a cell."""
    names = list(dict.fromkeys(str(n) for n in names))
    shown = ", ".join(names[:_MAX_LISTED])
    return shown + (f" (+{len(names) - _MAX_LISTED} more)" if len(names) > _MAX_LISTED else "")


def is_geographic(table: str) -> bool:
    """A table of geographic information (IFRS 8.33, ASC 280-10-50-41): its columns or rows
    are regions, not segments."""
    low = (table or "").lower()
    return table in (GEO_REVENUE, GEO_ASSETS) or "geograph" in low or "region" in low


def regions_of(facts: Iterable[Fact]) -> frozenset[str]:
    """Names that only the geographic tables use: regions, not operating segments."""
    elsewhere = {f.segment for f in facts if not is_geographic(f.table)}
    return frozenset(f.segment for f in facts if is_geographic(f.table) and f.segment not in elsewhere)


def is_total(fact: Fact) -> bool:
    return fact.role == Role.TOTAL or classify(fact.segment).kind == LineKind.TOTAL


@dataclass
class Index:
    """Look-ups over one note, in its presentation currency."""

    note: Note
    facts: tuple[Fact, ...]  # presentation currency, in the note's order
    lines: dict[str, str]  # name key (canonical, label or alias) -> canonical line item
    segments: dict[str, str]  # name key -> segment as stated
    years: tuple[int, ...]
    values: dict[tuple[str, str, int], Fact]
    checker: Callable[..., object] | None = None
    rate: Decimal | None = None  # the workbook's own rate (Settings), which wins
    regions: frozenset[str] = frozenset()  # geographic regions, named apart from segments
    _check: object = field(default=None, repr=False)
    _checked_at: Decimal | None = field(default=None, repr=False)

    @classmethod
    def from_note(cls, note: Note, checker: Callable[[Note], object] | None = None) -> Index:
        from xlsegment.pipeline import run

        # The note as the pipeline leaves it: from line-level data (prepare mode), with the
        # totals, segment profit and net income the workbook computes.
        result = run(note)
        note = result.note
        currency = note.presentation_currency
        facts = tuple(f for f in note.facts if not currency or f.currency == currency)
        lines: dict[str, str] = {}
        segments: dict[str, str] = {}
        values: dict[tuple[str, str, int], Fact] = {}
        years: set[int] = set()
        for fact in facts:
            for name in (fact.line_item, fact.label):
                _add_name(lines, name, fact.line_item)
            _add_name(segments, fact.segment, fact.segment)
            year = year_of(fact.period)
            if year is None:
                continue
            years.add(year)
            values.setdefault((fact.line_item, fact.segment, year), fact)
        for canonical, others in note.aliases.items():
            for name in (canonical, *others):
                _add_name(lines, name, canonical)
        index = cls(
            note, facts, lines, segments, tuple(sorted(years)), values, checker, regions=regions_of(facts)
        )
        if checker is None:
            index._check = result  # checked already, at the note's own rate
        return index

    # -- names -----------------------------------------------------------------------------
    def line_item(self, name: object) -> str:
        found = self.lines.get(name_key(name)) or self.lines.get(loose_key(name))
        if found is None:
            raise Miss(f"line item {str(name)!r} not found; have: {listing(self._items())}")
        return found

    def segment(self, name: object) -> str:
        found = self.segments.get(name_key(name)) or self.segments.get(loose_key(name))
        if found is None:
            raise Miss(f"segment {str(name)!r} not found; have: {listing(self._segments())}")
        return found

    def _segments(self) -> list[str]:
        """The segments (and their Total) in the note's order; regions are not segments."""
        return [s for s in dict.fromkeys(f.segment for f in self.facts) if s not in self.regions]

    def year(self, year: int) -> int:
        if year not in self.years:
            raise Miss(f"period {year} not found; have: {listing(self.years)}")
        return year

    def _items(self) -> list[str]:
        return list(dict.fromkeys(f.line_item for f in self.facts))

    def profit_item(self) -> str:
        """The segment profit or loss line (ASC 280-10-50-22, IFRS 8.23); a line that says
        "segment" comes before operating income."""
        lines = self._lines_of(LineKind.SEGMENT_PROFIT)
        named = [line for line in lines if "segment" in name_key(line)]
        return (named or lines or [self._none("segment profit or loss")])[0]

    def revenue_item(self) -> str:
        return (self._lines_of(LineKind.REVENUE) or [self._none("revenue")])[0]

    def _lines_of(self, kind: LineKind) -> list[str]:
        return [
            item
            for item in self._items()
            if classify(item).kind == kind
            or any(classify(f.label).kind == kind for f in self.facts if f.line_item == item)
        ]

    def _none(self, what: str) -> str:
        raise Miss(f"no {what} line in the data; have: {listing(self._items())}")

    # -- values ----------------------------------------------------------------------------
    def value(self, line_item: str, segment: str, year: int) -> int | Decimal:
        fact = self.values.get((line_item, segment, year))
        if fact is None:
            self.year(year)
            if segment in self.regions:
                raise Miss(
                    f"{segment!r} is a geographic region, not a segment: no {line_item!r} for it in "
                    f"{year}; segments: {listing(self._segments())}"
                )
            raise Miss(f"no value for {line_item!r}, {segment!r}, {year}")
        return fact.value

    def total(self, line_item: str, year: int) -> int | Decimal:
        """The reported total; the sum of the segment columns when no total is reported."""
        self.year(year)
        rows = [f for f in self.facts if f.line_item == line_item and year_of(f.period) == year]
        if not rows:
            raise Miss(f"no value for {line_item!r} in {year}")
        for fact in rows:
            if is_total(fact):
                return fact.value
        table = rows[0].table
        return sum((f.value for f in rows if f.table == table), 0)

    def reconciliation(self, year: int) -> list[list[object]]:
        """Rows from total segment profit down to net income or loss (ASC 280-10-50-30b)."""
        self.year(year)
        profit = self.profit_item()
        column = [f for f in self.facts if is_total(f) and year_of(f.period) == year]
        start = next((i for i, f in enumerate(column) if f.line_item == profit), None)
        if start is None:
            raise Miss(f"no total segment profit or loss for {year}")
        rows: list[list[object]] = []
        for fact in column[start:]:
            if fact.table != column[start].table and "reconcil" not in self._table_text(fact):
                break
            rows.append([fact.label or fact.line_item, fact.value])
            if LineKind.NET_INCOME in (classify(fact.line_item).kind, classify(fact.label).kind):
                break
        return rows

    def _table_text(self, fact: Fact) -> str:
        for table in self.note.tables:
            if fact.table in (table.id, table.name):
                return name_key(f"{table.name} {table.title}")
        return ""

    # -- tables ----------------------------------------------------------------------------
    def table_facts(self, name: object, year: int) -> list[Fact]:
        """Facts of the table named by id ("T1"), name or title, for one year."""
        self.year(year)
        wanted = name_key(name)
        currency = self.note.presentation_currency
        groups = [
            list(t.cells.values())
            for t in self.note.tables
            if wanted in (name_key(t.id), name_key(t.name), name_key(t.title))
        ] or [[f for f in self.facts if name_key(f.table) == wanted]]
        # Several tables may share a name (one per year): the first with data for the year.
        for facts in groups:
            found = [
                f for f in facts if (not currency or f.currency == currency) and year_of(f.period) == year
            ]
            if found:
                return found
        tables = [f"{t.id} {t.name}" for t in self.note.tables] or {f.table for f in self.facts}
        raise Miss(f"table {str(name)!r} has nothing for {year}; have: {listing(tables)}")

    def check_result(self):
        """The core's check of this note at the workbook's rate, computed once."""
        if self._check is None or (self.rate is not None and self._checked_at != self.rate):
            if self.checker is None:
                from xlsegment.api import check

                self.checker = check
            self._check = self.checker(self.note, self.rate)
            self._checked_at = self.rate
        return self._check


def _add_name(names: dict[str, str], name: str, target: str) -> None:
    if name:
        names.setdefault(name_key(name), target)
        names.setdefault(loose_key(name), target)


def grid(facts: list[Fact]) -> tuple[list[str], list[str], dict[tuple[str, str], Fact]]:
    """Rows (line items) and columns (segments) in the note's order, and the cells."""
    rows = list(dict.fromkeys(f.line_item for f in facts))
    columns = list(dict.fromkeys(f.segment for f in facts))
    cells: dict[tuple[str, str], Fact] = {}
    for fact in facts:
        cells.setdefault((fact.line_item, fact.segment), fact)
    return rows, columns, cells
