"""A single-segment entity's note (ASU 2023-07): one table whose figures name no segment.
SEGPROFIT answers for its one segment, by the name the lead-in gives it, and its measure
is the last profit line of the table of significant expenses. Real notes first, then a
grid of lead-ins, periods and profit lines that the rule must read the same way."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of
from xlsegment.udfs.facts import Miss

REAL = [
    # note, segment as asked, period, stated segment profit, where the note states it
    ("corpus/12_mastercard_2024.txt", "Payment Solutions", 2024, 12874, "Consolidated Net Income"),
    ("corpus2/34_netflix_2024.txt", "single operating segment", 2023, 5407990, "Net income"),
    ("corpus/07_union_pacific_2024.txt", "Rail network", 2022, 6998, "Net income, no name printed"),
]  # fmt: skip


@pytest.mark.parametrize(("note", "segment", "period", "stated", "where"), REAL)
def test_a_single_segment_answers_with_the_profit_its_table_closes_on(note, segment, period, stated, where):
    ix = index_of(DATA / note)
    assert ix.profit(ix.segment(segment), ix.period(period)) == stated, where


def test_an_unnamed_single_segment_refuses_a_line_items_name():
    """Union Pacific names no segment, so any name asks for it, but "Bulk" is a row of
    the note (freight revenue), never the segment."""
    ix = index_of(DATA / "corpus/07_union_pacific_2024.txt")
    with pytest.raises(Miss, match="'Bulk' is a line item of the note, not its segment"):
        ix.segment("Bulk")
    assert ix.revenue(ix.segment("Rail network"), "2024") == 24250


def test_a_named_single_segment_refuses_another_name_and_says_its_own():
    ix = index_of(DATA / "corpus/12_mastercard_2024.txt")
    with pytest.raises(Miss, match="'Payment Services' not found; have: Payment Solutions"):
        ix.segment("Payment Services")


def _note(tmp_path, lead_in: str, years: list[int], profit_lines: list[str]):
    """A single-column ASU 2023-07 table as a filing's text gives it, one cell per line."""
    rows = [("Revenues", 1000), ("Cost of revenues", 600)]
    left = 400
    for i, line in enumerate(profit_lines):
        rows.append((line, left - 10 * i))
    cells = [lead_in, *map(str, years), "(in millions)"]
    for label, value in rows:
        cells += [label] + [f"{value + k:,}" for k in range(len(years))]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return index_of(path), rows


LEAD_INS = [  # the name the lead-in gives the one segment, and the lead-in
    ("Payment Solutions", "Information reviewed by the CODM to assess the Payment Solutions segment:"),
    ("", "Information about the Company's single reportable segment:"),  # names none
    ("", "Information the CODM uses to assess performance:"),
]
PROFITS = [
    ["Operating income"],
    ["Operating income", "Income before income taxes", "Net income"],
    ["Net income"],
]


@pytest.mark.parametrize("years", [[2024], [2024, 2023], [2024, 2023, 2022]])
@pytest.mark.parametrize(("name", "lead_in"), LEAD_INS)
@pytest.mark.parametrize("profit_lines", PROFITS)
def test_grid_single_segment_name_and_measure(tmp_path, years, name, lead_in, profit_lines):
    ix, rows = _note(tmp_path, lead_in, years, profit_lines)
    assert ix.single_segment() == name
    asked = name or "Any name the user gives it"
    for k, year in enumerate(years):
        assert ix.profit(ix.segment(asked), ix.period(year)) == rows[-1][1] + k
        assert ix.revenue(ix.segment(asked), ix.period(year)) == 1000 + k


def test_a_note_that_names_segments_is_not_a_single_segment_note():
    ix = index_of(DATA / "corpus/01_amazon_2024.txt")
    assert ix.single_segment() is None
    with pytest.raises(Miss, match="not found"):
        ix.segment("Payment Solutions")


@pytest.mark.parametrize(
    "segments", [["Mining"], ["Mining", "Hosting"], ["Mining", "Hosting", "Engineering"]]
)
@pytest.mark.parametrize("years", [[2024], [2024, 2023]])
@pytest.mark.parametrize(
    "lead_in",
    [
        "Information about the Company's reportable segments is as follows:",
        "Selected information the CODM reviews for each segment:",
        "Information about the Company's reportable segments",  # no colon: prose all the same
        "Selected financial information of our operating segments",
    ],
)
def test_grid_a_colon_sentence_above_the_header_is_a_title_not_a_name(tmp_path, segments, years, lead_in):
    """A sentence ending in a colon introduces the table (layout.introduces_table); read as
    a name over the columns it would become every figure's segment."""
    from xlsegment.api import parse

    # Segment-major: each segment over every year.
    cells = [lead_in, *segments] + [str(y) for _ in segments for y in years]
    width = len(segments) * len(years)
    for label, base in (("Revenues", 1000), ("Operating income", 100)):
        cells += [label] + [f"{base + k:,}" for k in range(width)]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    facts = parse(path).facts
    assert {f.segment for f in facts} == set(segments)
    assert all(lead_in.rstrip(":") not in f.segment for f in facts)
