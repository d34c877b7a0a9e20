"""EDGAR fixed-width tables: the ``<TABLE>`` blocks of filings written as plain text.

Filings before HTML (and the ``<pre>`` sections of some later ones) lay tables out in
columns of characters, marked up with EDGAR's SGML table tags: ``<TABLE>``, ``<CAPTION>``,
and an ``<S>`` line whose ``<C>`` marks give where each column starts. The marks say which
cell every figure is in, which the text loses once it is flattened to one cell per line.

Each block becomes an HTML ``<table>`` element, one ``<td>`` per column, carrying the line
of the file it came from, so the HTML reader reads it like any filing table. A figure
belongs to the column its last character falls in (amounts are right-aligned); a word of a
heading to the column its first character falls in. Text between tables becomes
paragraphs, so the lead-in sentences and headings are found as in HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlsegment import labels
from xlsegment.numbers import is_currency_symbol, parse_cell
from xlsegment.settings import SETTINGS

_TABLE_OPEN = re.compile(r"^\s*<TABLE>\s*$", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"^\s*</TABLE>\s*$", re.IGNORECASE)
_TAG_LINE = re.compile(r"^\s*</?(?:CAPTION|FN|PAGE)>\s*$", re.IGNORECASE)
_COLUMNS_LINE = re.compile(r"^\s*<S>(?:\s*<C>)+\s*$", re.IGNORECASE)
_MARK = re.compile(r"<[SC]>", re.IGNORECASE)
# "- -----", "=====", "_____": the rules drawn between rows
_RULE = re.compile(r"^[\s\-=_]*[\-=_]{4,}[\s\-=_]*$")
_TOKEN = re.compile(r"\S+")
MARK = "data-fixed-width"  # on the tables made here: their figures are found by line


def has_tables(text: str) -> bool:
    """Whether the text holds EDGAR table blocks with their column marks."""
    return any(_TABLE_OPEN.match(s) for s in text.splitlines()) and any(
        _COLUMNS_LINE.match(s) for s in text.splitlines()
    )


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # line of the file
    text: str


def blocks(text: str, first_line: int = 1) -> list[tuple[str, list[Line]]]:
    """("text", lines) and ("table", lines) in order; line numbers count from ``first_line``."""
    out: list[tuple[str, list[Line]]] = []
    kind, current = "text", []
    for i, raw in enumerate(text.splitlines()):
        line = Line(first_line + i, raw.rstrip())
        if kind == "text" and _TABLE_OPEN.match(raw):
            out.append(("text", current))
            kind, current = "table", []
        elif kind == "table" and _TABLE_CLOSE.match(raw):
            out.append(("table", current))
            kind, current = "text", []
        else:
            current.append(line)
    out.append((kind, current))
    return [(k, lines) for k, lines in out if lines]


def column_starts(lines: list[Line]) -> list[int] | None:
    """Where each column starts, from the ``<S>``/``<C>`` line: the label column first."""
    for line in lines:
        if _COLUMNS_LINE.match(line.text):
            return [m.start() for m in _MARK.finditer(line.text)]
    return None


def rows(lines: list[Line], starts: list[int]) -> list[tuple[int, list[str]]]:
    """(line, cells) for each row of a table block: the label, then one text per column."""
    out: list[tuple[int, list[str]]] = []
    for line in lines:
        text = line.text
        if not text.strip() or _COLUMNS_LINE.match(text) or _TAG_LINE.match(text) or _RULE.match(text):
            continue
        cells = _cells(text, starts)
        if out and _continues_label(out[-1][1], cells):
            # A label wrapped onto the next line ("Investment income for the account" /
            # "of policyholders  -3,981 ..."): one row, on the line of its figures.
            cells = [f"{out[-1][1][0]} {cells[0]}", *cells[1:]]
            out[-1] = (line.number, cells)
            continue
        out.append((line.number, cells))
    return out


def _continues_label(before: list[str], cells: list[str]) -> bool:
    """The line before holds a label only, and this line's label starts in lower case."""
    label = cells[0]
    return bool(before[0]) and not any(before[1:]) and label[:1].islower()


def _cells(
    text: str, starts: list[int], token_pattern: re.Pattern = _TOKEN, european: bool = False
) -> list[str]:
    """A line's tokens by column: a figure by its last character, a word by its first.
    In a row of figures the words before the first figure are its label, however far they
    run; in a heading line each word sits in the column it starts in."""
    cells: list[list[str]] = [[] for _ in starts]
    tokens = list(token_pattern.finditer(text))
    columns = [_column(t, starts, european) for t in tokens]
    first = next(
        (k for k, t in enumerate(tokens) if columns[k] > 0 and _is_figure(t.group(), european)), None
    )
    for k, token in enumerate(tokens):
        column = (
            0 if first is not None and k < first and not _is_figure(token.group(), european) else columns[k]
        )
        if (
            is_currency_symbol(token.group())
            and k + 1 < len(tokens)
            and _is_figure(tokens[k + 1].group(), european)
        ):
            column = columns[k + 1]  # "$ 1,356,118": the sign stands a space left of its column's mark
        cells[column].append(token.group())
    return [" ".join(c) for c in cells]


def _column(token: re.Match, starts: list[int], european: bool = False) -> int:
    """A figure's column is where its last character is; a word's, the one it overlaps
    most (headings are centred or right-aligned over their column, and may start a little
    left of its mark)."""
    if _is_figure(token.group(), european):
        at = token.end() - 1
        return max((i for i, s in enumerate(starts) if s <= at), default=0)
    bounds = [*starts[1:], max(token.end(), starts[-1]) + 1]
    overlap = [min(token.end(), hi) - max(token.start(), lo) for lo, hi in zip(starts, bounds, strict=True)]
    return max(range(len(starts)), key=lambda i: (overlap[i], -i))


def _is_figure(token: str, european: bool = False) -> bool:
    return parse_cell(token, european) is not None


def to_elements(text: str, first_line: int = 1) -> list:
    """The text as lxml elements: a ``<p>`` per paragraph, a ``<table>`` per table block
    (a block without column marks stays text). Every element carries its file line."""
    import lxml.html

    out = []
    for kind, lines in blocks(text, first_line):
        starts = column_starts(lines) if kind == "table" else None
        if starts is None:
            out.extend(_paragraphs(lines))
            continue
        table = lxml.html.Element("table")
        table.set(MARK, "1")
        table.sourceline = lines[0].number
        texts = {line.number: line.text for line in lines}
        for number, cells in rows(lines, starts):
            tr = lxml.html.Element("tr")
            tr.sourceline = number
            for cell, span in spanning_heading(texts[number], starts) or [(c, 1) for c in cells]:
                td = lxml.html.Element("td")
                td.text = cell
                td.sourceline = number
                if span > 1:
                    td.set("colspan", str(span))
                tr.append(td)
            table.append(tr)
        out.append(table)
    return out


_PHRASE = re.compile(r"\S+(?: \S+)*")  # words apart by single spaces


def spanning_heading(text: str, starts: list[int]) -> list[tuple[str, int]] | None:
    """A heading line whose one period heading runs over several columns ("Year Ended
    December 31," centred over the years): (text, columns spanned) per cell, the heading
    one cell over the columns it covers, not a word in each. None for any other line."""
    phrases = list(_PHRASE.finditer(text))
    if len(phrases) != 1 or not labels.is_period_heading(phrases[0].group().strip()):
        return None
    found = phrases[0]
    bounds = [*starts[1:], 10**6]
    covered = [
        i
        for i, (lo, hi) in enumerate(zip(starts, bounds, strict=True))
        if found.start() < hi and found.end() > lo
    ]
    if len(covered) < 2 or covered[0] == 0:
        return None
    first, span = covered[0], len(covered)
    rest = len(starts) - first - span
    return [("", 1)] * first + [(found.group(), span)] + [("", 1)] * rest


def _paragraphs(lines: list[Line]) -> list:
    """Runs of non-blank lines as paragraphs; a line of its own (a heading) stays one."""
    import lxml.html

    out = []
    run: list[Line] = []

    def flush():
        if run:
            p = lxml.html.Element("p")
            p.text = " ".join(s.text.strip() for s in run)
            p.sourceline = run[0].number
            out.append(p)
            run.clear()

    for line in lines:
        if not line.text.strip() or _TAG_LINE.match(line.text):
            flush()
            continue
        run.append(line)
        if len(line.text.strip()) < SETTINGS.fixed_width_title_chars and not line.text.rstrip().endswith(
            (",", "the", "and", "of")
        ):
            flush()  # short lines are headings, units and page numbers, each its own block
    flush()
    return out


def expand_pre(root) -> int:
    """Replace each ``<pre>`` that holds EDGAR table blocks by its paragraphs and tables;
    the number of tables made."""
    made = 0
    for pre in list(root.iter("pre")):
        text = "".join(pre.itertext())
        if not has_tables(text):
            continue
        elements = to_elements(text, pre.sourceline or 1)
        parent = pre.getparent()
        at = parent.index(pre)
        tail = pre.tail
        parent.remove(pre)
        for k, el in enumerate(elements):
            parent.insert(at + k, el)
        if elements and tail:
            elements[-1].tail = (elements[-1].tail or "") + tail
        made += sum(1 for el in elements if el.tag == "table")
    return made
