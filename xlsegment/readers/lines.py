"""First pass over filing text: one cell per line into labelled rows and table blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsegment import labels
from xlsegment.numbers import Cell, is_currency_symbol, looks_european, parse_cell


@dataclass
class RawRow:
    """A text line and the number cells that follow it."""

    label: str
    line: int
    cells: list[tuple[Cell, int]] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)  # year header cells
    percents: int = 0

    @property
    def has_values(self) -> bool:
        return bool(self.cells)


@dataclass
class Block:
    """Rows between two blank lines (the corpus separates tables by a blank line)."""

    rows: list[RawRow]


def tokenize(text: str) -> tuple[list[Block], bool]:
    """Group lines into rows and blocks; returns the blocks and whether numbers are European."""
    lines = text.splitlines()
    candidates = [s for s in (x.strip() for x in lines) if s and s[0] in "($-0123456789"]
    european = looks_european(candidates, text[:4000])
    blocks: list[Block] = []
    rows: list[RawRow] = []
    for number, raw in enumerate(lines, start=1):
        s = raw.strip().replace("\u00a0", " ")
        if not s:
            if rows:
                blocks.append(Block(rows))
                rows = []
            continue
        if is_currency_symbol(s) and (s in "$€£¥" or (rows and rows[-1].cells)):
            continue  # a symbol cell in front of an amount; "US$" over a column is a header
        if labels.YEAR_RE.match(s):
            # A bare year is a column or period header, never an amount (filings write 2,024).
            if rows and not rows[-1].cells:
                rows[-1].years.append((int(s), number))
            else:
                rows.append(RawRow("", number, years=[(int(s), number)]))
            continue
        cell = parse_cell(s, european)
        if cell is not None:
            if not rows:
                rows.append(RawRow("", number))
            if cell.percent:
                rows[-1].percents += 1
            else:
                rows[-1].cells.append((cell, number))
            continue
        rows.append(RawRow(s, number))
    if rows:
        blocks.append(Block(rows))
    return blocks, european
