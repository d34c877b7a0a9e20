"""One table of currencies and scales: which ISO 4217 currency and which scale a mark names.

Every reader asks this module, for a header cell ("RMB’000", "NT$000", "₹ million"), a unit
line above a table ("(en miles de euros)", "（人民币千元）") and the symbol before a figure
("₩ 1,234"). The currencies' codes, symbols and names come from the Unicode CLDR, through
Babel, generated into ``data/currencies.json`` (``tools/make_currency_table.py``): that is the
maintained list of every current currency and the symbols each locale prints. Filers add
marks of their own that CLDR does not list ("RMB", "Rs.", "U.S.$"), and "$", "¥" and "£"
name several currencies: ``FILER_MARKS`` settles those the way SEC filers use them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from xlsegment.settings import SETTINGS

# Marks filers print that CLDR does not list, or lists for several currencies. "$" is the
# US dollar in a US filing, as "¥" is the yen and "£" sterling, unless a longer mark
# ("NT$", "CN¥", "人民币") or a code says otherwise.
FILER_MARKS = {
    "$": "USD",
    "US$": "USD",
    "U.S.$": "USD",
    "US dollars": "USD",
    "U.S. dollars": "USD",
    "dollars": "USD",
    "RMB": "CNY",
    "Rmb": "CNY",
    "renminbi": "CNY",
    "元": "CNY",
    "¥": "JPY",
    "yen": "JPY",
    "円": "JPY",
    "£": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "Rs": "INR",
    "Rs.": "INR",
    "rupees": "INR",
    "C$": "CAD",
    "A$": "AUD",
    "S$": "SGD",
    "NZ$": "NZD",
    "NT$": "TWD",
    "HK$": "HKD",
    "hong kong dollars": "HKD",
    "R$": "BRL",
    "R": "ZAR",  # South African filers' rand ("Rm", "R'000", "R million")
    "NIS": "ILS",  # Israeli filers' new shekel ("NIS in thousands")
    "new israeli shekels": "ILS",
    "shekels": "ILS",
    "reais": "BRL",
    "won": "KRW",
    "korean won": "KRW",
    "new taiwan dollars": "TWD",
    "CHF": "CHF",
    "SFr.": "CHF",
    "Ps.": "MXN",
    "Mex$": "MXN",
    "Ch$": "CLP",  # Chilean filers' peso ("Ch$ million")
    "chilean pesos": "CLP",
    "RM": "MYR",  # Malaysian filers' ringgit ("RM'000")
    "ringgit": "MYR",
    "Rp": "IDR",  # Indonesian filers' rupiah ("Rp billion")
    "rupiah": "IDR",
    "TL": "TRY",  # Turkish filers' lira ("TL million")
    "turkish lira": "TRY",
    "dong": "VND",
    "baht": "THB",  # Thai filers' "Unit: Thousand Baht"
    "Php": "PHP",  # Philippine filers' peso ("Php 112,406", "Php millions")
    "philippine pesos": "PHP",
}

# Words a table's unit line uses for its scale, in the languages filings are written in,
# as powers of ten. Crore (10^7) and lakh (10^5) are India's; 万 (10^4) is China's.
SCALE_WORDS = {
    "thousand": 3, "thousands": 3, "'000": 3, "’000": 3, "000": 3, "k": 3,
    "miles": 3, "millares": 3, "milliers": 3, "mille": 3, "tausend": 3, "tsd": 3, "duizenden": 3,
    "milhares": 3, "migliaia": 3, "1.000": 3, "1,000": 3, "1.000.000": 6, "1,000,000": 6,
    "milhões": 6, "millones de": 6,
    "千": 3, "千元": 3,
    "lakh": 5, "lakhs": 5, "lac": 5, "lacs": 5,
    "万": 4, "万元": 4, "萬": 4,
    "million": 6, "millions": 6, "m": 6, "mn": 6, "mm": 6, "mio": 6, "mio.": 6, "millones": 6,
    "millionen": 6, "milioni": 6, "miljoen": 6, "百万": 6, "百万元": 6, "百萬": 6,
    "crore": 7, "crores": 7,
    "billion": 9, "billions": 9, "bn": 9, "b": 9, "mrd": 9, "mrd.": 9, "milliards": 9,
    "miliardi": 9, "億": 8, "亿": 8,
}  # fmt: skip

# The scales a note may be stated in, by power of ten (model.UNITS names the common ones).
SCALE_NAMES = {0: "units", 3: "thousands", 4: "ten thousands", 5: "lakhs", 6: "millions", 7: "crores",
               8: "hundred millions", 9: "billions"}  # fmt: skip


def scale_exponent(unit: str | None) -> int | None:
    """The power of ten a unit name stands for ("millions" -> 6), None for an unknown name."""
    return next((k for k, name in SCALE_NAMES.items() if name == unit), None)


# CLDR names that are also short words of English labels: never read alone as a currency.
_NOT_ALONE = frozenset({"den", "eur", "eura", "eiro"})


@dataclass(frozen=True, slots=True)
class Mark:
    """What a currency or unit mark says: the ISO code and the scale, either may be None."""

    currency: str | None
    scale: str | None
    bare: bool = True  # the mark alone ("NT$000", "₹ million"), no words around it ("in ... of")


@cache
def _table() -> dict:
    text = resources.files("xlsegment").joinpath("data/currencies.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def iso_codes() -> frozenset[str]:
    """Every current ISO 4217 currency code."""
    return frozenset(_table()["names"])


@cache
def _marks() -> dict[str, str]:
    """Mark (folded) -> ISO code: CLDR's symbols and names, then the filers' own marks."""
    # A letter or two alone ("D", "K", "Br") is a footnote mark or the start of a word far
    # more often than a currency: only the filers' own marks of that shape count ("Rs").
    out = {
        k.casefold(): v
        for k, v in _table()["marks"].items()
        if k.casefold() not in _NOT_ALONE and not (k.isascii() and k.isalpha() and len(k) <= 2)
    }
    out.update({code.casefold(): code for code in iso_codes()})
    out.update({k.casefold(): v for k, v in FILER_MARKS.items()})
    return out


@lru_cache(maxsize=8192)
def code(token: str) -> str | None:
    """The ISO code a currency mark names: "RMB" -> "CNY", "NT$" -> "TWD", "euros" -> "EUR"."""
    written = " ".join(token.split())
    key = written.casefold()
    found = _marks().get(key) or _marks().get(key.rstrip("."))
    # A code is written in capitals: "All", "Top", "Try" and "Mad" head columns as words,
    # never as ALL, TOP, TRY and MAD.
    if found is not None and _is_code_word(written.rstrip(".")) and written not in FILER_MARKS:
        return None
    if key in _CASED_KEYS and written not in CASED_MARKS:
        return None  # "Rm" is South Africa's rand in millions, "RM" Malaysia's ringgit
    return found


# Marks that name their currency only as written: in other capitals they are another
# currency with its scale ("Rm": rand millions) or a word.
CASED_MARKS = frozenset({"RM", "Rp", "TL"})
# Marks in letters, not all capitals, that filers print before a figure or in a cell of
# their own ("Rs 1,234", "Php 112,406", "RM 512"): as written, never as words.
WORD_MARKS = frozenset({"Rs", "Php", *CASED_MARKS})
_CASED_KEYS = frozenset(m.casefold() for m in CASED_MARKS)


def _is_code_word(written: str) -> bool:
    looks_like_code = len(written) == 3 and written.isalpha() and written.upper() in iso_codes()
    return looks_like_code and not written.isupper()


@cache
def symbol_pattern() -> str:
    """A regex alternation of every mark that may stand before a figure, longest first:
    symbols and codes, not names (a figure is written "₩ 1,234" or "GBP 1,234")."""
    marks = [
        k for k in (*_table()["marks"], *FILER_MARKS) if k.isprintable() and not any(ch.isspace() for ch in k)
    ]
    marks += list(iso_codes())
    # A letter or two alone ("D", "K", "kr") is the start of too many words to stand before
    # a figure; codes and marks with a sign in them are not.
    symbols = {
        m for m in marks if (not m.isalpha() and any(not ch.isalnum() for ch in m)) or m in iso_codes()
    }
    symbols |= {"RMB", *WORD_MARKS}
    return "|".join(re.escape(m) for m in sorted(symbols, key=lambda m: (-len(m), m)))


_SCALE_TOKEN = "|".join(re.escape(w) for w in sorted(SCALE_WORDS, key=len, reverse=True))
_FILLER = re.compile(
    r"\b(?:in|en|em|de|di|del|dei|of|des|der|amounts?|expressed|figures|cifras|importes|"
    r"montants|beträge|bedragen|valores|x)(?=\W|$)|\bd['’]|单位|単位|[()（）\[\]:：,;]",
    re.IGNORECASE,
)
_SCALE_RE = re.compile(r"(?<![\w’'])(?:" + _SCALE_TOKEN + r")(?![\w])", re.IGNORECASE)
_CJK_SCALE = re.compile(
    "|".join(re.escape(w) for w in sorted(SCALE_WORDS, key=len, reverse=True) if not w.isascii())
)


_THOUSANDS_MARK = re.compile(r"['’`]\s*000\b|(?<=\$)000\b")
# "Unit: Thousand Baht", "(Unit: Baht)", "单位：元": a unit stated as a field, as Thai and
# Chinese reports head each table
_UNIT_FIELD = re.compile(r"(?:^|(?<=[(（]))\s*(?:units?|单位)\s*[:：]\s*", re.IGNORECASE)
# "in CHF 1'000": the unit written with Swiss digit grouping, as "1,000" elsewhere
_SWISS_UNIT = re.compile(r"\b1['’]000(?:['’]000)?\b")


def _scale_word(text: str) -> str | None:
    """The word or mark of a text that names its scale: "’000", "miles", "千元", "crore"."""
    m = _THOUSANDS_MARK.search(text) or _SCALE_RE.search(text) or _CJK_SCALE.search(text)
    return m.group(0) if m else None


def scale_of(text: str) -> str | None:
    """The scale a mark or unit line names: "RMB’000", "(en miles de euros)", "₹ crore"."""
    word = _scale_word(text.strip())
    if word is None:
        return None
    if _THOUSANDS_MARK.fullmatch(word) or word == "000":
        return SCALE_NAMES[3]
    return SCALE_NAMES[SCALE_WORDS[word.casefold()]]


@lru_cache(maxsize=8192)
def mark(text: str) -> Mark | None:
    """The currency and scale of a cell or line that is nothing but a currency or unit mark
    ("RMB’000", "US$", "NT$ thousands", "(en miles de euros)", "（人民币千元）",
    "Rs. in crores"); None where anything else is written there."""
    t = _SWISS_UNIT.sub(lambda m: m.group().replace("'", ",").replace("’", ","), text.strip())
    t = _UNIT_FIELD.sub("", t)  # "(Unit: Thousand Baht)": the field's name is no mark
    if not t or len(t) > SETTINGS.unit_line_chars:
        return None
    scale = scale_of(t)
    rest = _THOUSANDS_MARK.sub(" ", t)
    rest = _SCALE_RE.sub(" ", rest)
    rest = _CJK_SCALE.sub(" ", rest)
    bare = not _FILLER.search(rest.strip("()（）"))
    rest = " ".join(_FILLER.sub(" ", rest).split())
    if not rest:
        # A scale alone must be a word: "M" or "B" alone heads a column, it names no scale.
        word = _scale_word(t) or ""
        return Mark(None, scale, bare) if scale and (len(word) > 2 or not word.isascii()) else None
    found = code(rest)
    if found is None:
        return _joined_scale(t.strip("()（）"))
    return Mark(found, scale, bare)


# A scale written onto its mark with no space: "Rm", "CHFm", "USDbn", "€k".
_JOINED_SCALE = re.compile(r"(?P<mark>.+?)(?P<scale>m|mn|bn|k)", re.IGNORECASE)


def _joined_scale(text: str) -> Mark | None:
    joined = _JOINED_SCALE.fullmatch(text)
    found = code(joined["mark"]) if joined else None
    if found is None:
        return None
    return Mark(found, SCALE_NAMES[SCALE_WORDS[joined["scale"].casefold()]], True)


# "$" alone is the US dollar in a US filing, which writes its dates month first ("June 30,
# 2025"). A note that writes them day first ("30 June 2025", "31 December") is filed under
# another dollar's law (Australia, Canada, Singapore, Hong Kong, New Zealand): which dollar
# its "$" is, the note does not say, so it is left unnamed rather than guessed.
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_DAY = r"(?:[12]?\d|3[01])"
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+{_MONTH}\b", re.IGNORECASE)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.IGNORECASE)


_US_DOLLAR_NAMED = re.compile(r"\bUS\$|\bU\.S\.\s?\$|\bUSD\b|\bU\.?S\.?\s+dollars?\b", re.IGNORECASE)


def dollar_of(text: str, found: str = "USD", stated: str | None = None) -> str:
    """The currency a note's marks name, ``found``, unless that is the US dollar read from a
    bare "$": then the currency a sentence ``stated`` ("in millions of Australian dollars"),
    else "" (unnamed) in a note whose dates are written day first."""
    if found != "USD" or _US_DOLLAR_NAMED.search(text):
        return found
    if stated:
        return stated
    day_first = len(_DAY_FIRST.findall(text))
    return "" if day_first > len(_MONTH_FIRST.findall(text)) else found


def dollar_is_local(text: str, own: str) -> bool:
    """Whether a bare "$" in the note is its own currency (or its unnamed dollar), not the
    US dollar: the note's currency is not USD and the note never names the US dollar."""
    return own != "USD" and "$" in text and not _US_DOLLAR_NAMED.search(text)
