"""Whose figure a row is, and of what: grid tests of the row rules.

Each rule is tried over 2 to 4 segments and 1 to 3 years, and beside a layout it must
leave alone, so that it is shown to be a rule and not a reading of one note:
- the closing total names the measure of the rows above it ("Total intersegment revenue");
- in a one-sum table of a held measure, a row worded as another kind of amount is a
  category beside the segments ("Centrally Managed Assets" among depreciation), while a
  caption of the sum ("Cash and investments") or a reconciling line of a profit table
  ("Interest expense") stays a line item;
- a geographic table's closing row named by its measure ("Revenue") is its total;
- names over runs of years of different lengths ("Sales" over three years, "Long-lived
  assets" over two) name each run;
- one measure over the periods, the rows under product and region headings;
- a page break that repeats the header keeps the open heading (the HTML case is held
  by the HTML identity truth of a corpus note);
- as many figures as Total columns go to the Total columns;
- header lines that are interleaved pieces of wrapped headings leave the columns unnamed.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from xlsegment.api import parse
from xlsegment.readers.text import read_string

NAMES = ["Mining", "Hosting", "Games", "Retail"]
YEARS = ["2024", "2023", "2022"]
GRID = [(s, y) for s in (2, 3, 4) for y in (1, 2, 3)]


def _rows(segments: list[str], years: list[str], base: int = 100) -> tuple[str, dict]:
    """Rows of segments, one figure per year, and what each figure is."""
    text, want = "", {}
    for k, seg in enumerate(segments):
        values = [base * (k + 1) + j for j in range(len(years))]
        text += seg + "\n" + "\n".join(f"{v:,}" for v in values) + "\n"
        want.update({(seg, y): v for y, v in zip(years, values, strict=True)})
    return text, want


def _totals(segments: list[str], years: list[str], base: int = 100) -> list[int]:
    return [sum(base * (k + 1) + j for k in range(len(segments))) for j in range(len(years))]


def _facts(note) -> dict:
    return {(f.segment, f.period, f.line_item): f.value for f in note.facts}


@pytest.mark.parametrize(("segments", "years"), GRID)
def test_the_closing_total_names_the_measure_of_the_rows(segments, years):
    segs, ys = NAMES[:segments], YEARS[:years]
    rows, want = _rows(segs, ys)
    total = "\n".join(f"{v:,}" for v in _totals(segs, ys))
    head = "Year ended December 31 (in millions)\n" + "\n".join(ys) + "\n"
    lead = "A summary of revenue for each of our segments from transactions with other segments follows."
    note = read_string(f"{lead}\n{head}{rows}Total intersegment revenue\n{total}\n")
    read = _facts(note)
    for (seg, year), value in want.items():
        assert read[(seg, year, "Intersegment revenue")] == value
    closing = {(f.segment, f.line_item) for f in note.facts if f.label.startswith("Total")}
    assert closing == {("Total", "Intersegment revenue")}


@pytest.mark.parametrize(("segments", "years"), GRID)
@pytest.mark.parametrize(
    ("title", "category", "kept"),
    [
        # a row of another kind of amount: a category beside the segments
        ("Depreciation and Amortization", "Centrally Managed Assets", False),
        ("Capital Expenditures", "Publishing and Advertising", False),
        # a caption of the sum itself, and a reconciling line of a profit table: line items
        ("Total assets", "Cash and investments", True),
        ("Operating income", "Interest expense", True),
    ],
)  # fmt: skip
def test_a_row_of_another_kind_in_a_one_sum_table_is_a_category(segments, years, title, category, kept):
    segs, ys = NAMES[:segments], YEARS[:years]
    rows, _ = _rows(segs, ys)
    extra = "\n".join(str(7 + j) for j in range(len(ys)))
    total = "\n".join(f"{v + 7 + j:,}" for j, v in enumerate(_totals(segs, ys)))
    note = read_string(
        f"{title}\nYears ended December 31,\n"
        + "\n".join(ys)
        + f"\n{rows}{category}\n{extra}\nTotal\n{total}\n"
    )
    row = [f for f in note.facts if f.label == category]
    assert len(row) == len(ys)
    if kept:
        assert {f.segment for f in row} == {""} and {f.line_item for f in row} == {category}
    else:
        assert {f.segment for f in row} == {category}
        assert {f.line_item for f in row} == {title}
    assert {f.segment for f in note.facts if f.label == "Total"} == {"Total"}


@pytest.mark.parametrize("years", [1, 2, 3])
@pytest.mark.parametrize("regions", [2, 3, 4])
def test_a_geographic_table_closed_by_its_measure_closes_on_the_total(years, regions):
    places = ["United States", "Europe", "Asia", "Other countries"][:regions]
    ys = YEARS[:years]
    rows, _ = _rows(places, ys)
    total = "\n".join(f"{v:,}" for v in _totals(places, ys))
    note = read_string(
        "Revenue by geographic area is as follows:\n" + "\n".join(ys) + f"\n{rows}Revenue\n{total}\n"
    )
    closing = {f.segment for f in note.facts if f.label == "Revenue"}
    assert closing == {"Total"}
    assert {f.segment for f in note.facts} == {*places, "Total"}


@pytest.mark.parametrize(("first", "second"), [(3, 2), (2, 3), (3, 1), (2, 1)])
def test_names_over_runs_of_years_of_their_own_length(first, second):
    a, b = YEARS[:first], YEARS[:second]
    head = "Sales to Customers\nLong-Lived Assets\n(Dollars in Millions)\n" + "\n".join(a + b) + "\n"
    body = "".join(
        f"{place}\n" + "\n".join(str(10 * k + j) for j in range(first + second)) + "\n"
        for k, place in enumerate(["United States", "Europe"], 1)
    )
    note = read_string(head + body)
    read = _facts(note)
    for j, year in enumerate(a):
        assert read[("United States", year, "Sales to Customers")] == 10 + j
    for j, year in enumerate(b):
        assert read[("United States", year, "Long-Lived Assets")] == 10 + first + j


def test_runs_of_years_that_do_not_restart_are_no_such_reading():
    """Years that run one way throughout cannot be cut into the names' runs: neither
    measure is given to the figures, and a warning says so."""
    head = "Sales to Customers\nLong-Lived Assets\n2024\n2023\n2022\n2021\n2020\n"
    note = read_string(head + "United States\n1\n2\n3\n4\n5\n")
    assert not {"Long-Lived Assets", "Sales to Customers"} & {f.line_item for f in note.facts}
    assert {f.period for f in note.facts} == {"2024", "2023", "2022", "2021", "2020"}
    assert any(f.code == "seg.layout.columns" for f in note.findings)


@pytest.mark.parametrize("products", [1, 2, 3])
@pytest.mark.parametrize("years", [1, 2, 3])
def test_one_measure_over_the_periods_names_every_figure_under_product_headings(products, years):
    ys = YEARS[:years]
    head = "Sales to Customers\n% Change\n(Dollars in Millions)\n" + "\n".join(ys) + "\n"
    body = "PHARMA\n"
    for k in range(products):
        us, intl = [10 * (k + 1) + j for j in range(years)], [5 * (k + 1) + j for j in range(years)]
        body += f"Product {chr(65 + k)}\n"
        for label, vals in (
            ("U.S.", us),
            ("International", intl),
            ("Worldwide", [u + i for u, i in zip(us, intl, strict=True)]),
        ):
            body += label + "\n" + "\n".join(str(v) for v in vals) + "\n"
    note = read_string(head + body)
    assert {f.line_item for f in note.facts} == {"Sales to Customers"} or {
        f.line_item for f in note.facts
    } == {"Sales"}
    worldwide = {f.segment for f in note.facts if f.label == "Worldwide"}
    assert worldwide == {f"Product {chr(65 + k)}" for k in range(products)}


PAGE_HEADER = "Sales to Customers\n% Change\n(Dollars in Millions)\n2024\n2023\n’24 vs. ’23\n"


def test_a_page_break_that_repeats_the_header_keeps_the_open_heading():
    first = PAGE_HEADER + "PHARMA\nProduct A\nU.S.\n10\n9\n11.1\nInternational\n5\n4\n25.0\n\n"
    second = PAGE_HEADER + "Worldwide\n15\n13\n15.4\nProduct B\nU.S.\n7\n6\n16.7\nWorldwide\n7\n6\n16.7\n"
    note = read_string(first + second)
    worldwide = {(f.segment, f.value) for f in note.facts if f.label == "Worldwide"}
    assert ("Product A", 15) in worldwide and ("Product B", 7) in worldwide


def test_a_page_break_after_a_closed_group_keeps_no_heading():
    first = PAGE_HEADER + "Product A\nU.S.\n10\n9\n11.1\nWorldwide\n10\n9\n11.1\n\n"
    second = PAGE_HEADER + "Other\n3\n2\n50.0\nTotal\n13\n11\n18.2\n"
    note = read_string(first + second)
    assert {f.segment for f in note.facts if f.label == "Other"} != {"Product A"}


def test_html_rows_with_two_label_cells_read_the_first_as_their_group(tmp_path: Path):
    rows = (
        "<tr><td></td><td></td><td>2024</td><td>2023</td></tr>"
        "<tr><td>Humira</td><td>United States</td><td>7</td><td>12</td></tr>"
        "<tr><td></td><td>International</td><td>1</td><td>2</td></tr>"
        "<tr><td></td><td>Total</td><td>8</td><td>14</td></tr>"
        "<tr><td>Skyrizi</td><td>United States</td><td>10</td><td>6</td></tr>"
        "<tr><td></td><td>Total</td><td>10</td><td>6</td></tr>"
    )
    path = tmp_path / "two.html"
    path.write_text(
        f"<html><body><p>Net revenues (in millions):</p><table>{rows}</table></body></html>", encoding="utf-8"
    )
    note = parse(path)
    totals = {(f.segment, f.value) for f in note.facts if f.label == "Total"}
    assert totals == {("Humira", 8), ("Humira", 14), ("Skyrizi", 10), ("Skyrizi", 6)}


@pytest.mark.parametrize("years", [2, 3])
@pytest.mark.parametrize("segments", [2, 3])
def test_as_many_figures_as_total_columns_go_to_the_totals(segments, years):
    segs, ys = NAMES[:segments], YEARS[:years]
    # group-major: the years, then the segments and Total under each year
    head = "\n".join(ys) + "\n" + "\n".join([*segs, "Total"] * years) + "\n"
    width = (segments + 1) * years
    profit = [str(10 + i) for i in range(width)]
    # the Total of each year is the sum of that year's segments
    for y in range(years):
        block = [10 + y * (segments + 1) + k for k in range(segments)]
        profit[y * (segments + 1) + segments] = str(sum(block))
    unallocated = [str(3 + y) for y in range(years)]
    note = read_string(
        f"Segment results (in millions)\n{head}Segment profit\n"
        + "\n".join(profit)
        + "\nLess: Expense not allocated\n"
        + "\n".join(unallocated)
        + "\n"
    )
    placed = {(f.segment, f.period) for f in note.facts if f.label.startswith("Less")}
    assert placed == {("Total", y) for y in ys}


@pytest.mark.parametrize("segments", [2, 3, 4])
def test_interleaved_pieces_of_wrapped_headings_leave_the_columns_unnamed(segments):
    pieces = ["The", "United", "Other", "Americas Netherlands", "Kingdom", "countries", "Total", "of"]
    values = "\n".join(str(k + 1) for k in range(segments))
    note = read_string(
        "Investments\n" + "\n".join(pieces) + f"\nFixed rate securities\n{values}\nEquities\n{values}\n"
    )
    assert all(f.segment.startswith("Column ") for f in note.facts)
    assert any(f.code == "seg.layout.columns" for f in note.findings)


@pytest.mark.parametrize("years", [("2000", "1999"), ("2024", "2023")])
@pytest.mark.parametrize("segments", [2, 3, 4])
def test_a_total_row_that_names_its_year_and_its_heading(segments, years):
    """ "Total 1999" under this year's rows of "New insurance written": the heading's total
    for that year, in every segment column."""
    segs = NAMES[:segments]
    now, before = years
    head = f"December 31, {now}\n" + "\n".join([*segs, "Total"]) + "\n"

    def values(base: int) -> str:
        row = [base + k for k in range(segments)]
        return "\n".join(str(v) for v in [*row, sum(row)]) + "\n"

    body = "New insurance written\n" + f"Individual\n{values(10)}Group\n{values(20)}"
    body += f"Total {now}\n{values(30)}Total {before}\n{values(40)}"
    note = read_string(head + body)
    totals = {(f.line_item, f.period) for f in note.facts if f.label.startswith("Total ")}
    assert totals == {("New insurance written", now), ("New insurance written", before)}


def _fixed_line(label: str, *figures: int) -> str:
    """A fixed-width line: the label, then each figure right-aligned in its column."""
    return f"{label:<39}" + "".join(f"{v:>10,} " for v in figures)


def _fixed(a: int, b: int) -> str:
    """An EDGAR fixed-width table in <pre>, its tags escaped as filers' HTML has them."""
    lines = [
        "<TABLE>",
        "<CAPTION>",
        "Investments",
        "(in million EUR)",
        f"{'':<39}{'Americas':>10} {'Europe':>10} {'Total':>10}",
        f"{'<S>':<39}{'<C>':<11}{'<C>':<11}<C>",
        "General account",
        "Investment income for the account",
        _fixed_line("  of policyholders", a, b, a + b),
        _fixed_line("Other income", 5, 6, 11),
        _fixed_line("Total", a + 5, b + 6, a + b + 11),
        "</TABLE>",
    ]
    return "<pre>\n" + html.escape("\n".join(lines), quote=False) + "\n</pre>"


@pytest.mark.parametrize(("a", "b"), [(1, 2), (-3981, 512), (100, 0)])
def test_a_fixed_width_label_wrapped_onto_its_figures_line_is_one_row(tmp_path: Path, a, b):
    text = _fixed(a, b)
    path = tmp_path / "fixed.html"
    path.write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
    note = parse(path)
    wrapped = {f.segment: f.value for f in note.facts if f.line_item.endswith("of policyholders")}
    assert wrapped == {"Americas": a, "Europe": b, "Total": a + b}
    assert all(
        f.line_item.startswith("Investment income for the account of") for f in note.facts if f.value == a
    )


@pytest.mark.parametrize("items", [2, 3])
def test_an_html_unlabelled_subtotal_closes_its_group(tmp_path: Path, items):
    head = "<tr><td></td><td>2024</td><td>2023</td></tr><tr><td>Net revenue:</td><td></td><td></td></tr>"
    rows, total = "<tr><td>Client Computing</td><td></td><td></td></tr>", [0, 0]
    for k in range(items):
        rows += f"<tr><td>Product {k}</td><td>{10 + k}</td><td>{5 + k}</td></tr>"
        total = [total[0] + 10 + k, total[1] + 5 + k]
    rows += f"<tr><td></td><td>{total[0]}</td><td>{total[1]}</td></tr>"
    rows += "<tr><td>Data Center</td><td>7</td><td>3</td></tr>"
    path = tmp_path / "sub.html"
    path.write_text(
        f"<html><body><p>Revenue (in millions):</p><table>{head}{rows}</table></body></html>",
        encoding="utf-8",
    )
    note = parse(path)
    closing = {(f.segment, f.value) for f in note.facts if f.label.startswith("Subtotal after")}
    assert closing == {("Client Computing", total[0]), ("Client Computing", total[1])}


@pytest.mark.parametrize("segments", [2, 3, 4])
@pytest.mark.parametrize("items", [1, 2, 3])
def test_rows_under_reconciling_items_are_the_entitys_never_segments(segments, items):
    """Under "Reconciling items:" after segments of a measure, "Asset rationalization" is
    a reconciling item of the entity; "Eliminations" stays the category it names."""
    segs = NAMES[:segments]
    body = "Operating Income\n" + "".join(f"{s}\n{10 * (k + 1)}\n" for k, s in enumerate(segs))
    body += "Reconciling items:\nEliminations\n(5)\n"
    names = ["Asset rationalization", "Legal settlement", "Business shutdown"][:items]
    body += "".join(f"{name}\n(1)\n" for name in names)
    total = sum(10 * (k + 1) for k in range(segments)) - 5 - items
    note = read_string(f"(in millions)\n2023\n{body}Consolidated operating income\n{total}\n")
    facts = {f.label: f for f in note.facts}
    assert all(facts[name].segment == "" for name in names)
    assert facts["Eliminations"].segment == "Eliminations"
    assert {facts[s].segment for s in segs} == set(segs)
