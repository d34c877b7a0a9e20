"""Filing text aligned by spaces (pdftotext -layout, text filings without EDGAR's column
marks): figures by their right edges, header phrases over the columns they span, read as
the HTML reader reads cells and spans. The issue's five arrangements, aligned."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.api import check, parse
from xlsegment.readers import aligned


def _note(tmp_path, text: str):
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    return parse(path)


def _facts(note) -> dict:
    return {(f.segment, f.line_item, f.period, f.currency): f.value for f in note.facts}


SEGMENT_BY_YEAR = """\
For the convenience of the reader, 2024 amounts are translated at RMB7.2993 to US$1.00.

(In thousands)
                          Mining                 Games                      Consolidated
                    2023        2024        2023        2024        2023        2024        2024
                 RMB'000     RMB'000     RMB'000     RMB'000     RMB'000     RMB'000     US$'000
Revenue            1,000       1,200         500         600       1,500       1,800         247
Cost of revenue     (400)       (500)       (200)       (250)       (600)       (750)       (103)
Gross profit         600         700         300         350         900       1,050         144
"""

MEASURE_BY_YEAR = """\
(dollars in millions)
                  Net Sales           Operating Profit      Operating Profit Margins
               2024       2023        2024       2023          2024       2023
Mining     $  1,000   $    900    $    200   $    150          20.0%      16.7%
Games           500        450         50         45          10.0%      10.0%
Total      $  1,500   $  1,350    $    250   $    195          16.7%      14.4%
"""

TITLE_ABOVE_YEAR = """\
(in thousands of U.S. dollars)
Segment information
                                   2024
                      Mining   Corporate      Total
Revenue                1,000         500      1,500
Operating income         300         (50)       250
Total assets           5,000       1,000      6,000
"""

INTERIM = """\
(in millions)
                       Three Months Ended         Six Months Ended
                            June 30,                  June 30,
                        2025        2024          2025        2024
Mining              $  1,284     $ 1,201      $  2,498    $  2,350
Games                    642         671         1,270       1,318
Total               $  1,926     $ 1,872      $  3,768    $  3,668
"""

UNIT_LINE_ABROAD = """\
(en miles de euros)
                                    2024
                        Minería   Corporativo       Total
Ingresos                  1.000           500       1.500
Resultado operativo         300           (50)        250
Activos                   5.000         1.000       6.000
"""


def test_segment_by_year_with_a_translated_column(tmp_path):
    note = _note(tmp_path, SEGMENT_BY_YEAR)
    facts = _facts(note)
    assert facts[("Mining", "Revenue", "2023", "CNY")] == 1000
    assert facts[("Games", "Revenue", "2024", "CNY")] == 600
    assert facts[("Total", "Revenue", "2024", "CNY")] == 1800
    assert facts[("Total", "Revenue", "2024", "USD")] == 247
    assert check(note).summary["errors"] == 0


def test_measure_by_year(tmp_path):
    facts = _facts(_note(tmp_path, MEASURE_BY_YEAR))
    assert facts[("Mining", "Net Sales", "2024", "USD")] == 1000
    assert facts[("Mining", "Operating Profit", "2023", "USD")] == 150
    assert all("Margin" not in line for _, line, _, _ in facts)  # percentages, never amounts


def test_a_title_line_above_the_year(tmp_path):
    facts = _facts(_note(tmp_path, TITLE_ABOVE_YEAR))
    assert facts[("Mining", "Revenue", "2024", "USD")] == 1000
    assert facts[("Corporate", "Operating income", "2024", "USD")] == -50
    assert facts[("Total", "Total assets", "2024", "USD")] == 6000


def test_interim_periods_stay_apart(tmp_path):
    facts = _facts(_note(tmp_path, INTERIM))
    assert facts[("", "Games", "3M 2025", "USD")] == 642  # rows the note does not call segments
    assert facts[("Total", "Total", "6M 2024", "USD")] == 3668
    periods = {p for _, _, p, _ in facts}
    assert periods == {"3M 2025", "3M 2024", "6M 2025", "6M 2024"}


def test_a_unit_line_in_another_language(tmp_path):
    facts = _facts(_note(tmp_path, UNIT_LINE_ABROAD))
    assert facts[("Minería", "Ingresos", "2024", "EUR")] == 1000
    assert facts[("Total", "Activos", "2024", "EUR")] == 6000


@pytest.mark.parametrize(
    "text",
    [
        "Revenue 1,000 900\nCost (400) (300)\nProfit 600 600\n",  # flowed: one space apart
        "Mining\nGames\nTotal\nRevenue\n1,000\n500\n1,500\nCost\n(400)\n(300)\n(700)\n",
        "Revenue grew to $1,000 million in 2024  from  $900 million.\n",
    ],
)
def test_text_not_aligned_by_spaces_is_left_to_the_filing_text_reader(text):
    assert not aligned.has_tables(text)


NORDIC = """\
                                  Oct–Dec    Oct–Dec    Jan–Dec    Jan–Dec
SEK m                                2024       2023       2024       2023
Net sales
  Process Solutions                 4 812      4 506     17 406     16 213
  Hygiene Systems                   2 935      3 012     11 508     11 870
  Group                             7 747      7 518     28 914     28 083
EBITA margin, %
  Process Solutions                  14.6       13.7       15.0       14.3
  Hygiene Systems                    11.7       13.0       12.1       12.7
  Group                              13.5       13.5       14.0       13.7
"""


def test_thousands_grouped_by_spaces_and_a_ratio_heading_over_the_segments(tmp_path):
    """'4 812' is one figure in its column; 'Oct–Dec' is a quarter and 'Jan–Dec' a year;
    the rows under 'EBITA margin, %' are each segment's ratio, never its EBITA."""
    note = _note(tmp_path, NORDIC)
    facts = _facts(note)
    assert facts[("Process Solutions", "Net sales", "3M 2024", "SEK")] == 4812
    assert facts[("Hygiene Systems", "Net sales", "2023", "SEK")] == 11870
    margins = [f for f in note.facts if f.value == Decimal("14.6")]
    assert [f.line_item for f in margins] == ["EBITA margin, %"]
    group = [f for f in note.facts if f.value == Decimal("14.0")]
    assert [(f.segment, f.line_item) for f in group] == [("Total", "EBITA margin, %")]
    assert check(note).summary["errors"] == 0


STACKED_EUROPEAN = """\
(em milhares de reais)
                                                  Exercícios findos em
                                                   31 de dezembro de
                                                      2024            2023  Var. %

Combustíveis
  Receita operacional líquida                   24.806.412      23.118.905     7,3
  Lucro bruto                                    1.891.104       1.716.294    10,2
  Despesas operacionais, líquidas               (1.004.227)       (958.402)    4,8
  Lucro operacional (EBIT)                         886.877         757.892    17,0

Logística
  Receita operacional líquida                    3.412.870       3.097.214    10,2
  Lucro bruto                                    1.306.525       1.153.151    13,3
  Despesas operacionais, líquidas                 (388.910)       (351.276)   10,7
  Lucro operacional (EBIT)                         917.615         801.875    14,4
"""


def test_european_figures_and_segment_blocks_a_blank_line_apart(tmp_path):
    """'1.004.227' is one figure where the note writes European digits; each block under
    its segment's heading stays in the table, under the years a blank line above it."""
    note = _note(tmp_path, STACKED_EUROPEAN)
    facts = _facts(note)
    assert facts[("Combustíveis", "Despesas operacionais, líquidas", "2024", "BRL")] == -1004227
    assert facts[("Logística", "Lucro operacional (EBIT)", "2023", "BRL")] == 801875
    assert Decimal("17.0") not in {f.value for f in note.facts}  # the change column
    assert check(note).summary["errors"] == 0


YEARS_AS_ROWS = """\
in CHF million                   Instrumentation   Life Science        Group
                                                       Reagents
Net sales to third parties
  2024                                   1,482.6          906.3      2,388.9
  2023                                   1,411.9          958.2      2,370.1
Operating EBIT (1)
  2024                                     268.4          141.7        410.1
  2023                                     250.1          162.4        412.5
Operating EBIT margin, %
  2024                                      18.1           15.6         17.2
  2023                                      17.7           16.9         17.4
"""


def test_years_as_row_labels_and_a_ratio_heading_among_them(tmp_path):
    """Years as the rows' labels under each measure's heading; the rows under a ratio's
    heading are no amounts of the measure above it; a name wrapped under another heads
    its column alone ('Life Science' over 'Reagents', 'Instrumentation' beside them)."""
    note = _note(tmp_path, YEARS_AS_ROWS)
    facts = _facts(note)
    assert facts[("Life Science Reagents", "Operating EBIT", "2023", "CHF")] == Decimal("162.4")
    assert facts[("Instrumentation", "Net sales to third parties", "2024", "CHF")] == Decimal("1482.6")
    assert not [f for f in note.facts if f.value == Decimal("18.1") and f.line_item == "Operating EBIT"]
    assert check(note).summary["errors"] == 0


GROUP_ONLY_LINES = """\
Six months ended 30 June 2025

£m                          UK & Ireland   Continental     Central       Group
                                                Europe       costs
Revenue                            612.4         438.7           –     1,051.1
Operating profit/(loss)             65.4          28.3       (17.8)       75.9
Net finance costs                                                       (18.6)
Profit before tax                                                         57.3
Capital expenditure                 30.6          22.4         0.9        53.9
"""


def test_lines_stated_for_the_group_only_stay_in_the_table(tmp_path):
    """'Net finance costs' with its one figure under Group is a row of the table, which
    goes on below it; the period comes from the heading above the table."""
    note = _note(tmp_path, GROUP_ONLY_LINES)
    assert len(note.tables) == 1
    facts = _facts(note)
    assert facts[("Total", "Net finance costs", "6M 2025", "GBP")] == Decimal("-18.6")
    assert facts[("Continental Europe", "Capital expenditure", "6M 2025", "GBP")] == Decimal("22.4")


def _amount_and_share(percent: str, heading: str, years: tuple[int, ...]) -> str:
    """Segments as rows; each year over an Amount and a "% of Total" column, the year
    centred over the pair; the share printed "46.1%" or "46.1 %"; the share's heading on
    one line or wrapped ("% of" over "Total")."""
    rows = {"Data Center": (2412.8, 1987.3, 1544.1), "Automotive": (1317.9, 1402.4, 1287.3)}
    totals = tuple(round(sum(v[k] for v in rows.values()), 1) for k in range(3))
    rows["Total net revenue"] = totals
    width = 22
    lines = ["(in millions of U.S. dollars)".ljust(40) + "".join(f"{y:^{width}}" for y in years)]
    if heading == "wrapped":
        lines.append(" " * 40 + "".join(f"{'':>10}{'% of':>10}  " for _ in years))
        lines.append(" " * 40 + "".join(f"{'Amount':>10}{'Total':>10}  " for _ in years))
    else:
        lines.append(" " * 40 + "".join(f"{'Amount':>10}{'% of Total':>12}" for _ in years))
    for label, values in rows.items():
        cells = []
        for k in range(len(years)):
            share = f"{100 * values[k] / totals[k]:.1f}{percent}"
            cells.append(f"{values[k]:>10,.1f}{share:>12}")
        lines.append(label.ljust(40) + "".join(cells))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("percent", ["%", " %"], ids=["joined", "spaced"])
@pytest.mark.parametrize("heading", ["one line", "wrapped"])
@pytest.mark.parametrize("years", [(2025, 2024, 2023), (2025, 2024)])
def test_grid_amounts_beside_their_share_of_the_total(tmp_path, percent, heading, years):
    note = _note(tmp_path, _amount_and_share(percent, heading, years))
    facts = _facts(note)
    assert facts[("Data Center", "Net revenue", "2025", "USD")] == Decimal("2412.8")
    assert facts[("Automotive", "Net revenue", str(years[-1]), "USD")] == Decimal(
        ("1317.9", "1402.4", "1287.3")[len(years) - 1]
    )
    assert not any(v in (Decimal("100.0"),) for v in facts.values())  # the shares are no amounts
    assert check(note).summary["errors"] == 0


@pytest.mark.parametrize("indent", [0, 2, 4])
@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("Amortization of acquisition-related", "intangibles"),
        ("Restructuring, acquisition and", "integration costs"),
    ],
)
def test_grid_a_row_label_wrapped_onto_the_figures_line(tmp_path, indent, first, rest):
    """A label wrapped in aligned text: its last words start in lower case on the line
    of its figures. One row, its figures on their own line, never a segment 'intangibles'."""
    text = (
        "(in millions of U.S. dollars)          2025        2024\n"
        "Total segment operating income      1,358.8     1,198.7\n"
        f"{first}\n"
        f"{' ' * indent}{rest:<{36 - indent}}{'(96.3)':>7}     {'(104.1)':>7}\n"
        "Operating income                    1,262.5     1,094.6\n"
    )
    facts = {f.value: f for f in _note(tmp_path, text).facts}
    wrapped = facts[Decimal("-96.3")]
    assert wrapped.label == f"{first} {rest}" and wrapped.segment == "" and wrapped.source.line == 4


def _segments_as_columns(wrapped: tuple[str, ...], unit_on_names_line: bool, label_wraps: bool) -> str:
    """Segments as columns, some names wrapped over two lines ("Higher" over "Education");
    the unit on the names' line or above; the first row's label wrapped or not; a period
    heading of rows above the figures."""
    names = ["Schools", "Higher Education", "Professional", "Central items", "Group"]
    width, left = 18, 50
    upper, lower = "", ""
    for name in names:
        first, _, rest = name.partition(" ")
        top, bottom = (first, rest) if name in wrapped and rest else ("", name)
        upper += f"{top:>{width}}"
        lower += f"{bottom:>{width}}"
    unit = "£m"
    lines = [] if unit_on_names_line else [unit]
    lines.append(" " * left + upper)
    lines.append((unit if unit_on_names_line else "").ljust(left) + lower)
    lines.append("Year ended 31 December 2025")
    rows = {
        "Depreciation of property, plant and equipment": (25.9, 20.1, 9.4, 4.1),
        "Amortisation of software": (14.5, 13.8, 4.5, 4.5),
        "Capital expenditure": (40.9, 25.8, 21.1, 3.7),
    }
    for k, (label, values) in enumerate(rows.items()):
        cells = "".join(f"{v:>{width}.1f}" for v in (*values, round(sum(values), 1)))
        if k == 0 and label_wraps:
            lines.append("  Depreciation of property, plant")
            label = "and equipment"
        lines.append(f"  {label}".ljust(left) + cells)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "wrapped", [("Higher Education", "Central items"), ("Higher Education",), ("Central items",)]
)
@pytest.mark.parametrize("unit_on_names_line", [True, False], ids=["unit beside names", "unit above"])
@pytest.mark.parametrize("label_wraps", [True, False], ids=["first label wrapped", "one-line labels"])
def test_grid_wrapped_segment_names_and_first_label(tmp_path, wrapped, unit_on_names_line, label_wraps):
    """A name's first line over its column alone is the start of that name, not a group
    over every column; a label's first line right above the first figures is that row's."""
    note = _note(tmp_path, _segments_as_columns(wrapped, unit_on_names_line, label_wraps))
    facts = _facts(note)
    line = "Depreciation of property, plant and equipment"
    assert facts[("Higher Education", line, "2025", "GBP")] == Decimal("20.1")
    assert facts[("Central items", "Amortisation of software", "2025", "GBP")] == Decimal("4.5")
    assert facts[("Schools", line, "2025", "GBP")] == Decimal("25.9")
    names = {"Schools", "Higher Education", "Professional", "Central items", "Total"}
    assert {f.segment for f in note.facts} == names
    assert check(note).summary["errors"] == 0


def test_a_title_over_one_name_is_no_first_line_of_it(tmp_path):
    """Control: a title centred over the table that happens to stand over one name alone,
    aligned with none of its edges, is no first line of that name."""
    text = (
        "Year ended December 31, 2024\n"
        "(in millions of U.S. dollars)\n"
        "                                        Segments\n"
        "                                    Mining     Corporate         Total\n"
        "Revenue                              1,000           500         1,500\n"
        "Operating income                       300           (50)          250\n"
        "Total assets                         5,000         1,000         6,000\n"
    )
    facts = _facts(_note(tmp_path, text))
    assert facts[("Corporate", "Revenue", "2024", "USD")] == Decimal("500")
    assert facts[("Mining", "Operating income", "2024", "USD")] == Decimal("300")
