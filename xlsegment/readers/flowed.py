"""Flowed text: a note whose table cells arrive on one line, as text taken from a PDF does.

"Revenue 110,739 975 111,714 15,305" holds a label and four cells; a whole table may even
sit on one line. Where the labels and the numbers can be told apart, the line is split
into the cells the reader expects, one per item, each keeping the number of the line it
came from. A note is read as flowed only where few of its lines are single cells: text
that is already one cell per line is left as it is.
"""

from __future__ import annotations

import re

from xlsegment import durations, labels
from xlsegment.numbers import NIL_DASHES, is_currency_symbol, parse_cell
from xlsegment.settings import SETTINGS

FLOWED_SHARE = 0.2
"""A note is one cell per line when a fifth of its lines or more are single figures; below
that, its figures travel inside lines of text and the lines are split."""

_MONTH = re.compile(r"^(?:" + labels.MONTHS + r")\.?,?$", re.IGNORECASE)
_DAY = re.compile(r"^\d{1,2},?$")
_FOOTNOTE = re.compile(r"^\((?:\d|[a-z])\)$")
_FOOTNOTE_DIGIT = re.compile(r"^[1-9]$")
_SCALE_WORD = re.compile(r"^(?:thousand|million|billion|percent)s?\b", re.IGNORECASE)
# "2023.", "recoveries.", "applicable.”", but not "U.S." or "Inc.": a word of three
# letters or more before the full stop (a colon ends a label's prefix: "Less:")
_SENTENCE_END = re.compile(r"[a-z0-9]{3,}\.[\"”’]?$")

PROSE_WORDS = 8
"""A row's label is a few words; a line with eight words or more is a candidate for prose.
Labels as long exist ("Income from continuing operations before income taxes") and stay
rows: only a sentence ending or a scaled figure inside makes the line prose."""


_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def tokens_of(text: str) -> list[str]:
    """The words and figures of a line, apart where it has plain spaces: a no-break or
    narrow no-break space groups a figure's digits ("412\u202f306"), as French and other
    notes print them, so it never parts two cells (str.split would)."""
    return [t for t in _ASCII_SPACE.split(text.strip()) if t]


def is_flowed(lines: list[str]) -> bool:
    """Few lines are single figures, and some lines end in two figures or more. A year
    alone on a line heads a block of rows in flowed text too ("2025" over its rows), so
    it counts as a single figure only where no line ends in figures."""
    text = [s.strip() for s in lines if s.strip()]
    if not text:
        return False
    ending = sum(1 for s in text if len(_trailing_figures(tokens_of(s))) >= 2)
    single = sum(1 for s in text if parse_cell(s) is not None and not (ending and labels.YEAR_RE.match(s)))
    return single < FLOWED_SHARE * len(text) and ending > 0


_YEAR_IN_BRACKETS = re.compile(r"^\D*\(\s*(?:19|20)\d\d\s*\)$")


# "For the year ended 31 December 2025": one full date at the end of a heading
_ONE_DATE_AT_END = re.compile(labels.DAY_MONTH + r",?\s+(?:19|20)\d\d$", re.IGNORECASE)


def _year_caption(text: str) -> bool:
    """ "Current year (2025)", "For the year ended 31 December 2025": a period heading of
    one year, whose "(2025)" or day "31" is no figure."""
    if len(labels.years_in(text)) != 1 or not labels.is_period_heading(text):
        return False
    return bool(_YEAR_IN_BRACKETS.match(text) or _ONE_DATE_AT_END.search(text))


def unflow(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, text) items, one per cell: labels, figures and years split apart."""
    out: list[tuple[int, str]] = []
    widths = _row_widths(lines)
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or _is_sentence(stripped) or _NOTE_HEADING.match(stripped) or _year_caption(stripped):
            # "Current year (2025)": a period heading of its own, whose "(2025)" is no figure
            out.append((number, line))  # "Note 16 — Segment Information": a heading, no row
            continue
        tokens = tokens_of(stripped)
        if _currency_row(tokens):
            # "RMB RMB RMB US$" over the years: one currency mark per column, with its
            # scale ("Ch$ million Ch$ million US$ thousand")
            out.extend((number, cell) for cell in _currency_cells(tokens))
            continue
        captions = _captions(stripped)
        if captions:
            out.extend((number, caption) for caption in captions)
            continue
        items = _unit_apart(_items(tokens))
        usual = _neighbours_width(widths, number - 1)
        if usual and _figures(items) == usual - 1 and _figures(_items(tokens, marks=False)) == usual:
            # "Equity-method investment activity (3) (12) (101)" among rows of three
            # figures: the "(3)" is a negative amount, not a footnote mark
            items = _items(tokens, marks=False)
        out.extend((number, item) for item in _with_footnote_digit(items, usual))
    return out


# A period caption over a band of years, and a date without its year under it: a line
# of two or more ("Three Months Ended Nine Months Ended", "September 30, September 30,")
# holds one heading per band.
_CAPTION = re.compile(
    r"(?:for\s+the\s+)?(?:(?:three|six|nine|twelve|thirteen|twenty[\s-]six|thirty[\s-]nine|\d{1,2})"
    r"[\s-]+(?:months?|weeks?)\s+(?:period\s+)?|(?:fiscal\s+)?years?\s+|quarters?\s+)ended,?",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(r"(?:" + labels.MONTHS + r")\.?\s+\d{1,2},?", re.IGNORECASE)


def _captions(line: str) -> list[str] | None:
    """The headings of a line that is two or more period captions, or two or more dates
    without their years, or two or more periods named by a word and their year ("S1 2025
    S2 2025 Exercice 2025", after the unit it may start with), and nothing else; None
    for any other line."""
    for pattern in (_CAPTION, _MONTH_DAY):
        found = list(pattern.finditer(line))
        pieces = [m.group().strip() for m in found]
        if len(found) >= 2 and pattern.sub("", line).strip() == "":
            return pieces
    unit = labels.unit_first(line)
    head, rest = ([unit[0]], unit[1]) if unit else ([], line)
    found = [m.group() for m in _NAMED_PERIODS.finditer(rest)]
    if len(found) >= 2 and _NAMED_PERIODS.sub("", rest).strip() == "":
        return [*head, *found]
    return None


# The periods of durations.NAMED_PERIOD, anywhere in a line
_NAMED_PERIODS = re.compile(durations.NAMED_PERIOD, re.IGNORECASE)


_NOTE_HEADING = re.compile(r"^notes?\s+\d{1,3}[a-z]?\s*[.:—–-]?\s+[A-Z][A-Za-z]", re.IGNORECASE)


def _unit_apart(items: list[str]) -> list[str]:
    """ "(In millions) Rigid Packaging Flexible Packaging": the unit over the labels, then
    the names over the columns, as two cells."""
    found = labels.unit_first(items[0]) if items else None
    return [*found, *items[1:]] if found else items


def _currency_row(tokens: list[str]) -> bool:
    """A line of currency marks only, one per column ("RMB RMB US$", "RMB’000 US$’000"),
    each perhaps with its scale word after it ("Ch$ million")."""
    marks = [t for t in tokens if is_currency_symbol(t) or labels.currency_of(t)]
    scales = [t for t in tokens if t not in marks and _MARK_SCALE.match(t)]
    return len(marks) >= 2 and len(marks) + len(scales) == len(tokens) and _is_mark(tokens[0])


_MARK_SCALE = re.compile(r"^(?:thousand|million|billion)s?$", re.IGNORECASE)


def _is_mark(token: str) -> bool:
    return is_currency_symbol(token) or bool(labels.currency_of(token))


def _currency_cells(tokens: list[str]) -> list[str]:
    """One cell per currency mark, with the scale words after it."""
    cells: list[str] = []
    for token in tokens:
        if _is_mark(token) or not cells:
            cells.append(token)
        else:
            cells[-1] = f"{cells[-1]} {token}"
    return cells


def _row_widths(lines: list[str]) -> list[int]:
    """How many figures each line ends in (0 for prose and headings)."""
    return [0 if _is_sentence(s.strip()) else len(_trailing_figures(tokens_of(s))) for s in lines]


def _neighbours_width(widths: list[int], k: int) -> int:
    """The width of the rows around line ``k``: the nearest row of two figures or more
    above it, else below it. A row is judged by its own table, not by the note's other
    tables."""
    for i in [*range(k - 1, -1, -1), *range(k + 1, len(widths))]:
        if widths[i] >= 2:
            return widths[i]
    return 0


def _with_footnote_digit(items: list[str], usual: int) -> list[str]:
    """ "Other segment items 1 1,787 1,319 1,307" where rows hold three figures: a superscript
    footnote mark flattened into a bare digit after the label is part of the label, not a
    figure. Only one figure more than the rows around it, and only a digit from 1 to 9."""
    figures = [i for i, item in enumerate(items) if parse_cell(item) is not None]
    if (
        usual
        and len(figures) == usual + 1
        and figures[0] >= 1
        and _FOOTNOTE_DIGIT.match(items[figures[0]])
        and parse_cell(items[figures[0] - 1]) is None
        and figures == list(range(figures[0], len(items)))
    ):
        k = figures[0]
        return [*items[: k - 1], f"{items[k - 1]} {items[k]}", *items[k + 1 :]]
    return items


def _is_sentence(text: str) -> bool:
    """Running text, not a row: a lead-in or a footnote. It ends in a full stop or a colon
    with no figures after it, or it reads as prose: eight words or more, with a sentence
    ending inside it or a figure followed by its scale ("$ 293 million in 2023. 98 Table
    of Contents" is a footnote and a page number, not a row of cells)."""
    words = tokens_of(text)
    if (
        text.endswith((".", ":"))
        and len(_trailing_figures(words)) == 0
        and len(words) >= SETTINGS.flowed_lead_in_words
    ):
        return True
    kinds = [_kind(words, i) for i in range(len(words))]
    if sum(1 for k in kinds if k == "word") < PROSE_WORDS:
        return False
    for i in range(len(words) - 1):
        if kinds[i] == "figure" and _SCALE_WORD.match(words[i + 1]):
            return True
        following = words[i + 1][:1]
        if (
            kinds[i] == "word"
            and _SENTENCE_END.search(words[i])
            and (following.isupper() or following.isdigit())
        ):
            return True
    return False


def _figures(items: list[str]) -> int:
    return sum(1 for item in items if parse_cell(item) is not None)


def _kind(tokens: list[str], i: int, marks: bool = True) -> str:
    t = tokens[i]
    # "December 31, 2024" (or a typo, "1024") in a label: the year belongs to its date.
    if (
        re.fullmatch(r"\d{4}[,.:]?", t)
        and i >= 2
        and _DAY.match(tokens[i - 1])
        and _MONTH.match(tokens[i - 2])
    ):
        return "word"
    if labels.YEAR_RE.match(t):
        return "year"
    if (
        t.endswith(")")
        and "(" not in t
        and i >= 1
        and tokens[i - 1].startswith("(")
        and ")" not in tokens[i - 1]
    ):
        return "word"  # "(Note 3)", "(in thousands)": a parenthesis closing words
    if (
        marks
        and _FOOTNOTE.match(t)
        and i >= 1
        and i + 1 < len(tokens)
        and not tokens[i - 1].endswith(")")
        and _kind(tokens, i - 1) == "word"
    ):
        return "word"  # "Research and development (1) 306,560": a footnote mark of the label
    if (
        t in NIL_DASHES
        and 0 < i < len(tokens) - 1
        and _kind(tokens, i - 1) == "word"
        and parse_cell(tokens[i + 1]) is None
    ):
        return "word"  # "Total revenues - affiliated customers": a dash between words
    if _DAY.match(t) and i >= 1 and _MONTH.match(tokens[i - 1]):
        return "word"
    if is_currency_symbol(t) and i + 1 < len(tokens) and parse_cell(tokens[i + 1]) is not None:
        return "symbol"
    return "figure" if parse_cell(t) is not None else "word"


def _items(tokens: list[str], marks: bool = True) -> list[str]:
    """Runs of words become one label; each figure and each year is an item of its own."""
    items: list[str] = []
    words: list[str] = []
    for i, token in enumerate(tokens):
        kind = _kind(tokens, i, marks)
        if kind == "word":
            words.append(token)
            continue
        if words:
            items.append(" ".join(words))
            words = []
        if kind != "symbol":
            items.append(token)
    if words:
        items.append(" ".join(words))
    return items


def _trailing_figures(tokens: list[str]) -> list[str]:
    out = []
    for i in range(len(tokens) - 1, -1, -1):
        if _kind(tokens, i) in ("figure", "symbol"):
            out.append(tokens[i])
        else:
            break
    return out
