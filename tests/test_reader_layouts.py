"""Layouts from real segment notes, each as a small note inline where the reader sees it."""

from __future__ import annotations

import pytest

from xlsegment.api import check
from xlsegment.errors import InputError
from xlsegment.readers.text import read_string


def note(text: str):
    return read_string(text.strip("\n"), "inline.txt")


def codes(result):
    return [f.code for f in result.findings]


def facts(n, **match):
    return [f for f in n.facts if all(getattr(f, k) == v for k, v in match.items())]


EUROPEAN = """
Die folgende Tabelle zeigt die Segmentinformationen (in Tausend EUR):
Geschäftsjahr 2024
Europa
Asien
Gesamt
Umsatz
118.262
45.310,5
163.572,5
Segmentergebnis
12.400
-3.100
9.300
"""


def test_european_numbers_by_separators_and_language():
    n = note(EUROPEAN)
    assert n.unit == "thousands"
    assert [f.value for f in facts(n, line_item="Umsatz")] == [118262, 45310.5, 163572.5]
    result = check(n)
    assert result.summary["errors"] == 0 and result.summary["checks"] == 2
    assert "seg.format.european" in codes(result)


US_STYLE = """
The following table presents segment results (in millions):
Year Ended December 31, 2024
Alpha (1)
Beta [a]
Total
Revenue
$
1,000
$
2,000
$
3,000
Cost of revenue
(600)
($1,500)
(2,100)
Segment profit
400
500
900
2025 FORM 10-K 84 Table of Contents Reconciliation of segment profit to net income:
Segment profit
900
Interest expense
(100)
Net income
800
"""


def test_footnote_markers_dollar_cells_and_page_header_noise():
    n = note(US_STYLE)
    assert [c.label for c in n.tables[0].columns] == ["Alpha", "Beta", "Total"]
    assert facts(n, line_item="Cost of revenue", segment="Beta")[0].value == -1500
    result = check(n)
    assert result.summary["errors"] == 0
    recon = [r for r in result.relations if r.total.line_item == "Net income"]
    assert recon and recon[0].total.value == 800


def test_a_typo_in_the_reconciliation_is_an_error_at_its_line():
    broken = US_STYLE.replace("\n800\n", "\n830\n")
    result = check(note(broken))
    [error] = result.errors
    assert error.line_item == "Net income" and error.actual == 830 and error.expected == 800
    assert "reported 830, computed 800 (+30)" in error.message and error.difference == 30


BLANK_TOTAL = """
Segment information (in millions):
Year ended May 31, 2025
North
South
Brand total
Other
Company total
Revenues
100
200
300
50
350
Earnings before interest and taxes
10
20
30
5
Interest expense (income), net
(7)
Income before income taxes
42
"""


def test_blank_total_cell_is_computed_and_single_figures_go_to_the_total_column():
    n = note(BLANK_TOTAL)
    ebit = facts(n, line_item="Earnings before interest and taxes")
    assert [f.segment for f in ebit] == ["North", "South", "Brand total", "Other"]
    interest = facts(n, line_item="Interest expense (income), net")
    assert [(f.segment, f.value) for f in interest] == [("Total", -7)]
    result = check(n)
    assert result.summary["errors"] == 0
    ibt = [r for r in result.relations if r.total.line_item == "Income before income taxes"]
    assert ibt and not ibt[0].parts[0][1].reported  # the computed company-total EBIT


def test_missing_figure_placed_by_arithmetic():
    # Eliminations has no figure in this row: the subtotal says where the gap is.
    text = """
Segment information (in millions):
Year ended December 31, 2023
North
South
Eliminations
Total
Revenue
100
50
150
Assets
10
20
(5)
25
Costs
60
30
(5)
85
"""
    n = note(text)
    assert [f.segment for f in facts(n, line_item="Revenue")] == ["North", "South", "Total"]
    assert check(n).summary["errors"] == 0


def test_unlabelled_subtotal_row_is_read_and_checked():
    text = """
Segment assets (in millions):
September 30,
2024
2023
Assets
Alpha
10
20
Beta
5
6
Gamma
1
2
16
28
Unallocated
4
2
Total
20
30
"""
    result = check(note(text))
    assert "seg.layout.unlabelled" in codes(result)
    assert result.summary["errors"] == 0
    assert any(r.total.value == 20 for r in result.relations)


STACKED = """
Information on reportable segments (in millions):
Year Ended December 31,
2023
2024
North America
Net sales
100
110
Operating income
10
11
International
Net sales
50
60
Operating income (loss)
(5)
6
Consolidated
Net sales
150
170
Operating income
5
17
"""


def test_stacked_segment_blocks_add_to_the_consolidated_block():
    n = note(STACKED)
    assert facts(n, line_item="Net sales", segment="International", period="2024")[0].value == 60
    result = check(n)
    stacked = [r for r in result.relations if str(r.kind) == "stacked"]
    assert len(stacked) == 4
    broken = check(note(STACKED.replace("\n170\n", "\n180\n")))
    assert [e.source_line for e in broken.errors] == [22]


def test_us_dollar_convenience_column_beside_local_currency():
    text = """
Segment revenue (in thousands):
Year ended December 31, 2024
Retail
Wholesale
Total
HK$
HK$
HK$
US$
Revenue
7,800
15,600
23,400
3,000
"""
    n = note(text)
    assert n.presentation_currency == "HKD" and n.convenience_currency == "USD"
    result = check(n)
    assert result.rate.low <= 7.8 <= result.rate.high


def test_columns_it_cannot_name_give_a_warning_and_arithmetic_checks():
    text = """
Alpha
Revenue
1
2
3
4
6
10
Costs
5
5
5
5
10
20
"""
    result = check(note(text))
    assert "seg.layout.columns" in codes(result)
    assert result.summary["errors"] == 0


@pytest.mark.parametrize(
    "text",
    ["", "just words\nand more words", "\x00\x01binary", "(in millions)\nRevenue\nCosts"],
)
def test_unreadable_input_is_an_input_error_naming_file_and_line(text):
    with pytest.raises(InputError) as err:
        read_string(text, "bad.txt")
    assert str(err.value).startswith("bad.txt")


IFRS = """
4. Operating segments
The Group has three reportable segments.
(in EUR millions)
2024
Industrial
Consumer
Services
Total segments
Unallocated
Group
External revenue
1,200
800
400
2,400
—
2,400
EBITDA
300
150
90
540
(40)
500
Depreciation and amortisation
(100)
(50)
(30)
(180)
(10)
(190)
EBIT
200
100
60
360
(50)
310
Finance costs, net
(40)
Profit before tax
270
"""


def test_ifrs_group_column_units_line_and_consolidated_only_reconciliation():
    n = note(IFRS)
    assert (n.presentation_currency, n.unit) == ("EUR", "millions")
    assert [c.label for c in n.tables[0].columns][-1] == "Group"
    assert facts(n, line_item="External revenue", segment="Industrial")[0].value == 1200
    assert [(f.segment, f.value) for f in facts(n, line_item="Finance costs, net")] == [("Total", -40)]
    assert check(n).summary["errors"] == 0


def test_wrong_profit_before_tax_is_reported_although_no_sum_fits():
    # Finance costs and profit before tax sit in the Group column only: a reconciliation
    # by its layout, so its last line is its total even when it does not add up.
    result = check(note(IFRS.replace("\n270\n", "\n275\n")))
    [error] = result.errors
    assert (error.line_item, error.actual, error.expected, error.difference) == (
        "Profit before tax",
        275,
        270,
        5,
    )


UPWARD = """
Adjusted EBITDA reconciliation (in thousands):
Year Ended December 31,
2024
2023
Net income
45,200
38,900
Add:
Income tax expense
12,100
10,400
Depreciation and amortization
35,700
33,700
Total segment Adjusted EBITDA
93,000
83,000
Adjusted EBITDA by segment:
North America
60,000
54,000
International
33,000
29,000
Total segment Adjusted EBITDA
93,000
83,000
"""


def test_upward_reconciliation_and_a_total_stated_twice():
    n = note(UPWARD)
    assert not facts(n, segment="Add")  # "Add:" marks a sign, it is no segment
    result = check(n)
    assert result.summary["errors"] == 0
    kinds = [str(r.kind) for r in result.relations]
    assert kinds.count("tie") == 2 and len(kinds) == 6  # two sums and the repeat, per year
    lines = UPWARD.strip("\n").splitlines()
    lines[len(lines) - 2] = "93,030"
    broken = check(note("\n".join(lines)))
    assert {e.code for e in broken.errors} == {"seg.recon", "seg.tie"}
    assert all(e.source_line == len(lines) - 1 for e in broken.errors)


def test_an_absurdly_long_number_is_text_not_a_crash():
    text = "Revenue\nA\nB\nTotal\nSales\n" + "9" * 5000 + "\n1\n2\n3\n"
    result = check(note(text))
    assert result.summary["errors"] == 0


QUARTERS = """
Revenue by segment (in thousands):
Q1 2024
Q2 2024
Q3 2024
Q4 2024
Full year 2024
Revenue:
Software
10
11
12
13
46
Hardware
4
5
6
7
22
Total revenue
14
16
18
20
68
"""


def test_quarter_columns_keep_their_quarter_and_add_to_the_year():
    n = note(QUARTERS)
    assert [c.period for c in n.tables[0].columns] == [
        "3M 2024-Q1",
        "3M 2024-Q2",
        "3M 2024-Q3",
        "3M 2024-Q4",
        "2024",
    ]
    result = check(n)
    assert result.summary["errors"] == 0
    assert sum(1 for r in result.relations if str(r.kind) == "crossfoot") == 3
    broken = check(note(QUARTERS.replace("\n46\n", "\n76\n")))
    # The wrong cell is named by its row's cross-foot; the total below it breaks too.
    assert {e.source_line for e in broken.errors} == {13, 25}


IFRS_LIST = """
Segment information (in USD thousands):
Year ended 31 December 2023
Mining
Energy
Total segments
Adjustments and eliminations
Consolidated
Revenue
110,000
75,000
185,000
(15,500)
169,500
Segment profit
27,000
14,400
41,400
(5,800)
35,600
Reconciliation of profit:
Segment profit
41,400
Finance costs
(8,200)
Share of profit of associates
1,300
Unallocated corporate expenses
(7,100)
Profit before tax
27,400
"""


def test_reconciliation_listed_one_figure_per_line_across_columns():
    # "Segment profit" is restated from the Total segments column; the reconciling items
    # stand under Consolidated. The list adds down, and the restatement is no conflict.
    n = note(IFRS_LIST)
    restated = facts(n, line_item="Segment profit", segment="Total segments")
    assert [f.value for f in restated] == [41400, 41400]
    result = check(n)
    assert result.summary["errors"] == 0
    recon = [r for r in result.relations if r.total.line_item == "Profit before tax"]
    assert [len(r.parts) for r in recon] == [4]
    broken = check(note(IFRS_LIST.replace("\n27,400\n", "\n27,430\n")))
    assert [(e.code, e.difference) for e in broken.errors] == [("seg.recon", 30)]


ONE_YEAR_BLOCKS = """
Segment results were as follows (in millions):
2024
Alpha:
Revenue
$
100
Operating costs
(60)
Beta:
Revenue
$
50
Operating costs
(20)

2023
Alpha:
Revenue
$
90
Operating costs
(55)
Beta:
Revenue
$
40
Operating costs
(25)
"""


# Operating costs by (segment, year) in ONE_YEAR_BLOCKS, however its headings are written.
ONE_YEAR_COSTS = {
    ("Alpha", "2024"): -60,
    ("Beta", "2024"): -20,
    ("Alpha", "2023"): -55,
    ("Beta", "2023"): -25,
}


def test_one_figure_per_row_under_its_year_is_that_years_column():
    """A block with one figure per row under a year line reads as that year's column, and
    each block takes its own year: the headings name the rows' segments, so Alpha's
    operating costs are never compared with Beta's, and no block borrows the year before."""
    n = note(ONE_YEAR_BLOCKS)
    assert [[c.period for c in t.columns] for t in n.tables] == [["2024"], ["2023"]]
    costs = {(f.segment, f.period): f.value for f in facts(n, line_item="Operating costs")}
    assert costs == ONE_YEAR_COSTS
    assert check(n).summary["errors"] == 0


GROUP_BLOCKS = """
Segment results (in millions):
2024
2023
Mining:
Revenue
700
600
Segment profit
300
250
Hosting:
Revenue
300
200
Segment profit
100
50
Group:
Revenue
1,000
800
Segment profit
400
300
"""


@pytest.mark.parametrize("heading", ["Group:", "Konzern:", "Totaal:", "Consolidated:"])
def test_a_bare_total_heading_closes_stacked_segment_blocks(heading):
    """Segment blocks stacked under their headings add up to the block headed by a bare
    total in any of the filers' words, the one vocabulary's (ASC 280-10-50-30)."""
    result = check(note(GROUP_BLOCKS.replace("Group:", heading)))
    stacked = [r for r in result.relations if str(r.kind) == "stacked"]
    assert len(stacked) == 4  # two lines, two years
    assert result.summary["errors"] == 0
    broken = check(note(GROUP_BLOCKS.replace("Group:", heading).replace("1,000", "1,030")))
    assert [f.source_line for f in broken.errors] == [20]  # the Group block's revenue


def test_the_name_over_a_one_figure_block_is_its_first_heading_not_a_column():
    """Blocks of one figure per row, headed without colons: the name above the first rows
    is a heading like the ones below it, and a line item over a list of segments ("Net
    sales" over Alpha, Beta, Total) heads the rows too; neither is a column of its own."""
    n = note(ONE_YEAR_BLOCKS.replace("Alpha:", "Alpha").replace("Beta:", "Beta"))
    costs = {(f.segment, f.period): f.value for f in facts(n, line_item="Operating costs")}
    assert costs == ONE_YEAR_COSTS
    listed = note(
        "Net sales by segment (in millions):\n2024\nNet sales\nAlpha\n100\nBeta\n50\nTotal net sales\n150\n"
    )
    assert {f.segment: f.value for f in listed.facts} == {"Alpha": 100, "Beta": 50, "Total": 150}
    assert check(listed).summary == {"checks": 1, "errors": 0, "warnings": 0, "infos": 0}


MEASURE_BLOCKS = """
Selected financial information by measure:
{first}
Comparable
2024
2023
2024
2023
(in millions)
Net revenue
$
10
$
9
$
9
$
10
Costs
4
3
3
4
Net income
$
6
$
6
$
6
$
6
"""


@pytest.mark.parametrize("first", ["Reported", "Reported (a)"])
def test_names_each_over_the_same_years_head_their_own_block(first):
    """Two names over the years repeated: each block is its own set of columns, so the two
    2024 figures of a row are no tie, and each block's rows add up on their own. The
    reader joins the last name to the year after it on one row; it is still a name."""
    n = note(MEASURE_BLOCKS.format(first=first))
    result = check(n)
    assert [(f.segment, f.period, f.value) for f in facts(n, line_item="Net income")] == [
        ("Reported", "2024", 6),
        ("Reported", "2023", 6),
        ("Comparable", "2024", 6),
        ("Comparable", "2023", 6),
    ]
    assert result.errors == []
    assert {r.kind.value for r in result.relations} == {"foot"}
    assert sorted(r.total.segment for r in result.relations) == ["Comparable"] * 2 + ["Reported"] * 2


BRACES = """
Investments by region (in millions)
Americas
Europe
Total
Bonds
100 }
20
120
Loans
50
}
30
80
Total investments
150
50
200
"""


def test_a_brace_beside_a_figure_is_drawing_not_a_row():
    """Fixed-width tables join rows with a brace beside a figure ("5,848 }"), and flattened
    to text the brace keeps a line of its own ("}"): neither starts a row, and the figure
    stays in its row."""
    n = note(BRACES)
    result = check(n)
    assert [r.label for r in n.tables[0].rows] == ["Bonds", "Loans", "Total investments"]
    assert [f.value for f in facts(n, line_item="Bonds")] == [100, 20, 120]
    assert result.errors == [] and result.coverage == (9, 9)


PERCENT_OF_TOTAL = """
Investments by region (in millions)
Americas
Europe
Asia
Total
% of total
Bonds
100
20
120
38
Loans
50
30
100
180
57
Other
5
5
5
15
Total investments
155
35
125
315
100
"""


def test_a_row_one_figure_short_with_a_percent_column_is_placed_by_the_totals():
    """With a "% of total" column, a row one figure short may lack an amount (its last
    figure the percentage) or its percentage: Bonds reads in full only if Europe's blank
    is filled by its 20, and then no column adds up; Other adds up as read."""
    n = note(PERCENT_OF_TOTAL)
    result = check(n)
    assert [(f.segment, f.value) for f in facts(n, line_item="Bonds")] == [
        ("Americas", 100),
        ("Asia", 20),
        ("Total", 120),
    ]
    assert [f.value for f in facts(n, line_item="Other")] == [5, 5, 5, 15]
    assert result.errors == []
    bonds = next(r.line for r in n.tables[0].rows if r.label == "Bonds")
    short = [f for f in result.findings if f.code == "seg.layout.percent" and "short" in f.message]
    assert [f.source_line for f in short] == [bonds]


BROKEN_BEFORE_A_CHANGE_COLUMN = """
Segment information (in millions)
Year ended December 31,
2024
2023
% Change
Net sales
Americas
1,200
1,100
9
Europe
800
760
5
Asia
400
380
Total net sales
2,400
{total_2023}
7
"""


@pytest.mark.parametrize("total_2023", ["2,140", "1,860"])
def test_a_broken_total_is_not_read_away_as_a_percentage(total_2023):
    """Asia's "% Change" left blank, and the 2023 total wrong (the rows add to 2,240) or
    leaving Asia out: reading Asia's 380 as the percentage would make the 2023 total
    untestable, which confirms nothing. The row stays as read."""
    n = note(BROKEN_BEFORE_A_CHANGE_COLUMN.format(total_2023=total_2023))
    result = check(n)
    assert [(f.period, f.value) for f in facts(n, segment="Asia")] == [("2024", 400), ("2023", 380)]
    assert not [f for f in result.findings if "one figure short" in f.message]


CORRECT_WITH_SHORT_ROWS = """
Net sales by segment (in millions)
2024
2023
2022
% Change
Alpha
100
90
80
11
Beta
50
45
40
Discontinued
7
2
Total net sales
150
142
122
6
"""


def test_short_rows_are_placed_before_a_row_is_read_again():
    """Beta's change is blank and Discontinued has 2023 and 2022 only: placed first,
    Discontinued makes 2023 and 2022 add up with Beta as read, so Beta stays whole (2024,
    where Discontinued is blank, cannot be tested)."""
    n = note(CORRECT_WITH_SHORT_ROWS)
    result = check(n)
    # Alpha, Beta and Discontinued are segments as rows; the heading names their measure.
    beta = [(f.period, f.value) for f in facts(n, segment="Beta", line_item="Net sales")]
    assert beta == [("2024", 50), ("2023", 45), ("2022", 40)]
    assert [(f.period, f.value) for f in facts(n, segment="Discontinued")] == [("2023", 7), ("2022", 2)]
    assert result.errors == [] and result.checks == 2


FOOTNOTE_IN_BRACES = """
Revenue by segment (in millions)
Alpha
Beta
Total
Product sales
{1}
100
50
150
Services
60
40
100
Total revenue
160
90
250
"""


def test_a_footnote_mark_in_braces_is_no_figure():
    """A pair of braces is a footnote mark ("{1}"), not a brace beside the figure 1."""
    n = note(FOOTNOTE_IN_BRACES)
    result = check(n)
    assert 1 not in [f.value for f in n.facts]
    assert result.errors == [] and result.checks == 6


RECONCILING_ITEMS = """
The following table presents a reconciliation (in millions):
Fiscal 2024
Primary Segment
Other
Consolidated
Net sales
$
153,108
$
6,406
$
159,514
Operating income
21,313
213
21,526
Interest income and other, net
{income}
Interest expense
2,321
Earnings before provision for income taxes
$
19,406
"""


@pytest.mark.parametrize("income", ["(201)", "(201\n)", "201-", "-201"])
def test_negative_amounts_as_filers_write_them(income):
    """A closing parenthesis in a cell of its own, as HTML tables have it, and a trailing
    minus read as the negative amount: 21,526 + 201 - 2,321 = 19,406 (income shown
    negative: it reduces the expense side of the reconciliation)."""
    n = note(RECONCILING_ITEMS.format(income=income))
    result = check(n)
    assert [f.value for f in facts(n, line_item="Interest income and other, net")] == [-201]
    assert result.errors == [] and result.checks >= 3


def test_half_a_year_range_is_no_negative_amount():
    from xlsegment.numbers import parse_cell

    assert parse_cell("2023-") is None
    assert parse_cell("1,234-").value == -1234
    assert parse_cell("(1,234-)") is None  # a sign stands once


WRAPPED_LABELS = """
2025
2024
Segment A
Net sales
$
462,415
$
441,817
Cost of sales
336,451
323,563
{first}
{second}
102,082
95,900
Operating income
$
23,882
$
22,354
Segment B
Net sales
$
121,885
$
114,641
Cost of sales
95,267
89,831
{first}
{second}
21,117
19,901
Operating income
$
5,501
$
4,909
"""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Operating, selling, general and", "administrative expenses"),
        ("Operating, selling, general", "and administrative expenses"),
        ("Other operating", "(income) expense, net"),
    ],
)
def test_a_label_wrapped_over_two_lines_is_one_label(first, second):
    """The first line of a wrapped label is no heading of a new block: each segment's
    operating income stays its own and foots, with no tie between the two."""
    n = note(WRAPPED_LABELS.format(first=first, second=second))
    result = check(n)
    assert len(facts(n, line_item=f"{first} {second}")) == 4
    assert result.errors == []
    assert {r.kind.value for r in result.relations} == {"foot"}


def test_a_heading_or_unit_line_is_no_continuation():
    """A line ending in a colon heads the rows below, and "(in thousands)" is a unit: the
    label wrapping rule joins neither to the line before."""
    n = note(WRAPPED_LABELS.format(first="Expenses:", second="operating expenses"))
    assert len(facts(n, line_item="operating expenses")) == 4
    text = WRAPPED_LABELS.format(first="Operating", second="expenses")
    n = note(text.replace("Segment A\n", "Segment A\n(in thousands)\n"))
    assert n.unit == "thousands"
    assert {f.segment for f in facts(n, line_item="Operating expenses")} == {"Segment A", "Segment B"}


STACKED_YEAR_BLOCKS = """
The following table presents segment information (in millions):
Health
Pharmacy
Consolidated
{later}
Revenues
$
100
$
200
$
300
Earnings from operations
10
20
30
{earlier}
Revenues
$
90
$
150
$
240
Earnings from operations
9
15
24
"""


@pytest.mark.parametrize(
    ("later", "earlier"),
    [("2024", "2023"), ("FY 2024", "FY 2023"), ("FY24", "FY23"), ("2024 (a)", "2023 (a)"),
     ("2024:", "2023:"), ("Year 2024", "Year 2023"), ("Fiscal 2024", "Fiscal 2023")],
)  # fmt: skip
def test_year_block_headings_as_filers_write_them(later, earlier):
    """Each block under its own year heading, written bare, with FY or Year, with a
    footnote mark or a colon: the blocks keep their years, so nothing ties across them."""
    n = note(STACKED_YEAR_BLOCKS.format(later=later, earlier=earlier))
    result = check(n)
    assert [(f.period, f.value) for f in facts(n, line_item="Revenues", segment="Total")] == [
        ("2024", 300),
        ("2023", 240),
    ]
    assert result.errors == []


BARE_TOTAL_UNDER_A_COST_HEADING = """
The following table presents segment information (in thousands):
2023
2022
Reportable segment revenue:
Mining
$
188,996
$
156,870
Hosting
91,683
102,301
Total segment revenue
$
280,679
$
259,171
Reportable segment cost of revenue:
Mining
134,515
84,897
Hosting
119,819
108,799
Total
$
254,334
$
193,696
Reconciling Items:
Selling, general, and administrative
(100,346)
(67,452)
Other income (expense)
24,529
(507,576)
Net income (loss)
$
(49,472)
$
(509,553)
"""


def test_a_bare_total_under_a_cost_heading_is_subtracted():
    """ "Total" under "Reportable segment cost of revenue:" totals the costs: the
    reconciliation subtracts it (280,679 - 254,334 - 100,346 + 24,529 = -49,472),
    ASC 280-10-50-30."""
    result = check(note(BARE_TOTAL_UNDER_A_COST_HEADING))
    assert result.errors == []
    to_net_income = [r for r in result.relations if r.total.line_item == "Net income (loss)"]
    costs = [sign for r in to_net_income for sign, part in r.parts if part.value in (254334, 193696)]
    assert costs == [-1, -1]


GROUP_TOTAL_IN_A_GEOGRAPHY_TABLE = """
Revenue by segment (in millions):
2024
2023
Digital
$
15,000
$
13,500
Other
6,505
5,909
Total revenue
$
21,505
$
19,409

Revenue by geographic area (in millions):
2024
2023
Americas:
United States
$
11,499
$
10,460
Other
1,392
1,194
Total
12,891
11,654
EMEA
5,554
4,881
APAC
3,060
2,874
Revenue
$
21,505
$
19,409
"""


def test_a_bare_total_inside_a_geography_table_closes_its_group():
    """ "Total" under "Americas:", with regions after it, is the Americas total: it foots
    its two rows and is not tied to the entity's revenue."""
    n = note(GROUP_TOTAL_IN_A_GEOGRAPHY_TABLE)
    result = check(n)
    assert result.errors == []
    americas = [f for f in n.facts if f.label == "Total"]
    assert {f.segment for f in americas} == {"Total Americas"}
    assert {r.total.value for r in result.relations if r.kind.value == "foot"} >= {12891, 11654}


SUBTOTAL_AFTER_A_GROUP = """
Net revenue for each period was as follows (in millions):
Years Ended
Dec 30, 2023
Dec 31, 2022
Dec 25, 2021
Net revenue
Devices
Desktop
$
10,166
$
10,661
$
12,437
Notebook
16,990
18,781
25,443
27,156
29,442
37,880
Services
15,521
19,445
22,774
Total net revenue
$
42,677
$
48,887
$
60,654

Net revenue by region was as follows (in millions):
Years Ended
Dec 30, 2023
Dec 31, 2022
Dec 25, 2021
United States
$
20,000
$
25,000
$
30,000
Other regions
22,677
23,887
30,654
Total net revenue
$
42,677
$
48,887
$
60,654
"""


def test_a_row_carrying_an_unlabelled_subtotal_is_no_wider_header():
    """ "Net revenue" over the group "Devices" (no colon), and Notebook's line carrying
    the group's unlabelled subtotal (six figures for three years): the columns stay the
    three years, the subtotal is read as its own row, and both tables foot."""
    n = note(SUBTOTAL_AFTER_A_GROUP)
    result = check(n)
    assert [c.period for c in n.tables[0].columns] == ["2023", "2022", "2021"]
    assert result.errors == []
    assert [f.code for f in result.findings] == ["seg.layout.unlabelled"]
    assert sorted(result.per_table.values()) == [6, 6]  # the rows are segments of Net revenue: foot and tie


@pytest.mark.parametrize(
    "head",
    [
        "NOTES TO CONSOLIDATED FINANCIAL STATEMENTS (Continued)",
        "Notes to the Consolidated Financial Statements",
    ],
)
def test_a_running_head_inside_a_table_is_page_furniture(head):
    """A page break inside a table leaves the running head between two rows: it heads no
    rows, so the table reads as without it."""
    text = WRAPPED_LABELS.format(first="Operating", second="expenses")
    plain = note(text)
    broken = note(text.replace("Cost of sales\n336,451", f"{head}\nCost of sales\n336,451"))
    assert [(f.line_item, f.segment, f.value) for f in broken.facts] == [
        (f.line_item, f.segment, f.value) for f in plain.facts
    ]
    assert check(broken).errors == []


def _cells(line: str) -> str:
    """A note written with "|" between its cells, one cell per line as the reader sees it."""
    return line.replace("|", "\n")


def test_segment_names_over_amounts_and_shares_raise_no_error():
    """Mining, Hosting and Total, each over "RMB'000 %", under one year in the title:
    the share columns beside named segments are not taken for years' columns."""
    text = _cells(
        "Year ended December 31, 2024|Mining|Hosting|Total|RMB'000|%|RMB'000|%|RMB'000|%|"
        "Revenue|600|60.0|400|40.0|1,000|100.0|Cost of revenue|(300)|50.0|(250)|62.5|(550)|55.0|"
        "Gross profit|300|50.0|150|37.5|450|45.0"
    )
    assert check(note(text)).errors == []


@pytest.mark.parametrize("third", ["Adjustments", "Advertising", "Unallocated"])
def test_segments_beside_a_reconciling_column_over_each_year_stay_columns(third):
    """Each year over "Devices, Services, <third>, Total": a reconciling or financial-sounding
    name among segments is still a column, so a wrong Total (1,460 for 1,450) is an error."""
    names = f"Devices|Services|{third}|Total"
    text = _cells(
        f"Segment information|2024|2023|{names}|{names}|Revenue|1,000|500|(50)|1,460|900|450|(40)|1,310|"
        "Operating income|200|100|(30)|270|180|90|(20)|250"
    )
    result = check(note(text))
    assert [f.code for f in result.errors] == ["seg.crossfoot"]


def test_a_bare_total_after_its_groups_totals_is_the_entitys():
    """ "Total Americas" and "Total Europe", then a bare "Total" and a memo row: the bare
    total is the entity's, and a wrong total revenue elsewhere (2,100) is an error."""
    text = _cells(
        "Revenue by geographic area|2024|2023|Americas|United States|1,000|900|Canada|200|200|"
        "Total Americas|1,200|1,100|Europe|Germany|500|400|France|300|300|Total Europe|800|700|"
        "Total|2,000|1,800|Revenue from the largest customer|150|140||Revenue by segment|2024|2023|"
        "Devices|1,500|1,300|Services|600|500|Total revenue|2,100|1,800"
    )
    n = note(text)
    assert {f.segment for f in n.facts if f.label == "Total"} == {"Total"}
    assert [f.code for f in check(n).errors] == ["seg.tie"]


def test_a_product_name_in_lower_case_is_no_continuation():
    """ "iPhone" under the heading "Net sales" is a row of its own, not the rest of it."""
    n = note(_cells("Segment information|(in millions)|2024|2023|Net sales|iPhone|1,200|1,100|Mac|800|700|"
                    "Total net sales|2,000|1,800"))  # fmt: skip
    assert [f.value for f in n.facts if f.label == "iPhone"] == [1200, 1100]
    assert check(n).errors == []


@pytest.mark.parametrize("total", ["550", "580"])
def test_a_long_reconciliation_heading_inside_a_table_heads_its_rows(total):
    """ "Reconciliation of segment operating income to income before income taxes:" inside
    the segment table heads the reconciling rows (ASC 280-10-50-30), so the block starts
    from the segments' 700: 700 - 100 - 50 = 550, and 580 is an error."""
    text = _cells(
        "A|B|Total|Revenue|1,000|800|1,800|Segment operating income|400|300|700|"
        "Reconciliation of segment operating income to income before income taxes:|"
        f"Corporate expenses|(100)|Interest expense|(50)|Income before income taxes|{total}"
    )
    result = check(note(text))
    assert len(result.errors) == (total == "580")
    assert result.checks == 3


@pytest.mark.parametrize(
    ("cells", "kept"), [("(1)|1,787|1,319|1,307", [1787, 1319, 1307]), ("(1)|1,319|1,307", [-1, 1319, 1307])]
)
def test_a_footnote_mark_in_a_cell_of_its_own_is_no_figure(cells, kept):
    """ "Other segment items" then "(1)" in a cell of its own, then its three figures: one
    figure more than the rows show, so the "(1)" is the label's footnote mark. A row as
    wide as the others keeps its leading "(1)" as the figure -1."""
    text = _cells(f"Segment results|2024|2023|2022|Revenue|28,167|25,098|22,237|Other segment items|{cells}")
    n = note(text)
    assert [f.value for f in n.facts if f.line_item == "Other segment items"] == kept
