"""The HTML reader on small inline grids (one rule each), note search and bad input."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsegment.api import check
from xlsegment.cli import cli
from xlsegment.readers import ReadOptions, read
from xlsegment.readers.htmlgrid import grid_rows, logical_row, visible_text

DATA = Path(__file__).parent / "data"


def html_note(tmp_path: Path, body: str, name: str = "note.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return path


def table_of(rows: list[str], lead: str = "Segment results were as follows (in millions):") -> str:
    return f"<div>{lead}</div><table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def cells(note, line_item: str) -> dict[str, object]:
    return {f.segment: f.value for f in note.facts if f.line_item == line_item}


HEADER = "<td></td><td colspan=3>Alpha</td><td colspan=3>Beta</td><td colspan=3>Total</td>"


def test_dollar_and_parenthesis_cells_join_their_amounts(tmp_path):
    rows = [
        HEADER,
        "<td>Revenue</td><td>$</td><td>1,200</td><td></td><td>$</td><td>800</td><td></td>"
        "<td>$</td><td>2,000</td><td></td>",
        "<td>Operating income (loss)</td><td></td><td>300</td><td></td><td></td><td>(100</td><td>)</td>"
        "<td></td><td>200</td><td></td>",
    ]
    note = read(html_note(tmp_path, table_of(rows)))
    assert cells(note, "Revenue") == {"Alpha": 1200, "Beta": 800, "Total": 2000}
    assert cells(note, "Operating income (loss)") == {"Alpha": 300, "Beta": -100, "Total": 200}
    assert note.unit == "millions" and note.presentation_currency == "USD"
    assert check(note).summary["errors"] == 0


def test_open_parenthesis_in_the_dollar_cell(tmp_path):
    rows = [HEADER, "<td>Loss</td><td>$ (</td><td>5</td><td>)</td><td>(</td><td>7</td><td>)</td>"
            "<td>$(</td><td>12</td><td>)</td>"]  # fmt: skip
    note = read(html_note(tmp_path, table_of(rows)))
    assert cells(note, "Loss") == {"Alpha": -5, "Beta": -7, "Total": -12}


def test_colspan_and_rowspan_place_cells_in_their_columns(tmp_path):
    rows = [
        "<td rowspan=2>(in millions)</td><td colspan=2>Year ended December 31,</td>",
        "<td>2024</td><td>2023</td>",
        "<td>Revenue</td><td>10</td><td>9</td>",
        "<td rowspan=2>Costs</td><td>4</td><td>3</td>",
        "<td>2</td><td>2</td>",  # the label above spans this row: its figures stay in place
    ]
    grid = grid_rows(_table(tmp_path, rows))
    assert [(c.col, c.text) for c in grid[1]] == [(1, "2024"), (2, "2023")]
    assert [(c.col, c.text) for c in grid[4]] == [(1, "2"), (2, "2")]
    note = read(html_note(tmp_path, table_of(rows)))
    revenue = {f.period: f.value for f in note.facts if f.line_item == "Revenue"}
    assert revenue == {"2024": 10, "2023": 9}


def _table(tmp_path, rows):
    import lxml.html

    doc = lxml.html.document_fromstring(f"<html><body>{table_of(rows)}</body></html>")
    return doc.find(".//table")


def test_percent_cells_and_columns_are_not_amounts(tmp_path):
    rows = [
        "<td></td><td colspan=3>2024</td><td colspan=3>2023</td><td colspan=3>% Change</td>",
        "<td>Alpha</td><td>$</td><td>110</td><td></td><td>$</td><td>100</td><td></td><td></td><td>10</td><td>%</td>",
        "<td>Beta</td><td></td><td>90</td><td></td><td></td><td>100</td><td></td><td></td><td>(10</td><td>)%</td>",
        "<td>Total</td><td>$</td><td>200</td><td></td><td>$</td><td>200</td><td></td><td></td><td>—</td><td>%</td>",
        "<td>Margin</td><td></td><td>20</td><td>%</td><td></td><td>18</td><td>%</td><td></td><td></td><td></td>",
    ]
    note = read(html_note(tmp_path, table_of(rows, "Net sales by segment (in millions):")))
    assert sorted(f.value for f in note.facts) == [90, 100, 100, 110, 200, 200]
    assert {f.period for f in note.facts} == {"2024", "2023"}
    assert [f.code for f in note.findings] == ["seg.layout.percent"]
    row = logical_row(0, grid_rows(_table(tmp_path, rows))[2])
    assert [(a.cell.value, a.percent) for a in row.amounts] == [(90, False), (100, False), (-10, True)]


def test_hidden_cells_nbsp_and_nested_spans(tmp_path):
    rows = [
        HEADER + '<td style="display:none">Hidden</td>',
        "<td><div><span>Net</span>&#160;<span><b>sales</b></span></div></td>"
        "<td>$</td><td><span><span>1,000</span></span></td><td></td>"
        '<td>$</td><td>500<span style="display: none">999</span></td><td></td>'
        '<td>$</td><td>1,500</td><td></td><td style="display:none">77</td>',
        '<tr style="display:none"><td>Secret</td><td>1</td></tr>',
    ]
    note = read(html_note(tmp_path, table_of(rows)))
    assert cells(note, "Net sales") == {"Alpha": 1000, "Beta": 500, "Total": 1500}
    assert len(note.facts) == 3
    assert visible_text(_table(tmp_path, rows)).startswith("Alpha Beta Total Net sales $ 1,000 $ 500 $ 1,500")


def test_a_whole_filing_is_searched_for_its_segment_note(tmp_path):
    body = (
        "<div>Note 1 — Leases</div>" + table_of(["<td>Rent</td><td>125</td>"], "Rent (in millions):")
        + "<div>Note 7 — Segment Information</div>"
        + table_of([HEADER, "<td>Revenue</td><td></td><td>3</td><td></td><td></td><td>4</td><td></td>"
                    "<td></td><td>7</td><td></td>"])
        + "<div>Note 8 — Subsequent Events</div>" + table_of(["<td>Debt</td><td>900</td>"])
    )  # fmt: skip
    path = html_note(tmp_path, body, "filing.htm")
    assert cells(read(path), "Revenue") == {"Alpha": 3, "Beta": 4, "Total": 7}
    by_note = read(path, ReadOptions(note="Note 1"))
    assert [f.value for f in by_note.facts] == [125]
    by_number = read(path, ReadOptions(tables=(3,)))
    assert [f.value for f in by_number.facts] == [900]
    listing = CliRunner().invoke(cli, ["check", str(path), "--list-tables"])
    assert listing.exit_code == 0
    assert listing.output.splitlines()[1].split()[:5] == ["2", "2", "rows", "x", "4"]


@pytest.mark.slow
def test_whole_amazon_filing_note_found_by_heading():
    note = read(DATA / "xbrl" / "amzn-10-k-2025-02-07.ixbrl.html")
    assert len(note.tables) == 7
    assert note.unit == "millions" and note.presentation_currency == "USD"
    sales = {f.segment: f.value for f in note.tables[0].cells.values()
             if f.period == "2024" and f.line_item == "Net sales"}  # fmt: skip
    assert sales == {"North America": 387497, "International": 142906, "AWS": 107556, "Total": 637959}


def test_broken_but_readable_html_is_read_with_a_warning(tmp_path):
    text = (DATA / "corpus2" / "31_apple_fy2024.html").read_text(encoding="utf-8")
    cut = text.index("Other corporate expenses")
    path = tmp_path / "cut.html"
    path.write_text(text[:cut], encoding="utf-8")
    note = read(path)
    assert len(note.tables) == 2
    assert [f.code for f in note.findings if f.code == "seg.html.broken"] == ["seg.html.broken"]
    assert "ends inside the document" in next(f.message for f in note.findings if f.code == "seg.html.broken")


@pytest.mark.parametrize(
    "content, says",
    [
        (
            "<html><body><div>Note 1 — Leases</div>"
            "<table><tr><td>Rent</td><td>125</td></tr></table></body></html>",
            "no segment note found (searched the headings 'Segment Information', 'Segment Reporting', "
            "'Reportable Segments', 'Operating Segments', the SegmentReportingDisclosureTextBlock tag",
        ),
        ("<html><body><p>Hello, world</p></body></html>", "no <table> in this HTML: not a filing's note"),
        ("", "not readable as HTML"),
        ("\x00\x01\x02<html>" * 10, "binary data, not an HTML filing"),
    ],
)
def test_bad_html_exits_2_with_one_line(tmp_path, content, says):
    path = tmp_path / "bad.html"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"xlsegment: {path}") and says in lines[0], lines


def test_bad_table_numbers_exit_2(tmp_path):
    path = DATA / "corpus2" / "34_netflix_2024.html"
    for args, says in ((["--tables", "5"], "no table 5: the file has 1 tables"),
                       (["--tables", "x"], "--tables 'x': give table numbers"),
                       (["--note", "Nowhere"], "no text 'Nowhere' found")):  # fmt: skip
        result = CliRunner().invoke(cli, ["check", str(path), *args])
        assert result.exit_code == 2 and says in result.output and len(result.output.splitlines()) == 1


def test_total_under_a_heading_is_a_group_subtotal_only_when_the_heading_is_a_group(tmp_path):
    """'Total Americas' under 'Americas:' closes that region's rows; 'Total net sales' under
    'Net sales:' closes the line item, so it is the consolidated Total the rows add up to."""
    years = "<td></td><td>2024</td><td>2023</td>"
    group = [years, "<td>Americas:</td>", "<td>United States</td><td>70</td><td>60</td>",
             "<td>Other Americas</td><td>10</td><td>9</td>",
             "<td>Total Americas</td><td>80</td><td>69</td>"]  # fmt: skip
    note = read(html_note(tmp_path, table_of(group, "Revenue by geographic area (in millions):")))
    total = next(f for f in note.facts if f.label == "Total Americas" and f.period == "2024")
    assert total.segment != "Total"
    result = check(note)
    assert result.summary["errors"] == 0
    assert any(r.total.at == total.at and len(r.parts) == 2 for r in result.relations)
    item = [years, "<td>Net sales:</td>", "<td>U.S.</td><td>70</td><td>60</td>",
            "<td>Other countries</td><td>30</td><td>31</td>",
            "<td>Total net sales</td><td>100</td><td>91</td>"]  # fmt: skip
    note = read(html_note(tmp_path, table_of(item, "Net sales by country (in millions):"), "item.html"))
    total = next(f for f in note.facts if f.label == "Total net sales" and f.period == "2024")
    assert total.segment == "Total"
    result = check(note)
    assert result.summary["errors"] == 0
    assert any(r.total.at == total.at and len(r.parts) == 2 for r in result.relations)


RATE_LINE = "<p>Translations from RMB into US$ were made at RMB7.0000 to US$1.00 for convenience.</p>"


def _grid(rows: list[list[str]]) -> str:
    return (
        "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    )


@pytest.mark.parametrize(
    ("rows", "periods"),
    [
        # segments and Total in RMB, the Total again over US$
        ([["", "Mining", "Other", "Total", "Total"], ["", "RMB", "RMB", "RMB", "US$"],
          ["Revenue", "7,000", "1,400", "8,400", "1,200"],
          ["Cost of revenue", "(3,500)", "(700)", "(4,200)", "(600)"],
          ["Segment profit", "3,500", "700", "4,200", "600"]], None),
        # years in RMB, the latest again over US$
        ([["", "2024", "2023", "2024"], ["", "RMB", "RMB", "US$"], ["Mining", "7,000", "6,300", "1,000"],
          ["Other", "1,400", "700", "200"], ["Total revenue", "8,400", "7,000", "1,200"]],
         ["2024", "2023", "2024"]),
        # years running up, no year over the US$ column: the latest year's translation
        ([["", "2023", "2024", ""], ["", "RMB", "RMB", "US$"], ["Mining", "6,300", "7,000", "1,000"],
          ["Other", "700", "1,400", "200"], ["Total revenue", "7,000", "8,400", "1,200"]],
         ["2023", "2024", "2024"]),
    ],
)  # fmt: skip
def test_a_currency_row_makes_the_us_dollar_column_a_translation(tmp_path, rows, periods):
    """'RMB | RMB | US$' in a header row of its own: each currency cell heads its column
    (it is no amount's symbol, no amount follows it), so the US$ column is the translation
    of its source column, checked at the rate the filing states in words."""
    note = read(
        html_note(tmp_path, "<h2>Segment information</h2>" + RATE_LINE + table_of([""], "") + _grid(rows))
    )
    columns = note.tables[0].columns
    assert [c.currency for c in columns][-1] == "USD" and str(columns[-1].role) == "convenience"
    assert all(c.currency == "CNY" for c in columns[:-1])
    if periods:
        assert [c.period for c in columns] == periods
    result = check(note)
    assert result.rate.stated and result.rate.rate == Decimal("7.0000")
    assert result.summary["errors"] == 0 and result.summary["warnings"] == 0
    assert result.per_kind["T1"]["translation"] == 3
