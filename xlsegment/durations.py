"""How long a period is, as column headings state it: "Three Months Ended", "Thirteen
weeks ended", "Half-year ended", "Apr–Jun", "六个月", "Period from March 1, 2024 through
December 31, 2024". A year states no duration; it is the default."""

from __future__ import annotations

import re

from xlsegment.labels import MONTHS

# The length of an interim period as headings state it: "Three Months Ended June 30,",
# "Six months ended", "Nine-month period", "Thirteen weeks ended" (a retailer's quarter),
# "Quarter ended". A year ("Year ended", "52 weeks ended") states none: it is the default.
_DURATION_RE = re.compile(
    r"\b(?P<n>three|six|nine|3|6|9)[\s-]+months?\b"
    r"|\b(?P<w>thirteen|twenty[\s-]six|thirty[\s-]nine|13|26|39)[\s-]+weeks?\b"
    r"|\b(?P<q>quarters?)\s+ended\b"
    # a half-year: IFRS interim reports (IAS 34) in English, Spanish, Portuguese, German
    r"|\b(?P<h>half[\s-]+year|first\s+half|second\s+half|semestre|halbjahr|h[12]|s[12]|[12][hs])\b"
    r"|(?P<zh>三|六|九)个月"
    r"|\b(?P<es>tres|três|seis|nueve|nove)\s+meses\b"
    r"|\b(?P<a>" + MONTHS + r")\.?\s*[–—-]\s*(?P<b>" + MONTHS + r")\b"
    # A stub period from the first of a month ("Period from March 1, 2024 through December
    # 31, 2024", "from 1 March 2024 to 31 December 2024"): its whole months (ASC 852's
    # Successor and Predecessor periods)
    r"|\bperiod\s+from\s+(?:(?P<sa>" + MONTHS + r")\.?\s+1(?:st)?\b|1(?:st)?\s+(?P<sa2>" + MONTHS + r")\b)"
    r"[^–—-]*?\s(?:through|to|until|[–—-])\s+(?:\d{1,2}\s+)?(?P<sb>" + MONTHS + r")\b"
    r"|\b(?P<stub>period\s+from)\b"
    # "1 April - 30 June 2025", "January 1 – June 30, 2025": a range of dates, its months
    r"|\b1\s+(?P<ra>" + MONTHS + r")(?:\s+\d{4})?\s*[-–—]\s*\d{1,2}\s+(?P<rb>" + MONTHS + r")\b"
    r"|\b(?P<ra2>" + MONTHS + r")\.?\s+1,?(?:\s+\d{4})?\s*[-–—]\s*(?P<rb2>" + MONTHS + r")\b",
    re.IGNORECASE,
)
_MONTHS = {"three": "3M", "3": "3M", "six": "6M", "6": "6M", "nine": "9M", "9": "9M"}
_OTHER_WORDS = {
    "三": "3M",
    "六": "6M",
    "九": "9M",
    "tres": "3M",
    "três": "3M",
    "seis": "6M",
    "nueve": "9M",
    "nove": "9M",
}
_MONTH_ORDER = tuple(name[:3] for name in MONTHS.split("|")[:12])  # "jan" .. "dec"


# "June 30", "Jun. 30, 2025", "MAY 31": a day of a month, with its year where one follows
MONTH_DAY = re.compile(
    r"\b(?P<month>" + MONTHS + r")\.?\s+(?P<day>\d{1,2})\b(?:,?\s+(?P<year>\d{4}))?", re.IGNORECASE
)


def month_number(name: str) -> int:
    """1 for "January", "Jan" or "JAN", 12 for "Dec."."""
    return _MONTH_ORDER.index(name[:3].lower()) + 1


def _months_between(first: str, last: str) -> str | None:
    """ "Apr–Jun" is 3M, "Jan–Jun" 6M, "Jan–Dec" a year (None)."""
    a, b = (_MONTH_ORDER.index(m[:3].lower()) for m in (first, last))
    months = (b - a) % 12 + 1
    return None if months == 12 else f"{months}M"


_WEEKS = {"thirteen": "3M", "13": "3M", "twenty six": "6M", "26": "6M", "thirty nine": "9M", "39": "9M"}


YEAR_TO_DATE = "YTD"
STUB = "Stub"  # a period from a day inside a month ("Period from March 15, 2024 through ...")
_YEAR_TO_DATE = re.compile(r"\byear[\s-]+to[\s-]+date\b|\bYTD\b", re.IGNORECASE)


def duration_of(text: str) -> str | None:
    """The interim duration a heading states ("3M", "6M", "9M"), or None for a year.
    "Year-to-Date" states a duration only its context tells: ``YEAR_TO_DATE`` until then
    (``layout.year_to_date``)."""
    if _YEAR_TO_DATE.search(text):
        return YEAR_TO_DATE
    m = _DURATION_RE.search(text)
    if m is None:
        return None
    if m["n"]:
        return _MONTHS[m["n"].lower()]
    if m["w"]:
        return _WEEKS[re.sub(r"[\s-]+", " ", m["w"].lower())]
    if m["h"]:
        return "6M"
    if m["zh"] or m["es"]:
        return _OTHER_WORDS[(m["zh"] or m["es"]).lower()]
    if m["a"]:
        return _months_between(m["a"], m["b"])
    if m["sb"]:
        return _months_between(m["sa"] or m["sa2"], m["sb"])
    if m["ra"] or m["ra2"]:
        return _months_between(m["ra"] or m["ra2"], m["rb"] or m["rb2"])
    if m["stub"]:
        return STUB  # from a day inside a month: no whole months, a period of its own
    return "3M"


_QUARTER = re.compile(r"\b(?:Q([1-4])|([1-4])Q|(first|second|third|fourth)\s+quarter)\b", re.IGNORECASE)
_ORDINAL = {"first": "1", "second": "2", "third": "3", "fourth": "4"}


def quarter_number(text: str) -> str | None:
    """The quarter a heading or label names ("Q2 2025", "2Q", "Second quarter",
    "3M 2025-Q2" -> "2"), or None."""
    q = _QUARTER.search(text)
    return (q.group(1) or q.group(2) or _ORDINAL[q.group(3).lower()]) if q else None


# The short period names of results releases, with a two-digit year: "4Q25", "Q4'25",
# "1H25", "H1'25", "9M25", "12M25", "FY25". A header cell that is one of them alone.
_SHORT_PERIOD = re.compile(
    r"^(?:(?P<q>[1-4])Q|Q(?P<q2>[1-4]))\s?['’]?(?P<qy>\d{2})$"
    r"|^(?:(?P<h>[12])H|H(?P<h2>[12]))\s?['’]?(?P<hy>\d{2})$"
    r"|^(?P<m>3|6|9|12)M\s?['’]?(?P<my>\d{2})$"
    r"|^FY\s?['’]?(?P<fy>\d{2})$",
    re.IGNORECASE,
)
_MONTH_WORDS = {"3": "Three months", "6": "Six months", "9": "Nine months", "12": "Twelve months"}


def short_period(text: str) -> str | None:
    """A short period name written out, as the period words read it: "4Q25" is "Q4 2025"
    (three months), "1H25" "H1 2025", "9M25" "Nine months 2025", "12M25" and "FY25" the
    year 2025. None for any other text."""
    m = _SHORT_PERIOD.match(text.strip())
    if m is None:
        return None
    year = 2000 + int(m["qy"] or m["hy"] or m["my"] or m["fy"])
    if m["q"] or m["q2"]:
        return f"Q{m['q'] or m['q2']} {year}"
    if m["h"] or m["h2"]:
        return f"H{m['h'] or m['h2']} {year}"
    if m["m"]:
        return f"{_MONTH_WORDS[m['m']]} {year}"
    return f"FY {year}"


# A period named by a short word and its year, as a column's heading: "H1 2025", "S2 2025"
# (semestre), "Q3 2025", "FY 2025", "Exercice 2025".
NAMED_PERIOD = (
    r"(?:[HS][12]|[12][HS]|Q[1-4]|[1-4]Q|FY|Full\s+year|Exercice|Ejercicio|Exerc[ií]cio|Esercizio"
    r"|Gesch[äa]ftsjahr)\s+(?:19|20)\d\d"
)
NAMED_PERIOD_RE = re.compile(f"^{NAMED_PERIOD}$", re.IGNORECASE)


_HALF = re.compile(
    r"\b(?:[HS]([12])|([12])[HS]|(first|second)\s+half|(primer|segundo|premier|second)\s+semestre)\b",
    re.IGNORECASE,
)
_HALF_ORDINAL = {"first": "1", "second": "2", "primer": "1", "premier": "1", "segundo": "2"}


def half_number(text: str) -> str | None:
    """The half of a year a heading names ("H2 2025", "S1 2025", "2H", "First half",
    "Segundo semestre" -> "2"), or None."""
    h = _HALF.search(text)
    if h is None:
        return None
    word = (h.group(3) or h.group(4) or "").lower()
    return h.group(1) or h.group(2) or _HALF_ORDINAL[word]
