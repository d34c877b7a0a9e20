"""What a table is about comes from its own heading, never from a guess about its kind:
the measure a geographic table names, the period and duration its introducing sentence
states, and the one segment a lead-in gives it."""

from __future__ import annotations

import pytest

from xlsegment.readers.text import read_string

REGIONS = "United States\n1,000\n900\nChina\n500\n400\nTotal\n1,500\n1,300\n"


@pytest.mark.parametrize(
    ("lead_in", "table", "line"),
    [
        ("The following table presents total assets by geographic area:", "Total assets by geography",
         "Total assets"),
        ("Revenue by geographic area is as follows:", "Revenue by geography", "Revenue"),
        ("Long-lived assets by geographic area were as follows:", "Long-lived assets by geography",
         "Long-lived assets"),
    ],
)  # fmt: skip
def test_a_geographic_table_is_read_with_the_measure_its_heading_names(lead_in, table, line):
    note = read_string(f"{lead_in}\n2024\n2023\n{REGIONS}")
    assert {f.table for f in note.facts} == {table}
    assert {f.line_item for f in note.facts} == {line}
    assert {f.segment for f in note.facts} == {"United States", "China", "Total"}


def test_a_geographic_table_that_names_no_measure_is_not_taken_for_revenue():
    note = read_string(f"Geographic information is as follows:\n2024\n2023\n{REGIONS}")
    assert "Revenue" not in {f.line_item for f in note.facts}
    assert {f.table for f in note.facts} != {"Revenue by geography"}


SEGMENTS = "Mining\nGames\nTotal\nRevenue\n1,000\n500\n1,500\nCost of revenue\n(400)\n(300)\n(700)\n"


@pytest.mark.parametrize(
    ("lead_in", "period"),
    [
        ("The following table presents segment results for the six months ended June 30, 2020:", "6M 2020"),
        ("Segment results for the fiscal year ended January 31, 2025 were as follows:", "2025"),
        ("The following table presents segment results as of December 31, 2024:", "2024"),
        ("The following table reconciles the results to core results for 2024:", "2024"),
        ("Segment results for the year 2024 were as follows:", "2024"),
    ],
)  # fmt: skip
def test_the_introducing_sentence_states_the_period(lead_in, period):
    assert {f.period for f in read_string(f"{lead_in}\n{SEGMENTS}").facts} == {period}


def test_a_sentence_before_the_introducing_one_states_no_period():
    """Text about the table above ("... for the year ended December 31, 2023.") is no
    period of the table below; nor is a lead-in that states two periods."""
    above = "Revenue amounted to $26.4 billion for the year ended December 31, 2023. Segment results:"
    assert {f.period for f in read_string(f"{above}\n{SEGMENTS}").facts} == {""}
    two = "The following table presents results for the years ended December 31, 2024 and 2023:"
    assert {f.period for f in read_string(f"{two}\n{SEGMENTS}").facts} == {""}
    two = "The following table presents results for 2024 and 2023:"
    assert {f.period for f in read_string(f"{two}\n{SEGMENTS}").facts} == {""}


@pytest.mark.parametrize(
    ("lead_in", "segment"),
    [
        ("The following table presents net sales and operating income for our Primary segment:", "Primary"),
        ("Revenue by offering in our Digital Media reportable segment was as follows:", "Digital Media"),
        ("The following table presents net sales for the Company's reportable segment:", ""),
    ],
)  # fmt: skip
def test_a_lead_in_that_gives_the_table_to_one_segment(lead_in, segment):
    text = (
        f"{lead_in}\n2024\n2023\nNet sales\n1,000\n900\nCost of sales\n(600)\n(500)\nGross profit\n400\n400\n"
    )
    segments = {f.segment for f in read_string(text).facts}
    assert segments == ({segment} if segment else {"", "Total"})


def test_a_remark_about_geography_names_no_geographic_table():
    """'Revenues by segment ... were as follows. Substantially all revenues are from
    China; accordingly, no geographic information is presented.': the segments' revenue,
    never long-lived assets by geography."""
    lead = (
        "Revenues by segment for the two years ended December 31, 2025 were as follows. Substantially all "
        "of its long-lived assets are located in China; accordingly, no geographic information is presented."
    )
    note = read_string(
        f"{lead}\n2025\n2024\nMarketplace\n8,416\n7,902\nLogistics\n3,128\n2,874\nTotal\n11,544\n10,776\n"
    )
    assert {f.table for f in note.facts} != {"Long-lived assets by geography"}
    assert {f.line_item for f in note.facts} != {"Long-lived assets"}
