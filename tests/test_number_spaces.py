"""Thousands grouped by a space of any kind: a plain, a no-break (U+00A0) or a narrow
no-break space (U+202F), as French, Nordic and South African filers print them. A
no-break space once crashed the reader ("invalid literal for int()")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.numbers import parse_cell
from xlsegment.readers.text import read_string


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
@pytest.mark.parametrize(
    ("text", "european", "value"),
    [("3{s}812,4", True, Decimal("3812.4")), ("(1{s}204)", False, -1204), ("17{s}406", False, 17406)],
)
def test_grid_a_space_between_thousands(space, text, european, value):
    assert parse_cell(text.format(s=space), european).value == value


def test_a_note_with_no_break_spaces_in_its_figures_is_read():
    figures = "3\u00a0812,4\n3\u00a0497,6\n"
    text = f"(en millions d'euros)\n2024\n2023\nMobilité\n{figures}Total\n{figures}"
    note = read_string(text)
    assert {f.value for f in note.facts} == {Decimal("3812.4"), Decimal("3497.6")}


@pytest.mark.parametrize("gap", ["\t", "\n", "\r\n", "\x0b"])
@pytest.mark.parametrize("text", ["2025{g}2024", "1,234{g}567", "(1{g}204)"])
def test_a_tab_or_line_break_groups_no_digits(gap, text):
    """Two cells of a tab-separated row are no one number: only spaces group thousands."""
    assert parse_cell(text.format(g=gap)) is None


@pytest.mark.parametrize("mark", ["△", "▲"])
@pytest.mark.parametrize(
    ("text", "value"), [("{m}32.2", Decimal("-32.2")), ("{m}1,498", -1498), ("{m} 7.6", Decimal("-7.6"))]
)
def test_a_triangle_is_a_japanese_filers_minus(mark, text, value):
    assert parse_cell(text.format(m=mark)).value == value


def test_a_flowed_row_with_triangles_reads_every_figure():
    text = "(Billions of yen)\nFY2023 FY2024\nMobility Solutions 1,284.6 1,343.0\n"
    text += "Factory Automation 906.3 874.1\n"
    text += "Eliminations and corporate △212.4 △228.7\nConsolidated 1,978.5 1,988.4\n"
    values = sorted(
        f.value
        for f in read_string(text).facts
        if f.line_item.startswith("Elim") or f.segment.startswith("Elim")
    )
    assert values == [Decimal("-228.7"), Decimal("-212.4")]
