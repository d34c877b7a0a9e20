"""Label vocabulary: footnote markers, periods in labels, totals, expenses, units, currencies."""

from __future__ import annotations

import re
from functools import lru_cache

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
YEAR_RE = re.compile(r"^(19|20)\d\d$")
# A footnote marker at the end of a label: "(1)", "(a)", "(iv)", "(*)", "[2]", "word 1". It is
# looked for only in the last characters, and a run of "*" is stripped directly, so a
# long label costs one pass (a search with a leading \s* over a long run of spaces is
# quadratic).
_FOOTNOTE_END = re.compile(
    r"(?:\((?:\d{1,2}|[a-z]|[ivx]{1,4}|\*)\)|\[(?:\d{1,2}|[a-z]|[ivx]{1,4})\]|(?<=[a-z])\s\d)$",
    re.IGNORECASE,
)
_FOOTNOTE_SPAN = 8  # the longest marker, "(viii)", with room to spare
# "… as of December 31, 2023", "… for the year ended December 31, 2024", "… as December 31, 1024"
LABEL_DATE_RE = re.compile(
    r"\s*+,?\s*+(?:(?:as\s++of|as\s++at|as|at|for\s++the\s++(?:fiscal\s++)?years?\s++ended)\s++)?"
    r"(?P<month>" + MONTHS + r")\.?\s++(?P<day>\d{1,2}),?\s++(?P<year>\d{4})\s*+$",
    re.IGNORECASE,
)
PERIOD_HEADING_RE = re.compile(
    r"^(?:(?:as\s+of\s+and\s+)?(?:at\s+and\s+)?for\s+the\s+)?(?:fiscal\s+)?(?:years?|quarters?)\s+ended"
    r"|^(?:at\s+and\s+for|as\s+of\s+and\s+for)\b"
    r"|^fiscal\s*(?:years?\s+ended\b|\d{4}\b)"
    r"|^(?:" + MONTHS + r")\.?\s+\d{1,2},?(?:\s+\d{4})?:?$",
    re.IGNORECASE,
)
UNIT_RE = re.compile(
    r"\b(?:in|amounts\s+in|dollars\s+in|\$\s*in|en)\s+"
    r"(?:(?:[A-Z]{3}|US\$|HK\$|RMB|\$|€|£)\s*)?"
    r"(thousands?|millions?|billions?|tausend|millionen|milliers)\b"
    r"|^\(?(thousands|millions|billions)\)?$",
    re.IGNORECASE,
)
# "(in EUR millions)", "Amounts in EUR million", "RMB'000": the currency named with the unit.
UNIT_CURRENCY_RE = re.compile(
    r"\b(?:in|en)\s+(EUR|USD|RMB|CNY|GBP|CHF|JPY|HKD|CAD|AUD|US\$|HK\$|€|£)\s*"
    r"(?:thousands?|millions?|billions?|tausend|millionen|milliers)",
    re.IGNORECASE,
)
_UNIT_NAMES = {
    "tausend": "thousands",
    "milliers": "thousands",
    "millionen": "millions",
    "thousand": "thousands",
    "million": "millions",
    "billion": "billions",
}
CURRENCY_CODES = {
    "RMB": "RMB",
    "CNY": "RMB",
    "USD": "USD",
    "US$": "USD",
    "$": "USD",
    "EUR": "EUR",
    "€": "EUR",
    "GBP": "GBP",
    "£": "GBP",
    "HKD": "HKD",
    "HK$": "HKD",
    "JPY": "JPY",
    "¥": "JPY",
    "CHF": "CHF",
    "CAD": "CAD",
    "AUD": "AUD",
}
NOTE_REF_RE = re.compile(r"^\(?note\s+\d+\)?$", re.IGNORECASE)
NOISE_RE = re.compile(r"^(?:amount\s*%?|%|\(unaudited\))+$", re.IGNORECASE)

_TOTAL_WORDS = re.compile(
    r"^(?:total|consolidated|subtotal|segments?\s+total)\b|\btotal\b|^net\s+(?:income|loss|earnings)"
    r"|\b(?:segment|operating)\s+(?:profit|income|loss|earnings)|\bprofit\b|\bearnings\b"
    r"|income\s+(?:\(loss\)\s+)?(?:before|from)|loss\s+(?:before|from)|gross\s+(?:profit|margin)"
    r"|contribution(?:\s+margin)?$|\bebita?d?a?\b|adjusted\s+revenue|net\s+income",
    re.IGNORECASE,
)
_EXPENSE_WORDS = re.compile(
    r"\b(?:expenses?|costs?|loss|losses|charges?|impairments?|depreciation|amortization"
    r"|taxes|tax|dividends)\b",
    re.IGNORECASE,
)
_INCOME_WORDS = re.compile(
    r"\b(?:income|gains?|revenues?|sales|benefits?|recoveries|credits?|profit)\b", re.IGNORECASE
)
_PAREN = re.compile(r"\([^)]*\)")


def strip_footnotes(label: str) -> str:
    """'Other segment items (1)' -> 'Other segment items'; keeps '(loss)'."""
    text = label.strip()
    while True:
        new = _without_marker(text).rstrip(" :")
        if new == text:
            return new
        text = new


def _without_marker(text: str) -> str:
    body = text.rstrip()
    if body.endswith("*"):
        return body.rstrip("*").rstrip()
    m = _FOOTNOTE_END.search(body, max(0, len(body) - _FOOTNOTE_SPAN))
    return body[: m.start()].rstrip() if m else text


# The longest date phrase LABEL_DATE_RE can match, short of long runs of spaces.
_LABEL_DATE_SPAN = 300


def split_label_date(label: str) -> tuple[str, int | None]:
    """'Total assets as of December 31, 2023' -> ('Total assets', 2023)."""
    if not label.rstrip()[-4:].isdigit():
        return label, None  # no year at the end: skip a search that costs time per character
    # The phrase is anchored at the end, so only the tail can hold it; searching the whole
    # of a long label would try the month names at every character.
    cut = max(0, len(label) - _LABEL_DATE_SPAN)
    m = LABEL_DATE_RE.search(label, cut)
    if m is not None and m.start() == cut and cut:
        m = LABEL_DATE_RE.search(label)  # the phrase may reach further left: look again
    if not m or m.start() == 0:
        return label, None
    return label[: m.start()].strip(" ,"), int(m["year"])


def years_in(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)]


def is_period_heading(text: str) -> bool:
    return bool(PERIOD_HEADING_RE.search(text.strip()))


def unit_of(text: str) -> str | None:
    m = UNIT_RE.search(text)
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return _UNIT_NAMES.get(word, word)


def unit_currency(text: str) -> str | None:
    m = UNIT_CURRENCY_RE.search(text)
    return CURRENCY_CODES.get(m.group(1).upper()) if m else None


def currency_of(text: str) -> str | None:
    return CURRENCY_CODES.get(text.strip().upper().replace(" ", ""))


@lru_cache(maxsize=4096)
def is_total_label(label: str) -> bool:
    return bool(_TOTAL_WORDS.search(label))


@lru_cache(maxsize=4096)
def is_expense_label(label: str) -> bool:
    """Main word of the label is an expense ('Interest expense (income), net' is one)."""
    core = _PAREN.sub(" ", label)
    exp = _EXPENSE_WORDS.search(core)
    inc = _INCOME_WORDS.search(core)
    if exp and inc:
        return exp.start() < inc.start()
    return bool(exp)


def is_total_column(label: str) -> bool:
    low = label.lower()
    return bool(re.search(r"\btotale?\b|\bconsolidated\b|\bgroup\b|\bgesamt|\bsumme\b", low))


@lru_cache(maxsize=8192)
def is_line_item_label(label: str) -> bool:
    """Financial wording (revenue, assets, …) rather than a segment or region name."""
    return bool(
        re.search(
            r"revenue|sales|income|expense|cost|profit|loss|earnings|assets|depreciation"
            r"|amortization|expenditure|ebit|margin|contribution|compensation|interest|tax"
            r"|impairment|gain|inventor|goodwill|adjustment|charges|fees|property",
            label,
            re.IGNORECASE,
        )
    )


@lru_cache(maxsize=8192)
def norm_key(label: str) -> str:
    """A key under which renamed variants of one line item meet."""
    text = strip_footnotes(label).lower()
    text = _PAREN.sub(" ", text)
    text = re.sub(r"[^a-z0-9& ]+", " ", text)
    words = [
        w
        for w in text.split()
        if w
        not in {"total", "consolidated", "net", "the", "of", "and", "income", "loss", "profit", "earnings"}
    ]
    return " ".join(words)
