"""Grid tables: ``+----+`` rules around every row, cells wrapped over several lines, as
pandoc and reStructuredText write a table into text.

Between two rules, the lines are one row: "Revenue from external" over "customers" is
one label, "Food" over "products" one segment's name. A line of years alone stays a row
of its own, under the names it belongs to. Before, the rules broke the table into
one-line runs and the note was refused ("no <table>").

Grid: names wrapped over 1 or 2 lines x labels wrapped over 1 or 2 lines x years in the
header or in a heading above; each figure's segment, line and period, and no error.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse

SEGMENTS = ["Agro industry", "Food products", "Retail"]
LINES = {
    "Revenue from external customers": (42318, 28406, 19812),
    "Inter-segment revenues": (6204, 2118, 412),
    "Segment operating profit": (3906, 2718, 1204),
}
GRID = [(names, labels, years) for names in (1, 2) for labels in (1, 2) for years in ("header", "heading")]
WIDTH = 18


def _wrap(text: str, lines: int) -> list[str]:
    words = text.split()
    if lines == 1 or len(words) == 1:
        return [text] + [""] * (lines - 1)
    return [" ".join(words[:-1]), words[-1]]


def _line(cells: list[str]) -> str:
    return "|" + "|".join(f" {c:>{WIDTH - 2}} " for c in cells) + "|"


def _rule(n: int, mark: str = "-") -> str:
    return "+" + "+".join(mark * WIDTH for _ in range(n)) + "+"


def _note(names: int, label_lines: int, years: str) -> str:
    heads = [*SEGMENTS, "Total"]
    n = 1 + len(heads)
    out = ["31. Segment information", "", "(Unit: Thousand Baht)"]
    if years == "heading":
        out += ["For the year ended 31 December 2025"]
    out.append(_rule(n))
    wrapped = [_wrap(h, names) for h in heads]
    for k in range(names):
        out.append(_line(["", *(w[k] for w in wrapped)]))
    if years == "header":
        out.append(_line(["", *(["2025"] * len(heads))]))
    out.append(_rule(n, "="))
    for line, values in LINES.items():
        cells = [f"{v:,}" for v in (*values, sum(values))]
        for k, part in enumerate(_wrap(line, label_lines)):
            out.append(_line([part, *(cells if k == 0 else [""] * len(cells))]))
        out.append(_rule(n))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(("names", "label_lines", "years"), GRID)
def test_each_cell_of_a_grid_table_is_read_whole(tmp_path, names, label_lines, years):
    path = tmp_path / "note.txt"
    path.write_text(_note(names, label_lines, years), encoding="utf-8")
    facts = {(f.segment, f.line_item): f for f in parse(path).facts}
    for line, values in LINES.items():
        for name, value in zip(SEGMENTS, values, strict=True):
            assert (facts[(name, line)].value, facts[(name, line)].period) == (value, "2025")
        assert facts[("Total", line)].value == sum(values)
    assert check(path).summary["errors"] == 0
