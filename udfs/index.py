"""Answers for the UDFs: a note's facts indexed by line item, segment and year.

Built once per workbook (see ``cache``), then every UDF call is a few dictionary look-ups.
A miss raises :class:`Miss`, whose text names what was not found and what exists; the UDF
layer puts that text in the cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from xlsegment.model import Fact, Note
from xlsegment.readers.naming import title_segment
from xlsegment.vocabulary import LineKind, classify, is_sign_heading

from . import recon
from .facts import Miss, is_other_category, is_total, listing, regions_of
from .periods import Periods
from .query import loose_key, name_key, year_of
from .rows import labelled_rows, row_figure

# Names that ask for a measure by what it is rather than by the note's label: "Revenue"
# finds "Net sales" or "Total revenues". Only these generic names do; any other name must
# be the note's own label (or an earlier one), so "Operating income" never finds "Adjusted
# EBITDA" and "Long-lived assets" never finds "Total assets".
GENERIC_MEASURES = {
    "revenue": LineKind.REVENUE, "revenues": LineKind.REVENUE, "sales": LineKind.REVENUE,
    "net sales": LineKind.REVENUE, "total revenue": LineKind.REVENUE, "total revenues": LineKind.REVENUE,
    "net revenue": LineKind.REVENUE, "net revenues": LineKind.REVENUE, "total net sales": LineKind.REVENUE,
    "total net revenue": LineKind.REVENUE, "total net revenues": LineKind.REVENUE,
    "segment profit": LineKind.SEGMENT_PROFIT, "segment profit or loss": LineKind.SEGMENT_PROFIT,
    "segment profit loss": LineKind.SEGMENT_PROFIT,
    "assets": LineKind.ASSETS, "total assets": LineKind.ASSETS, "segment assets": LineKind.ASSETS,
    "depreciation and amortization": LineKind.DEPRECIATION, "capital expenditures": LineKind.CAPEX,
    "income before income taxes": LineKind.PRETAX_INCOME, "net income": LineKind.NET_INCOME,
}  # fmt: skip

# Lines of a kind that are another measure than its generic name asks for: long-lived
# assets (ASC 280-10-50-41) are not total assets (ASC 280-10-50-22).
_OTHER_MEASURE = {
    LineKind.ASSETS: re.compile(
        r"long[- ]lived|property|plant|equipment|non[- ]?current|right[- ]of[- ]use", re.IGNORECASE
    ),
    # A share of net income (to noncontrolling interests, to stockholders) is not net income.
    LineKind.NET_INCOME: re.compile(r"attributable|noncontrolling|non-controlling|minority", re.IGNORECASE),
    # Depreciation alone, or amortization alone, is half of "depreciation and amortization".
    LineKind.DEPRECIATION: re.compile(r"^(?!.*deprec)|^(?!.*amorti)", re.IGNORECASE),
}
_NEVER = re.compile(r"(?!)")

# Names of the entity's own column: its Total, as SEGPROFIT("Consolidated", 2024) asks.
_WHOLE_ENTITY = frozenset({"consolidated", "total company", "company total", "consolidated total", "group"})

_NOT_SEGMENTS = frozenset(
    {LineKind.CORPORATE, LineKind.ELIMINATION, LineKind.RECONCILING, LineKind.TOTAL, LineKind.SUBTOTAL,
     LineKind.INTERSEGMENT}
)  # fmt: skip

# The profit lines a note may state per segment instead of an operating profit, in the
# order they are taken as its measure of segment profit or loss.
_FALLBACK_PROFIT = (LineKind.PRETAX_INCOME, LineKind.NET_INCOME, LineKind.GROSS_PROFIT)


@dataclass
class Index(Periods):
    """Look-ups over one note, in its presentation currency."""

    note: Note
    facts: tuple[Fact, ...]  # presentation currency, in the note's order
    lines: dict[str, str]  # name key (canonical, label or alias) -> canonical line item
    segments: dict[str, str]  # name key -> segment as stated
    periods: tuple[str, ...]  # the note's period labels, in its order ("2024", "6M 2025")
    values: dict[tuple[str, str, str], Fact]
    checker: Callable[..., object] | None = None
    rate: Decimal | None = None  # the workbook's own rate (Settings), which wins
    regions: frozenset[str] = frozenset()  # geographic regions, named apart from segments
    # (line, segment, period) keys the note states with two different figures (two
    # "Eliminations" columns): asked for, either would be a guess.
    clashes: dict[tuple[str, str, str], tuple[Fact, ...]] = field(default_factory=dict)
    _check: object = field(default=None, repr=False)
    _checked_at: Decimal | None = field(default=None, repr=False)
    # Answers derived from the facts alone (lines of a kind, segments of a period, facts by
    # place), computed once per index: a recalculation asks them again and again.
    _memo: dict = field(default_factory=dict, repr=False)

    def memo(self, key: tuple, compute):
        """``compute()``, once per index and key."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def facts_of(self, line_item: str, period: str) -> list[Fact]:
        """The facts of one line item and period, in the note's order."""

        def build():
            out: dict = {}
            for f in self.facts:
                out.setdefault((f.line_item, f.period), []).append(f)
            return out

        return self.memo(("facts_of",), build).get((line_item, period), [])

    def facts_at(self, table: int, *, row: int | None = None, col: int | None = None) -> list[Fact]:
        """The facts of one table column (by row) or one table row (by column)."""

        def build():
            by_col: dict = {}
            by_row: dict = {}
            for f in self.facts:
                if f.at is not None:
                    by_col.setdefault((f.at.table, f.at.col), []).append(f)
                    by_row.setdefault((f.at.table, f.at.row), []).append(f)
            for group in by_col.values():
                group.sort(key=lambda f: f.at.row)
            for group in by_row.values():
                group.sort(key=lambda f: f.at.col)
            return by_col, by_row

        by_col, by_row = self.memo(("facts_at",), build)
        return by_col.get((table, col), []) if col is not None else by_row.get((table, row), [])

    @classmethod
    def from_note(cls, note: Note, checker: Callable[[Note], object] | None = None) -> Index:
        from xlsegment.model import Origin
        from xlsegment.pipeline import normalise, run

        # The note as the pipeline leaves it: from line-level data (prepare mode), with the
        # totals, segment profit and net income the workbook computes. A filing's note is
        # complete as read: its check waits for a function that asks for it (check_result),
        # so a first SEGVALUE on a big workbook does not relate every table first.
        result = run(note) if note.origin == Origin.DATA else None
        note = result.note if result is not None else normalise(note)
        currency = note.presentation_currency
        facts = tuple(f for f in note.facts if not currency or f.currency == currency)
        lines: dict[str, str] = {}
        segments: dict[str, str] = {}
        values: dict[tuple[str, str, str], Fact] = {}
        clashes: dict[tuple[str, str, str], tuple[Fact, ...]] = {}
        periods: dict[str, None] = {}
        named: tuple[set, set] = (set(), set())  # names added: adding one again changes nothing
        dated: dict[str, bool] = {}  # periods that name a year, read once each
        for fact in facts:
            for name in (fact.line_item, fact.label):
                _add_name(lines, name, fact.line_item, named[0])
            _add_name(segments, fact.segment, fact.segment, named[1])
            if fact.period not in dated:
                dated[fact.period] = year_of(fact.period) is not None
            if not dated[fact.period]:
                continue
            periods[fact.period] = None
            for line in (fact.line_item, _group_of(note, fact)):
                if line:
                    _add_name(lines, line, line, named[0])
                    _put(values, clashes, (line, fact.segment, fact.period), fact)
        for canonical, others in note.aliases.items():
            for name in (canonical, *others):
                _add_name(lines, name, canonical, named[0])
        index = cls(
            note,
            facts,
            lines,
            segments,
            tuple(periods),
            values,
            checker,
            regions=regions_of(facts),
            clashes=clashes,
        )
        if checker is None and result is not None:
            index._check = result  # checked already, at the note's own rate
        return index

    # -- names -----------------------------------------------------------------------------
    def line_item(self, name: object) -> str:
        """The line item a name asks for: by its label, an earlier label or an alias; else
        by what it is ("Revenue" finds "Net sales" and "Total revenues": the first line of
        that kind the note states for the whole entity)."""
        found = self._labelled(name)
        if found is None and loose_key(name) in GENERIC_MEASURES:
            found = self._line_of_kind(GENERIC_MEASURES[loose_key(name)])
        if found is None:
            raise Miss(f"line item {str(name)!r} not found; have: {listing(self._items())}")
        return found

    def _labelled(self, name: object) -> str | None:
        """The line item a name is a label (or an earlier label, or an alias) of."""
        return self.lines.get(name_key(name)) or self.lines.get(loose_key(name))

    def _line_of_kind(self, kind: LineKind) -> str | None:
        return self.memo(("line of kind", kind), lambda: self._find_line_of_kind(kind))

    def _find_line_of_kind(self, kind: LineKind) -> str | None:
        if kind in (LineKind.UNKNOWN, LineKind.TOTAL, LineKind.SUBTOTAL, LineKind.PERCENT):
            return None
        lines = [line for line in self.lines_of(kind) if not _OTHER_MEASURE.get(kind, _NEVER).search(line)]
        # The entity's own total ("Total") first, then any figure of the entity as a whole,
        # before a total of the reportable segments only.
        consolidated = [
            line for line in lines if any(f.line_item == line and f.segment == "Total" for f in self.facts)
        ]
        whole = [line for line in lines if any(f.line_item == line and _entity(f) for f in self.facts)]
        found = consolidated or whole or lines
        # A line the segments state comes before one of a geographic table only (Intel's
        # "Net revenue" by segment before its "Revenue" by region).
        segmental = [line for line in found if self._by_segment(line)]
        found = segmental + [line for line in found if line not in segmental]
        # A line named by a generic name of the kind ("Total revenues") is the measure itself;
        # a line that is only of the kind ("Total gross premiums") is one of its parts.
        named = [line for line in found if GENERIC_MEASURES.get(loose_key(line)) == kind]
        return (named or found or [None])[0]

    def _by_segment(self, line: str) -> bool:
        """Some reportable segment states the line (in any period)."""
        return any(f.line_item == line and f.segment in self.reportable(f.period) for f in self.facts)

    def segment(self, name: object) -> str:
        found = self.segments.get(name_key(name)) or self.segments.get(loose_key(name))
        if found is None and loose_key(name) in _WHOLE_ENTITY and "total" in self.segments:
            found = "Total"  # the entity's column, whatever the note heads it
        single = self.single_segment()
        if single == "" and self._labelled(name) is not None and name_key(name):
            raise Miss(f"{str(name)!r} is a line item of the note, not its segment (which has no name)")
        if single == "" or (single is not None and name_key(name) in (name_key(single), "")):
            # The figures of a single-segment note are stated for no segment, or for the
            # one its lead-in names ("for our Primary segment:").
            return single if single and single in self.segments.values() else ""
        if found is None:
            have = [single] if single else [x for x in self._segments() if x]
            raise Miss(f"segment {str(name)!r} not found; have: {listing(have)}")
        return found

    def single_segment(self) -> str | None:
        """The name of the one reportable segment of a note whose figures name no segment:
        a single-segment entity's table (ASU 2023-07 requires its segment disclosures too).
        The name is the one its lead-in gives ("... performance of the Payment Solutions
        segment"; "the Company's single operating segment"); where it gives none, "" and
        any name asks for that one segment, since there is no other to tell it from. None
        where the note names segments."""
        return self.memo(("single",), self._single_segment)

    def _single_segment(self) -> str | None:
        named = {f.segment for f in self.facts} - {"", "Total"}
        if not self.facts or len(named) > 1:
            return None
        titled = [found for table in self.note.tables if (found := title_segment(table.title))]
        if named:
            # The reader gave the lead-in's one segment to every row ("for our Primary
            # segment:"): still a single-segment note.
            return named.pop() if set(titled) == named else None
        return titled[0] if titled else ""  # "our single operating segment" names none

    def _segments(self) -> list[str]:
        """The segments (and their Total) in the note's order; regions are not segments."""
        return [s for s in dict.fromkeys(f.segment for f in self.facts) if s not in self.regions]

    def reportable(self, period: str, lines: list[str] | None = None) -> set[str]:
        key = ("reportable", period, tuple(lines) if lines else None)
        return self.memo(key, lambda: self._reportable(period, lines))

    def _reportable(self, period: str, lines: list[str] | None) -> set[str]:
        return self.memo(("stating", period), lambda: self._stating(period)) - self.subtotals(period, lines)

    def _stating(self, period: str) -> set[str]:
        """The segments of a period: those that state revenue and a profit figure, as a
        reportable segment does (ASC 280-10-50-22); a column or row that states only a
        profit figure ("Alphabet-level activities") reconciles, a product line that states
        only revenue is no segment, and one that totals other segments of ``lines`` ("Optum"
        over its three) is a subtotal."""
        stated: dict[str, set[LineKind]] = {}
        for f in self.facts:
            if f.period == period and not _entity(f) and f.segment not in self.regions:
                stated.setdefault(f.segment, set()).add(classify(f.line_item).kind)
        profit = {LineKind.SEGMENT_PROFIT, *_FALLBACK_PROFIT}
        both = {s for s, kinds in stated.items() if LineKind.REVENUE in kinds and kinds & profit}
        # A column named as a category beside the segments is none ("Corporate", "All
        # Other", "Eliminations", "Unallocated"); a name that merely reads like a line
        # item ("Bottling Investments") is a segment's.
        named = {s for s in stated if classify(s).kind not in _NOT_SEGMENTS and not is_other_category(s)}
        return (both or set(stated)) & named

    def subtotals(self, period: str, lines: list[str] | None = None) -> set[str]:
        key = ("subtotals", period, tuple(lines) if lines else None)
        return self.memo(key, lambda: self._subtotals(period, lines))

    def _subtotals(self, period: str, lines: list[str] | None) -> set[str]:
        """Segment columns or rows the checks found to be the sum of other segments (of
        ``lines`` only, where given)."""
        result = self.check_result()
        return {
            r.total.segment
            for r in getattr(result, "relations", ())
            if r.total.period == period
            and r.total.segment
            and not _entity(r.total)
            and (lines is None or r.total.line_item in lines)
            and len({p.segment for _, p in r.parts} - {r.total.segment}) >= 2
            # A segment that totals its own products under its heading ("Client Computing"
            # over Desktop, Notebook, Other) is a segment, not a subtotal of segments.
            and not all(_group_of(self.note, p) == r.total.segment for _, p in r.parts)
        }

    def _items(self) -> list[str]:
        return self.memo(("items",), lambda: list(dict.fromkeys(f.line_item for f in self.facts)))

    def profit_items(self) -> list[str]:
        return self.memo(("profit items",), self._profit_items)

    def _profit_items(self) -> list[str]:
        """The segment profit or loss lines (ASC 280-10-50-22, IFRS 8.23): operating
        profit lines, those that say "segment" first ("Segment operating loss" before "Loss
        from operations"); where no segment's figures state one, the profit line the
        segments' figures do state, the nearest to operating profit first (income before
        tax, net income, gross profit)."""
        if self.single_segment() is not None:
            return self._single_profit_items()
        lines = self.lines_of(LineKind.SEGMENT_PROFIT)
        named = [line for line in lines if "segment" in name_key(line)]
        found = named + [line for line in lines if line not in named]
        stated = {f.line_item for f in self.facts if not _entity(f) and f.segment not in self.regions}
        if any(line in stated for line in found):
            return found
        for kind in _FALLBACK_PROFIT:
            by_segment = [line for line in self.lines_of(kind) if line in stated]
            if by_segment:
                return found + by_segment
        return found

    def _single_profit_items(self) -> list[str]:
        """A single segment's profit lines, the last first: its table of significant
        expenses runs from revenue down to the measure of profit the CODM uses (ASU 2023-07),
        most often consolidated net income, so the measure is the last
        profit line stated ("Net income" after "Operating income")."""
        kinds = {LineKind.SEGMENT_PROFIT, *_FALLBACK_PROFIT} - {LineKind.GROSS_PROFIT}
        lines = [line for kind in kinds for line in self.lines_of(kind)]
        return sorted(set(lines), key=self._items().index, reverse=True)

    def profit_item(self) -> str:
        return (self.profit_items() or [self._none("segment profit or loss")])[0]

    def profit(self, segment: str, period: str, measure: object = None) -> int | Decimal:
        """A segment's profit or loss as the note states it: the measure named, else the
        first profit line stated for that segment (its Total: the segments' total)."""
        if measure is not None and measure != "":
            return self.value(self.line_item(measure), segment, period)
        for line in self.profit_items():
            if (fact := self._stated(line, segment, period)) is not None:
                return fact.value
        return self.value(self.profit_item(), segment, period)

    def revenue_item(self) -> str:
        return (self.lines_of(LineKind.REVENUE) or [self._none("revenue")])[0]

    def revenue(self, segment: str, period: str) -> int | Decimal:
        """A segment's revenue: its total revenue where the note breaks it down (the last
        revenue total stated for it: "Total revenues" after "Premiums", "Products" and
        "Services"), else the one revenue line stated for it."""
        stated = [line for line in self.lines_of(LineKind.REVENUE) if self._stated(line, segment, period)]
        totals = [line for line in stated if classify(line).closes]
        for line in [*totals[-1:], *stated]:
            return self._stated(line, segment, period).value
        return self.value(self.revenue_item(), segment, period)

    def lines_of(self, kind: LineKind) -> list[str]:
        """The line items of a kind, by their name or any of their labels, in note order."""

        def build():
            kinds: dict[str, set[LineKind]] = {}
            for f in self.facts:
                found = kinds.setdefault(f.line_item, {classify(f.line_item).kind})
                found.add(classify(f.label).kind)
            return kinds

        kinds = self.memo(("kinds",), build)
        return [item for item in self._items() if kind in kinds.get(item, ())]

    def _none(self, what: str) -> str:
        raise Miss(f"no {what} line in the data; have: {listing(self._items())}")

    # -- values ----------------------------------------------------------------------------
    def _stated(self, line_item: str, segment: str, period: str) -> Fact | None:
        """The figure stated for a line, segment and period; a single segment's figure may
        sit in its table's total row (the reader names a closing row "Total")."""
        key = (line_item, segment, period)
        if key in self.clashes:
            stated = self.clashes[key]
            shown = listing(f"{f.value:,} ({self._place(f)})" for f in stated)
            raise Miss(f"{line_item!r} of {segment!r} in {period} is stated {len(stated)} times: {shown}")
        fact = self.values.get(key)
        if fact is None and self.single_segment() is not None and segment in ("", self.single_segment()):
            fact = self.values.get((line_item, "Total", period))
        return fact

    def _place(self, fact: Fact) -> str:
        """Where a figure stands, for an error: its row's block heading or label, and table."""
        at = fact.at
        if at is None:
            return fact.table
        row = self.note.tables[at.table].rows[at.row]
        return f"{row.block or _group_of(self.note, fact) or row.label}, {self.note.tables[at.table].id}"

    def value(self, line_item: str, segment: str, period: str) -> int | Decimal:
        fact = self._stated(line_item, segment, period)
        if fact is not None:
            return fact.value
        if segment in self.regions:
            raise Miss(
                f"{segment!r} is a geographic region, not a segment: no {line_item!r} for it in "
                f"{period}; segments: {listing(self._segments())}"
            )
        raise Miss(f"no value for {line_item!r}, {segment!r}, {period}")

    def total(self, line_item: str, period: str) -> int | Decimal:
        """The consolidated figure of a line item as the note states it: its own Total
        (the consolidated column or row of that line), else the sum of every reportable
        segment's figure where the note states nothing else. A total of the reportable
        segments only, or figures of some segments, is no consolidated figure: an error."""
        rows = self.facts_of(line_item, period)
        if not rows:
            raise Miss(f"no value for {line_item!r} in {period}")
        own = (
            [f for f in rows if f.segment == "Total"]
            or [f for f in rows if _entity(f) and not recon.segments_total(f)]
            # An unnamed last column the checks found to total the others: the table's Total.
            or [f for f in rows if self._last_total_column(f)]
        )
        if own:
            return own[0].value
        stated = [f for f in rows if recon.segments_total(f)]
        if stated:
            # A total of the reportable segments only is no consolidated figure (Verizon's
            # "Total reportable segments" operating income is 31,077, the entity's 22,877).
            raise Miss(
                f"the note states no consolidated {line_item!r} for {period}, only the total of "
                f"the reportable segments ({stated[0].value:,}); its reconciliation: SEGRECON"
            )
        # Every reportable segment's figure and nothing else: their sum is the entity's
        # (ASC 280-10-50-30). Only some segments' figures: no consolidated figure.
        table = rows[0].table
        subtotals = self.subtotals(period, [line_item])
        parts = [f for f in rows if f.table == table and f.segment not in subtotals]
        # (Corporate beside them belongs to the entity too: their sum is still its figure.)
        reportable = self.reportable(period)
        if reportable and reportable <= {f.segment for f in parts}:
            return sum((f.value for f in parts), 0)
        raise Miss(
            f"the note states no consolidated {line_item!r} for {period}; it states it for "
            f"{listing(f.segment for f in rows)}"
        )

    def _last_total_column(self, fact: Fact) -> bool:
        at = fact.at
        if at is None or fact.segment not in self.subtotals(fact.period) or recon.segments_total(fact):
            return False
        return at.col == len(self.note.tables[at.table].columns) - 1

    def consolidated(self, name: object, period: str) -> int | Decimal:
        """SEGTOTAL: a line by its label is that line's consolidated figure (``total``); a
        measure by what it is ("Revenue", "Total assets") is the consolidated figure its
        reconciliation ends on ("Revenues", then "Hedging gains", then "Total revenues")."""
        named = self._rows_labelled(name, period)
        if named:
            return row_figure(named, self._owner)
        line = self.line_item(name)
        generic = self._labelled(name) is None
        if generic and GENERIC_MEASURES[loose_key(name)] == LineKind.SEGMENT_PROFIT:
            # The segments' profit, never the figure its reconciliation ends on (income
            # before tax is another measure).
            return self._segments_profit(period)
        if generic:
            rows = self.facts_of(line, period)
            if not rows:
                raise Miss(f"no value for {line!r} in {period}")
            if any(_entity(f) for f in rows):
                return recon.chain(self, period, line)[-1].value
        return self.total(line, period)

    def value_of(self, name: object, segment: object, period: str) -> int | Decimal:
        """SEGVALUE: a line of a segment; a row by its own label under the segment (or the
        group heading) asked; "Revenue" as SEGREVENUE reads it."""
        named = self._rows_labelled(name, period)
        if named:
            return row_figure(named, self._owner, self.segment(segment))
        if self._labelled(name) is None and GENERIC_MEASURES.get(loose_key(name)) == LineKind.REVENUE:
            return self.revenue(self.segment(segment), period)
        return self.value(self.line_item(name), self.segment(segment), period)

    def _rows_labelled(self, name: object, period: str) -> list[Fact]:
        """The figures of a period whose row ``name`` labels, where it is no line item
        (``rows.labelled_rows``), from an index of such labels built once."""
        by_label = self.memo(
            ("row labels",), lambda: labelled_rows(self.facts, {name_key(x) for x in self._items()})
        )
        return [f for f in by_label.get(name_key(name), ()) if f.period == period]

    def group(self, fact: Fact) -> str:
        """The heading a row stands under where it names a group of rows (``_group_of``)."""
        return _group_of(self.note, fact)

    def _owner(self, fact: Fact) -> str:
        """Whose a row's figure is beyond its own segment: the group heading it stands
        under, else the one segment its table's title names ("Revenue by major offerings
        in our Digital Media reportable segment")."""
        if (found := self.group(fact)) or fact.at is None:
            return found
        return title_segment(self.note.tables[fact.at.table].title) or ""

    def _segments_profit(self, period: str) -> int | Decimal:
        """The total of the reportable segments' profit (ASC 280-10-50-30(b)): the one
        segment's for a single-segment note, else where its reconciliation starts (a stated
        "Total reportable segments", or their sum), never a Total column that takes in
        Corporate and eliminations."""
        if self.single_segment() is not None:
            return self.profit("", period)
        return recon.chain(self, period)[0].value

    def reconciliation(self, period: str, measure: object = None) -> list[list[object]]:
        """SEGRECON: one measure's reconciliation (``recon.chain``), then a check row."""
        line = self.line_item(measure) if measure is not None and measure != "" else None
        steps = recon.chain(self, period, line)
        return [[s.label, s.value] for s in steps] + [recon.check_row(self, steps)]

    # -- tables ----------------------------------------------------------------------------
    def table_facts(self, name: object, period: str) -> list[Fact]:
        """Facts of the table named by id ("T1"), name or title, for one period."""
        wanted = name_key(name)
        currency = self.note.presentation_currency
        groups = [
            list(t.cells.values())
            for t in self.note.tables
            if wanted in (name_key(t.id), name_key(t.name), name_key(t.title))
        ] or [[f for f in self.facts if name_key(f.table) == wanted]]
        # Several tables may share a name (one per year): the first with data for the period.
        for facts in groups:
            found = [f for f in facts if (not currency or f.currency == currency) and f.period == period]
            if found:
                return found
        tables = [f"{t.id} {t.name}" for t in self.note.tables] or {f.table for f in self.facts}
        raise Miss(f"table {str(name)!r} has nothing for {period}; have: {listing(tables)}")

    def check_result(self):
        """The core's check of this note at the workbook's rate, computed once."""
        if self._check is None or (self.rate is not None and self._checked_at != self.rate):
            if self.checker is None:
                from xlsegment.api import check

                self.checker = check
            self._check = self.checker(self.note, self.rate)
            self._checked_at = self.rate
        return self._check


def _entity(fact: Fact) -> bool:
    """A figure of the entity as a whole: its Total, or a line stated for no segment."""
    return fact.segment in ("", "Total") or is_total(fact)


def _put(values: dict, clashes: dict, key: tuple[str, str, str], fact: Fact) -> None:
    """Index a figure by its key; a second figure under the same key is a clash."""
    first = values.setdefault(key, fact)
    if first.value != fact.value:
        clashes[key] = (*clashes.get(key, (first,)), fact)


def _group_of(note: Note, fact: Fact) -> str:
    """The heading a figure's row stands under where it names no measure but a group of
    rows: a product over its regions ("REMICADE" over "U.S.", "International"), so that
    SEGVALUE("REMICADE", "U.S.", 2024) finds the figure whose line item is only "Sales"."""
    at = fact.at
    if at is None or at.table >= len(note.tables):
        return ""
    section = note.tables[at.table].rows[at.row].section.strip(" :")
    if not section or classify(section).financial or is_sign_heading(section) or section == fact.segment:
        return ""
    return section


def _add_name(names: dict[str, str], name: str, target: str, added: set) -> None:
    """``name``'s keys for ``target``, unless they name a target already. ``added``: the
    names added to ``names`` so far, whose keys are taken (a big note repeats each name in
    thousands of figures)."""
    if name and name not in added:
        names.setdefault(name_key(name), target)
        names.setdefault(loose_key(name), target)
        added.add(name)


def grid(facts: list[Fact]) -> tuple[list[str], list[str], dict[tuple[str, str], Fact]]:
    """Rows (line items) and columns (segments) in the note's order, and the cells."""
    rows = list(dict.fromkeys(f.line_item for f in facts))
    columns = list(dict.fromkeys(f.segment for f in facts))
    cells: dict[tuple[str, str], Fact] = {}
    for fact in facts:
        cells.setdefault((fact.line_item, fact.segment), fact)
    return rows, columns, cells
