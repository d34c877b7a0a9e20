"""Exact numbers: reading filing cells, Excel's rounding, and Calculations 1.1 intervals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from xlsegment import currency
from xlsegment.model import Number

NIL_DASHES = frozenset({"—", "–", "-", "‒", "―", "−"})
# Any mark of the one currency table may stand before a figure: "₩ 1,234", "GBP 1,234", "NT$5".
_CURRENCY = r"(?:" + currency.symbol_pattern() + r"|Rs\.?\s?)?"
# One cell: optional sign, currency symbol, parentheses; digits with separators; optional %.
# Every repeat is possessive (``*+``), so a long line that is no number fails in linear
# time: with plain ``\s*`` runs side by side a line of spaces backtracks polynomially.
CELL_RE = re.compile(
    r"^\s*+(?P<lp>\()?\s*+"
    + _CURRENCY
    # "+9.0 %": an explicit sign, as changes print; "△32.2", "▲32.2": Japanese filers' minus
    + r"\s*+(?:(?P<minus>[-−–△▲])|\+)?\s*+(?P<lp2>\()?\s*+"
    + _CURRENCY
    # digits grouped by points, commas, spaces and apostrophes (Swiss "1'284'512"); never by
    # a tab or a line break ("2025\t2024")
    + r"\s*+(?P<num>\d(?:[.,'’\u0020\u00a0\u202f]*+\d++)*+)"
    + r"\s*+(?P<tminus>-)?(?P<rp>\))?\s*+(?P<pct>%)?\s*+(?P<rp2>\))?\s*+$"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_US_ONLY = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+\.\d{1,2}$")
_EU_ONLY = re.compile(r"^\d{1,3}(\.\d{3}){2,}(,\d+)?$|^\d{1,3}(\.\d{3})+,\d+$|^\d+,\d{1,2}$")


@dataclass(frozen=True, slots=True)
class Cell:
    """A number read from a filing cell."""

    value: Number
    decimals: int
    nil: bool = False  # shown as a dash
    percent: bool = False


@lru_cache(maxsize=8192)
def is_currency_symbol(text: str) -> bool:
    """A cell that holds only a currency symbol or code, as filings put one before an amount."""
    s = text.strip()
    return (
        bool(s)
        and currency.code(s) is not None
        and (not s.isalpha() or s.isupper() or s in currency.WORD_MARKS)
    )


_SPACES = " \u00a0\u202f"  # a space, a no-break space, a narrow no-break space
_NO_SPACES = str.maketrans("", "", _SPACES + "'’")  # and the apostrophes that group Swiss digits
_SPACED_THOUSANDS = re.compile(f"(?<=\\d)[{_SPACES}](?=\\d{{3}}\\b)")


def parse_cell(text: str, european: bool = False) -> Cell | None:
    """Read one cell such as `(5,822)`, `($7,969)`, `1,028.4`, `—`; None if it is no number."""
    s = text.strip()
    if s in NIL_DASHES or (s[:1] in "$€£¥" and s[1:].strip() in NIL_DASHES):
        return Cell(0, 0, nil=True)
    m = CELL_RE.match(s)
    if not m:
        return None
    # Thousands grouped by a space, a no-break space or a narrow one ("3 812,4")
    digits = m["num"].translate(_NO_SPACES)
    if european:
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    if digits.count(".") > 1 or len(digits) > 30:
        return None  # not an amount a filing would show
    if m["tminus"] and (m["minus"] or m["lp"] or m["lp2"] or _YEAR.match(digits)):
        return None  # "2023-" is half of a year range; a sign stands once
    # A trailing minus ("1,234-") is how some filers show a negative amount.
    negative = bool(m["minus"] or m["tminus"]) or bool((m["lp"] or m["lp2"]) and (m["rp"] or m["rp2"]))
    if (m["lp"] or m["lp2"]) and not (m["rp"] or m["rp2"]):
        return None
    if "." in digits:
        value: Number = Decimal(digits)
        decimals = -value.as_tuple().exponent
    else:
        value = int(digits)
        decimals = 0
    if negative:
        value = -value
    return Cell(value, decimals, percent=bool(m["pct"]))


def exact_value(raw: object) -> Cell | None:
    """A figure as typed or written, exactly: an int, a Decimal, a float through its
    shortest repr (which is what was typed), or text as filings show it ("1,028.4",
    "(5,822)", "—"). None when blank (also pandas' NaN); ValueError when it is no amount
    (other text, a percent, a boolean, infinity), saying why after the value."""
    if raw is None or isinstance(raw, bool):
        if raw is None:
            return None
        raise ValueError("is true or false, not a number")
    if isinstance(raw, int):
        return Cell(raw, 0)
    if isinstance(raw, float | Decimal):
        if raw != raw:  # NaN: pandas' blank cell
            return None
        d = Decimal(repr(raw)) if isinstance(raw, float) else raw
        if not d.is_finite():
            raise ValueError("is not a finite number")
        if d == d.to_integral_value() and (isinstance(raw, float) or d.as_tuple().exponent >= 0):
            return Cell(int(d), 0)
        return Cell(d, max(0, -d.as_tuple().exponent))
    text = str(raw).strip()
    if not text:
        return None
    cell = parse_cell(text)
    if cell is None or cell.percent:
        raise ValueError("is a percent, not an amount" if cell is not None else "is not a number")
    return cell


_EU_LANGUAGE = re.compile(
    r"\b(?:und|der|die|des|umsatz|gesch\u00e4ftsjahr|tausend|millionen|segmentergebnis"
    r"|chiffre d.affaires|exercice|milliers|r\u00e9sultat|omzet|boekjaar|ingresos|ejercicio"
    r"|miles|ricavi|esercizio|migliaia)\b",
    re.IGNORECASE,
)


_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")

DOTTED_SHARE = 0.9
"""Where no figure settles the format, "188.996" is a European thousand separator when nine
figures in ten with a point have three digits after each point: decimals in US notes
have one or two digits (28.4, 1,028.45), and a run of exactly three is no coincidence."""


def looks_european(tokens: list[str], text: str = "") -> bool:
    """True when the note's separators, or failing them its language, say '1.234,5'."""
    us = eu = dotted = points = 0
    for t in tokens:
        core = t.strip().strip("()$€£%").strip()
        if any(space in core for space in _SPACES):
            # thousands grouped by spaces say nothing of the decimal mark: "3 812,4" is "3812,4"
            core = _SPACED_THOUSANDS.sub("", core)
        if "." in core:
            points += 1
        if _US_ONLY.match(core):
            us += 1
        elif _EU_ONLY.match(core):
            eu += 1
        elif _DOTTED_THOUSANDS.match(core):
            dotted += 1
    if eu != us:
        return eu > us
    if dotted >= 3 and dotted >= DOTTED_SHARE * points:
        return True
    return bool(_EU_LANGUAGE.search(text))


def excel_round(x: Number, digits: int = 0) -> Decimal:
    """Excel's ROUND: halves away from zero (Python's round() would go to even)."""
    q = Decimal(1).scaleb(-digits)
    return Decimal(x).quantize(q, rounding=ROUND_HALF_UP)


def to_decimal(v: Number) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(v)


def fmt(v: Number | None) -> str:
    """Filing style: thousands separators, parentheses for negatives."""
    if v is None:
        return "—"
    d = to_decimal(v)
    body = f"{abs(d):,}" if d != d.to_integral_value() else f"{int(abs(d)):,}"
    return f"({body})" if d < 0 else body


def fmt_signed(v: Number) -> str:
    d = to_decimal(v)
    body = f"{abs(d):,}" if d != d.to_integral_value() else f"{int(abs(d)):,}"
    return f"+{body}" if d > 0 else (f"-{body}" if d < 0 else "0")
