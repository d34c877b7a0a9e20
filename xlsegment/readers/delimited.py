"""Filing text whose tables are delimited rows: tab-separated lines, as a table copied
from a browser, a word processor or a spreadsheet pastes into a text file, and Markdown
pipe tables, grid tables (``+---+`` rules, cells wrapped over lines), as document
converters write a filing, and a report saved as comma-separated values (the SEC
viewer's "R" pages).

Each row states its cells by its delimiters, so no position needs guessing: every run of
delimited rows becomes a ``<table>`` of those cells (a spacer, "$" or ")" cell stays a
cell, as EDGAR's HTML has them) and is handed to the HTML reader, which reads spans,
headers and figures as it does for a filing's HTML. Text between tables becomes
paragraphs, so lead-ins, headings and unit lines are found as in HTML. Markdown's marks
(``### `` before a heading, ``**`` around a block's name, the ``|---|--:|`` rule under a
header) are formatting, not words of the note.

A table here is a run of delimited lines of which at least ``SETTINGS.aligned_rows`` hold
two or more figure cells; a lone tab in prose makes none.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from itertools import zip_longest

from xlsegment import labels
from xlsegment.numbers import parse_cell
from xlsegment.readers.fixedwidth import MARK, Line, _paragraphs
from xlsegment.readers.texttables import LaidOutTextReader
from xlsegment.settings import SETTINGS

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")  # |---|--:|: the header's underline
# +-----+=====+: a grid table's rule (pandoc, reStructuredText); between two rules, the
# lines of one row whose cells wrap over several lines
_GRID_RULE = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _cells(text: str, comma: bool = False) -> list[str] | None:
    """A delimited line's cells, Markdown's emphasis taken off; None for any other line.
    ``comma``: the whole text is comma-separated values (``is_csv``)."""
    if _PIPE_ROW.match(text) and not _PIPE_RULE.match(text):
        parts = text.strip()[1:-1].split("|")
    elif "\t" in text and text.strip():  # "Revenue:\t\t\t": a heading row of the table
        parts = text.rstrip("\r\n").split("\t")
    elif comma and text.strip():
        parts = next(csv.reader([text]))
    else:
        return None
    cells = [_EMPHASIS.sub(r"\2", p).strip() for p in parts]
    if any(len(c) > SETTINGS.lead_in_chars and c.endswith((".", ":")) for c in cells):
        return None  # a footnote keyed by a tab ("B<tab>The following items are ..."): prose
    return cells


def _figure_cells(cells: list[str]) -> int:
    return sum(1 for c in cells[1:] if c and parse_cell(c) is not None)


CSV_SHARE = 0.8
"""Text is comma-separated values (a report saved as CSV) where this share of its lines,
or more, parse into one number of fields, three or more; prose with commas never does."""


def is_csv(text: str) -> bool:
    lines = [s for s in text.splitlines()[:200] if s.strip()]
    if len(lines) < SETTINGS.aligned_rows or "," not in text:
        return False
    widths = Counter(len(r) for r in csv.reader(lines))
    width, count = widths.most_common(1)[0]
    return width >= 3 and count >= CSV_SHARE * len(lines)


def has_tables(text: str) -> bool:
    """Whether the text holds a delimited table: enough rows of two or more figures."""
    comma = is_csv(text)
    if "\t" not in text and "|" not in text and not comma:
        return False
    rows = 0
    for line in text.splitlines():
        cells = _cells(line, comma)
        rows += cells is not None and _figure_cells(cells) >= 2
        if rows >= SETTINGS.aligned_rows:
            return True
    return False


# A delimited line and its cells, split once (None: the Markdown rule under a header)
_Row = tuple[Line, list[str] | None]


def _runs(lines: list[Line], comma: bool) -> list[tuple[str, list[_Row]]]:
    """("text", rows) and ("table", rows) in order; a Markdown rule belongs to its table."""
    out: list[tuple[str, list[_Row]]] = []
    for line in lines:
        cells = _cells(line.text, comma)
        rule = _PIPE_RULE.match(line.text) or _GRID_RULE.match(line.text)
        kind = "table" if cells is not None or rule else "text"
        if out and out[-1][0] == kind:
            out[-1][1].append((line, cells))
        else:
            out.append((kind, [(line, cells)]))
    # A run too small to be a table ("Revenue\t12" in prose) is text.
    return [(k if k == "text" or _is_table(part) else "text", part) for k, part in out]


def _is_table(rows: list[_Row]) -> bool:
    figures = sum(1 for _, c in rows if c is not None and _figure_cells(c) >= 2)
    return figures >= min(SETTINGS.aligned_rows, 2)


def to_elements(text: str, first_line: int = 1) -> list:
    """The text as lxml elements: ``<p>`` paragraphs and a ``<table>`` per delimited run,
    each element carrying its file line."""
    lines = [Line(first_line + i, raw.rstrip("\r")) for i, raw in enumerate(text.splitlines())]
    out = []
    for kind, part in _runs(lines, is_csv(text)):
        if kind == "text":
            plain = [Line(p.number, _EMPHASIS.sub(r"\2", _HEADING_MARK.sub("", p.text))) for p, _ in part]
            out.extend(_paragraphs(plain))
        else:
            out.append(_table_element(part))
    return out


def _table_element(rows: list[_Row]):
    import lxml.html

    table = lxml.html.Element("table")
    table.set(MARK, "1")
    table.sourceline = rows[0][0].number
    for line, cells in _logical_rows(rows):
        tr = lxml.html.Element("tr")
        tr.sourceline = line.number
        for text in cells:
            td = lxml.html.Element("td")
            td.text = text
            td.sourceline = line.number
            tr.append(td)
        table.append(tr)
    return table


def _logical_rows(rows: list[_Row]) -> list[tuple[Line, list[str]]]:
    """The table's rows: each delimited line, or, in a grid table, the lines between two
    rules joined cell by cell ("Food" over "products" is "Food products")."""
    if not any(_GRID_RULE.match(line.text) for line, _ in rows):
        return [(line, cells) for line, cells in rows if cells is not None]  # a rule: no row
    out: list[tuple[Line, list[str]]] = []
    group: list[tuple[Line, list[str]]] = []
    for line, cells in [*rows, (None, None)]:
        if cells is not None:
            group.append((line, cells))
            continue
        out.extend(_joined(part) for part in _split_years(group))
        group = []
    return out


def _split_years(group: list[tuple[Line, list[str]]]) -> list[list[tuple[Line, list[str]]]]:
    """A row's lines, with a line of years alone kept as a row of its own: "Revenue from
    external customers" wrapped over three lines, then "2025", is a name over a year."""
    parts: list[list[tuple[Line, list[str]]]] = []
    after_years = True  # a new part starts at the first line and after a line of years
    for line, cells in group:
        years = any(cells) and all(not c or labels.YEAR_RE.match(c) for c in cells)
        if years or after_years:
            parts.append([])
        parts[-1].append((line, cells))
        after_years = years
    return parts


def _joined(lines: list[tuple[Line, list[str]]]) -> tuple[Line, list[str]]:
    columns = zip_longest(*(c for _, c in lines), fillvalue="")
    return lines[0][0], [" ".join(w for w in column if w) for column in columns]


class DelimitedTextReader(LaidOutTextReader):
    """Filing text whose tables are tab-separated or Markdown pipe rows (``has_tables``):
    read cell by cell, as the HTML reader reads a table. A .csv or .tsv is tidy data's."""

    name = "filing text in delimited rows"
    skipped = (".csv", ".tsv")

    def __init__(self) -> None:
        super().__init__(has_tables, to_elements)
