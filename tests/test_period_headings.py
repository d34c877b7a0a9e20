"""Periods as interim and foreign reports state them: month ranges ("Apr–Jun", "Jan–Dec"),
half-years (IAS 34), Chinese and Spanish durations, a period heading right above each
table (after a "(Continued)" title, before a unit line in brackets, or a blank line
above it in filing text), and the currency a sentence says the figures are presented in."""

from __future__ import annotations

import pytest

from xlsegment import durations, labels
from xlsegment.api import parse
from xlsegment.readers.layout import lead_in_period
from xlsegment.readers.text import read_string


@pytest.mark.parametrize(
    ("heading", "duration"),
    [
        ("Apr–Jun", "3M"), ("Oct-Dec", "3M"), ("Jan–Jun 2025", "6M"), ("Jan–Sep", "9M"), ("Jan–Dec", None),
        ("Half-year ended 31 December 2024", "6M"), ("First half ended 30 June 2025", "6M"),
        ("截至2025年6月30日止六个月", "6M"), ("截至2025年9月30日止九个月", "9M"),
        ("Seis meses terminados el 30 de junio de 2025", "6M"), ("Year ended 31 March 2025", None),
    ],
)  # fmt: skip
def test_grid_a_period_heading_and_its_duration(heading, duration):
    assert labels.is_period_heading(heading)
    assert durations.duration_of(heading) == duration


@pytest.mark.parametrize(
    ("lead_in", "period"),
    [
        ("NOTES (Continued) For the year ended December 31, 2023 (In millions of Korean won)",
         "2023"),
        ("The Group's segments are reviewed monthly. Half-year ended 31 December 2024", "6M 2024"),
        ("（1）报告分部的利润 截至2025年6月30日止六个月 （人民币千元）", "6M 2025"),
        ("分部资料 （人民币千元） For the six months ended 30 June 2025 (unaudited)", "6M 2025"),
        # two years, or no heading at the end: no period
        ("For the years ended December 31, 2024 and 2023 (in millions)", ""),
        ("The table below was restated in 2023. Segment results", ""),
        ("Charges were $4.0 billion, respectively, for the year ended December 31, 2022.", ""),
        ("The charges were recorded in the year ended December 31, 2022", ""),
    ],
)  # fmt: skip
def test_grid_the_period_heading_right_above_a_table(lead_in, period):
    assert lead_in_period(lead_in) == period


TABLE = "Mining\nGames\nTotal\nRevenue\n1,000\n500\n1,500\nCost\n(400)\n(300)\n(700)\n"


def test_a_period_a_blank_line_above_the_table_is_its_period():
    """Filing text often puts the period heading in a paragraph of its own above the table."""
    note = read_string(
        f"Segment information\n（人民币千元）\n\nFor the six months ended 30 June 2025 (unaudited)\n\n{TABLE}"
    )
    assert {f.period for f in note.facts} == {"6M 2025"}
    assert {f.currency for f in note.facts} == {"CNY"}


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("The financial statements are presented in Australian dollars and rounded to the nearest hundred "
         "thousand dollars ($m).", "AUD"),
        ("The Group's presentation currency is the Canadian dollar.", "CAD"),
        ("Amounts are expressed in New Zealand dollars.", "NZD"),
    ],
)  # fmt: skip
def test_grid_a_dollar_the_note_says_its_figures_are_presented_in(kind, tmp_path, sentence, code):
    if kind == "text":
        note = read_string(
            f"{sentence}\n$m\n2025\n2024\nMining\n1,000\n900\nGames\n500\n400\nTotal\n1,500\n1,300\n"
        )
    else:
        rows = "".join(
            f"<tr><td>{a}</td><td>$</td><td>{b}</td><td>{c}</td></tr>"
            for a, b, c in (("Mining", "1,000", "900"), ("Games", "500", "400"), ("Total", "1,500", "1,300"))
        )
        path = tmp_path / "note.htm"
        path.write_text(
            f"<html><body><p>{sentence}</p><table><tr><td>$m</td><td></td><td>2025</td><td>2024</td></tr>"
            f"{rows}</table></body></html>"
        )
        note = parse(path)
    assert {f.currency for f in note.facts} == {code}


def test_a_remark_after_the_introducing_sentence_keeps_its_period(tmp_path):
    """'... for the year ended December 31, 2025 was as follows. Translations of RMB
    amounts into US$ are solely for the convenience of the reader ...': the sentence
    that introduces the table states its period, the remark after it does not undo it."""
    lead = (
        "The Company adopted ASU 2023-07 retrospectively for all periods presented. The Company's "
        "segment information for the year ended December 31, 2025 was as follows. Translations of RMB "
        "amounts into US$ are solely for the convenience of the reader and were made at the rate of "
        "RMB7.1736 to US$1.00, the noon buying rate in effect on December 31, 2025 in the H.10 "
        "statistical release of the Federal Reserve Board."
    )
    rows = "".join(
        f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>"
        for a, b, c, d in (
            ("Revenues", "8,416", "3,128", "11,544"),
            ("Operating income", "900", "100", "1,000"),
        )
    )
    path = tmp_path / "note.htm"
    path.write_text(
        f"<html><body><p>{lead}</p><table><tr><td>(RMB in thousands)</td><td>Marketplace</td>"
        f"<td>Logistics</td><td>Total</td></tr>{rows}</table></body></html>",
        encoding="utf-8",
    )
    assert {f.period for f in parse(path).facts} == {"2025"}


def test_a_period_never_takes_two_durations():
    """A table under "Three Months Ended June 30, 2025", in a note whose lead-in speaks of
    the three and six months: its figures are 3M, never "6M 3M 2025"."""
    from xlsegment.readers.layout import with_duration

    assert with_duration("3M 2025", "6M") == "3M 2025"
    assert with_duration("2025", "6M") == "6M 2025"
    text = (
        "The following tables present segment results for the three and six months ended June 30, 2025:\n\n"
        f"Three Months Ended June 30, 2025\n\n{TABLE}"
    )
    assert {f.period for f in read_string(text).facts} == {"3M 2025"}


SPLIT_DATES = (
    "The following table presents net sales by segment:\n(in thousands)\nThirteen Weeks Ended\n"
    "Thirty-Nine Weeks Ended\nNovember 1,\n2025\nNovember 2,\n2024\nNovember 1,\n2025\nNovember 2,\n2024\n"
    "Retail\n$\n1,284\n$\n1,236\n$\n3,702\n$\n3,598\nLicensing\n28\n26\n84\n80\n"
    "Total\n$\n1,312\n$\n1,262\n$\n3,786\n$\n3,678\n"
)


def test_dates_split_over_two_lines_are_each_columns_date():
    """'November 1,' over '2025', once per column: each is that column's date, under its
    band of weeks."""
    facts = {(f.segment, f.period): f.value for f in read_string(SPLIT_DATES).facts}
    assert facts[("Retail", "3M 2025")] == 1284 and facts[("Retail", "9M 2024")] == 3598


def test_a_footnote_of_the_table_above_gives_the_next_table_no_duration():
    """'(2) ... for the thirteen and thirty-nine weeks ended November 1, 2025, ... n/m —
    not meaningful Total assets by segment were as follows:': the footnote ends before
    the words in lower case; the assets are instants, with no duration."""
    text = (
        SPLIT_DATES
        + "(2) Corporate includes compensation of $9.4 million for the thirteen and thirty-nine weeks "
        "ended November 1, 2025, and other costs. n/m — not meaningful Total assets by segment were as "
        "follows:\n(in thousands)\nNovember 1,\n2025\nNovember 2,\n2024\nRetail\n2,418\n2,362\n"
        "Licensing\n41\n39\nTotal\n2,459\n2,401\n"
    )
    assets = [f for f in read_string(text).facts if f.value in (2418, 2401)]
    assert {f.period for f in assets} == {"2025", "2024"}
    assert {f.line_item for f in assets} == {"Total assets"}


def test_names_repeated_under_each_period_are_never_dropped_for_the_periods():
    """Two period headings over names wrapped and repeated per period ('Packaged |
    Ingredient', then 'Foods | Solutions | Total', once per year): the columns are left
    unnamed with a warning, never the first two read as the periods' entity figures."""
    text = (
        "(in thousands of Canadian dollars)\n"
        "Fiscal Year Ended June 28, 2025\nFiscal Year Ended June 29, 2024\n"
        "Packaged\nIngredient\nPackaged\nIngredient\nFoods\nSolutions\nTotal\nFoods\nSolutions\nTotal\n"
        "Net revenue\n$\n184,362\n$\n96,518\n$\n280,880\n$\n171,905\n$\n82,247\n$\n254,152\n"
        "Cost of goods sold\n121,845\n71,204\n193,049\n115,366\n70,930\n186,296\n"
    )
    note = read_string(text)
    entity = [f for f in note.facts if f.segment in ("", "Total") and f.value in (184362, 96518)]
    assert entity == []
    assert any(f.code == "seg.layout.columns" for f in note.findings)


@pytest.mark.parametrize("qualifier", ["Restated (3)", "As Recast (1)", "Restated", "(Unaudited)"])
def test_a_footnoted_qualifier_under_a_year_is_no_name(qualifier):
    """'2024 | Restated (3)' over the columns: the footnote mark does not make the
    qualifier a segment's name."""
    text = f"Six months ended 31 August\n2025\n2024\n{qualifier}\nRm\nRm\nTrading profit\n1,786\n1,682\n"
    facts = read_string(text).facts
    assert {f.segment for f in facts} <= {"", "Total"}
    assert {f.value for f in facts} == {1786, 1682}
