"""A block of translated figures in an HTML table: under a lone "US$" row, the lines above
stated again in the convenience currency.

Some filers translate a whole table this way instead of adding a US$ column. The block is
split off before the rows are read (``layout.translation_block_at``, the rule the text
reader uses too), and each of its lines becomes figures of convenience columns on the row
of the local line it repeats, so each translated figure pairs with its local figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from xlsegment import labels
from xlsegment.model import Column, Finding, Role, Severity
from xlsegment.readers.htmlgrid import LogicalRow
from xlsegment.readers.layout import translation_block_at


def marked_in_another_currency(
    columns: list[Column], named: list[bool], marks: list[set[str]], note: str
) -> list[Column]:
    """Columns whose header names no currency (``named``) and whose body marks every figure
    in one currency other than the note's (``marks``: the symbols before its figures, "US$
    7,046" in a block under a lone "US$" row): that currency's figures. A bare "$" names no
    currency of its own, since filers in pesos and dollars alike write it."""
    out = list(columns)
    for j, (col, has_name, symbols) in enumerate(zip(columns, named, marks, strict=True)):
        codes = {labels.currency_of(s) for s in symbols if s.strip() != "$"}
        if has_name or col.currency != note or len(codes) != 1 or None in codes:
            continue
        code = codes.pop()
        if code != note and len(symbols) == 1:
            out[j] = replace(col, currency=code)
    return out


def split_block(body: list[LogicalRow], note_currency: str) -> tuple[list[LogicalRow], str, list[LogicalRow]]:
    """(the local rows, the block's currency or "", the block's rows)."""
    found = translation_block_at([(lr.label, bool(lr.amounts)) for lr in body], note_currency)
    if found is None:
        return body, "", []
    i, code = found
    return body[:i], code, body[i + 1 :]


def add_block(
    columns: list[Column],
    row_labels: list[str],
    values: list[list],
    block: list[LogicalRow],
    code: str,
    figures: Callable[[LogicalRow], list | None],
) -> tuple[list[Column], list[Finding]]:
    """Convenience columns beside the local ones, filled from the block's lines; ``figures``
    gives a line's values by column as the local rows were read (None: no figures).
    ``values`` is extended in place, one list per local row."""
    added = [Column(code, c.segment, c.period, code, Role.CONVENIENCE, c.measure) for c in columns]
    for row in values:
        row.extend([None] * len(added))
    free: dict[str, list[int]] = {}
    for r, label in enumerate(row_labels):
        free.setdefault(labels.norm_key(label), []).append(r)
    found: list[Finding] = []
    for lr in block:
        placed = figures(lr) if lr.amounts else None
        if placed is None:
            continue
        rows = free.get(labels.norm_key(labels.strip_footnotes(lr.label)), [])
        line = lr.label_cell.line if lr.label_cell else None
        if not rows:
            message = f"translated line '{lr.label}' repeats no local line; not read"
            found.append(Finding("seg.layout.shape", Severity.WARNING, message, source_line=line))
            continue
        target = values[rows.pop(0)]
        for k, cell in enumerate(placed):
            target[len(columns) + k] = cell
    message = (
        f"a block under '{code}' translates the lines above it: read as {len(added)} translated column(s)"
    )
    at = block[0].label_cell.line if block and block[0].label_cell else None
    found.append(Finding("seg.layout.translated", Severity.INFO, message, source_line=at))
    return columns + added, found
