"""Convenience translation as filers make it: a stated rate, currency markers, plugs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment import labels
from xlsegment.api import check
from xlsegment.readers.text import read_string


@pytest.mark.parametrize(
    ("text", "local", "rate"),
    [
        ("translated at the rate of RMB6.8972 to US$1.00, the noon buying rate", "CNY", "6.8972"),
        ("at the exchange rate of US$1.00 = RMB7.2993", "CNY", "7.2993"),
        ("US$1 to HK$7.8", "HKD", "7.8"),
        ("RMB 7.2993 per US$1.00", "CNY", "7.2993"),
    ],
)
def test_a_rate_stated_in_words(text, local, rate):
    assert labels.stated_rate(text, local, "USD")[0] == rate


@pytest.mark.parametrize(
    ("text", "local"),
    [("at the rate of £1.00 = $1.2529", "GBP"), ("translated at €1.00 = US$1.0389", "EUR")],
)
def test_a_rate_stated_the_other_way_round_is_no_rate_of_one(text, local):
    """ "£1.00 = $1.2529" sets the local currency at one: not "one pound per dollar"."""
    assert labels.stated_rate(text, local, "USD") is None


POUND_NOTE = """
Translations are solely for convenience, at the rate of £1.00 = $1.2529
2024
2024
£'000
US$'000
Europe
198,765
249,033
Americas
234,567
293,889
Total
433,332
542,922
"""


def test_a_note_stating_its_rate_the_other_way_round_is_checked_at_the_rate_it_implies():
    """The pound set at one: the rate (pounds per dollar, 1 / 1.2529) is inferred from the
    figures and lies where the statement puts it; no translated figure is an error."""
    result = check(read_string(POUND_NOTE))
    assert result.errors == []
    assert not result.rate.stated
    assert result.rate.low <= 1 / Decimal("1.2529") <= result.rate.high


@pytest.mark.parametrize(
    ("cell", "currency", "unit"),
    [
        ("RMB", "CNY", None),
        ("RMB'000", "CNY", "thousands"),
        ("US$’000", "USD", "thousands"),  # a curly apostrophe
        ("(HK$'000)", "HKD", "thousands"),
        ("Rs.", "INR", None),
        ("NT$", "TWD", None),
        ("€m", "EUR", "millions"),
        ("RMB thousands", "CNY", "thousands"),
        ("Mining", None, None),
    ],
)
def test_currency_markers_as_filers_write_them(cell, currency, unit):
    assert (labels.currency_of(cell), labels.unit_of(cell)) == (currency, unit)


def test_in_thousands_of_a_currency():
    assert (labels.unit_of("(in thousands of RMB)"), labels.unit_currency("(in thousands of RMB)")) == (
        "thousands",
        "CNY",
    )


RATE = "Amounts in US$ are translated for the convenience of the reader at RMB7.0000 to US$1.00."


def _note(usd_cost: str, *, rate_text: str = "", usd_profit: str = "599") -> str:
    """RMB with a US$ convenience column; the rate is 7.0."""
    return f"""{rate_text}
Year ended December 31, 2024:
Mining
Other
Total
RMB'000
RMB'000
RMB'000
US$'000
Revenue
7,000
1,400
8,400
1,200
Cost of revenue
(3,507)
(700)
(4,207)
{usd_cost}
Segment profit
3,493
700
4,193
{usd_profit}
"""


def test_the_stated_rate_wins_over_an_inferred_one():
    result = check(read_string(_note("(601)", rate_text=RATE)))
    assert result.rate.stated and result.rate.rate == Decimal("7.0000")
    assert any(f.code == "seg.fx.stated" for f in result.findings)
    assert result.note.unit == "thousands" and result.note.convenience_currency == "USD"


def test_a_translated_line_one_unit_off_is_a_plug_when_its_column_adds_up():
    # 4,207 / 7 = 601; the filer shows 1,200 - 601 = 599: exact. Two units off (603) is no
    # plug, whatever the column does.
    off = check(read_string(_note("(603)", rate_text=RATE)))
    assert [f.actual for f in off.findings if f.code == "seg.fx.figure"] == [-603]
    exact = check(read_string(_note("(601)", rate_text=RATE)))
    assert exact.summary["errors"] == 0
    # Cost 602 and profit 598, each a unit off 601 and 599, and 1,200 - 602 = 598: a plug.
    both = check(read_string(_note("(602)", rate_text=RATE, usd_profit="598")))
    assert both.summary["errors"] == 0
    infos = {f.code: f.actual for f in both.findings if f.code in ("seg.fx.plug", "seg.fx.subtotal")}
    assert infos == {"seg.fx.plug": -602, "seg.fx.subtotal": 598}  # the line, and the sum of lines


def test_no_translation_without_a_currency_header():
    # The same table with the last column unnamed: not a translation, whatever the figures.
    text = _note("(601)").replace("US$'000\n", "")
    result = check(read_string(text))
    assert result.note.convenience_currency is None and result.rate is None


def _years_note(years: list[str], us_year: str, rows: list[tuple[str, list[str]]]) -> str:
    """Years as columns in RMB, then a US$ column (its year over it when ``us_year``)."""
    header = [*years, *([us_year] if us_year else []), *["RMB"] * len(years), "US$"]
    body = [line for label, figures in rows for line in (label, *figures)]
    return "\n".join([RATE, "Segment revenue (in thousands):", *header, *body]) + "\n"


def test_a_year_repeated_over_another_currency_is_its_translation_not_a_typo():
    """'2024 2023 2024' over 'RMB RMB US$': the header states the US$ column is 2024
    translated; the currency typo rule is for another currency over a year stated once."""
    rows = [("Mining", ["7,000", "6,300", "1,000"]), ("Other", ["1,400", "700", "200"]),
            ("Total revenue", ["8,400", "7,000", "1,200"])]  # fmt: skip
    result = check(read_string(_years_note(["2024", "2023"], "2024", rows)))
    columns = [(c.period, c.currency, str(c.role)) for c in result.note.tables[0].columns]
    assert columns == [("2024", "CNY", "period"), ("2023", "CNY", "period"), ("2024", "USD", "convenience")]
    assert not any(f.code == "seg.header.currency" for f in result.findings)
    assert result.summary["errors"] == 0 and result.per_kind["T1"]["translation"] == 3


def test_a_us_dollar_column_without_a_year_translates_the_latest_year():
    """Years running down (2024, 2023) or up (2023, 2024): the US$ column after them is the
    latest year's translation either way, as filers translate the most recent period."""
    down = [("Mining", ["7,000", "6,300", "1,000"]), ("Total revenue", ["7,000", "6,300", "1,000"])]
    up = [("Mining", ["6,300", "7,000", "1,000"]), ("Total revenue", ["6,300", "7,000", "1,000"])]
    for years, rows in ((["2024", "2023"], down), (["2023", "2024"], up)):
        result = check(read_string(_years_note(years, "", rows)))
        usd = result.note.tables[0].columns[-1]
        assert (usd.period, usd.currency, str(usd.role)) == ("2024", "USD", "convenience")
        assert result.summary["errors"] == 0, [f.message for f in result.errors]


def test_a_short_row_is_placed_where_its_translation_adds_up_too():
    """'Preferred dividends 70 10' in a table of 2024, 2023 and a US$ column: the local
    figure and its translation, not 2024 and 2023. Only the US$ column's total tells the
    places apart, so the translated column counts as evidence for the placement."""
    rows = [("Net income", ["7,000", "6,300", "1,000"]), ("Less: preferred dividends", ["70", "10"]),
            ("Net income to common shareholders", ["6,930", "6,300", "990"])]  # fmt: skip
    result = check(read_string(_years_note(["2024", "2023"], "2024", rows)))
    dividends = {(f.period, f.currency): f.value for f in result.note.facts if "preferred" in f.label}
    assert dividends == {("2024", "CNY"): 70, ("2024", "USD"): 10}
    assert result.summary["errors"] == 0, [f.message for f in result.errors]


def _segments_note(names: list[str], rows: list[tuple[str, list[str]]], *, after: str = "") -> str:
    """Segment columns and their Total in RMB, then the Total translated into US$."""
    header = [*names, *["RMB"] * len(names), "US$", *([after] if after else [])]
    body = [line for label, figures in rows for line in (label, *figures)]
    return (
        "\n".join([RATE, "Segment results (in thousands):", "Year ended December 31, 2024", *header, *body])
        + "\n"
    )


def test_a_name_below_the_currency_row_heads_the_rows_not_a_column():
    """'Revenues' under 'RMB RMB RMB US$' is the heading of the first rows: column names
    stand above their currency row, so the US$ column stays the translation."""
    rows = [("Product", ["7,000", "1,400", "8,400", "1,200"]), ("Service", ["700", "700", "1,400", "200"]),
            ("Total revenues", ["7,700", "2,100", "9,800", "1,400"])]  # fmt: skip
    result = check(read_string(_segments_note(["Mining", "Other", "Total"], rows, after="Revenues")))
    assert [c.label for c in result.note.tables[0].columns] == ["Mining", "Other", "Total", "USD"]
    assert result.note.tables[0].rows[0].section == "Revenues"
    assert result.summary["errors"] == 0 and result.per_kind["T1"]["translation"] == 3


def test_rows_wider_than_most_are_named_by_the_names_and_the_currency_row():
    """Most rows give only the Total and its translation; the widest give every segment.
    The header names three columns and its currency row a fourth, in US$: four columns."""
    rows = [("Revenue", ["7,000", "1,400", "8,400", "1,200"]), ("Interest expense", ["(70)", "(10)"]),
            ("Income taxes", ["(140)", "(20)"]), ("Other items", ["(210)", "(30)"])]  # fmt: skip
    result = check(read_string(_segments_note(["Mining", "Other", "Total"], rows)))
    assert [c.label for c in result.note.tables[0].columns] == ["Mining", "Other", "Total", "USD"]
    interest = {
        (f.segment, f.currency): f.value for f in result.note.facts if f.line_item == "Interest expense"
    }
    assert interest == {("Total", "CNY"): -70, ("Total", "USD"): -10}
    assert not any(f.code.startswith("seg.layout") for f in result.findings)
    assert result.summary["errors"] == 0


def test_a_period_tables_translation_means_what_its_periods_mean():
    """A periods table of one segment ('Net sales' of the Primary segment, by year) and a
    segments table with a Consolidated column, both translated: the translations keep their
    source's meaning, so the segment's US$ net sales are not tied to the consolidated one."""
    periods = _years_note(["2024", "2023"], "", [("Net sales", ["7,000", "6,300", "1,000"])])
    segments = "\n".join(["Reconciliation to consolidated (in thousands):", "Year ended December 31, 2024",
                          "Primary", "Other", "Consolidated", "RMB", "RMB", "RMB", "US$",
                          "Net sales", "7,000", "700", "7,700", "1,100"])  # fmt: skip
    result = check(read_string(periods + segments + "\n"))
    assert result.summary["errors"] == 0, [f.message for f in result.errors]
    usd = {(f.at[0], f.segment) for f in result.note.facts if f.currency == "USD"}
    first, second = (t.index for t in result.note.tables)
    assert usd == {(first, ""), (second, "Total")}


@pytest.mark.parametrize(
    ("local", "us", "code"),
    [("RMB’000", "US$’000", "CNY"), ("HK$'000", "US$'000", "HKD"), ("Rs.", "US$", "INR"),
     ("NT$", "US$", "TWD"), ("€", "US$", "EUR"), ("€", "USD", "EUR")],
)  # fmt: skip
def test_currency_rows_as_filers_write_them_over_segment_columns(local, us, code):
    """A currency row over segments and Total, the last column in US$: whatever the marks,
    the note is in its local currency and the last column is its translation; a lone '€'
    over a column is a header, as '€' before an amount is that amount's symbol."""
    rows = [("Revenue", ["7,000", "1,400", "8,400", "1,200"]),
            ("Cost of revenue", ["(3,500)", "(700)", "(4,200)", "(600)"]),
            ("Segment profit", ["3,500", "700", "4,200", "600"])]  # fmt: skip
    text = (
        _segments_note(["Mining", "Other", "Total"], rows)
        .replace("RMB\n", f"{local}\n")
        .replace("US$\n", f"{us}\n")
    )
    result = check(read_string(text))
    assert (result.note.presentation_currency, result.note.convenience_currency) == (code, "USD")
    assert result.summary["errors"] == 0 and result.per_kind["T1"]["translation"] == 3


AMOUNTS_AND_PERCENTS = """
Revenues by type:
{years}
{layer}
(in thousands)
Online advertising
{advertising}
Membership services
{membership}
Total net revenues
{total}
"""


def _revenues(years, layer, advertising, membership, total):
    """The revenue table above read and checked, with each column's (period, role)."""
    n = read_string(AMOUNTS_AND_PERCENTS.format(years=years, layer=layer, advertising=advertising,
                                                membership=membership, total=total))  # fmt: skip
    return n, check(n), [(c.period, c.role.value) for c in n.tables[0].columns]


@pytest.mark.parametrize(
    ("years", "layer", "advertising", "membership", "total", "periods"),
    [
        ("2023\n2023\n2024\n2024", "RMB\n%\nRMB\n%", "1,456,789\n78.5\n1,678,901\n78.6",
         "398,765\n21.5\n456,789\n21.4", "1,855,554\n100.0\n2,135,690\n100.0", ["2023", "2024"]),
        ("2024\n2024\n2024", "RMB\nUS$\n%", "1,678,901\n230,008\n78.6", "456,789\n62,580\n21.4",
         "2,135,690\n292,588\n100.0", ["2024", "2024"]),
        ("2024", "RMB\nUS$\n%", "1,678,901\n230,008\n78.6", "456,789\n62,580\n21.4",
         "2,135,690\n292,588\n100.0", ["2024", "2024"]),
    ],
)  # fmt: skip
def test_a_percentage_beside_each_amount_is_no_amount(years, layer, advertising, membership, total, periods):
    """Each year over its amount and its share ("RMB %"), or over RMB, US$ and the share
    (the year written over each column or once): the "%" cells of the layer under the
    years mark the columns that are no amounts, so the 100.0 of the total row is never
    tied to the total."""
    n, result, columns = _revenues(years, layer, advertising, membership, total)
    assert [period for period, _ in columns] == periods
    assert result.errors == []
    assert 100 not in [f.value for f in n.facts]


def test_each_year_over_its_local_and_translated_columns():
    """ "2023 2024" over "RMB US$ RMB US$": each year heads its RMB column and its US$
    translation, so the US$ figures are checked against their own year's RMB."""
    _, result, columns = _revenues(
        "2023\n2024",
        "RMB\nUS$\nRMB\nUS$",
        "1,456,789\n199,579\n1,678,901\n230,008",
        "398,765\n54,631\n456,789\n62,580",
        "1,855,554\n254,210\n2,135,690\n292,588",
    )
    pairs = [("2023", "period"), ("2023", "convenience"), ("2024", "period"), ("2024", "convenience")]
    assert columns == pairs
    assert result.errors == []
    assert sum(kinds["translation"] for kinds in result.per_kind.values()) == 6


@pytest.mark.parametrize(
    ("cell", "currency", "unit"),
    [
        ("Yen (millions)", "JPY", "millions"),
        ("Yen in millions", "JPY", "millions"),
        ("U.S. dollars (millions)", "USD", "millions"),
        ("Millions of U.S. dollars", "USD", "millions"),
        ("Millions of yen", "JPY", "millions"),
        ("Euros", "EUR", None),
        ("(Dollars in millions)", None, "millions"),  # a US note's unit line, no currency row
        ("(thousands of dollars)", None, "thousands"),
    ],
)
def test_a_currency_named_in_words_over_a_column(cell, currency, unit):
    assert (labels.currency_of(cell), labels.unit_of(cell)) == (currency, unit)


YEN_NOTE = """
Translations are made at the rate of ¥151.33 to $1

Year ended 31 December 2024
Property
Hotels
Total
Total
Yen (millions)
Yen (millions)
Yen (millions)
U.S. dollars (millions)
External revenue
12,345
6,789
19,134
{usd}
Segment profit
2,100
900
3,000
20
"""


@pytest.mark.parametrize(("usd", "errors"), [("126", 0), ("156", 1)])
def test_columns_headed_in_yen_and_us_dollars(usd, errors):
    """Yen columns beside a U.S. dollars column, headed in words as Japanese 20-F filers do:
    the US$ column is the translation at the stated rate (19,134 / 151.33 = 126), and a
    translated figure off by 30 is an error."""
    result = check(read_string(YEN_NOTE.format(usd=usd)))
    assert result.rate.stated and result.rate.rate == Decimal("151.33")
    assert len(result.errors) == errors
    assert sum(kinds["translation"] for kinds in result.per_kind.values()) == 2


def test_a_translated_column_before_its_local_one():
    """ "2024 2024 2023" over "US$ RMB RMB": the US$ column comes first, and is still the
    translation of 2024, no currency typo (the reference 20-F's typo repeats no year)."""
    _, result, columns = _revenues(
        "2024\n2024\n2023",
        "US$\nRMB\nRMB",
        "230,008\n1,678,901\n1,456,789",
        "62,580\n456,789\n398,765",
        "292,588\n2,135,690\n1,855,554",
    )
    assert columns == [("2024", "convenience"), ("2024", "period"), ("2023", "period")]
    assert result.errors == [] and not [f for f in result.findings if f.code == "seg.header.currency"]
    assert result.rate.low <= Decimal("7.2993") <= result.rate.high


@pytest.mark.parametrize("moved", ["advertising", "membership"])
def test_with_two_lines_the_translated_total_tells_which_one_is_wrong(moved):
    """Two translated lines, one off by 30, allow two rates equally; the translated total
    agrees with one of them, so the error falls on the line that moved and on no other
    (the total is checked against the inferred interval, not only its midpoint)."""
    figures = {"advertising": "1,678,901\n230,008\n78.6", "membership": "456,789\n62,580\n21.4"}
    figures[moved] = figures[moved].replace("230,008", "230,038").replace("62,580", "62,610")
    text = AMOUNTS_AND_PERCENTS.format(years="2024", layer="RMB\nUS$\n%", total="2,135,690\n292,588\n100.0",
                                       **figures)  # fmt: skip
    result = check(read_string(text))
    line = text.splitlines().index({"advertising": "230,038", "membership": "62,610"}[moved]) + 1
    assert [(f.code, f.source_line) for f in result.errors] == [("seg.fx.figure", line)]
