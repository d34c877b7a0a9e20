"""What FY means. A column labelled by its year ("2024", "Fiscal 2024") is that year, asked
as 2024 or FY2024. A year the note labels only by the day it ends, early in a calendar
year ("Fiscal Year Ended February 3, 2024"), answers to 2024, the calendar year it ends
in; asked by a fiscal-year name it is refused as ambiguous, since retailers call it fiscal
2023 and others fiscal 2024. Grid over year-ends and the ways a period is asked."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of
from xlsegment.udfs.facts import Miss
from xlsegment.udfs.query import period_asked

ENDS = {  # the header's year-end: is it in a calendar year's first five weeks?
    "January 3": True,
    "Jan 28": True,
    "January 31": True,
    "February 1": True,
    "February 7": True,
    "February 10": False,
    "March 31": False,
    "June 30": False,
    "December 31": False,
}


def _note(tmp_path, end: str, years: list[int]):
    cells = ["The following table presents segment information (in millions):", f"Fiscal Year Ended {end},"]
    cells += [str(y) for y in years]
    for label, base in (("Mining", 100), ("Hosting", 200), ("Total", 300)):
        cells += [label] + [f"{base + (2 if label == 'Total' else 1) * k:,}" for k in range(len(years))]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return index_of(path)


@pytest.mark.parametrize("years", [[2024], [2025, 2024]])
@pytest.mark.parametrize("end", list(ENDS))
def test_grid_a_fiscal_name_is_refused_only_for_a_year_that_ends_early_in_a_calendar_year(
    tmp_path, end, years
):
    ix = _note(tmp_path, end, years)
    for year in years:
        assert ix.period(year) == str(year)  # the calendar year it ends in, always
        for asked in (f"FY{year}", f"FY{year % 100}", f"fiscal {year}"):
            if ENDS[end]:
                with pytest.raises(
                    Miss, match=f"ambiguous.*fiscal {year} or fiscal {year - 1}; ask for {year}"
                ):
                    ix.period(asked)
            else:
                assert ix.period(asked) == str(year)


def test_a_year_labelled_fiscal_2024_is_fy2024():
    """Home Depot heads its columns "Fiscal2024": the label names the fiscal year."""
    ix = index_of(DATA / "corpus/06_home_depot_fy2024.txt")
    assert ix.period("FY2024") == ix.period(2024) == "2024"


def test_real_retailer_years_are_refused_by_fiscal_name_and_found_by_year():
    ix = index_of(DATA / "corpus/15_gamestop_fy2023.txt")  # fiscal 2023 ended February 3, 2024
    assert ix.profit(ix.segment("United States"), ix.period(2024)) == ix.profit(
        ix.segment("United States"), "2024"
    )
    # Fiscal 2023 is the year ended January 28, 2023 to some filers, February 3, 2024 to others.
    both = r"2023 \(the year ended January 28, 2023\) or 2024 \(the year ended February 3, 2024\)"
    for asked in ("FY2023", "Fiscal2023", "2023FY", "fiscal year 2023"):
        with pytest.raises(Miss, match=both):
            ix.period(asked)
    # A date is no fiscal-year name: it asks for the year that ended on it.
    assert ix.period("fiscal year ended February 3, 2024") == "2024"


@pytest.mark.parametrize(
    ("asked", "year", "fiscal"),
    [("FY25", 2025, True), ("FY '24", 2024, True), ("FY2024", 2024, True), ("2024", 2024, False),
     (2024, 2024, False), ("fiscal 2023", 2023, True), ("Q2 2025", 2025, False), ("Fiscal2024", 2024, True),
     ("2024FY", 2024, True), ("Fiscal year ended February 3, 2024", 2024, False)],
)  # fmt: skip
def test_a_period_asked_by_its_fiscal_name(asked, year, fiscal):
    got = period_asked(asked)
    assert (got.year, got.fiscal) == (year, fiscal)


@pytest.mark.parametrize("form", ["FY{yy}", "FY {yy}", "FY'{yy}", "FY20{yy}", "Fiscal 20{yy}"])
@pytest.mark.parametrize("bands", ["periods over measures", "periods alone"])
def test_grid_short_fiscal_year_labels_in_html_are_the_years(tmp_path, form, bands):
    """ "FY25 | FY24" over the columns, or over a band of measures under each: 2025, 2024."""
    years = (25, 24)
    measures = ("Net Sales", "Operating Profit") if bands == "periods over measures" else ("",)
    width = len(measures)
    top = "".join(f"<td colspan='{width}'>{form.format(yy=y)}</td>" for y in years)
    second = "<tr><td></td>" + "".join(f"<td>{m}</td>" for _ in years for m in measures) + "</tr>"
    figures = {"Snacks": [100, 10, 90, 9], "Meals": [50, 5, 40, 4]}
    figures["Total"] = [a + b for a, b in zip(*figures.values(), strict=True)]
    body = "".join(
        f"<tr><td>{label}</td>" + "".join(f"<td>{v}</td>" for v in values[: width * 2]) + "</tr>"
        for label, values in figures.items()
    )
    lead = "<p>Net sales and operating profit by segment (in millions of U.S. dollars):</p>"
    bands = f"<tr><td></td>{top}</tr>{second if width > 1 else ''}"
    page = f"<html><body>{lead}<table>{bands}{body}</table></body></html>"
    path = tmp_path / "note.htm"
    path.write_text(page, encoding="utf-8")
    ix = index_of(path)
    assert sorted(ix.periods) == ["2024", "2025"]
    if width > 1:
        assert ix.value(ix.line_item("Operating Profit"), "Snacks", ix.period("FY2024")) == 9
    else:
        assert ix.value(ix.line_item("Meals"), "", ix.period("FY24")) == 5


def test_a_date_asks_for_the_period_that_ends_that_day():
    """Nike's years end May 31: "2024-05-31" is its 2024; "2024-12-31" is no period of
    the note, not the year labelled 2024."""
    from pathlib import Path

    import pytest

    from tests.answers import index_of
    from xlsegment.udfs.facts import Miss

    ix = index_of(Path(__file__).parent / "data" / "corpus" / "05_nike_fy2025.txt")
    assert ix.period("2024-05-31") == ix.period("May 31, 2024") == "2024"
    with pytest.raises(Miss, match=r"no period of the note ends that day; have: 2024 \(ended May 31\)"):
        ix.period("2024-12-31")
