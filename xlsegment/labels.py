"""Label text: footnote markers, periods in labels, units, currencies, keys for renamed lines.

What kind of line a label names is the vocabulary's (``xlsegment.vocabulary``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from xlsegment import currency
from xlsegment.settings import SETTINGS

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# A day of a month, either way round: "31 December", "December 31", "Dec. 31"
DAY_MONTH = r"(?:\d{1,2}\s+(?:" + MONTHS + r")|(?:" + MONTHS + r")\.?\s+\d{1,2})"
# The months in French, Spanish, Portuguese, German and Italian, for period headings.
FOREIGN_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    "|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
    "|januar|februar|märz|juni|juli|oktober|dezember"
    "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
YEAR_RE = re.compile(r"^(19|20)\d\d$")
# "Fiscal year" as filers write it: US "fiscal", IFRS "financial", and the financial year of
# Spanish, French, Portuguese, Italian, German and Dutch reports ("Ejercicio 2024").
FISCAL_WORDS = r"fiscal|financial|ejercicio|exercice|exerc[ií]cio|esercizio|gesch[äa]ftsjahr|boekjaar"
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
    r"^(?:(?:as\s+of\s+and\s+)?(?:at\s+and\s+)?for\s+the\s+)?(?:(?:fiscal|financial)\s+)?(?:years?|quarters?)\s+ended"
    # "Three Months Ended March 31," "Thirteen Weeks Ended": an interim period's caption
    r"|^(?:for\s+the\s+)?(?:three|six|nine|twelve|thirteen|twenty[\s-]six|thirty[\s-]nine|\d{1,2})"
    r"[\s-]+(?:months?|weeks?)\s+(?:period\s+)?ended"
    r"|^(?:at\s+and\s+for|as\s+of\s+and\s+for)\b"
    # "Fiscal 2024", "Fiscal year 2024", and "Financial year 2024" as IFRS reports say it
    r"|^(?:" + FISCAL_WORDS + r")\s*(?:years?\s+ended\b|(?:year\s+)?\d{4}\b)"
    # "December 31, 2024", "As at 31 March 2025": the day before or after the month
    r"|^(?:(?:as\s+(?:of|at)|at)\s+)?(?:(?:"
    + MONTHS
    + r")\.?\s+\d{1,2},?|\d{1,2}\s+(?:"
    + MONTHS
    + r")\.?,?)"
    r"(?:\s+\d{4})?"
    # "As of December 31, 2025, and for the year then ended": the instant and the year to it
    r"(?:,?\s+and\s+for\s+the\s+(?:(?:fiscal\s+)?year|quarter|(?:three|six|nine|twelve)\s+months|period)"
    r"\s+then\s+ended)?:?$"
    r"|^(?:as\s+(?:of|at)|at)\s*,?:?$"  # "As of" alone over the years of an instant
    # "Current year (2025)", "Prior year (2024)": translated notes name each year's table so
    r"|^(?:current|prior|previous|preceding|last)\s+(?:financial\s+|fiscal\s+)?(?:year|period)\s*\(\s*(?:19|20)\d\d\s*\)$"
    # "1 January - 31 December 2025", "January 1 – December 31, 2025": a date range
    r"|^" + DAY_MONTH + r",?(?:\s+\d{4})?\s*[-–—]\s*" + DAY_MONTH + r",?\s+\d{4}$"
    # "Period from March 1, 2024 through December 31, 2024": a stub period (duration_of)
    r"|^(?:for\s+the\s+)?period\s+from\s+\S.*\s(?:through|to|until|[–—-])\s+\S.*\d{4}$"
    # A 52/53-week fiscal year's length under its label ("Fiscal 2024" over "(53 weeks)"):
    # it says how long the year is, never whose figures these are.
    r"|^\(?(?:52|53|fifty[\s-]two|fifty[\s-]three)[\s-]+weeks?\b[^()]*\)?$"
    # "Half-year ended 31 December 2024", "First half ended", "Six-month period ended"
    r"|^(?:for\s+the\s+)?(?:half[\s-]+year|first\s+half|second\s+half|(?:three|six|nine)[\s-]+month\s+period)"
    r"\s+ended"
    # "Apr–Jun", "Jan–Dec 2024": a quarter, a half-year or a year by its months (Nordic reports)
    r"|^(?:" + MONTHS + r")\.?\s*[–—-]\s*(?:" + MONTHS + r")\.?(?:\s+\d{4})?$"
    # "au 31 décembre", "al 31 de diciembre de 2024", "zum 31. Dezember": an instant in the
    # other languages read; "Exercice", "Ejercicio" alone over its years: the financial year
    r"|^(?:au|à|al|a|em|en|zum|per)\s+(?:le\s+)?\d{1,2}\.?\s+(?:de\s+)?(?:" + FOREIGN_MONTHS + r")"
    r"(?:\s+(?:de\s+)?\d{4}|\s+del?)?,?:?$"
    # "Año terminado el 31 de diciembre de", "Exercício findo em", "Exercice clos le": a year
    # ended, in Spanish, Portuguese, French, Italian, German and Dutch
    r"|^(?:año|ano|ejercicio|exerc[ií]cio|exercice|année|esercizio|anno|per[ií]odo|gesch[äa]ftsjahr|boekjaar)"
    r"\s+(?:terminad|finalizad|findo|encerrad|clos|termin|chius|beendet|geëindigd)\w*\b"
    r"|^(?:ejercicio|exercice|exerc[ií]cio|esercizio|gesch[äa]ftsjahr|boekjaar|(?:fiscal|financial)\s+year):?$"
    # "截至2025年6月30日止六个月", "Seis meses terminados el 30 de junio", "Primer semestre"
    r"|^截至.*止|^(?:tres|três|seis|nueve|nove)\s+meses\b|^(?:primer|primeiro|segundo)\s+semestre\b",
    re.IGNORECASE,
)
UNIT_RE = re.compile(
    r"\b(?:in|amounts\s+in|dollars\s+in|\$\s*in|en)\s+"
    r"(?:(?:[A-Z]{3}|US\$|HK\$|RMB|\$|€|£)\s*)?"
    r"(thousands?|millions?|billions?|tausend|millionen|milliers)\b"
    r"|^\(?(thousands|millions|billions)(?:\s+of\s+(?:u\.\s?s\.\s?)?dollars)?\)?$",
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
# The currency marks the header patterns below know by name; the one currency table
# (xlsegment.currency) gives each its ISO 4217 code and reads every other mark.
CURRENCY_MARKS = (
    "RMB", "CNY", "USD", "US$", "U.S.$", "$", "EUR", "€", "GBP", "£", "HKD", "HK$", "JPY", "¥",
    "CHF", "CAD", "C$", "AUD", "A$", "SGD", "S$", "TWD", "NT$", "INR", "RS", "RS.", "₹", "KRW",
    "₩", "BRL", "R$", "MXN", "MYR", "ZAR", "SEK", "NOK", "DKK",
)  # fmt: skip
_CURRENCY_TOKEN = "|".join(re.escape(k) for k in sorted(CURRENCY_MARKS, key=len, reverse=True))
# A header cell that names a currency, with the unit as filers write it beside it:
# "RMB", "US$'000", "HK$’000", "(RMB'000)", "RMB thousands", "Rs. in millions", "€m".
_CURRENCY_CELL = re.compile(
    r"^\(?\s*(?:in\s+)?(?P<cur>" + _CURRENCY_TOKEN + r")\s*"
    r"(?P<unit>['’`]\s*000|in\s+(?:thousands?|millions?|billions?)|(?:thousands?|millions?|billions?|m|mn|bn|k)\b)?"
    r"\s*\)?$",
    re.IGNORECASE,
)
# "in thousands of RMB", "in millions of euros": the unit first, then the currency.
_UNIT_OF_CURRENCY = re.compile(
    r"\bin\s+(?:thousands?|millions?|billions?)\s+of\s+(?P<cur>"
    + _CURRENCY_TOKEN
    + r"|renminbi|u\.?s\.?\s+dollars|euros?|hong\s+kong\s+dollars|rupees|pounds\s+sterling|yen)\b",
    re.IGNORECASE,
)
_SHORT_UNITS = {"m": "millions", "mn": "millions", "bn": "billions", "k": "thousands"}
_THOUSANDS_MARK = re.compile(r"['’`]\s*000\b")
NOTE_REF_RE = re.compile(r"^\(?note\s+\d+\)?$", re.IGNORECASE)
# A column of the notes each row refers to: "Notes", "Note", "Note ref.", "Notlar" is
# Turkish, "Nota" Spanish, "Anm." German: its figures are note numbers, no amounts.
NOTES_COLUMN_RE = re.compile(
    r"^(?:notes?|note\s+ref(?:erence)?\.?|notlar|notas?|anm\.?|noter)$", re.IGNORECASE
)
# "Millions of U.S. dollars (Note 3)": the note that states the convenience rate, after a mark.
_NOTE_REF_TAIL = re.compile(r"\s*\(note\s+\d+[a-z]?\)\s*$", re.IGNORECASE)
# A qualifier of a period's figures, not a name: "(Unaudited)", "(As Recast)", "Restated",
# and the same in the languages the vocabulary reads ("2023 retraité", "2023 reexpresado",
# "2023 angepasst").
_QUALIFIER = (
    r"\(?\s*(?:as\s+)?(?:restated|recast|revised|adjusted|re-?presented|unaudited|audited"
    r"|retraitée?s?|reexpresad[oa]s?|reexpressad[oa]s?|ajustad[oa]s?|angepasst|rideterminat[oi])\s*\)?"
)
NOISE_RE = re.compile(r"^(?:amount\s*%?|%|" + _QUALIFIER + r")+$", re.IGNORECASE)

_PAREN = re.compile(r"\([^)]*\)")

# The SEC viewer's rendering of an XBRL report (an "R" page, as HTML or saved as CSV):
# "Cloud Platform [Member]" is a segment's row heading, "Segment Reporting Information
# [Line Items]" and its kin are the taxonomy's structure, and "[1]" after a label or a
# figure refers to a footnote below the table.
_VIEWER_STRUCTURE = re.compile(r"\[(?:line items|abstract|table|axis|domain)\]\s*$", re.IGNORECASE)
_VIEWER_MEMBER = re.compile(r"\s*\[member\]\s*$", re.IGNORECASE)
_VIEWER_REFERENCE = re.compile(r"(?:\s*\[\d{1,2}\])+\s*$")


def without_viewer_marks(text: str) -> str:
    """A cell of an XBRL viewer's report as the filing prints it: "Devices [Member]" is
    "Devices", "(26) [2]" is "(26)", and a structure row ("... [Line Items]") is empty."""
    if "[" not in text:
        return text
    if _VIEWER_STRUCTURE.search(text):
        return ""
    return _VIEWER_MEMBER.sub("", _VIEWER_REFERENCE.sub("", text))


# Dot leaders a printed table runs from a label to its figures ("Total assets .......",
# ". . . ."): drawing, not words of the label.
_LEADERS = re.compile(r"\s*(?:\.\s?){4,}\s*$")


def without_leaders(text: str) -> str:
    """ "Total assets ..........." -> "Total assets"."""
    return _LEADERS.sub("", text) if "...." in text or ". . ." in text else text


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


# "Total 1999" under a block of the current year's rows: the total of another year.
_TOTAL_OF_YEAR = re.compile(r"^(totals?)\s+((?:19|20)\d\d)$", re.IGNORECASE)


def split_label_date(label: str) -> tuple[str, int | None]:
    """'Total assets as of December 31, 2023' -> ('Total assets', 2023); 'Total 1999' ->
    ('Total', 1999)."""
    if not label.rstrip()[-4:].isdigit():
        return label, None  # no year at the end: skip a search that costs time per character
    bare = _TOTAL_OF_YEAR.match(label.strip())
    if bare:
        return bare.group(1), int(bare.group(2))
    # The phrase is anchored at the end, so only the tail can hold it; searching the whole
    # of a long label would try the month names at every character.
    cut = max(0, len(label) - _LABEL_DATE_SPAN)
    m = LABEL_DATE_RE.search(label, cut)
    if m is not None and m.start() == cut and cut:
        m = LABEL_DATE_RE.search(label)  # the phrase may reach further left: look again
    if not m or m.start() == 0:
        return label, None
    return label[: m.start()].strip(" ,"), int(m["year"])


# A year as a column header, as filers write it: "2024", "FY 2024", "FY24", "Year 2024",
# "Fiscal year 2024", "Financial year 2024",
# with a footnote mark or a colon after it ("2024 (a)", "2024*", "2024:").
_YEAR_CELL = re.compile(
    r"^(?:(?:FY|Year|Fiscal(?:\s+year)?|Financial\s+year|" + FISCAL_WORDS + r")\s*)?"
    r"(?P<year>(?:19|20)\d\d)\s*(?:\(\w{1,2}\)|[*†‡:])?"
    r"(?:\s*" + _QUALIFIER + r"(?:\s*\(\w{1,2}\))?)?$"
    r"|^FY\s*'?(?P<short>\d\d)$",
    re.IGNORECASE,
)
# A year that straddles two calendar years, as UK and Indian filers write it: "2024/25",
# "2024-25", "FY 2024/2025". It is named by the year it ends in, as "FY25" names it.
_SPLIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[/–-]\s*((?:19|20)?\d\d)(?!\d)")


def _split_year_end(m: re.Match) -> str:
    first, second = int(m[1]), m[2]
    end = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    return str(end) if end == first + 1 else m[0]


def without_split_years(text: str) -> str:
    """``text`` with each split year ("2024/25") written as the year it ends in ("2025")."""
    return _SPLIT_YEAR.sub(_split_year_end, text) if "/" in text or "-" in text or "–" in text else text


def year_cell(text: str) -> int | None:
    """The year a header cell names, if it is a year and nothing more (see _YEAR_CELL)."""
    m = _YEAR_CELL.match(without_split_years(text.strip()))
    if m is None:
        return None
    return int(m["year"]) if m["year"] else 2000 + int(m["short"])


def years_in(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", without_split_years(text))]


# "Successor" and "Predecessor" over the periods before and after a fresh start or a
# push-down of a new basis (ASC 852-10-45, ASC 805-50): whose books, never a segment; the
# periods they head do not overlap, so the periods keep the figures apart.
BASIS_RE = re.compile(r"^\(?(?:successor|predecessor)(?:\s+(?:company|entity|basis))?\)?$", re.IGNORECASE)


# A quarter named without its year ("Q2", "2Q", "Second Quarter"), and the year itself
# named beside its quarters ("Full Year"): headings under or over a year.
QUARTER_ALONE = re.compile(r"^(?:q[1-4]|[1-4]q|(?:first|second|third|fourth)\s+quarter)$", re.IGNORECASE)
FULL_YEAR = re.compile(r"^(?:full[\s-]*year|total\s+year|year|fiscal\s+year)$", re.IGNORECASE)


# The segments' total before the reconciling rows ("Total reportable segments", "Total
# segment assets", "Subtotal of segments", "Segments total"): never the entity's Total
# (IFRS 8.28, ASC 280-10-50-30). The same in French, Spanish, Portuguese, German and
# Italian notes ("Total secteurs opérationnels", "Total segmentos", "Summe der Segmente").
_SEGMENTS_TOTAL = re.compile(
    r"^(?:sub-?\s?)?total\s+(?:of\s+)?(?:(?:the\s+)?reportable\s+|operating\s+)?segments?\b|^(?:(?:the\s+)?reportable\s+|operating\s+)?segments?\s+totals?\b"
    r"|^total\s+(?:des\s+|de\s+(?:los\s+)?|dos\s+)?(?:secteurs|segmentos)\b|^summe\s+(?:der\s+)?segmente\b"
    r"|^segmente\s+gesamt\b|^totale\s+settori\b"
    r"|^分部\S*?(?:合计|合計|总计|總計)",  # "分部资产合计": the segments' assets, totalled
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)  # a note names each of its few segments on every figure
def segments_total(label: str) -> str | None:
    """The words by which a label totals the segments only, as printed ("Total reportable
    segments", "Total secteurs"); "Total segment operating income" totals the segments
    too ("Total segments"). None for any other label, and for one that is the entity's
    figure too ("Total segment and consolidated revenue", which stays the Total)."""
    text = strip_footnotes(label).strip()
    found = _SEGMENTS_TOTAL.match(text)
    if not found or "consolidated" in text.lower():
        return None
    words = found.group(0)
    return words + "s" if words.lower().endswith("segment") else words


_UNIT_FIRST = re.compile(r"^(\([^)]*\))\s+(\S.*)$")


def unit_first(text: str) -> tuple[str, str] | None:
    """ "(In millions) Rigid Packaging ..." -> ("(In millions)", "Rigid Packaging ..."): a
    unit in brackets before words, and the words; None where the text starts otherwise."""
    found = _UNIT_FIRST.match(text)
    return (found.group(1), found.group(2)) if found and unit_of(found.group(1)) else None


def is_period_heading(text: str) -> bool:
    return bool(PERIOD_HEADING_RE.search(text.strip()))


def unit_of(text: str) -> str | None:
    """The scale a text names: "(in thousands)", "RMB'000", "in millions of euros"."""
    text = _NOTE_REF_TAIL.sub("", text)  # "Thousands of U.S. dollars (Note 3)"
    m = UNIT_RE.search(text)
    if not m:
        found = currency.mark(text) if len(text) <= SETTINGS.unit_line_chars else None
        if found is not None and found.scale:
            return found.scale  # "(en miles de euros)", "NT$000", "₹ crore"
        if _THOUSANDS_MARK.search(text):
            return "thousands"
        words = _word_cell(text)
        if words and words[1]:
            return words[1]
        cell = _CURRENCY_CELL.match(text.strip())
        unit = (cell.group("unit") or "").lower().removeprefix("in").strip() if cell else ""
        return _SHORT_UNITS.get(unit) or _UNIT_NAMES.get(unit, unit if unit.endswith("s") else None)
    return unit_name(m.group(1) or m.group(2))


def unit_name(word: str) -> str:
    """A scale word as the note's unit names it: "thousand", "Tausend" -> "thousands"."""
    return _UNIT_NAMES.get(word.lower(), word.lower())


def _code(token: str) -> str | None:
    return currency.code(token) or currency.code(token.replace(" ", ""))


# "Unit: Yuan Currency: RMB" ("单位：元 币种：人民币"), as Chinese reports head each table
_CURRENCY_FIELD = re.compile(r"(?:\bcurrency|币种)\s*[:：]\s*(\S{1,6})", re.IGNORECASE)


def unit_currency(text: str) -> str | None:
    """The currency named with the unit in a sentence: "(in EUR millions)", "in thousands
    of RMB", "Amounts in US$ thousands", "Unit: Yuan Currency: RMB"."""
    m = UNIT_CURRENCY_RE.search(text) or _UNIT_OF_CURRENCY.search(text)
    if not m:
        field = _CURRENCY_FIELD.search(text)
        return _code(field.group(1)) if field else _unit_of_named_currency(text)
    return _code(m.group("cur") if "cur" in m.re.groupindex else m.group(1))


# "in millions of Canadian dollars unless otherwise noted": the unit, then a currency's name
# in the words of CLDR's table; the longest run of up to four words that names one counts.
# So does a sentence that says what the figures are presented in: "presented in Australian
# dollars and rounded to the nearest hundred thousand dollars ($m)", "the Group's
# presentation currency is the Canadian dollar" (IAS 21.8 and IAS 1.51(d) ask for it).
_UNIT_OF_WORDS = re.compile(
    r"(?:\bin\s+(?:thousands?|millions?|billions?)\s+of"
    r"|\b(?:presented|expressed|reported|stated)\s+in(?:\s+(?:thousands?|millions?|billions?)\s+of)?"
    r"|\bpresentation\s+currency\s+is(?:\s+the)?)"
    r"\s+(?P<words>(?:[^\W\d_][\w.]*\s+){0,3}[^\W\d_][\w.]*)",
    re.IGNORECASE,
)


# A sentence about the convenience translation ("amounts for 2025 are also presented in
# U.S. dollars, translated at Rp16,245 to US$1.00"): it names the translation's
# currency, never the one the note is presented in (Rule 3-03 of Regulation S-X).
_CONVENIENCE_SENTENCE = re.compile(
    r"[^.]*\b(?:convenience|translated\s+at|translation)\b[^.]*\.?", re.IGNORECASE
)


def _unit_of_named_currency(text: str) -> str | None:
    if "onvenience" in text or "ranslat" in text:
        text = _CONVENIENCE_SENTENCE.sub(" ", text)
    for m in _UNIT_OF_WORDS.finditer(text):
        words = m["words"].split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).rstrip(".")
            if name.casefold() in ("dollar", "dollars"):
                break  # which dollar is not said
            if (found := currency.code(name)) is not None:
                return found
    return None


# A header cell that names a currency in words, as Japanese and European 20-F filers head
# their columns: "Yen (millions)", "U.S. dollars in millions", "Millions of yen".
# One to four words that the currency table (CLDR's names, through currency.code) knows as
# a currency: "yen", "Korean won", "New Taiwan dollars", and U.S. dollars in its spellings.
_NAME_WORD = r"(?!(?:in|of|thousands?|millions?|billions?)\b)[a-z][\w.]*"
_CURRENCY_NAME = rf"u\.\s?s\.\s?dollars|us\s+dollars|(?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD}"
_SCALE_WORD = r"thousands?|millions?|billions?"
# "Millions of yen", "(In thousands of Korean won)"; then "Yen (millions)", "U.S. dollars".
_CURRENCY_WORD_CELLS = (
    re.compile(
        rf"^\(?\s*(?:in\s+)?(?P<scale>{_SCALE_WORD})\s+of\s+(?P<word>{_CURRENCY_NAME})\s*\)?$", re.IGNORECASE
    ),
    re.compile(
        rf"^\(?\s*(?:in\s+)?(?P<word>{_CURRENCY_NAME})\s*(?:\(?\s*(?:in\s+)?(?P<scale>{_SCALE_WORD})\s*\)?)?\s*\)?$",
        re.IGNORECASE,
    ),
)


def _word_cell(text: str) -> tuple[str, str | None] | None:
    """(currency, unit) of a header cell naming its currency in words, or None."""
    for pattern in _CURRENCY_WORD_CELLS:
        m = pattern.match(text.strip())
        if m is None:
            continue
        word = re.sub(r"[\s.]+", " ", m["word"].lower()).strip()
        # "dollars" alone is a US note's unit line ("(thousands of dollars)"), no currency row
        as_written = re.sub(r"[\s.]+", " ", m["word"]).strip()  # the case tells a code from a word
        code = None if word in ("dollar", "dollars") else currency.code(as_written)
        code = code or ("USD" if re.fullmatch(r"u ?s dollars", word) else None)
        scale = (m["scale"] or "").lower()
        if code:
            return code, (_UNIT_NAMES.get(scale, scale) if scale else None)
    return None


def currency_of(text: str) -> str | None:
    """The currency a header cell names ("RMB", "US$'000", "(HK$'000)", "Rs.", "Yen
    (millions)"), or None."""
    s = _NOTE_REF_TAIL.sub("", text.strip())
    if len(s) > SETTINGS.currency_cell_chars:
        return None
    m = _CURRENCY_CELL.match(s)
    if m:
        return _code(m.group("cur"))
    words = _word_cell(s)
    if words:
        return words[0]
    found = currency.mark(s)  # any other mark of the one table: "NT$000", "₩", "₹ million"
    return found.currency if found is not None and found.bare else None


_PARENTHESES = re.compile(r"[(（]([^()（）]{1,30})[)）]")


def unit_mark_within(text: str) -> currency.Mark | None:
    """The currency and scale a line states in parentheses within its words, as a title or
    lead-in does: "Segment results (€ million):", "Revenue by region (£m)"."""
    for group in _PARENTHESES.findall(text):
        found = currency.mark(split_exception(f"({group})")[0])  # "..., unless otherwise noted"
        if found is not None and found.scale:
            return found
    return None


# "(In ₹ crore, except US$ million)", "(in millions, except per share amounts)": the scale
# and currency before "except" are the table's; what follows names the exceptions.
_EXCEPT = re.compile(
    r"^(?P<main>.*?)[,;]?\s+(?:except(?:\s+for)?|unless\s+otherwise)\s+(?P<rest>[^)）]*)(?P<close>[)）]?)\s*$",
    re.IGNORECASE,
)


# "(₹ in crore, US$ in million)", "(In millions of Korean won and thousands of US
# dollars)": the second currency's scale, stated after the note's own.
_SECOND_SCALE = re.compile(
    r"^(?P<main>.*?)(?:\s*[,;]\s*|\s+and\s+)"
    r"(?P<rest>(?:(?:US|HK|NT|A|C|S|R)?\$|[A-Z]{3})\s+in\s+[^)）,;]*"
    r"|(?:thousands?|millions?|billions?)\s+of\s+[^)）,;]*)(?P<close>[)）]?)\s*$",
    re.IGNORECASE,
)


def split_exception(text: str) -> tuple[str, str]:
    """A unit line without its "except ..." clause, and that clause ("" where none); a
    second currency's scale ("(₹ in crore, US$ in million)") is such a clause too."""
    m = _EXCEPT.match(text.strip())
    if m is None:
        m = _SECOND_SCALE.match(text.strip())
        if m is None or unit_of(m["main"]) is None or currency.mark(m["rest"]) is None:
            return text, ""
    return m["main"] + m["close"], m["rest"].strip()


_PARENTHESIS = re.compile(r"[(（]([^()（）]{4,160})[)）]")


def without_exceptions(text: str) -> str:
    """The text with each unit line in brackets cut to its main part: "(In millions of
    Korean won and thousands of US dollars)" -> "(In millions of Korean won)"."""
    return _PARENTHESIS.sub(lambda m: split_exception(f"({m.group(1)})")[0], text)


def unit_line_exceptions(text: str) -> list[str]:
    """The second currency's clause of each unit line in brackets in a text ("(In billions
    of Rupiah and millions of U.S. Dollars)" -> "millions of U.S. Dollars")."""
    out = []
    for m in _PARENTHESIS.finditer(text):
        main, exception = split_exception(f"({m.group(1)})")
        if exception and unit_of(main):
            out.append(exception)
    return out


def unit_line_currency(text: str, phrase: bool = False) -> str | None:
    """The currency a unit line above a table names, in any language the table knows:
    "(en miles de euros)", "（人民币千元）", "(in thousands of RMB)". ``phrase``: only a
    line in words ("in thousands of"), not a mark that may head one column ("RMB'000")."""
    found = currency.mark(text)
    if found is None or not found.scale or (phrase and found.bare):
        return None
    return found.currency


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


_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)"
_RATE_CURRENCY = r"(" + _CURRENCY_TOKEN + r")"
# One unit, "1" or "1.00", and not the start of "1.2529": a rate stated the other way
# round ("£1.00 = $1.2529") is no rate of 1, and is left to the figures to imply.
_ONE = r"1(?:\.0+)?(?![.,]?\d)"
# "RMB6.8972 to US$1.00", "US$1.00 = RMB7.2993", "US$1 to HK$7.8", "RMB 7.2993 per US$1.00"
_RATE_LOCAL_FIRST = re.compile(
    _RATE_CURRENCY + r"\s?" + _AMOUNT + r"\s*(?:to|=|per|for|:)\s*" + _RATE_CURRENCY + r"\s?" + _ONE,
    re.IGNORECASE,
)
_RATE_FOREIGN_FIRST = re.compile(
    _RATE_CURRENCY + r"\s?" + _ONE + r"\s*(?:to|=|per|for|:)\s*" + _RATE_CURRENCY + r"\s?" + _AMOUNT,
    re.IGNORECASE,
)


def stated_rate(text: str, local: str, foreign: str) -> tuple[str, int] | None:
    """The convenience rate a note states in words, as local currency per one unit of the
    foreign one ("RMB6.8972 to US$1.00" -> "6.8972"), with the position it was found at."""
    for m in _RATE_LOCAL_FIRST.finditer(text):
        if _code(m.group(1)) == local and _code(m.group(3)) == foreign:
            return m.group(2).replace(",", ""), m.start()
    for m in _RATE_FOREIGN_FIRST.finditer(text):
        if _code(m.group(1)) == foreign and _code(m.group(2)) == local:
            return m.group(3).replace(",", ""), m.start()
    return None


_INTRODUCES = re.compile(r"follow|as follows|below|:\s*$", re.IGNORECASE)
_BEFORE_LOWER_CASE = re.compile(r"(?<=[a-z)]\.)\s+(?=[a-z])")


def after_footnote(text: str) -> str:
    """What follows a footnote of the table above that ends before a word in lower case
    ("... center costs. n/m — not meaningful Total assets by segment were as follows:")."""
    return _BEFORE_LOWER_CASE.split(text)[-1]


def introducing_sentence(lead_in: str) -> str:
    """The last sentence of a lead-in where it introduces the table ("The following
    table ...", "... as follows:") or is a period heading right above it ("Year ended 31
    March 2025"), else "": text before it often speaks of the table above."""
    sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", lead_in.strip()) if lead_in.strip() else [""]
    last = sentences[-1]
    # "... center costs. n/m — not meaningful Total assets by segment were as follows:": a
    # footnote of the table above ends before a word in lower case; the introducing words
    # are what follows its last full stop.
    tail = after_footnote(last)
    if tail != last and _INTRODUCES.search(tail):
        return tail
    if _INTRODUCES.search(last) or is_period_heading(last):
        return last
    # "... for the year ended December 31, 2025 was as follows. Translations of RMB amounts
    # into US$ are solely for the convenience of the reader ...": a remark on the table
    # may follow the sentence that introduces it; the text before that sentence, which
    # may speak of the table above, still counts for nothing.
    return next((x for x in reversed(sentences[-3:-1]) if _INTRODUCES.search(x)), "")
