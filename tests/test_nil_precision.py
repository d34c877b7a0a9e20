"""A dash stands for zero to the precision of the figures around it.

A nil ("—") shows no digits. It was read as a whole-unit zero, 0 ± 0.5, so in a table in
billions to two decimals every sum with a dash in it took a tolerance of ±0.5: broken
totals passed as "within rounding", and relations found by coincidence were kept and
then reported as false errors in the other years. XBRL gives a nil fact the @decimals of
its table; the reader now gives a dash its row's precision, else its column's, else the
table's (``layout.nil_precision``).

Grid: 1 or 2 decimals x the dash in either segment row x an error of 0 (control), 0.2 or
0.4, which the whole-unit dash hid. Filing text, aligned.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.api import check, parse
from xlsegment.numbers import Cell
from xlsegment.readers.layout import nil_precision

GRID = [(d, dash, err) for d in (1, 2) for dash in (0, 1) for err in ("0", "0.2", "0.4")]


def _note(decimals: int, dash_row: int, error: str) -> str:
    """Two segments and their total over two line items; the dash is one segment's
    revenue, and the revenue total is off by ``error``."""
    rows = {
        "Revenue": [Decimal("1.2"), Decimal("0.4")],
        "Operating income": [Decimal("0.3"), Decimal("0.1")],
        "Total assets": [Decimal("3.5"), Decimal("1.9")],
    }
    rows["Revenue"][dash_row] = Decimal(0)
    totals = {line: sum(v) + (Decimal(error) if line == "Revenue" else 0) for line, v in rows.items()}

    def cell(v: Decimal, nil: bool = False) -> str:
        return f"{'—' if nil else f'{v:.{decimals}f}':>12}"

    lines = [
        "Segment information",
        "(Dollars in billions)",
        "Year ended December 31, 2025",
        f"{'':<24}{'Energy':>12}{'Software':>12}{'Total':>12}",
    ]
    for line, values in rows.items():
        shown = "".join(cell(v, line == "Revenue" and i == dash_row) for i, v in enumerate(values))
        lines.append(f"{line:<24}{shown}{cell(totals[line])}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("decimals", "dash_row", "error"), GRID)
def test_a_dash_takes_the_precision_of_its_line(tmp_path, decimals, dash_row, error):
    path = tmp_path / "note.txt"
    path.write_text(_note(decimals, dash_row, error), encoding="utf-8")
    result = check(parse(path))
    broken = [(f.period, f.line_item, f.segment) for f in result.errors]
    want = [("2025", "Revenue", "Total")] if Decimal(error) else []
    assert broken == want, [f.message for f in result.errors]


def _grid(*rows):
    return [[None if v is None else (v, 1) for v in row] for row in rows]


def test_nil_precision_prefers_the_row_then_the_column_then_the_table():
    dash = Cell(0, 0, nil=True)
    grid = _grid(
        [Cell(Decimal("1.25"), 2), dash],  # the row says two decimals
        [dash, dash],  # no figure in the row: the column's (two, then one)
        [Cell(Decimal("3.1"), 1), Cell(Decimal("2.4"), 1)],
    )
    assert nil_precision(grid) == {(0, 1): 2, (1, 0): 1, (1, 1): 1}
    # a whole-unit table keeps whole units (control)
    assert nil_precision(_grid([Cell(125, 0), dash])) == {(0, 1): 0}
    # a percentage states no amount's precision
    assert nil_precision(_grid([Cell(Decimal("12.5"), 1, percent=True), dash, Cell(7, 0)])) == {(0, 1): 0}
