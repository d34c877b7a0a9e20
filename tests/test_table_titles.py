"""A schedule's title is the filing's own words for its table (readers/titles.py): what
the sentence introducing it says the table holds, without the period and unit the
column captions state, or a short heading just above it. Grid tests over the ways
filings introduce tables, then every table of the real notes."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from xlsegment.api import parse
from xlsegment.readers.titles import own_title

PHRASES = [
    "segment information",
    "revenue, profitability, and expense information about our segments",
    "net revenues to external customers by geographic area",
]
TAILS = [
    "",
    " (in millions)",
    " for the years ended December 31, 2024, 2023 and 2022",
    " for 2024, 2023 and 2022",
]
FORMS = [
    "The following table presents {p}{t}:",
    "The following tables summarize {p}{t}:",
    "The following table sets forth {p}{t}.",
    "The table below presents {p}{t}.",
    "{P}{t} is as follows:",
    "{P}{t} were as follows (in millions):",
    "{P}{t} is presented in the table below.",
    "Summary {p}{t} follows:",
]
FURNITURE = [
    "",
    "the prior year, respectively. 115 ",
    "98 Table of Contents ",
    "Notes to Consolidated Financial Statements (continued) ",
]


@pytest.mark.parametrize("before", FURNITURE)
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("tail", TAILS)
@pytest.mark.parametrize("phrase", PHRASES)
def test_grid_the_title_is_what_the_introducing_sentence_says_the_table_holds(before, form, tail, phrase):
    sentence = before + form.format(p=phrase, P=phrase[0].upper() + phrase[1:], t=tail)
    want = ("Summary " + phrase) if form.startswith("Summary") else phrase
    assert own_title(sentence) == want[0].upper() + want[1:]


@pytest.mark.parametrize(
    ("lead_in", "title"),
    [
        ("in Note 4. Capital Expenditures", "Capital Expenditures"),
        ("Identifiable Assets", "Identifiable Assets"),
        ("A reconciliation of the Company's segment operating income to income before taxes is as follows:",
         "Reconciliation of the Company's segment operating income to income before taxes"),
        ("Year Ended December 31, 2023", None),  # a period, not a title
        ("No other customer represents 10%. The Procter & Gamble Company", None),  # a running head
        ("Table of Contents Comcast Corporation", None),
        ("Gross profit as a percentage of revenue", None),  # a ratio row above: not read
        ("The following table presents long-lived assets by geographic area as of:",
         "Long-lived assets by geographic area"),
        ("The following table presents revenue by geographic area for the years ended:",
         "Revenue by geographic area"),
        ("(In millions)", None),
        ("98 Table of Contents", None),
        ("Amounts in millions of dollars except per share amounts.", None),  # introduces nothing
        ("", None),
    ],
)  # fmt: skip
def test_a_heading_stands_as_it_is_and_a_period_or_page_furniture_is_no_title(lead_in, title):
    assert own_title(lead_in) == title


DATA = Path(__file__).parent / "data"
NOTES = sorted(glob.glob(str(DATA / "corpus" / "*.txt"))) + sorted(glob.glob(str(DATA / "corpus2" / "*.txt")))


@pytest.mark.parametrize("path", NOTES, ids=lambda p: Path(p).stem)
def test_every_real_title_is_the_filings_own_words(path):
    """No title is made up: each is a run of the lead-in's own words, and none is page
    furniture or a period."""
    for table in parse(path).tables:
        title = own_title(table.title)
        if title is None:
            continue
        assert title.casefold() in table.title.casefold()
        assert "table of contents" not in title.casefold() and "notes to" not in title.casefold()
        assert not title.rstrip().endswith((":", ".", ","))


def test_most_real_tables_get_their_own_title():
    titled = [own_title(t.title) is not None for path in NOTES for t in parse(path).tables]
    assert sum(titled) >= 55, f"{sum(titled)} of {len(titled)}"


def test_a_column_measure_is_no_schedules_title():
    """Abbott's measures side by side ("Depreciation", "Additions to Property and
    Equipment", "Total Assets") open the table with no sentence before it: "Depreciation"
    names a column, so neither that table nor its later part is titled by it."""
    from xlsegment.workbook.sheets.schedules import layout

    note = parse(DATA / "corpus2" / "37_abbott_2023.txt")
    headings = [row[0] for row in layout(note, []).rows if row and row[0] in ("Depreciation",)]
    assert headings == []
