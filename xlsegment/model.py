"""Immutable records of a segment note: facts, tables, relations, findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import NamedTuple

Number = int | Decimal
# The scales a note is stated in (xlsegment.currency.SCALE_NAMES gives each its power of ten).
UNITS = ("units", "thousands", "ten thousands", "lakhs", "millions", "crores", "hundred millions", "billions")


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# The segments' total as a row states it above the reconciling items ("Total reportable
# segments", "Total segment assets"): a subtotal, never the entity's "Total".
SEGMENTS_TOTAL = "Total reportable segments"


class Role(enum.StrEnum):
    """What a column or a block of a schedule stands for."""

    SEGMENT = "segment"
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    CORPORATE = "corporate"
    ELIMINATION = "elimination"
    CONVENIENCE = "convenience"
    PERIOD = "period"


class Evidence(enum.StrEnum):
    """Why a relation is believed: what the note says, or only what the arithmetic says.

    A broken relation is an error only when the note asserts it (DECLARED) or when it
    holds in the other columns or periods of its table (CONFIRMED); a relation suggested by
    the arithmetic alone is never the basis of an error."""

    DECLARED = "declared"  # a labelled total or subtotal, the end of a reconciliation block
    CONFIRMED = "confirmed"  # holds in the table's other columns or periods
    SUGGESTED = "suggested"  # arithmetic only
    COMPUTED = "computed"  # prepare mode: the total is to be computed, not checked


class RelationKind(enum.StrEnum):
    CROSSFOOT = "crossfoot"  # columns add across to a total column
    FOOT = "foot"  # rows add down to a total row
    RECONCILIATION = "reconciliation"  # total segment profit + reconciling items = net income
    TIE = "tie"  # the same figure stated in two tables
    STACKED = "stacked"  # segment blocks add to a consolidated block


class Origin(enum.StrEnum):
    """What kind of source a note was read from: a filing states its totals, data may not."""

    FILING = "filing"  # filing text, HTML, inline XBRL: every total is as filed
    DATA = "data"  # tidy facts or a workbook's Data table: totals may be left to compute


class FactId(NamedTuple):
    """The stable identity of a fact: its table, row and column in the note (0-based).

    Facts, relations, findings and workbook cells are joined by it, never by object
    identity, so a fact copied with ``replace()`` is still the same fact."""

    table: int
    row: int
    col: int

    @property
    def table_id(self) -> str:
        return f"T{self.table + 1}"

    def __str__(self) -> str:
        return f"T{self.table + 1}:r{self.row + 1}:c{self.col + 1}"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure sits in what was read: a line of the note text, a cell of an HTML
    table (document table, row and column, 1-based), or a sheet and cell of a workbook."""

    file: str | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.sheet}!{self.cell}"
        if self.table is not None:
            return f"table {self.table}, row {self.row}, column {self.col}"
        if self.line is not None:
            return f"line {self.line}"
        return "computed"


@dataclass(frozen=True, slots=True)
class Tag:
    """The inline-XBRL tag a figure carries: what the filing itself says the figure is.

    ``value`` is the tagged value after ``scale`` and ``sign`` (the number the concept
    holds); ``dimensions`` are (axis, member) pairs of the context."""

    concept: str
    period: str  # "2024" for a duration or instant ending in 2024; the context's end date
    dimensions: tuple[tuple[str, str], ...] = ()
    decimals: int | None = None  # None: INF
    scale: int = 0
    sign: int = 1  # -1 where the tag says sign="-"
    value: Decimal | None = None
    context: str = ""
    unit: str = ""
    shown: str = ""  # the text of the tagged element as displayed
    start: str = ""  # ISO start date of a duration ("" for an instant)
    end: str = ""  # ISO end date of a duration, or the instant
    line: int | None = None  # the line of the filing the tag is on, where known

    def member(self, axis: str) -> str | None:
        return next((m for a, m in self.dimensions if a == axis), None)


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure of the note, in the note's unit (for example RMB thousands).

    `value` is exact: an int when shown without decimals, else a Decimal.
    `decimals` is the precision shown (0 for whole units), as XBRL's @decimals.
    """

    table: str
    period: str
    line_item: str
    segment: str
    currency: str
    value: Number
    decimals: int = 0
    source: Source = field(default_factory=Source)
    reported: bool = True
    label: str = ""
    role: Role = Role.SEGMENT
    at: FactId | None = None  # set when the note is normalised
    tag: Tag | None = None

    def replace(self, **changes) -> Fact:
        return replace(self, **changes)

    def identified(self, at: FactId) -> Fact:
        """The fact with its identity; a plain constructor call, since normalising calls
        this once for every fact of a note and ``replace()`` costs ten times as much."""
        if self.at == at:
            return self
        return Fact(
            self.table, self.period, self.line_item, self.segment, self.currency, self.value,
            self.decimals, self.source, self.reported, self.label, self.role, at, self.tag,
        )  # fmt: skip

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.table, self.period, self.line_item, self.segment, self.currency)


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    segment: str
    period: str
    currency: str
    role: Role = Role.SEGMENT
    measure: str = ""  # measures side by side: the line item the column holds (rows are segments)
    # A reconciliation laid out in columns: the adjustment or the adjusted basis ("Core
    # results") the column states the row's line item on (readers/columnkinds.reconciled_bases).
    basis: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    line_item: str
    line: int  # source line of the label
    section: str = ""  # heading above the row ("Less:", "Reconciliation of ...")
    block: str = ""  # stacked-block heading (a segment or a line item)
    period: str | None = None  # period named in the label ("... as of December 31, 2023")
    segment: str | None = None  # segment named by the row (stacked or segments-as-rows)
    role: Role = Role.SEGMENT
    guessed: bool = False  # its figures were placed in their columns by a guess nothing confirms
    measure: str = ""  # the line-item heading above a group heading ("Net sales" over "Americas")


@dataclass(frozen=True)
class Table:
    """One schedule as laid out in the note: rows by columns, each cell a fact or empty."""

    index: int
    name: str
    title: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    cells: dict[tuple[int, int], Fact]
    first_line: int = 0
    last_line: int = 0
    reading: str = ""  # the header rule that read its columns (readers/headerrules.py)
    # The words the header states over its years, without them ("Year ended December 31"):
    # with a column's year, its caption as the filing words it (readers/layout.period_words).
    period_words: str = ""

    @property
    def id(self) -> str:
        return f"T{self.index + 1}"

    def describe(self) -> str:
        # A table read from an HTML filing is found by its number there (--list-tables);
        # a whole filing often sits on a few long lines, so its lines would say nothing.
        numbers = sorted({f.source.table for f in self.cells.values() if f.source.table is not None})
        if numbers:
            return f"{self.id} {self.name} (table {', '.join(map(str, numbers))})"
        return f"{self.id} {self.name} (lines {self.first_line}-{self.last_line})"


@dataclass(frozen=True, slots=True)
class Relation:
    """A total and the signed parts it should equal."""

    kind: RelationKind
    table: str  # table id, e.g. "T1"
    total: Fact
    parts: tuple[tuple[int, Fact], ...]
    why: str = ""  # how it was found: the labels, or arithmetic
    rule: str = ""  # the relation rule that found it (xlsegment.relate.rules)
    evidence: Evidence = Evidence.SUGGESTED

    def describe(self) -> str:
        terms = " ".join(f"{'+' if sign > 0 else '-'} {p.line_item}/{p.segment}" for sign, p in self.parts)
        return f"{self.total.line_item}/{self.total.segment} = {terms.lstrip('+ ')}"

    @property
    def computed(self) -> bool:
        """The total is not reported: it is computed from the parts (prepare mode)."""
        return self.evidence == Evidence.COMPUTED


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of a check. Data problems are findings, never exceptions."""

    code: str
    severity: Severity
    message: str
    table: str = ""
    period: str = ""
    line_item: str = ""
    segment: str = ""
    source_line: int | None = None
    expected: Number | None = None
    actual: Number | None = None
    difference: Number | None = None
    tolerance: Number | None = None
    sheet: str | None = None
    cell: str | None = None
    related_lines: tuple[int, ...] = ()
    at: FactId | None = None  # the fact the finding is about
    related: tuple[FactId, ...] = ()  # the facts it was computed from

    def to_dict(self) -> dict:
        def num(v):
            if v is None:
                return None
            return int(v) if isinstance(v, int) or v == v.to_integral_value() else float(v)

        return {
            "code": self.code,
            "severity": str(self.severity),
            "table": self.table,
            "period": self.period,
            "line_item": self.line_item,
            "segment": self.segment,
            "source_line": self.source_line,
            "sheet": self.sheet,
            "cell": self.cell,
            "expected": num(self.expected),
            "actual": num(self.actual),
            "difference": num(self.difference),
            "tolerance": num(self.tolerance),
            "message": self.message,
            "related_lines": list(self.related_lines),
            "at": str(self.at) if self.at is not None else None,
        }


@dataclass(frozen=True)
class Note:
    """A parsed segment note: its tables, facts and what the reader noticed."""

    source: str
    tables: tuple[Table, ...]
    presentation_currency: str
    unit: str  # one of UNITS
    convenience_currency: str | None = None
    rate_note: str | None = None  # "Note 3"
    findings: tuple[Finding, ...] = ()  # reader findings (layout, labels, aliases)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    origin: Origin = Origin.FILING
    tags: tuple[Tag, ...] = ()  # every inline-XBRL fact of the filing, tagged cells or not
    stated_rate: Decimal | None = None  # the convenience rate the source states, if any
    # The scale of the translated figures where it differs from the note's ("US$ thousands"
    # beside won millions, "US$ million" beside ₹ crore); None: the note's unit.
    convenience_unit: str | None = None

    @property
    def facts(self) -> list[Fact]:
        return [f for t in self.tables for f in t.cells.values()]

    def to_frame(self):
        """The facts as a tidy pandas DataFrame (pandas is imported only here)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Note.to_frame needs pandas: pip install 'xlsegment[pandas]'") from None

        return pd.DataFrame(tidy_records(self.facts))


TIDY_COLUMNS = (
    "table",
    "period",
    "line",
    "segment",
    "currency",
    "value",
    "decimals",
    "role",
    "reported",
    "label",
    "source_line",
)


def tidy_records(facts) -> list[dict]:
    return [
        {
            "table": f.table,
            "period": f.period,
            "line": f.line_item,
            "segment": f.segment,
            "currency": f.currency,
            "value": f.value,
            "decimals": f.decimals,
            "role": str(f.role),
            "reported": f.reported,
            "label": f.label,
            "source_line": f.source.line if f.source.line is not None else "",
        }
        for f in facts
    ]
