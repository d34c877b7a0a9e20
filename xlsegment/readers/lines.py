"""First pass over filing text: one cell per line into labelled rows and table blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlsegment import durations, labels
from xlsegment.numbers import Cell, is_currency_symbol, looks_european, parse_cell
from xlsegment.readers.flowed import is_flowed, unflow
from xlsegment.settings import SETTINGS


@dataclass
class RawRow:
    """A text line and the number cells that follow it."""

    label: str
    line: int
    cells: list[tuple[Cell, int]] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)  # year header cells
    percents: int = 0
    mark: bool = False  # the first cell may be a footnote mark ("(1)"), not a figure

    @property
    def has_values(self) -> bool:
        return bool(self.cells)


@dataclass
class Block:
    """Rows between two blank lines (the corpus separates tables by a blank line)."""

    rows: list[RawRow]


_FURNITURE = re.compile(
    r"^(?:table of contents|page \d+|\d{4} form 10-k(?: \d+)?|form 10-k|\(continued\)"
    r"|notes to (?:the )?consolidated financial statements(?:\s*[-—–]?\s*\(?continued\)?)?)$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
# A page number of the financial-statement pages: "F-34", "F-1", "A-12"
_LETTERED_PAGE = re.compile(r"^[A-Z]-\d{1,3}$")
# A brace beside a figure in a fixed-width table: the figure spans the rows the brace
# joins ("5,848 }"). The brace is drawing, not a label; the figure stays where it is shown.
# A pair of braces is no drawing: "{1}" is a footnote mark.
_BRACE = re.compile(r"^[{}]\s*(?=[-\d($])|(?<=[\d)%])\s*[{}]$")
# A label line wraps onto the next where it ends in a word no label ends in ("general
# and", "income from") or the next line starts in lower case ("Selling, general" then
# "and administrative", "Other income" then "(loss) — net"): one label, not a heading
# over a label. A unit line ("(in millions)") is no continuation.
_WRAPS = re.compile(
    # "1 January -" over "31 December 2025": a date range wrapped at its dash
    r"\b(?:and|or|of|for|to|in|the|from|by|on|at|with|including|excluding)$|&$|\s[-–—]$",
    re.IGNORECASE,
)
# A footnote mark in a cell of its own after a label, as EDGAR tables have it: "(1)".
_FOOTNOTE_CELL = re.compile(r"^\(\d\)$")
_CONTINUES = re.compile(r"^(?:[a-z]+(?![A-Za-z])|\([a-z]{3,})")


def _without_page_furniture(lines: list[str]) -> list[str]:
    """Blank out page headers that a PDF or HTML page break leaves inside a table:
    "Table of Contents", "2025 FORM 10-K", and the page number after them. Blanking (not
    deleting) keeps every other line's number."""
    out = list(lines)
    for i, line in enumerate(lines):
        if _FURNITURE.match(line.strip()):
            out[i] = None
            # The page number that follows the header; one before it may be an amount.
            if i + 1 < len(lines) and _PAGE_NUMBER.match(lines[i + 1].strip()):
                out[i + 1] = None
            _blank_page_foot_above(lines, out, i)
    # A removed header must not split the table it sat in: drop it, keep the numbering.
    return [("\x00skip" if x is None else x) for x in out]


def _blank_page_foot_above(lines: list[str], out: list, i: int) -> None:
    """Above a page's running head, the page break's other lines: the last page's number
    ("F-34") and the filer's name between it and the head ("Norbrook Technologies,
    Inc."), which would otherwise head the columns below."""
    for back in (1, 2):
        if i - back < 0 or not _LETTERED_PAGE.match(lines[i - back].strip()):
            continue
        between = [lines[k].strip() for k in range(i - back + 1, i)]
        if all(text and parse_cell(text) is None and len(text) <= SETTINGS.lead_in_chars for text in between):
            for k in range(i - back, i):
                out[k] = None
        return


def _amount_follows(items: list[tuple[int, str]], k: int) -> bool:
    """The next item is an amount: a currency cell right before it is its symbol
    ("RMB" then "1,234"), not a currency header over a column."""
    following = items[k + 1][1] if k + 1 < len(items) else ""
    nxt = following.strip().replace("\u00a0", " ")
    return bool(nxt) and not labels.YEAR_RE.match(nxt) and parse_cell(nxt) is not None


def _label_follows(items: list[tuple[int, str]], k: int) -> bool:
    """The next item is a row label: words, not an amount, a year or another symbol."""
    nxt = items[k + 1][1].strip() if k + 1 < len(items) else ""
    return any(ch.isalpha() for ch in nxt) and parse_cell(nxt) is None and not is_currency_symbol(nxt)


def _footnote_mark(s: str, items: list[tuple[int, str]], k: int) -> bool:
    """ "(1)" on a line of its own before the sentence it marks ("(2)" then "The Crypto
    segment was established in 2024."): a footnote under the table, not the figure -1."""
    if not _FOOTNOTE_CELL.match(s):
        return False
    nxt = next((t.strip() for _, t in items[k + 1 :] if t.strip() and t != "\x00skip"), "")
    # A footnote is a sentence; a row label after a figure of -6 is not ("TOTAL INCOME
    # BEFORE INCOME TAXES"), so the text must end its sentence.
    return len(nxt.split()) >= SETTINGS.lead_in_words and nxt.endswith(".") and parse_cell(nxt) is None


def _continues(last: RawRow, text: str) -> bool:
    """``text`` is the rest of the label of ``last``, wrapped onto a line of its own."""
    if not last.label or last.cells or last.years or last.label.endswith(":") or labels.unit_of(text):
        return False
    if labels.currency_of(last.label) or labels.unit_of(last.label):
        return False  # "Rm" then "change": a mark, then the next column's heading
    # "au 31 décembre" under a measure's name is its period heading, not the name's rest
    return bool(_WRAPS.search(last.label) or (_CONTINUES.match(text) and not labels.is_period_heading(text)))


def _closing(items: list[tuple[int, str]], k: int) -> bool:
    """The item after k is a closing parenthesis alone (or with its % sign)."""
    return k + 1 < len(items) and items[k + 1][1].strip() in (")", ")%", "%)")


def _percent_sign(items: list[tuple[int, str]], k: int) -> bool:
    """The item after k is a percent sign alone."""
    return k + 1 < len(items) and items[k + 1][1].strip() == "%"


def items_of(text: str) -> tuple[list[tuple[int, str]], bool]:
    """The note as (line number, cell text) items, page furniture blanked, and whether it
    came flowed (cells inside lines of text, as from a PDF)."""
    lines = _without_page_furniture(text.splitlines())
    if is_flowed(lines):
        return unflow(lines), True
    return list(enumerate(lines, start=1)), False


def tokenize(text: str) -> tuple[list[Block], bool]:
    """Group lines into rows and blocks; returns the blocks and whether numbers are European."""
    items, _ = items_of(text)
    candidates = [s for s in (x.strip() for _, x in items) if s and s[0] in "($-0123456789"]
    european = looks_european(candidates, text[:4000])
    blocks: list[Block] = []
    rows: list[RawRow] = []
    joined = -1  # an item read with the one before it
    for k, (number, raw) in enumerate(items):
        if raw == "\x00skip" or k == joined:
            continue
        s = raw.strip().replace("\u00a0", " ")
        s = durations.short_period(s) or s  # a cell "4Q25" is "Q4 2025"
        if s[:1] == "(" and ")" not in s and _closing(items, k):
            # "(201" then ")": HTML puts the closing parenthesis in a cell of its own.
            s, joined = s + items[k + 1][1].strip(), k + 1
        elif _percent_sign(items, k) and labels.year_cell(s) is None and parse_cell(s) is not None:
            # "54.1" then "%": the percent sign in a cell of its own marks a percentage.
            s, joined = s + "%", k + 1
        if s.count("{") + s.count("}") == 1:
            if s in "{}":
                continue  # a brace on a line of its own
            s = _BRACE.sub("", s)
        if not s:
            if rows:
                blocks.append(Block(rows))
                rows = []
            continue
        if _footnote_mark(s, items, k):
            continue
        if not _symbol_before_amount(s, rows, items, k):
            _add_cell(rows, s, number, european)
    if rows:
        blocks.append(Block(rows))
    return blocks, european


def _symbol_before_amount(s: str, rows: list[RawRow], items, k: int) -> bool:
    """A symbol cell in front of an amount; "US$" or "€" over a column is a header, and one
    alone after the rows, before labels, heads a block of translations."""
    if not is_currency_symbol(s):
        return False
    return (
        s == "$"
        or bool(rows and rows[-1].cells and not _label_follows(items, k))
        or _amount_follows(items, k)
    )


# "nm" (not meaningful) where a change or ratio cannot be computed: a cell of the row's
# change column, never a label or an amount.
# "n.s." (French "non significatif"), "n.a."/"n/a" where no ratio is stated
_NOT_MEANINGFUL = re.compile(r"^(?:n\.?\s?/?\s?[msa]\.?|not\s+meaningful|not\s+applicable)$", re.IGNORECASE)


def _add_cell(rows: list[RawRow], s: str, number: int, european: bool) -> None:
    """One cell into the rows: a year, a figure of the last row, or a new row's label."""
    if _NOT_MEANINGFUL.match(s) and rows and rows[-1].cells:
        rows[-1].percents += 1
        return
    year = labels.year_cell(s)
    if year is not None:
        # A year is a column or period header, never an amount (filings write 2,024).
        if rows and not rows[-1].cells:
            rows[-1].years.append((year, number))
        else:
            rows.append(RawRow("", number, years=[(year, number)]))
        return
    cell = parse_cell(s, european)
    if cell is not None:
        if not rows:
            rows.append(RawRow("", number))
        if _FOOTNOTE_CELL.match(s) and rows[-1].label and not rows[-1].cells:
            rows[-1].mark = True  # "(1)" after a label: a footnote mark, or the figure -1
        if cell.percent:
            rows[-1].percents += 1
        else:
            rows[-1].cells.append((cell, number))
        return
    last = rows[-1] if rows else None
    if last is not None and _continues(last, s):
        last.label = f"{last.label} {s}"
        return
    rows.append(RawRow(s, number))
