"""Filing text whose tables are delimited rows: tab-separated lines (a table pasted from a
browser, a word processor or a spreadsheet) and Markdown pipe tables (a converter's
output, with "$" and ")" in cells of their own as EDGAR's HTML has them). Each row's
cells are its delimiters'; the table is read as the HTML reader reads cells.
Grid: 3 delimitings x 2 unit rows x 2 block headings x 2 footnote lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.api import check, parse
from xlsegment.readers import delimited

SEGMENTS = ["Plantation", "Property Development", "Manufacturing"]
ROWS = {
    "External customers": (412306, 286118, 198404),
    "Inter-segment": (18412, 2106, 9318),
}


def _row(cells: list[str], how: str) -> str:
    if how == "tab":
        return "\t".join(cells)
    return "| " + " | ".join(cells) + " |"


def _money(value: int, how: str) -> list[str]:
    """A figure's cells: one, or EDGAR's "$" and ")" in cells of their own."""
    text = f"({-value:,}" if value < 0 else f"{value:,}"
    if how != "pipe with spacers":
        return [f"{text})" if value < 0 else text]
    return ["$", text, ")" if value < 0 else ""]


def _note(how: str, unit_row: bool, headings: bool, footnote: bool) -> str:
    width = 3 if how == "pipe with spacers" else 1
    names = [""]
    for name in [*SEGMENTS, "Adjustments and eliminations", "Total"]:
        names += [name] + [""] * (width - 1)
    lines = ["### Note 42 — Segment information", "", "**Year ended 30 June 2025**", ""]
    if not unit_row:
        lines += ["(in RM'000)", ""]
    lines.append(_row(names, how))
    if how != "tab":
        lines.append("|" + "|".join("---" for _ in names) + "|")
    if unit_row:
        lines.append(_row(["", *(["RM'000"] + [""] * (width - 1)) * 5], how))
    if headings:
        lines.append(_row(["**Revenue:**", *[""] * (len(names) - 1)], how))
    total = tuple(sum(v) for v in zip(*ROWS.values(), strict=True))
    for label, values in {**ROWS, "Total revenue": total}.items():
        elimination = -sum(ROWS["Inter-segment"]) if label != "External customers" else 0
        cells = [label]
        for v in (*values, elimination, sum(values) + elimination):
            cells += _money(v, how)
        lines.append(_row(cells, how))
    if footnote:
        lines += [
            "",
            "A\tInter-segment revenues are eliminated on consolidation, as the note explains below.",
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("how", ["tab", "pipe", "pipe with spacers"])
@pytest.mark.parametrize("unit_row", [True, False], ids=["unit row", "unit line"])
@pytest.mark.parametrize("headings", [True, False], ids=["block heading", "no heading"])
@pytest.mark.parametrize("footnote", [True, False], ids=["tabbed footnote", "no footnote"])
def test_grid_delimited_rows_are_read_cell_by_cell(tmp_path, how, unit_row, headings, footnote):
    path = tmp_path / "note.txt"
    path.write_text(_note(how, unit_row, headings, footnote), encoding="utf-8")
    note = parse(path)
    facts = {(f.segment, f.line_item, f.period, f.currency): f.value for f in note.facts}
    assert facts[("Property Development", "External customers", "2025", "MYR")] == 286118
    assert facts[("Manufacturing", "Inter-segment", "2025", "MYR")] == 9318
    assert facts[("Adjustments and eliminations", "Inter-segment", "2025", "MYR")] == Decimal(-29836)
    assert not [f for f in note.facts if f.segment.startswith("Column")]
    assert check(note).summary["errors"] == 0


def test_a_tab_in_prose_makes_no_table():
    """Control: prose and one tabbed line are no delimited table; the next reader is asked."""
    text = "Segment information\nRevenue\t12\nThe Group has one segment.\n"
    assert not delimited.has_tables(text)
    assert [e.tag for e in delimited.to_elements(text)] == ["p", "p", "p"]


def test_markdown_marks_are_no_words_of_the_note():
    elements = delimited.to_elements("### Note 17 — Segment Information\n\n**Stores**\n")
    assert [e.text for e in elements] == ["Note 17 — Segment Information", "Stores"]
