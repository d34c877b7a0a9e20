"""Percentages beside amounts, as EDGAR text extraction gives them, and the names over a
nested header read as one kind.

- "Amount | % of Total" under each year, with the percent sign in a cell (line) of its
  own after each percentage: the amounts are the years' figures, the percentages are
  none (they add up to 100, not to a total).
- A row its label calls a ratio ("Margen EBITDA (%)", "EBITDA margin (%)") holds no
  amounts, though no cell carries a "%" sign: decimal-comma margins were read as figures
  and gave false errors against the Total column.
- Names over the years of a year-major header are segments unless every one is a
  measure: "Property development" beside "Hotel operations" and "Total" is a segment.

Grid: 2 to 4 rows x 1 to 3 years (x 2 to 3 segments), filing text one cell per line.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string

REGIONS = ["United States", "Germany", "Japan", "China"]
YEARS = ["2024", "2023", "2022"]
GRID = [(r, y) for r in (2, 3, 4) for y in (1, 2, 3)]


def _share(value: int, total: int) -> str:
    return f"{100 * value / total:.1f}"


@pytest.mark.parametrize(("regions", "years"), GRID)
def test_amount_and_share_of_total_under_each_year(regions, years):
    ys = YEARS[:years]
    figures = {
        (name, y): 318_225 + 97_310 * k + 4_119 * j
        for k, name in enumerate(REGIONS[:regions])
        for j, y in enumerate(ys)
    }
    totals = {y: sum(figures[(n, y)] for n in REGIONS[:regions]) for y in ys}
    lines = ["The following table sets forth revenue by geographic area:", "Year Ended December 31,", *ys]
    lines += ["(in thousands, except percentages)", *(["Amount", "% of Total"] * years)]
    for name in [*REGIONS[:regions], "Total revenue"]:
        lines.append(name)
        for y in ys:
            value = totals[y] if name == "Total revenue" else figures[(name, y)]
            lines += [f"{value:,}", _share(value, totals[y]), "%"]
    note = read_string("\n".join(lines) + "\n")
    got = {(f.line_item, f.segment, f.period): f.value for f in note.facts}
    assert got == {
        **{("Revenue", n, y): v for (n, y), v in figures.items()},
        **{("Revenue", "Total", y): v for y, v in totals.items()},
    }
    assert check(note).summary["errors"] == 0


SEGMENTS = ["España", "Latinoamérica", "Resto de Europa"]


@pytest.mark.parametrize("ratio", ["Margen EBITDA (%)", "EBITDA margin (%)", "Operating margin %"])
@pytest.mark.parametrize("segments", [2, 3])
def test_a_ratio_row_without_percent_signs_holds_no_amounts(ratio, segments):
    names = SEGMENTS[:segments]
    revenue = [4_812 - 900 * k for k in range(segments)]
    ebitda = [1_532 - 310 * k for k in range(segments)]
    margins = [f"{100 * e / r:.1f}".replace(".", ",") for e, r in zip(ebitda, revenue, strict=True)]
    lines = ["Información por segmentos (en millones de euros)", "Ejercicio 2024", *names, "Total Grupo"]
    lines += [
        "Ingresos",
        *(f"{v:,}".replace(",", ".") for v in revenue),
        f"{sum(revenue):,}".replace(",", "."),
    ]
    lines += ["EBITDA", *(f"{v:,}".replace(",", ".") for v in ebitda), f"{sum(ebitda):,}".replace(",", ".")]
    lines += [ratio, *margins, f"{100 * sum(ebitda) / sum(revenue):.1f}".replace(".", ",")]
    note = read_string("\n".join(lines) + "\n")
    assert {f.line_item for f in note.facts} == {"Ingresos", "EBITDA"}
    assert {f.period for f in note.facts} == {"2024"}
    assert check(note).summary["errors"] == 0


MIXED = ["Property development", "Property investment", "Hotel operations", "Eliminations"]


@pytest.mark.parametrize("years", [1, 2, 3])
@pytest.mark.parametrize("segments", [2, 3])
def test_names_over_a_year_major_header_are_all_segments_unless_all_measures(segments, years):
    names = [*MIXED[:segments], "Total"]
    ys = YEARS[:years]
    rows = {"Segment revenue": 8_426, "Segment results": 1_932}
    lines = [
        "Segment revenue and results",
        "For the year ended 31 December",
        *ys,
        *(names * years),
        "HK$ million",
    ]
    want = {}
    for label, base in rows.items():
        lines.append(label)
        for j, y in enumerate(ys):
            values = [base - 1_100 * k + 37 * j for k in range(segments)]
            lines += [f"{v:,}" for v in [*values, sum(values)]]
            want.update({(label, n, y): v for n, v in zip(names, [*values, sum(values)], strict=True)})
    note = read_string("\n".join(lines) + "\n")
    assert {(f.line_item, f.segment, f.period): f.value for f in note.facts} == want
    assert check(note).summary["errors"] == 0
