"""A figure asked for by its row's own label ("Creative Cloud", "Total Americas", "U.S."),
where the row is no line item of its own: a segment, product or region listed under a
measure's heading, whose figures carry that measure as their line item.

SEGTOTAL("Creative Cloud", 2024) asks for that row's figure, not the total of the
measure it is a row of; SEGVALUE("Desktop", "Client Computing", 2023) asks for the
Desktop row under the Client Computing heading, not the group's total.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlsegment.model import Fact

from .facts import Miss, listing
from .query import name_key


def labelled_rows(facts: tuple[Fact, ...], line_keys: set[str]) -> dict[str, list[Fact]]:
    """The figures by the key of their row's own label, where that label is neither their
    line item nor any line item of the note (``line_keys``): rows named for a segment,
    product or region, not for a line."""
    out: dict[str, list[Fact]] = {}
    for f in facts:
        key = name_key(f.label) if f.label else ""
        if key and f.label != f.line_item and key not in line_keys:
            out.setdefault(key, []).append(f)
    return out


def row_figure(
    rows: list[Fact], group_of: Callable[[Fact], str], segment: str | None = None
) -> int | Decimal:
    """The one figure of those rows (of ``segment`` where asked: the row's own or that of
    the heading it stands under). Several that differ: the one under no group's heading
    (United States in the geographic table, not under each product), else an error."""
    if segment is not None:
        rows = [f for f in rows if segment in (f.segment, group_of(f))]
        if not rows:
            raise Miss(f"no row of that name under {segment!r}")
    values = {f.value for f in rows}
    if len(values) == 1:
        return rows[0].value
    plain = {f.value for f in rows if not group_of(f)}
    if len(plain) == 1:
        return plain.pop()
    shown = listing(f"{f.value:,} ({f.line_item}, {group_of(f) or f.segment})" for f in rows)
    raise Miss(f"{len(rows)} rows of that name: {shown}; ask SEGVALUE(line, segment, period)")
