"""The cells of one tidy row, read with the rules of docs/tidy-format.md: each fault is one
line that names the file and line (or the sheet and cell) and the column."""

from __future__ import annotations

import difflib
import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from xlsegment import currency, limits
from xlsegment.errors import InputError
from xlsegment.model import TIDY_COLUMNS, UNITS, Origin, Role, Severity
from xlsegment.numbers import Cell, exact_value

REQUIRED = TIDY_COLUMNS[:6]  # table, period, line, segment, currency, value
# One value for the whole note; convenience_unit: the translated figures' scale where it is
# not the note's unit (US$ thousands beside won millions).
NOTE_COLUMNS = ("unit", "rate", "rate_source", "origin", "convenience_unit")
# Where each fact sat in its table. The workbook's Data table carries these as well.
LAYOUT_COLUMNS = (
    "layout_table",
    "layout_row",
    "layout_col",
    "layout_row_label",
    "layout_row_line",
    "layout_section",
    "layout_block",
    "layout_row_role",
    "layout_row_period",
    "layout_row_segment",
    "layout_row_guessed",
    "layout_row_measure",
    "layout_col_label",
    "layout_col_segment",
    "layout_col_currency",
    "layout_col_period",
    "layout_col_role",
    "layout_col_measure",
)
TABLE_COLUMNS = (
    "layout_table_title",
    "layout_table_period_words",
    "layout_table_first_line",
    "layout_table_last_line",
)
# What the reader of the original noticed: a finding row, not a fact.
FINDING_COLUMNS = ("finding", "severity", "message", "expected", "actual")
SOURCE_COLUMNS = ("sheet", "cell")  # read when present, for facts taken from a workbook
CSV_COLUMNS = TIDY_COLUMNS + NOTE_COLUMNS + LAYOUT_COLUMNS + TABLE_COLUMNS + FINDING_COLUMNS
KNOWN = frozenset(CSV_COLUMNS + SOURCE_COLUMNS)

_ROLES = {r.value: r for r in Role}
# Excel's largest number is whole: a whole number within it passes every test of
# limits.amount, so the common cell is bounded by one comparison.
_LARGEST = int(limits.EXCEL_LARGEST)

CellOf = Callable[[int, str], str | None]  # (line, column) -> "Data!F7", for workbook rows


_NONE = type(None)
# Cell types whose equal values (of one type) read alike by every rule below: rows whose
# cells of these types are equal may share what the first of them read.
_PLAIN = frozenset({str, int, float, bool, _NONE})


@functools.lru_cache(maxsize=64)
def _getter(columns: tuple[str, ...]) -> Callable:
    return operator.itemgetter(*columns)


def column_name(name: object) -> str:
    """Header names are matched without case or surrounding blanks ("Value " is value)."""
    return str(name).strip().lower() if name is not None else ""


def check_header(header: Sequence[str], name: str, line: int = 1, cell_of: CellOf | None = None) -> None:
    """The header has every required column once; a near miss of a known column is refused."""
    at = RowCells({}, line, name, cell_of)
    seen: set[str] = set()
    for col in header:
        if col and col in seen:
            raise at.fail(col, "appears twice in the header")
        seen.add(col)
    missing = [c for c in REQUIRED if c not in seen]
    if missing:
        hint = ""
        if len(header) == 1 and ";" in header[0]:
            hint = "; the file is separated by ';': save it as 'CSV UTF-8 (comma delimited)'"
        raise InputError(
            name, line, f"missing column(s) {', '.join(missing)} (required: {', '.join(REQUIRED)}){hint}"
        )
    for col in header:
        close = [] if col in KNOWN else difflib.get_close_matches(col, sorted(KNOWN), n=1, cutoff=0.85)
        if close:
            raise at.fail(col, f"is no tidy column; did you mean '{close[0]}'?")


class RowCells:
    """The cells of one row, each read as the type its column needs."""

    def __init__(self, rec: Mapping, line: int, name: str, cell_of: CellOf | None = None):
        self.rec, self.line, self.name, self.cell_of = rec, line, name, cell_of

    def fail(self, column: str, message: str) -> InputError:
        """One line naming the row (or cell) and the column: "f.csv:7: column 'value' is empty"."""
        cell = self.cell_of(self.line, column) if self.cell_of else None
        joint = " " if message.startswith(("is ", "appears ")) else ": "
        text = f"column '{column}'{joint}{message}"
        return InputError(self.name, None if cell else self.line, text, cell=cell)

    def has(self, column: str) -> bool:
        return column in self.rec

    def raw(self, columns: Sequence[str]) -> tuple | None:
        """The cells of ``columns`` as typed, as a key: a row with an equal key reads them
        alike (a big Data table repeats each table row's layout in every column, and each
        column's in every row). None when a cell is of a type that would not."""
        if len(columns) == 1:  # one cell (a currency, a role): no tuples to build
            v = self.rec.get(columns[0])
            if v is None:
                return None, columns[0] in self.rec
            return (v, type(v)) if type(v) in _PLAIN else None
        try:  # every cell present, as in a workbook's rows: one C call
            values, present = _getter(columns)(self.rec), True
        except KeyError:
            values, present = tuple(map(self.rec.get, columns)), False
        types = tuple(map(type, values))
        if not _PLAIN.issuperset(types):
            return None
        if _NONE in types and not present:  # blank or absent: ``has`` tells them apart
            return values, types, tuple(map(self.rec.__contains__, columns))
        return values, types

    def text(self, column: str, strip: bool = True) -> str:
        """The cell as text; ``strip=False`` keeps the blanks of a layout text as written."""
        v = self.rec.get(column)
        if type(v) is str:  # most cells: one test, not five (a big Data table reads 1M)
            return v.strip() if strip else v
        if v is None or (isinstance(v, float) and v != v):  # blank, or NaN from pandas
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))  # a period typed as 2024 comes back from Excel as 2024.0
        return str(v).strip() if strip else str(v)

    def required(self, column: str) -> str:
        text = self.text(column)
        if not text:
            raise self.fail(column, "is empty")
        return text

    def period(self, column: str) -> str:
        text = self.text(column)
        return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text

    def currency(self) -> str:
        text = self.required("currency")
        found = currency.code(text)  # "RMB" and "US$" are the filers' marks for CNY and USD
        if found is not None:
            return found
        text = text.upper()
        if len(text) != 3 or not text.isalpha():
            raise self.fail("currency", f"{text!r} is not a three-letter currency code (CNY, USD, EUR)")
        return text

    def value(self) -> Cell:
        try:
            cell = exact_value(self.rec.get("value"))
        except ValueError as e:
            raise self.fail("value", f"{self.rec.get('value')!r} {e}") from None
        if cell is None:
            raise self.fail("value", "is empty; write 0 or — for a nil figure")
        if type(cell.value) is int and -_LARGEST <= cell.value <= _LARGEST:
            return cell
        try:  # within Excel's range and at most 20 decimals: the one bound of every reader
            limits.amount(cell.value, self.name)
        except InputError as e:
            raise self.fail("value", e.reason) from None
        return cell

    def amount(self, column: str):
        """An optional figure (a finding's expected or actual): int, Decimal or None."""
        try:
            cell = exact_value(self.rec.get(column))
        except ValueError as e:
            raise self.fail(column, f"{self.rec.get(column)!r} {e}") from None
        return None if cell is None else cell.value

    def whole(self, column: str, positive: bool = False) -> int | None:
        v = self.rec.get(column)
        if type(v) is int and (v >= 1 or not positive):
            return v  # most cells: a workbook's whole number, read as it is
        text = self.text(column)
        if not text:
            return None
        if text.isascii() and text.isdigit() and (not positive or int(text) >= 1):
            return int(text)  # a CSV's, as Decimal reads it below
        try:
            d = Decimal(text)
        except InvalidOperation:
            d = None
        if d is None or not d.is_finite() or d != d.to_integral_value() or (positive and d < 1):
            kind = "a whole number from 1" if positive else "a whole number"
            raise self.fail(column, f"{text!r} is not {kind}")
        return int(d)

    def decimals(self, shown: Cell) -> int:
        stated = self.rec.get("decimals")
        if type(stated) is not int or not limits.DECIMALS_LOWEST <= stated <= limits.DECIMALS_HIGHEST:
            try:  # a whole number from -20 to 20: the one bound of every reader
                stated = limits.decimals(stated, self.name)
            except InputError as e:
                raise self.fail("decimals", e.reason) from None
        if stated is None:
            return shown.decimals
        if stated < shown.decimals and not _exact_at(shown.value, stated):
            # "513000" with decimals -3 is exact to the thousand (a table restated from
            # millions); "1234.5" with decimals 0 shows a digit its precision denies.
            raise self.fail(
                "decimals", f"{stated}, but the value {self.text('value')} shows {shown.decimals} decimals"
            )
        return stated

    def role(self, column: str, default: Role) -> Role:
        text = self.text(column).lower()
        if not text:
            return default
        if text in _ROLES:
            return _ROLES[text]  # Role(text) by a lookup: a big note reads three per row
        try:
            return Role(text)
        except ValueError:
            raise self.fail(column, f"{text!r} is not a role ({', '.join(r.value for r in Role)})") from None

    def flag(self, column: str, default: bool = True) -> bool:
        v = self.rec.get(column)
        if isinstance(v, bool):
            return v
        text = self.text(column).lower()
        if text == "":
            return default
        if text in ("true", "yes", "1"):
            return True
        if text in ("false", "no", "0"):
            return False
        raise self.fail(column, f"{text!r} is not true or false")

    def severity(self) -> Severity:
        text = self.required("severity").lower()
        try:
            return Severity(text)
        except ValueError:
            raise self.fail("severity", f"{text!r} is not error, warning or info") from None

    def unit(self, column: str = "unit") -> str:
        text = self.text(column).lower()
        if text and text not in UNITS:
            raise self.fail(column, f"{text!r} is not one of {', '.join(UNITS)}")
        return text

    def origin(self) -> str:
        text = self.text("origin").lower()
        if text and text not in {str(o) for o in Origin}:
            raise self.fail("origin", f"{text!r} is not one of {', '.join(str(o) for o in Origin)}")
        return text

    def rate(self) -> Decimal | None:
        text = self.text("rate")
        if not text:
            return None
        try:
            rate = Decimal(text)
        except InvalidOperation:
            rate = None
        if rate is None or not rate.is_finite() or rate <= 0:
            raise self.fail("rate", f"{text!r} is not a positive number")
        return rate


def _exact_at(value, decimals: int) -> bool:
    """The value has no digit below its stated precision."""
    exact = Decimal(value)
    return exact == exact.scaleb(decimals).to_integral_value().scaleb(-decimals)
