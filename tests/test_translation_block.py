"""A translation stated as a block of its own: a lone "US$" cell, then the lines above it
again in US$. Each translated figure pairs with the local figure of its line and segment
and is checked at the rate, as a translated column's would be."""

from __future__ import annotations

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string

LOCAL = """Segment information (in thousands). Amounts in US$ are translated at RMB7.3000 to US$1.00.
2024
Mining
Games
Total
RMB
Revenue
7,300
1,460
8,760
Cost of revenue
(3,650)
(730)
(4,380)
Segment profit
3,650
730
4,380
"""
BLOCK = """{mark}
Revenue
1,000
200
{total}
Cost of revenue
(500)
(100)
(600)
Segment profit
500
100
600
"""


def _note(mark="US$", total="1,200"):
    return read_string(LOCAL + BLOCK.format(mark=mark, total=total), "block.txt")


@pytest.mark.parametrize("mark", ["US$", "US$'000", "USD"])
def test_the_block_is_read_as_translated_figures_of_each_segment(mark):
    note = _note(mark)
    assert len(note.tables) == 1
    usd = {(f.line_item, f.segment): f.value for f in note.facts if f.currency == "USD"}
    assert usd[("Revenue", "Mining")] == 1000 and usd[("Revenue", "Total")] == 1200
    assert usd[("Segment profit", "Games")] == 100
    assert {str(f.role) for f in note.facts if f.currency == "USD"} == {"convenience"}
    assert {f.currency for f in note.facts if f.value == 7300} == {"CNY"}
    result = check(note)
    assert result.errors == [] and result.per_kind["T1"]["translation"] >= 9


def test_a_wrong_translated_figure_is_an_error_on_its_line():
    result = check(_note(total="1,230"))
    assert {f.source_line for f in result.errors} == {23}
    assert {f.code for f in result.errors} <= {"seg.fx.figure", "seg.crossfoot"}


def test_a_block_in_the_note_currency_is_no_translation():
    """A lone "RMB" before the lines again is no translation: the note is in RMB."""
    note = _note(mark="RMB")
    assert {f.currency for f in note.facts} == {"CNY"}
