"""Bounds on what a user may give: rates, decimals, note sizes and workbook packages.

Each bound is refused with one line that names where the value came from (``--rate``,
``Settings!B5``, ``Data!G7``, a file) and shows the value as it was typed. The numbers are
Excel's own where Excel has one: a workbook cannot hold a rate Excel cannot, and a note
that Excel would show differently must not be checked as something else.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal, InvalidOperation

from xlsegment.errors import InputError

# Excel's number range and precision (Excel specifications and limits).
EXCEL_LARGEST = Decimal("9.99999999999999E+307")
EXCEL_SMALLEST = Decimal("2.2250738585072E-308")  # smaller positive numbers become 0
EXCEL_DIGITS = 15
# A figure's stated precision: XBRL decimals of -20 (10^20 units) to 20 places covers every
# real filing; 10^9 would make one interval a billion digits long.
DECIMALS_LOWEST, DECIMALS_HIGHEST = -20, 20
# A segment note is some hundred kilobytes; a whole 10-K as text is a few megabytes.
NOTE_BYTES = 64 * 2**20
# A workbook package: what one part and all parts may inflate to, and by how much a part
# larger than RATIO_FROM may inflate (deflate rarely exceeds 20x on real sheets; a zip
# bomb reaches 1,000x).
PART_BYTES = 256 * 2**20
PACKAGE_BYTES = 512 * 2**20
PACKAGE_PARTS = 10_000
RATIO = 200
RATIO_FROM = 2**20
# A workbook file as stored: its parts inflate to no less than they are stored in, so a
# file larger than all its parts may inflate to cannot hold a package within the bounds
# above. It is refused by its size, before its central directory is read.
WORKBOOK_BYTES = PACKAGE_BYTES

_SHOWN = 40  # characters of a refused value shown in a message


def shown(value: object) -> str:
    """A value as a person typed it, for messages: text in quotes, dates as dates, numbers
    without a float's trailing ``.0``; never a Python repr."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, int | Decimal):
        text = str(value)
    else:
        text = str(value)
        text = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
        return f'"{text}"'
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _stripped(value: Decimal) -> tuple[int, int]:
    """(significant digits, exponent) without trailing zeros, computed exactly: normalize()
    would round to the context and overflow on exponents such as 10^9."""
    sign, digits, exponent = value.as_tuple()
    kept = len(digits)
    while kept > 1 and digits[kept - 1] == 0:
        kept -= 1
    return kept, exponent + (len(digits) - kept)


def _significant_digits(value: Decimal) -> int:
    return _stripped(value)[0]


def rate(value: object, where: str, what: str = "the rate") -> Decimal:
    """A convenience rate as an exact positive Decimal that Excel can hold.

    Text and Decimals are taken as written and refused beyond 15 significant digits; a
    float (what Excel hands over) is read through its shortest repr and rounded to Excel's
    15 digits, which is what Excel showed the user."""
    if isinstance(value, bool) or value is None:
        raise InputError(where, None, f"{what} {shown(value)} is not a number")
    try:
        if isinstance(value, float):
            exact = Decimal(repr(value))
            if exact.is_finite() and exact and _significant_digits(exact) > EXCEL_DIGITS:
                exact = exact.quantize(Decimal(1).scaleb(exact.adjusted() - EXCEL_DIGITS + 1)).normalize()
        elif isinstance(value, Decimal | int):
            exact = Decimal(value)
        else:
            exact = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InputError(where, None, f"{what} {shown(value)} is not a number") from None
    if not exact.is_finite():
        raise InputError(where, None, f"{what} {shown(value)} is not a number")
    if exact <= 0:
        raise InputError(where, None, f"{what} {shown(value)} must be positive")
    if exact > EXCEL_LARGEST:
        raise InputError(
            where, None, f"{what} {shown(value)} is beyond Excel's largest number, {EXCEL_LARGEST}"
        )
    if exact < EXCEL_SMALLEST:
        raise InputError(
            where, None, f"{what} {shown(value)} is below Excel's smallest positive number, {EXCEL_SMALLEST}"
        )
    digits = _significant_digits(exact)
    if digits > EXCEL_DIGITS:
        raise InputError(
            where, None, f"{what} {shown(value)} has {digits} significant digits; Excel keeps {EXCEL_DIGITS}"
        )
    return exact


def decimals(value: object, where: str) -> int | None:
    """A stated precision as a whole number from -20 to 20; None when the cell is blank.
    Text such as "2" is read (no formula computes with it); anything else is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value != value:  # NaN: a blank cell through pandas
        return None
    bounds = f"a whole number from {DECIMALS_LOWEST} to {DECIMALS_HIGHEST}"
    if isinstance(value, bool | dt.date | dt.time):
        raise InputError(where, None, f"decimals {shown(value)} is not {bounds}")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InputError(where, None, f"decimals {shown(value)} is not {bounds}") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise InputError(where, None, f"decimals {shown(value)} is not {bounds}")
    if not DECIMALS_LOWEST <= number <= DECIMALS_HIGHEST:
        span = f"{DECIMALS_LOWEST} to {DECIMALS_HIGHEST}"
        raise InputError(where, None, f"decimals {shown(value)} is outside {span}")
    return int(number)


def amount(value: object, where: str) -> int | Decimal:
    """A reported figure as an int or exact Decimal: finite, within Excel's range, and shown
    to at most 20 decimals (1e-999999999 would make its interval a billion digits long)."""
    if isinstance(value, bool) or value is None:
        raise InputError(where, None, f"the value {shown(value)} is not a number")
    try:
        if isinstance(value, float):
            exact = Decimal(repr(value))
        elif isinstance(value, Decimal | int):
            exact = Decimal(value)
        else:
            exact = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InputError(where, None, f"the value {shown(value)} is not a number") from None
    if not exact.is_finite():
        raise InputError(where, None, f"the value {shown(value)} is not a number")
    if exact.copy_abs() > EXCEL_LARGEST:  # abs() would round to the context and overflow
        raise InputError(
            where, None, f"the value {shown(value)} is beyond Excel's largest number, {EXCEL_LARGEST}"
        )
    if exact and _stripped(exact)[1] < -DECIMALS_HIGHEST:
        raise InputError(where, None, f"the value {shown(value)} has more than {DECIMALS_HIGHEST} decimals")
    if exact == exact.to_integral_value():
        return int(exact)
    return exact


def _size(n: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def note_size(name: str, size: int) -> None:
    """Refuse a note file larger than NOTE_BYTES before reading it."""
    if size > NOTE_BYTES:
        limit = _size(NOTE_BYTES)
        why = f"is {_size(size)}; notes larger than {limit} are refused (is it the right file?)"
        raise InputError(name, None, why)


def workbook_size(name: str, size: int) -> None:
    """Refuse a workbook file larger than WORKBOOK_BYTES before reading it."""
    if size > WORKBOOK_BYTES:
        limit = _size(WORKBOOK_BYTES)
        raise InputError(name, None, f"is {_size(size)}; workbooks larger than {limit} are refused")


def file_size(name: str, size: int, is_zip: bool) -> None:
    """Refuse an input file by its size alone: a workbook's bound if it is a zip package,
    else a note's."""
    if is_zip:
        workbook_size(name, size)
    else:
        note_size(name, size)


def package(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook package whose parts would inflate beyond the bounds above.

    The sizes are those the package declares; Python's zipfile stops reading a part at its
    declared size (and fails its checksum), so a part cannot inflate beyond them."""
    parts = archive.infolist()
    if len(parts) > PACKAGE_PARTS:
        many = f"has {len(parts):,} parts; workbooks of more than {PACKAGE_PARTS:,} are refused"
        raise InputError(name, None, many)
    total = 0
    for part in parts:
        size = part.file_size
        if size > PART_BYTES:
            limit = _size(PART_BYTES)
            why = f"inflates to {_size(size)}, over the limit of {limit}"
            raise InputError(name, None, f"part {part.filename} {why}")
        if size > RATIO_FROM and size > RATIO * max(part.compress_size, 1):
            ratio = size // max(part.compress_size, 1)
            why = f"inflates {ratio:,} times its stored size, over the limit of {RATIO} times"
            raise InputError(name, None, f"part {part.filename} {why}")
        total += size
    if total > PACKAGE_BYTES:
        limit = _size(PACKAGE_BYTES)
        why = f"inflates to {_size(total)} in all, over the limit of {limit} for a workbook"
        raise InputError(name, None, why)
