"""Turn what Excel sends into lookup keys: periods, names, amounts and rates.

Excel passes every number as a float (2024 arrives as 2024.0), dates as datetimes or serial
numbers, and text as typed. These helpers normalise all of it once, so the index can answer
with plain dictionary look-ups.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from xlsegment import durations, labels, limits
from xlsegment.errors import InputError

_YEAR = re.compile(r"(?<!\d)(1[89]\d{2}|2[01]\d{2})(?!\d)")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Excel's day zero: serial 1 is 1900-01-01, but Excel counts a fictitious 1900-02-29, so
# serials from 61 on are off by one day against the proleptic calendar.
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class QueryError(ValueError):
    """An argument that cannot be read; the message goes into the cell as it is."""


@lru_cache(maxsize=16384)
def _name_key(text: str) -> str:
    return " ".join(text.casefold().split())


def name_key(text: object) -> str:
    """Case- and spacing-insensitive key: "Segment  Profit (Loss)" -> "segment profit (loss)".
    Cached: a call keys the same few names several times over."""
    return _name_key(text if type(text) is str else str(text))


def loose_key(text: object) -> str:
    """Key that also ignores punctuation: "Segment profit (loss)" -> "segment profit loss"."""
    return _NON_WORD.sub(" ", str(text).casefold()).strip()


def year_of(label: str) -> int | None:
    """The fiscal year a period label names ("FY2024", "2024-12-31", "Year ended ... 2024")."""
    found = _YEAR.findall(label)
    return int(found[-1]) if found else None


@dataclass(frozen=True)
class PeriodAsked:
    """A period argument as asked: the fiscal year the note calls it by, and the interim
    duration where one is asked ("Q2 2025" and "3M 2025" are three months, "H1 2025" and
    "6M 2025" six); ``None`` asks for the year itself (or a balance at its end)."""

    year: int
    duration: str | None
    text: str
    fiscal: bool = False  # asked by the filer's fiscal-year name ("FY2024", "fiscal 2024")
    part: str | None = None  # the quarter or half asked by its number: "Q2", "H1"
    date: dt.date | None = None  # the day the period ends, where a whole date is asked


# "Q2 2025", "2025 Q2", "Q2-25" is not a year: quarters and halves with a four-digit year.
_QUARTER = re.compile(r"\bQ[1-4]\b|\b[1-4]Q\b", re.IGNORECASE)
_HALF = re.compile(r"\bH[12]\b|\b[12]H\b", re.IGNORECASE)
_MONTHS_MARK = re.compile(r"\b(3|6|9)\s*M\b", re.IGNORECASE)
# "FY2024", "2024FY", "Fiscal2024", "fiscal 2024": asked by the fiscal-year name; a text
# that names a month ("fiscal year ended February 3, 2024") asks for that date instead.
_FISCAL = re.compile(r"FY|fiscal", re.IGNORECASE)
_MONTH = re.compile(r"\b(?:" + labels.MONTHS + r")\b", re.IGNORECASE)
_FY_SHORT = re.compile(r"^\s*FY\s*'?(\d{2})\s*$", re.IGNORECASE)  # "FY25", "FY '25"


def period_asked(value: object) -> PeriodAsked:
    """The period a function argument asks for: 2024, "FY2024", "2024-12-31", a date, an
    Excel date serial, or an interim period ("Q2 2025", "H1 2025", "6M 2025", "Six months
    ended June 30, 2025")."""
    year = period_year(value)
    text = value if isinstance(value, str) else ""
    fiscal = bool(_FISCAL.search(text)) and not _MONTH.search(text)
    return PeriodAsked(year, _duration_asked(text), str(value), fiscal, _part_asked(text), _date_asked(value))


def _part_asked(text: str) -> str | None:
    """ "Q2" of "Q2 2025" or "2Q 2025", "H1" of "H1 2025": which quarter or half."""
    for pattern, letter in ((_QUARTER, "Q"), (_HALF, "H")):
        found = pattern.search(text)
        if found:
            return letter + next(ch for ch in found.group(0) if ch.isdigit())
    return None


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _date_asked(value: object) -> dt.date | None:
    """The whole date an argument names: a date, an Excel date serial, "2024-12-31" or
    "June 30, 2025" (also inside "Six months ended June 30, 2025"); None for a year."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _serial_date(value)
    if not isinstance(value, str):
        return None
    iso, words = _ISO_DATE.match(value), durations.MONTH_DAY.search(value)
    try:
        if iso is not None:
            return dt.date(*(int(g) for g in iso.groups()))
        if words is not None and words["year"]:
            return dt.date(int(words["year"]), durations.month_number(words["month"]), int(words["day"]))
    except ValueError:
        pass
    return None


def _duration_asked(text: str) -> str | None:
    if not text:
        return None
    if _QUARTER.search(text):
        return "3M"
    if _HALF.search(text):
        return "6M"
    mark = _MONTHS_MARK.search(text)
    if mark:
        return f"{mark.group(1)}M"
    return durations.duration_of(text)


def period_year(value: object) -> int:
    """Year asked for by a period argument: 2024, 2024.0, "FY2024", "2024-12-31", a date.

    A number above 9999 is an Excel date serial (a cell formatted as a date that reached
    Python as a plain number).
    """
    if isinstance(value, bool) or value is None or value == "":
        raise QueryError("period missing: give a year such as 2024 or FY2024")
    if isinstance(value, dt.datetime | dt.date):
        return value.year
    if isinstance(value, int | float | Decimal):
        if value != int(value):
            raise QueryError(f"period {value} is not a year")
        number = int(value)
        if 1800 <= number <= 2199:
            return number
        if (serial := _serial_date(number)) is not None:
            return serial.year
        raise QueryError(f"period {number} is not a year")
    year = year_of(str(value))
    short = _FY_SHORT.match(str(value))
    if year is None and short:
        return 2000 + int(short.group(1))  # "FY25" is fiscal 2025
    if year is None:
        raise QueryError(f"period {str(value)!r} names no year")
    return year


def _serial_date(number) -> dt.date | None:
    """The date an Excel date serial stands for (a cell formatted as a date that reached
    Python as a plain number); None for a number no serial is."""
    if 10000 <= number < 2958466:  # Excel's largest serial is 9999-12-31
        return _EXCEL_EPOCH + dt.timedelta(days=int(number))
    return None


def amount(value: object) -> int | Decimal:
    """An amount from Excel as an exact number: 111714.0 -> 111714, 0.1 -> Decimal("0.1")."""
    if isinstance(value, bool) or value is None or value == "":
        raise QueryError("amount missing")
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, float):
        # repr() is the shortest text that round-trips: the number the user typed.
        exact = Decimal(repr(value))
    else:
        try:
            exact = Decimal(str(value).replace(",", "").strip())
        except ArithmeticError:
            raise QueryError(f"amount {str(value)!r} is not a number") from None
    if not exact.is_finite():
        raise QueryError(f"amount {value} is not a number")
    return int(exact) if exact == exact.to_integral_value() else exact


def rate(value: object) -> Decimal:
    """A positive exchange rate that Excel can hold, as a Decimal, from a float, int or text."""
    try:
        return limits.rate(value, "rate")
    except InputError as exc:
        raise QueryError(exc.reason) from None
