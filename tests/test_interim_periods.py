"""Interim periods asked the ways an analyst writes them ("Q2 2025", "3M 2025", "H1 2025",
"6M 2025", "9M 2025", the note's words) find the column of that duration in a 10-Q's
three-, six- and nine-month blocks; a bare year names several and is an error listing
them. Grid over the bands a 10-Q prints, then the identity example."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.answers import index_of
from xlsegment.udfs.facts import Miss

WORDS = {
    "3M": "Three Months Ended June 30,",
    "6M": "Six Months Ended June 30,",
    "9M": "Nine Months Ended June 30,",
}
# Three months beside nine to the same day are a third quarter (a year ending in
# September); beside six, or alone, a quarter ended June 30 is the second.
ASKED = {
    "3M": ["Q{q} {y}", "3M {y}", "Three months ended June 30, {y}"],
    "6M": ["H1 {y}", "6M {y}"],
    "9M": ["9M {y}"],
}


def _note(tmp_path, bands: list[str], years: list[int]):
    cells = ["(Dollars in millions)", *(WORDS[b] for b in bands)]
    cells += [str(y) for _ in bands for y in years]
    width = len(bands) * len(years)
    rows = {"Software": [1000 * (k + 1) for k in range(width)], "Consulting": [500 + k for k in range(width)]}
    rows["Total revenue"] = [a + b for a, b in zip(rows["Software"], rows["Consulting"], strict=True)]
    cells.append("Revenue:")
    for label, values in rows.items():
        cells += [label, *(f"{v:,}" for v in values)]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return index_of(path), rows


@pytest.mark.parametrize("years", [[2025, 2024], [2025]])
@pytest.mark.parametrize("bands", [["3M", "6M"], ["3M", "9M"], ["6M"], ["3M", "6M", "9M"]])
def test_grid_each_interim_period_is_found_however_it_is_asked(tmp_path, bands, years):
    ix, rows = _note(tmp_path, bands, years)
    for b, band in enumerate(bands):
        for k, year in enumerate(years):
            column = b * len(years) + k
            for form in ASKED[band]:
                period = ix.period(form.format(y=year, q=3 if "9M" in bands else 2))
                assert period == f"{band} {year}"
                assert (
                    ix.value(ix.line_item("Total revenue"), "Total", period) == rows["Total revenue"][column]
                )
    if len(bands) > 1:
        with pytest.raises(Miss, match=f"period '{years[0]}' is ambiguous"):
            ix.period(years[0])


def test_the_interim_example_answers_by_quarter_and_half():
    ix = index_of(Path(__file__).parent / "data" / "identity" / "4_interim.txt")
    assert ix.consolidated("Revenue", ix.period("Q2 2025")) == 12000
    assert ix.consolidated("Revenue", ix.period("H1 2025")) == 23400


def _quarter_note(tmp_path, headings: list[str]):
    cells = ["(Dollars in millions)", *headings]
    software = [100 * (k + 1) for k in range(len(headings))]
    cells += ["Software", *(f"{v:,}" for v in software), "Total revenue", *(f"{v:,}" for v in software)]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return index_of(path), software


# (column heading, period label, how an analyst asks for it)
QUARTER_HEADERS = {
    # a 10-Q's quarter against the prior year's, beside the half-years
    "quarter and half": [
        ("Q2 2025", "3M 2025", "Q2 2025"),
        ("Q2 2024", "3M 2024", "2Q 2024"),
        ("H1 2025", "6M 2025", "H1 2025"),
        ("H1 2024", "6M 2024", "6M 2024"),
    ],
    # every quarter of one year and the year: each quarter keeps its number
    "four quarters": [
        ("Q1 2025", "3M 2025-Q1", "Q1 2025"),
        ("Q2 2025", "3M 2025-Q2", "Q2 2025"),
        ("Q3 2025", "3M 2025-Q3", "3Q 2025"),
        ("Q4 2025", "3M 2025-Q4", "Q4 2025"),
        ("Full year 2025", "2025", "FY2025"),
    ],
    "quarters in words": [
        ("Second quarter 2025", "3M 2025", "Q2 2025"),
        ("Second quarter 2024", "3M 2024", "3M 2024"),
    ],
}


@pytest.mark.parametrize("case", QUARTER_HEADERS)
def test_grid_a_quarter_is_three_months_and_found_by_its_number(tmp_path, case):
    headings, labels, asked = zip(*QUARTER_HEADERS[case], strict=True)
    ix, software = _quarter_note(tmp_path, list(headings))
    assert sorted(ix.periods) == sorted(labels)
    for label, question, value in zip(labels, asked, software, strict=True):
        assert ix.period(question) == label
        assert ix.value(ix.line_item("Software"), "Total", label) == value


def _quarters_under_the_year(tmp_path, form: str, full_year: str):
    """A year over its quarters named alone ("Q1", "First Quarter") and the year's column."""
    quarters = [
        form.format(n=n, word=w) for n, w in enumerate(("First", "Second", "Third", "Fourth"), start=1)
    ]
    heads = [*quarters, full_year]
    rows = {"Truckload": [100, 120, 130, 150], "Intermodal": [40, 45, 50, 55]}
    rows = {k: [*v, sum(v)] for k, v in rows.items()}
    rows["Total revenues"] = [a + b for a, b in zip(*rows.values(), strict=True)]
    cells = "".join(f"<td>{h}</td>" for h in heads)
    body = "".join(
        f"<tr><td>{label}</td>" + "".join(f"<td>{v:,}</td>" for v in values) + "</tr>"
        for label, values in rows.items()
    )
    page = (
        "<html><body><p>Revenues by segment (in millions of U.S. dollars):</p><table>"
        f"<tr><td></td><td colspan='5'>2025</td></tr><tr><td></td>{cells}</tr>{body}</table></body></html>"
    )
    html = tmp_path / "note.htm"
    html.write_text(page, encoding="utf-8")
    text = tmp_path / "note.txt"
    lines = ["Revenues by segment (in millions of U.S. dollars):", "2025", *heads]
    for label, values in rows.items():
        lines += [label, *(f"{v:,}" for v in values)]
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return (html, text), rows


@pytest.mark.parametrize("form", ["Q{n}", "{n}Q", "{word} Quarter"])
@pytest.mark.parametrize("full_year", ["Full Year", "Year", "Total Year"])
def test_grid_quarters_named_under_their_year_are_its_quarters(tmp_path, form, full_year):
    paths, rows = _quarters_under_the_year(tmp_path, form, full_year)
    for path in paths:
        ix = index_of(path)
        assert sorted(ix.periods) == ["2025", "3M 2025-Q1", "3M 2025-Q2", "3M 2025-Q3", "3M 2025-Q4"], path
        for k, asked in enumerate(("Q1 2025", "Q2 2025", "3Q 2025", "Q4 2025", "FY2025")):
            assert ix.value(ix.line_item("Truckload"), "Truckload", ix.period(asked)) == rows["Truckload"][k]
            assert ix.consolidated("Revenues", ix.period(asked)) == rows["Total revenues"][k]


FLOWED_BANDS = {
    "months": ("Three Months Ended Nine Months Ended", "September 30, September 30,", ("3M", "9M")),
    "weeks": ("Thirteen Weeks Ended Twenty-Six Weeks Ended", "June 28, June 29,", ("3M", "6M")),
    "abbreviated": ("Three Months Ended Six Months Ended", "Sept. 27, Sept. 28,", ("3M", "6M")),
}


@pytest.mark.parametrize("bands", FLOWED_BANDS)
@pytest.mark.parametrize("names", ["on one line", "none"])
def test_grid_flowed_text_with_two_period_captions_on_one_line(tmp_path, bands, names):
    """PDF text flowed one row per line puts both captions on one line and both dates on
    the next: each caption is a band over its two years."""
    captions, dates, (first, second) = FLOWED_BANDS[bands]
    lines = ["We have two segments: Truckload and Intermodal.", "", "(In thousands)", captions, dates]
    lines.append("2025 2024 2025 2024")
    if names == "on one line":
        lines[-1:-1] = []  # the names head a second table below
    lines += [
        "Truckload $ 412,306 $ 398,114 $ 1,214,880 $ 1,176,502",
        "Intermodal 286,418 301,225 842,517 889,306",
    ]
    lines += ["Total revenues $ 698,724 $ 699,339 $ 2,057,397 $ 2,065,808"]
    if names == "on one line":
        lines += ["", "Three Months Ended September 30, 2025", "(In thousands)", "Truckload Intermodal Total"]
        lines += ["Revenues $ 412,306 $ 286,418 $ 698,724"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ix = index_of(path)
    assert ix.value(ix.line_item("Revenues"), "Truckload", f"{second} 2024") == 1176502
    assert ix.consolidated("Revenues", f"{first} 2025") == 698724
    if names == "on one line":
        second_table = {f.segment: f.value for f in ix.note.tables[-1].cells.values()}
        assert second_table == {"Truckload": 412306, "Intermodal": 286418, "Total": 698724}


YTD_SENTENCES = {
    "thirty-nine weeks": (
        "The quarter and the year-to-date period contained thirteen and thirty-nine weeks.",
        "9M",
    ),
    "nine months": ("The year-to-date periods ended September 30 comprise nine months.", "9M"),
    "twenty-six weeks": ("Our year-to-date period then ended comprised twenty-six weeks.", "6M"),
    "none": ("Segment results were as follows.", "YTD"),
}


@pytest.mark.parametrize("sentence", YTD_SENTENCES)
def test_grid_year_to_date_named_by_the_length_the_note_states(tmp_path, sentence):
    """ "Quarter Ended" | "Year-to-Date Ended" over the dates: the year-to-date columns take
    the length a sentence of the note states, in every table (the reconciliation far
    below too); where none is stated they stay "YTD", a period of their own."""
    text, duration = YTD_SENTENCES[sentence]
    head = ["(in thousands)", "Quarter Ended", "Year-to-Date Ended", "2025", "2024", "2025", "2024"]
    cells = [text, "Net sales were as follows:", *head]
    cells += ["Foodservice", "412", "398", "1,198", "1,152", "Retail", "100", "90", "300", "280"]
    cells += ["Total net sales", "512", "488", "1,498", "1,432", ""]
    cells += ["The reconciliation to income before income taxes is as follows:", *head]
    cells += [
        "Total segment operating profit",
        "80",
        "70",
        "234",
        "209",
        "Corporate expenses",
        "(14)",
        "(13)",
    ]
    cells += ["(42)", "(40)", "Income before income taxes", "66", "57", "192", "169"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    ix = index_of(path)
    assert sorted(ix.periods) == sorted(["3M 2025", "3M 2024", f"{duration} 2025", f"{duration} 2024"])
    assert ix.consolidated("Net sales", f"{duration} 2025") == 1498
    corporate = [f for f in ix.note.facts if f.value == -42]
    assert [f.period for f in corporate] == [f"{duration} 2025"]


DATA = Path(__file__).parent / "data"


def test_a_quarter_or_half_the_note_does_not_state_is_an_error_naming_what_it_states():
    """Three and six months to June 30: the quarter is the second, the six months the
    first half. Q1 and H2 were answered with those figures."""
    ix = index_of(DATA / "probe3" / "b5_10q_six_then_three_dates.txt")
    assert ix.period("Q2 2025") == "3M 2025" and ix.period("H1 2025") == "6M 2025"
    with pytest.raises(Miss, match="the note's '3M 2025' is Q2"):
        ix.period("Q1 2025")
    with pytest.raises(Miss, match="the note's '6M 2025' is H1"):
        ix.period("H2 2025")


def test_a_fiscal_year_is_never_answered_with_an_interim_period():
    ix = index_of(next((DATA / "probe3").glob("b1_*.htm")))
    assert set(ix.periods) == {"6M 2025", "6M 2024"}
    with pytest.raises(Miss, match="period 'FY2025' not found"):
        ix.period("FY2025")


@pytest.mark.parametrize(
    ("heading", "asked", "found"),
    [
        ("Three Months Ended March 31,", "Q1 2025", True),
        ("Three Months Ended September 30,", "Q3 2025", True),
        ("Three Months Ended June 30,", "Q3 2025", False),  # June's quarter of a calendar year
        ("Three Months Ended July 31,", "Q2 2025", None),  # a fiscal year the note does not tell
    ],
)
def test_a_quarter_alone_is_named_by_the_month_it_ends(tmp_path, heading, asked, found):
    cells = ["(Dollars in millions)", heading, "2025", "2024"]
    cells += ["Software", "100", "90", "Consulting", "50", "40", "Total revenue", "150", "130"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    ix = index_of(path)
    if found:
        assert ix.period(asked) == "3M 2025"
    else:
        words = "is Q2" if found is False else "does not say which quarter"
        with pytest.raises(Miss, match=words):
            ix.period(asked)
