"""EDGAR fixed-width tables, the rules that read their headers, and how short rows of
filing text are placed: each on a small inline example."""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse
from xlsegment.model import Column, Role, Row
from xlsegment.numbers import parse_cell
from xlsegment.readers import fixedwidth, htmlcolumns, htmlheads, placement
from xlsegment.readers.aligning import align_line_items
from xlsegment.readers.htmlgrid import GridCell, LogicalRow
from xlsegment.readers.layout import NoteContext

from .test_relate_rules import table

BLOCK = """\
(in million EUR)
<TABLE>
<CAPTION>
2024                                     The   United     Total
                      Americas   Netherlands  Kingdom
<S>                 <C>        <C>           <C>      <C>
Life insurance             924           577       52     1,553
Fixed Annuities            461             -        -       461
- -----------------------------------------------------------------
Total insurance          1,385           577       52     2,014
Interest charges                                           (43)
Income before tax                                         1,971
</TABLE>
"""


def test_the_column_marks_say_where_each_column_starts():
    kind, lines = fixedwidth.blocks(BLOCK)[1]
    assert kind == "table" and lines[0].number == 3
    assert fixedwidth.column_starts(lines) == [0, 20, 31, 45, 54]


def test_figures_by_their_last_character_words_by_their_overlap():
    _, lines = fixedwidth.blocks(BLOCK)[1]
    rows = dict(fixedwidth.rows(lines, fixedwidth.column_starts(lines)))
    assert rows[4] == ["2024", "", "The", "United", "Total"]
    assert rows[5] == ["", "Americas", "Netherlands", "Kingdom", ""]
    # a heading that starts left of its column's mark sits where it overlaps most
    assert fixedwidth._cells("    Spain countries", [0, 3, 12]) == ["", "Spain", "countries"]
    assert fixedwidth._cells("   Spain  countries", [0, 3, 12]) == ["", "Spain", "countries"]
    assert rows[7] == ["Life insurance", "924", "577", "52", "1,553"]
    assert rows[11] == ["Interest charges", "", "", "", "(43)"]
    assert 9 not in rows  # the rule drawn between rows is no row


def test_a_long_label_before_its_figures_stays_one_label():
    starts = [0, 20, 30]
    line = "Commissions and expenses  12        34"
    assert fixedwidth._cells(line, starts) == ["Commissions and expenses", "12", "34"]
    # figures packed against each other keep their own columns
    assert fixedwidth._cells("Total     1,348 1,163,443", [0, 8, 15]) == ["Total", "1,348", "1,163,443"]


def test_a_fixed_width_text_filing_is_read_with_lines_for_sources(tmp_path):
    note = tmp_path / "old.txt"
    note.write_text("3. SEGMENT INFORMATION\n" + BLOCK, encoding="utf-8")
    result = check(note)
    assert result.summary["errors"] == 0
    t = result.note.tables[0]
    assert [c.label for c in t.columns] == ["Americas", "The Netherlands", "United Kingdom", "Total"]
    figure = next(f for f in t.cells.values() if f.value == 1553)
    assert str(figure.source) == "line 8"
    assert result.checks > 0


def test_a_text_without_column_marks_is_filing_text():
    assert not fixedwidth.has_tables("Revenue\n1,200\n<TABLE>\nno marks here\n</TABLE>\n")
    assert fixedwidth.has_tables(BLOCK)


def _head_row(index, *cells):
    """A header row of single-column cells: (column, text)."""
    grid = [GridCell(text, index, col, 1, index + 1) for col, text in cells]
    return LogicalRow(index, "", None, texts=grid)


def test_a_name_wrapped_over_two_header_rows_is_one_name():
    spans = [(1, 1), (2, 2)]
    header = [_head_row(0, (2, "The")), _head_row(1, (1, "Americas"), (2, "Netherlands"))]
    heads, _ = htmlheads.heads_of(header, spans)
    assert [h.names for h in heads] == [["Americas"], ["The Netherlands"]]
    # a cell over both columns is a group's name: the columns keep their own names
    group = LogicalRow(0, "", None, texts=[GridCell("Segments", 0, 1, 2, 1)])
    heads, _ = htmlheads.heads_of([group, _head_row(1, (1, "Americas"), (2, "Europe"))], spans)
    assert [h.names[-1] for h in heads] == ["Americas", "Europe"]


def test_a_segment_in_its_own_currency_is_no_translation():
    Ctx = NoteContext("EUR", "millions", None, None, set())

    own = [htmlheads.Head(names=["Americas"], currency="USD", alone=True), htmlheads.Head(names=["Total"])]
    cols, _ = htmlcolumns.columns_of(own, "2024", Ctx)
    assert [(c.role, c.currency) for c in cols] == [(Role.SEGMENT, "USD"), (Role.TOTAL, "EUR")]
    translated = [htmlheads.Head(names=["Total"]), htmlheads.Head(currency="USD")]
    cols, _ = htmlcolumns.columns_of(translated, "2024", Ctx)
    assert cols[1].role == Role.CONVENIENCE


def test_tables_under_one_generic_name_are_not_renamed_after_each_other():
    results = table(
        [("Revenue", [10, 20, 30]), ("Net income", [1, 2, 3])], [("A", Role.SEGMENT)] * 3, index=0
    )
    deposits = table([("Annuities", [5, 5, 10]), ("Total", [5, 5, 10])], [("A", Role.SEGMENT)] * 3, index=1)
    _, aliases, findings = align_line_items([results, deposits])
    assert aliases == {} and findings == []
    # the same schedule for another period: a reworded line is matched
    later = table(
        [("Revenue", [1, 2, 3]), ("Net income (loss)", [1, 1, 1])], [("A", Role.SEGMENT)] * 3, index=2
    )
    _, aliases, _ = align_line_items([results, later])
    assert aliases


def _cells(*texts):
    return [(parse_cell(t), line) for line, t in enumerate(texts, start=1)]


def test_two_short_rows_settle_together_where_one_total_confirms_both():
    columns = [
        Column("Sales 2024", "", "2024", "USD", Role.PERIOD),
        Column("Sales 2023", "", "2023", "USD", Role.PERIOD),
        Column("Assets 2024", "", "2024", "USD", Role.PERIOD),
        Column("Assets 2023", "", "2023", "USD", Role.PERIOD),
    ]
    rows = [
        Row(label, label, line=i + 1)
        for i, label in enumerate(["Segments total", "Corporate", "Other", "Total"])
    ]
    values = [
        _cells("100", "90", "50", "40"),
        [None] * 4,
        [None] * 4,
        _cells("100", "90", "65", "53"),
    ]
    pending = {1: _cells("10", "8"), 2: _cells("5", "5")}
    findings = placement.place(rows, columns, values, pending)
    assert [i for i, v in enumerate(values[1]) if v] == [2, 3]
    assert [i for i, v in enumerate(values[2]) if v] == [2, 3]
    assert findings == [] and not rows[1].guessed


def test_one_figure_goes_to_the_latest_period_when_nothing_decides():
    periods = [Column(p, "", p, "USD", Role.PERIOD) for p in ("2023", "2024", "2022")]
    rows = [Row("Revenue", "Revenue", line=1), Row("Dividends", "Dividends", line=2)]
    values = [_cells("1", "2", "3"), [None] * 3]
    placement.place(rows, periods, values, {1: _cells("58")})
    assert [i for i, v in enumerate(values[1]) if v] == [1]
    segments = [Column(n, n, "2024", "USD", r) for n, r in (("A", Role.SEGMENT), ("Total", Role.TOTAL))]
    values = [_cells("1", "2"), [None] * 2]
    placement.place(rows, segments, values, {1: _cells("58")})
    assert [i for i, v in enumerate(values[1]) if v] == [1]


def _edgar_block(years: int, dollar_left: bool, caption: str) -> tuple[str, dict]:
    """An EDGAR <TABLE> of segments over ``years`` years, with "$" one space left of its
    column's mark where ``dollar_left``, and ``caption`` centred over the years."""
    ys = [2025, 2024, 2023][:years]
    figures = {
        "Industrial Gases": [1412306, 1356118, 1287442],
        "Specialty Chemicals": [884519, 902447, 861305],
    }
    width = 14
    start = 40

    def row(label: str, values, dollar: bool) -> str:
        line = list(f"  {label}".ljust(start - 2, ".").ljust(start + width * len(values)))
        for k, v in enumerate(values):
            mark = start + k * width
            text = f"{v:,}"
            end = mark + width - 2
            line[end - len(text) : end] = text
            if dollar:
                line[mark - 1 if dollar_left else mark] = "$"
        return "".join(line).rstrip()

    lines = ["<TABLE>", "<CAPTION>", caption.center(width * years).rjust(start + width * years)]
    lines.append("".join(str(y).rjust(width) for y in ys).rjust(start + width * years - 1))
    lines.append("<S>".ljust(start) + "".join("<C>".ljust(width) for _ in ys).rstrip())
    lines.append("Net sales:")
    for k, (label, values) in enumerate(figures.items()):
        lines.append(row(label, values[:years], dollar=k == 0))
    totals = [sum(v[i] for v in figures.values()) for i in range(years)]
    lines.append(row("  Total net sales", totals, dollar=True))
    lines.append("</TABLE>")
    return "Segment information (in thousands):\n\n" + "\n".join(lines) + "\n", figures


@pytest.mark.parametrize("years", [2, 3])
@pytest.mark.parametrize("dollar_left", [False, True])
@pytest.mark.parametrize("caption", ["Year Ended December 31,", "Years Ended December 31,"])
def test_a_caption_over_the_years_and_a_dollar_left_of_its_mark(tmp_path, years, dollar_left, caption):
    """'$ 1,356,118' with the '$' a space left of the <C> mark belongs to its figure, not
    to the column before; 'Year Ended December 31,' centred over the years is one heading
    over them all, not a word over each."""
    text, figures = _edgar_block(years, dollar_left, caption)
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    facts = {(f.segment, f.period): f.value for f in parse(path).facts}
    for name, values in figures.items():
        for y, v in zip((2025, 2024, 2023), values[:years], strict=False):
            assert facts[(name, str(y))] == v
    assert check(path).summary["errors"] == 0
