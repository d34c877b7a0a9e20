"""Filing text laid out in columns of characters: `pdftotext -layout` output, and text
filings whose tables line figures up by spaces without EDGAR's column marks.

Such a table states each figure's column by where its last character falls (figures are
right-aligned), and each heading's columns by the characters it spans: "Advanced
Materials" centred over its 2023 and 2024 columns spans both, "Total" over three spans
three. Both are lost once the text is split into one cell per line, so these tables are
read by position instead: the figures' right edges give the columns, each header phrase
(words one space apart) becomes a cell spanning the columns it overlaps, and the table is
handed to the HTML reader as a ``<table>`` with those spans. Text between tables becomes
paragraphs, so lead-ins, period headings and unit lines are found as in HTML.

A table here is a run of at least ``SETTINGS.aligned_rows`` lines that each hold two or
more figures set apart by two or more spaces, with the header lines right above it; the
flowed text of a PDF (one space between a label and its figures) is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlsegment import labels
from xlsegment.numbers import is_currency_symbol, looks_european, parse_cell
from xlsegment.readers.fixedwidth import MARK, Line, _cells, _paragraphs
from xlsegment.readers.texttables import LaidOutTextReader
from xlsegment.settings import SETTINGS

_PHRASE = re.compile(r"\S+(?: \S+)*")  # words one space apart: a cell of a header line
_EDGE_TOLERANCE = 2  # ")" and "%" after a right-aligned figure end a character or two later


# A token: a figure grouped by single spaces ("17 406", "(1 204)", "−1 204,5"), as Nordic
# and French filers write thousands, or any run of non-spaces.
_TOKEN = re.compile(r"[-−(]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?\)?%?(?!\S)|\S+")


def _figures(text: str, european: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each token of a line that is a figure or a nil dash; a year is a
    heading ("2023  2024" over the columns), no figure."""
    return [
        (m.start(), m.end())
        for m in _TOKEN.finditer(text)
        if parse_cell(m.group(), european) is not None and not labels.YEAR_RE.match(m.group())
    ]


_LABEL_END = re.compile(r"\S(?=\s{2,})")


def _after_label(text: str) -> int:
    """Where a line's label ends: at its first gap of two or more spaces after a word."""
    m = _LABEL_END.search(text)
    return m.end() if m else 0


def _is_figure_row(text: str, european: bool = False) -> bool:
    """Two or more figures after the label's gap ("Natural Gas Pipelines (1)   1,284.6")."""
    start = _after_label(text)
    return start > 0 and sum(1 for s, _ in _figures(text, european) if s >= start) >= 2


def _european(text: str) -> bool:
    """Whether the text writes its figures "1.234,5" (numbers.looks_european)."""
    tokens = [m.group() for m in _TOKEN.finditer(text) if m.group()[:1] in "($-−0123456789"]
    return looks_european(tokens, text[:4000])


def _one_figure_row(text: str) -> bool:
    """A figure after the label's gap, and nothing else after it."""
    start = _after_label(text)
    after = text[start:].split()
    return start > 0 and len(after) == 1 and parse_cell(after[0]) is not None


# Two figures apart by two or more spaces after a word, on one line: the cheap first
# look, which text one cell per line never passes.
_GAPPED_FIGURES = re.compile(r"(?m)\S {2,}[-−($]?\d[^\n]*? {2,}[-−($]?\d")


def has_tables(text: str) -> bool:
    """Whether the text holds a table aligned by spaces: enough lines of gapped figures."""
    if _GAPPED_FIGURES.search(text) is None:
        return False
    european = _european(text)
    return sum(1 for line in text.splitlines() if _is_figure_row(line, european)) >= SETTINGS.aligned_rows


@dataclass
class _Table:
    header: list[Line]
    body: list[Line]


def _is_header_line(text: str) -> bool:
    """A line above the figures that heads columns: indented, or cells apart by gaps."""
    stripped = text.strip()
    if not stripped or len(stripped) > SETTINGS.lead_in_chars and "  " not in stripped:
        return False
    return text.startswith("    ") or "  " in stripped


def _is_heading(text: str) -> bool:
    """A short line of its own above the figures: a unit line ("(in millions, except
    percentages)") or a heading of rows ("Revenues:"), never a sentence."""
    stripped = text.strip()
    return bool(stripped) and len(stripped) <= SETTINGS.lead_in_chars and not stripped.endswith(".")


def _split(lines: list[Line], european: bool) -> list[tuple[str, list[Line] | _Table]]:
    """("text", lines) and ("table", _Table) in order."""
    rows = [_is_figure_row(line.text, european) for line in lines]
    out: list[tuple[str, list[Line] | _Table]] = []
    i, text = 0, []
    while i < len(lines):
        if not rows[i]:
            text.append(lines[i])
            i += 1
            continue
        first = i
        if text and _wrapped_label_above(text[-1].text, lines[i].text):
            text.pop()  # "Depreciation of property, plant" over "and equipment  25.9": the body's
            first = i - 1
        head = []
        while text and (_is_header_line(text[-1].text) or _is_heading(text[-1].text)):
            head.insert(0, text.pop())
            if len(text) >= 2 and not text[-1].text.strip() and _is_header_line(text[-2].text):
                text.pop()  # a blank line between the years and the first block's heading
        end = _body_end(lines, rows, i)
        out.append(("text", text))
        out.append(("table", _Table(head, lines[first:end])))
        text, i = [], end
    out.append(("text", text))
    return [(k, v) for k, v in out if v]


def _wrapped_label_above(above: str, row: str) -> bool:
    """The line above a table's first figure row is the first line of its label: words
    alone, set where the row's label starts, over a label that goes on in lower case."""
    label = row[: _after_label(row)]
    words = above.strip()
    indent = len(above) - len(above.lstrip())
    return (
        bool(words)
        and "  " not in words
        and not words.endswith((":", "."))
        and label.strip()[:1].islower()
        and abs(indent - (len(label) - len(label.lstrip()))) <= _EDGE_TOLERANCE
    )


def _body_end(lines: list[Line], rows: list[bool], i: int) -> int:
    """Where a table's body ends: after its last figure row, with the label-only lines
    (section headings) between figure rows, and single blank lines before more figures."""
    end = i + 1
    j = i + 1
    while j < len(lines):
        text = lines[j].text.strip()
        if rows[j] or _one_figure_row(lines[j].text):
            end = j + 1  # "Net finance costs   ...   (18.6)": a figure in one column only
        elif not text:
            if not _continues_after_blank(lines, rows, j):
                break
        elif len(text) > SETTINGS.lead_in_chars or text.endswith("."):
            break  # a footnote or a paragraph after the table
        j += 1
    return end


def _continues_after_blank(lines: list[Line], rows: list[bool], j: int) -> bool:
    """After a blank line the table goes on with more figures, a header line, or a block's
    heading right above its figures ("Logística Portuária" over its lines)."""
    if j + 1 >= len(lines):
        return False
    after = lines[j + 1].text
    if rows[j + 1] or _is_header_line(after):
        return True
    return _is_heading(after) and j + 2 < len(lines) and rows[j + 2]


def _columns(body: list[Line], european: bool) -> list[tuple[int, int]]:
    """(first, last) character of each figure column, from the figures' right edges."""
    edges: list[list[int]] = []  # clusters of right edges
    lefts: dict[int, int] = {}
    for line in body:
        if not _is_figure_row(line.text, european):
            continue
        for start, end in _figures(line.text, european):
            if start < _after_label(line.text):
                continue  # a footnote mark in the label: "Natural Gas Pipelines (1)"
            edge = end - 1
            cluster = next((k for k, c in enumerate(edges) if abs(c[0] - edge) <= _EDGE_TOLERANCE), None)
            if cluster is None:
                edges.append([edge])
                cluster = len(edges) - 1
            else:
                edges[cluster].append(edge)
            lefts[cluster] = min(lefts.get(cluster, start), start)
    order = sorted(range(len(edges)), key=lambda k: min(edges[k]))
    out, previous = [], -1
    for k in order:
        last = max(edges[k])
        first = previous + 1 if out else lefts[k]
        out.append((first, last))
        previous = last
    return out


@dataclass(frozen=True)
class _Phrase:
    """A header phrase and the figure columns it heads (first = last = -1: the labels')."""

    text: str
    first: int
    last: int
    centre: float

    def over(self, first: int, last: int) -> _Phrase:
        return _Phrase(self.text, first, last, self.centre)


def _header_cells(text: str, columns: list[tuple[int, int]]) -> list[_Phrase]:
    """Each phrase of a header line, over the figure columns it overlaps; a phrase that
    starts the line flush left, or stands left of every column, heads the labels."""
    out = []
    for m in _PHRASE.finditer(text):
        start, end = m.start(), m.end()
        least = min(SETTINGS.aligned_overlap_chars, max(1, (end - start) // 2))
        covered = [k for k, (lo, hi) in enumerate(columns) if min(end, hi + 1) - max(start, lo) >= least]
        if start == 0:
            covered = [-1]  # "(in millions, except percentages)", "Revenues:"
        elif not covered:
            before = [k for k, (lo, _) in enumerate(columns) if lo <= start]
            covered = [before[-1]] if before else [-1]
        out.append(_Phrase(m.group(), covered[0], covered[-1], (start + end) / 2))
    return out


def _stretched(cells: list[_Phrase], columns: list[tuple[int, int]]) -> list[_Phrase]:
    """A group name set over part of its columns ("Total" over the last of 2023, 2024 and
    US$ 2024) heads the columns no other phrase of its line heads, each going to the
    nearest phrase by its centre: what the reader of a centred heading sees."""
    placed = [c for c in cells if c.first >= 0]
    if not placed:
        return cells
    owner = {}
    for k, (lo, hi) in enumerate(columns):
        mine = next((i for i, c in enumerate(placed) if c.first <= k <= c.last), None)
        nearest = min(range(len(placed)), key=lambda i: abs(placed[i].centre - (lo + hi) / 2))
        owner[k] = mine if mine is not None else nearest
    spans = []
    for i, c in enumerate(placed):
        mine = [k for k, o in owner.items() if o == i]
        spans.append(c.over(min(mine), max(mine)) if mine else c)
    return [c for c in cells if c.first < 0] + spans


# "% of", "Corporate and", "Property,": the first line of a name wrapped onto the next
_OPENING = re.compile(r"(?:\b(?:of|and|the|for|in|&)|[,&/-])$", re.IGNORECASE)


def _opening_lines(cells: list[_Phrase]) -> bool:
    """Every phrase over the columns is the first line of a wrapped name ("% of" over
    "Total"): each heads what the phrase below it heads, never a group of columns."""
    placed = [c for c in cells if c.first >= 0]
    return bool(placed) and all(_OPENING.search(c.text) for c in placed)


def _first_lines_of_names(cells: list[_Phrase], below: list[_Phrase]) -> bool:
    """Each phrase over the columns sits over one name of one column below it and no other
    ("Higher" over "Education", "Central" over "items"): the first lines of names wrapped
    over two lines. A group's name spans the several columns of its years or names."""
    placed = [c for c in cells if c.first >= 0]
    names = [b for b in below if b.first >= 0]
    if not placed or len(placed) >= len(names):
        return False
    taken = set()
    for c in placed:
        under = [b for b in names if b.first <= c.last and c.first <= b.last]
        if len(under) != 1 or under[0].first != under[0].last or under[0] in taken:
            return False
        if any(labels.years_in(t) or not any(ch.isalpha() for ch in t) for t in (c.text, under[0].text)):
            return False  # a period over its columns, or a heading over a period column
        if not _aligned(c, under[0]):
            return False  # a title over the table that happens to overlap one name
        taken.add(under[0])
    return True


def _aligned(upper: _Phrase, lower: _Phrase) -> bool:
    """Two lines of one name share its column's alignment: right edges, left edges or
    centres within the tolerance of a right-aligned figure's ")"."""

    def edges(p: _Phrase) -> tuple[float, float, float]:
        return p.centre - len(p.text) / 2, p.centre, p.centre + len(p.text) / 2

    return any(abs(a - b) <= _EDGE_TOLERANCE / 2 for a, b in zip(edges(upper), edges(lower), strict=True))


def _groups(cells: list[_Phrase], n: int) -> bool:
    """A line of group names: fewer phrases over the columns than there are columns."""
    return 0 < sum(1 for c in cells if c.first >= 0) < n


def _snapped(cells: list[_Phrase], below: list[_Phrase]) -> list[_Phrase]:
    """Each phrase over the union of the spans of the line below that it overlaps: the
    first line of a wrapped group name spans what its last line spans."""
    out = []
    for c in cells:
        under = [b for b in below if b.first >= 0 and b.first <= c.last and c.first <= b.last]
        out.append(
            c.over(min(b.first for b in under), max(b.last for b in under)) if c.first >= 0 and under else c
        )
    return out


def _header_row(number: int, spans: list[_Phrase], n: int):
    cells: list[tuple[str, int]] = [("", 1)]
    at = 0  # the next figure column without a cell
    for c in spans:
        if c.first < 0:
            cells[0] = (f"{cells[0][0]} {c.text}".strip(), 1)
            continue
        if c.first < at:
            continue  # overlaps a phrase already placed: the line is not a row of cells
        cells += [("", 1)] * (c.first - at)
        cells.append((c.text, c.last - c.first + 1))
        at = c.last + 1
    cells += [("", 1)] * (n - at)
    return _row(number, cells)


# "46.1 %": a percent sign a space after its figure, as typeset percentages print
_SPACED_PERCENT = re.compile(r"(?<=[\d)]) %(?=\s|$)")


def _percent_joined(line: str) -> str:
    """The line with each spaced percent sign moved onto its figure ("46.1 %" -> "46.1% "):
    the same length, so every column keeps its position."""
    return _SPACED_PERCENT.sub("% ", line) if "%" in line else line


def to_elements(text: str, first_line: int = 1) -> list:
    """The text as lxml elements: ``<p>`` paragraphs and a ``<table>`` per aligned table,
    each element carrying its file line."""
    lines = [Line(first_line + i, _percent_joined(raw).rstrip()) for i, raw in enumerate(text.splitlines())]
    european = _european(text)
    out = []
    for kind, part in _split(lines, european):
        if kind == "text":
            out.extend(_paragraphs(part))
        else:
            out.append(_table_element(part, european))
    return out


def _table_element(table: _Table, european: bool):
    import lxml.html

    columns = _columns(table.body, european)
    starts = [0, *(lo for lo, _ in columns)]
    element = lxml.html.Element("table")
    element.set(MARK, "1")
    element.sourceline = (table.header or table.body)[0].number
    rows, below = [], None
    for line in reversed(table.header):
        cells = _header_cells(line.text, columns)
        wrapped = below is not None and (_opening_lines(cells) or _first_lines_of_names(cells, below))
        if below is not None and (wrapped or _groups(below, len(columns))):
            cells = _snapped(cells, below)  # "Advanced" over "Materials": that name's columns
        elif below is not None:
            # Group names over a line that heads every column ("Mining  Games" over
            # "2023 2024 2023 2024"); right above the figures each name heads its own.
            cells = _stretched(cells, columns)
        rows.insert(0, _header_row(line.number, cells, len(columns)))
        if not wrapped and any(c.first >= 0 for c in cells):
            below = cells  # the lines above a wrapped name's first line stand over the whole
    for row in rows:
        element.append(row)
    for number, cells in _body_rows(table.body, starts, european):
        element.append(_row(number, [(cell, 1) for cell in cells]))
    return element


def _body_rows(body: list[Line], starts: list[int], european: bool) -> list[tuple[int, list[str]]]:
    """Each body line's cells. A label wrapped onto the next line ("Amortization of
    acquisition-related" over an indented "intangibles 96.3") is one row: a line of words
    only, then a line whose label starts in lower case."""
    out: list[tuple[int, list[str]]] = []
    for line in body:
        if not line.text.strip():
            continue
        cells = _cells(line.text, starts, _TOKEN, european)
        if not _figures(line.text, european):
            # A heading of the rows below, however far it runs ("As of December 31, 2024,
            # and for the year then ended"): one label, never cut at the columns' starts.
            cells = [line.text.strip()] + [""] * (len(cells) - 1)
        label, _, last = cells[0].rpartition(" ")
        if label and is_currency_symbol(last) and len(cells) > 1 and cells[1]:
            cells[:2] = [label, f"{last} {cells[1]}"]  # "Mining  $  1,000": the "$" is the figure's
        before = out[-1][1] if out else None
        if before and not any(before[1:]) and cells[0][:1].islower() and not before[0].endswith(":"):
            out[-1] = (line.number, [f"{before[0]} {cells[0]}", *cells[1:]])  # the figures' line
            continue
        out.append((line.number, cells))
    return out


def _row(number: int, cells: list[tuple[str, int]]):
    import lxml.html

    tr = lxml.html.Element("tr")
    tr.sourceline = number
    for text, span in cells:
        td = lxml.html.Element("td")
        td.text = text
        if span > 1:
            td.set("colspan", str(span))
        td.sourceline = number
        tr.append(td)
    return tr


class AlignedTextReader(LaidOutTextReader):
    """Filing text whose tables line figures up by spaces (``has_tables``): read by
    position, as the HTML reader reads cells and their spans."""

    name = "filing text aligned in columns"

    def __init__(self) -> None:
        super().__init__(has_tables, to_elements)
