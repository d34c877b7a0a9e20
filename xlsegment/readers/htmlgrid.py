"""An HTML table as rows of cells: colspan and rowspan, hidden content, symbol cells joined.

EDGAR tables spread one amount over up to three cells (`$` | `1,234` | `)`), hide cells
with ``display:none`` and pad with empty spacer columns. This module turns one ``<table>``
into rows of visible cells at their grid positions, then joins each amount with the
symbol cells around it, so the layer above sees label cells and amount cells only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlsegment import durations, labels
from xlsegment.numbers import Cell, is_currency_symbol, parse_cell

_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_BLOCK_TAGS = frozenset({"br", "p", "div", "tr", "td", "th", "li"})
IX_FACT_TAGS = frozenset({"ix:nonfraction", "nonfraction"})
_CLOSERS = frozenset({")", "%", ")%", "%)", "pts", "pts)", "bps"})


def is_hidden(el) -> bool:
    style = el.get("style")
    return bool(style and _HIDDEN.search(style)) or el.get("hidden") is not None


def visible_text(el) -> str:
    """The text a reader sees in ``el``: hidden parts left out, non-breaking spaces and
    line breaks as spaces, runs of white space as one."""
    parts: list[str] = []
    _collect(el, parts)
    return _SPACES.sub(" ", "".join(parts).replace("\u00a0", " ").replace("\u200b", "")).strip()


def _collect(el, parts: list[str]) -> None:
    if not isinstance(el.tag, str) or is_hidden(el):
        return  # comments, processing instructions and display:none subtrees
    if el.text:
        parts.append(el.text)
    for child in el:
        _collect(child, parts)
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def ix_facts_in(el) -> list:
    """The visible inline-XBRL numeric facts inside ``el``, in document order."""
    out = []
    stack = [el]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or is_hidden(node):
            continue
        if node.tag.lower() in IX_FACT_TAGS:
            out.append(node)
        stack.extend(reversed(node))
    return out


@dataclass(frozen=True, slots=True)
class GridCell:
    """A visible cell: its text and where it sits (grid row and first column, 0-based)."""

    text: str
    row: int
    col: int
    span: int
    line: int | None  # the HTML source line of the cell
    element: object = field(repr=False, compare=False, default=None)

    @property
    def end(self) -> int:
        return self.col + self.span


def grid_rows(table) -> list[list[GridCell]]:
    """Visible cells of each visible row, with the grid columns that colspan and rowspan
    give them. A cell spanning rows is listed in its first row; the rows below skip the
    columns it covers, as a browser lays them out."""
    rows: list[list[GridCell]] = []
    taken: dict[tuple[int, int], bool] = {}
    for tr in _rows_of(table):
        r = len(rows)
        cells: list[GridCell] = []
        col = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th") or is_hidden(td):
                continue
            while taken.get((r, col)):
                col += 1
            span = _span(td, "colspan")
            down = _span(td, "rowspan")
            for dr in range(1, down):
                for dc in range(span):
                    taken[(r + dr, col + dc)] = True
            text = labels.without_viewer_marks(labels.without_leaders(visible_text(td)))
            text = durations.short_period(text) or text  # "4Q25" over its column is "Q4 2025"
            cells.append(GridCell(text, r, col, span, td.sourceline, td))
            col += span
        rows.append(cells)
    return rows


def _rows_of(table):
    """The rows of this table, not of tables nested in its cells."""
    for child in table:
        if not isinstance(child.tag, str) or is_hidden(child):
            continue
        tag = child.tag.lower()
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (
                tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr" and not is_hidden(tr)
            )


def _span(td, attr: str) -> int:
    try:
        return max(1, min(int(td.get(attr, "1").strip() or 1), 1000))
    except ValueError:
        return 1  # colspan="auto" and other junk: one column, as browsers do


@dataclass(frozen=True, slots=True)
class Amount:
    """A figure joined from its cells: the number cell and the `$`, `(`, `)`, `%` beside it."""

    cell: Cell
    col: int  # grid column of the number cell
    first: int  # first and last grid column of the joined cells
    last: int
    source: GridCell
    currency: str | None = None  # the symbol in front, "$" or "€"

    @property
    def percent(self) -> bool:
        return self.cell.percent


@dataclass
class LogicalRow:
    """One table row: its label, its amounts and any other text cells."""

    index: int  # grid row
    label: str
    label_cell: GridCell | None
    amounts: list[Amount] = field(default_factory=list)
    texts: list[GridCell] = field(default_factory=list)  # text cells right of the label
    years: list[GridCell] = field(default_factory=list)  # bare years: column headers

    @property
    def cells(self) -> list[GridCell]:
        return ([self.label_cell] if self.label_cell else []) + self.texts


def logical_row(index: int, cells: list[GridCell], european: bool = False) -> LogicalRow:
    """Join symbol cells to their amounts and tell the label from the figures."""
    row = LogicalRow(index, "", None)
    symbol: str | None = None
    symbol_col: int | None = None
    symbol_cell: GridCell | None = None
    opened = False
    for gc in cells:
        text = gc.text
        if not text:
            continue
        # "US$ (3)": a currency cell with its footnote mark, no figure -3
        text = _symbol_without_mark(text, gc) or text
        bare = text.replace("(", "").strip()
        if is_currency_symbol(bare) or (not bare and text == "("):
            if symbol_cell is not None and symbol_cell.text.strip() != "$":
                _header_text(row, symbol_cell)  # "RMB" before "US$", no amount between
            symbol, opened = (bare or symbol), opened or "(" in text
            symbol_col = gc.col if symbol_col is None else symbol_col
            symbol_cell = gc if bare else symbol_cell
            continue
        if row.amounts and text.lower() in _CLOSERS and row.amounts[-1].last < gc.col:
            _close(row, text, gc)
            continue
        if (labels.YEAR_RE.match(text) or _NUMERIC_DATE.match(text)) and not symbol:
            row.years.append(gc)  # "31.12.2024" is a date, not 31,122,024 in European digits
            continue
        cell = None if _is_key_cell(row, gc) else parse_cell(_amount_text(text, opened), european)
        if cell is None and symbol_cell is not None and symbol_cell.text.strip() != "$" and not row.amounts:
            _header_text(row, symbol_cell)  # "US$" then a word: a currency heading, no figure's mark
        if cell is not None:
            first = gc.col if symbol_col is None else symbol_col
            row.amounts.append(Amount(cell, gc.col, first, gc.end - 1, gc, symbol))
        elif row.label_cell is None and not row.amounts and not row.years:
            row.label, row.label_cell = text, gc
        else:
            row.texts.append(gc)
        symbol, symbol_col, symbol_cell, opened = None, None, None, False
    if symbol_cell is not None and symbol_cell.text.strip() != "$" and not row.amounts:
        _header_text(row, symbol_cell)
    return row


_NUMERIC_DATE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d$")


def _header_text(row: LogicalRow, gc: GridCell) -> None:
    """A currency cell with no amount after it heads its column ("RMB | RMB | US$"), as
    "US$" over a column does in text: kept as a header cell, not an amount's symbol."""
    if row.label_cell is None and not row.amounts and not row.years and not row.texts:
        row.label, row.label_cell = gc.text, gc
    else:
        row.texts.append(gc)


def _amount_text(text: str, opened: bool) -> str:
    """The amount as shown: a `(` in the cell before belongs to it, and the `)` that
    stands in the cell after it closes it."""
    if opened and not text.startswith("("):
        text = "(" + text
    if text.startswith("(") and ")" not in text:
        text += ")"
    return text


_ONE_MARK = re.compile(r"[(\[](?:\d|[a-z]|[ivx]{1,4}|\*)[)\]]$", re.IGNORECASE)


def _symbol_without_mark(text: str, gc: GridCell) -> str | None:
    """The symbol of "US$ (3)": a currency symbol and a footnote mark of one digit or
    letter. None for "$ (22)", a negative figure, and for any cell an inline XBRL fact is
    tagged in."""
    plain = labels.strip_footnotes(text)
    if plain == text or not is_currency_symbol(plain) or not _ONE_MARK.search(text.strip()):
        return None
    element = gc.element
    tagged = element is not None and any(str(el.tag).lower().endswith("nonfraction") for el in element.iter())
    return None if tagged else plain


def _is_key_cell(row: LogicalRow, gc: GridCell) -> bool:
    """A row's first cell holding a lone small number is a label (a footnote or item key)."""
    return (
        row.label_cell is None and not row.amounts and gc.col == 0 and gc.text.isdigit() and len(gc.text) <= 2
    )


def _close(row: LogicalRow, text: str, gc: GridCell) -> None:
    """A `)` or `%` in a cell of its own closes the amount before it."""
    last = row.amounts[-1]
    cell = last.cell
    if "%" in text and not cell.percent:
        cell = Cell(cell.value, cell.decimals, cell.nil, percent=True)
    row.amounts[-1] = Amount(cell, last.col, last.first, gc.end - 1, last.source, last.currency)
