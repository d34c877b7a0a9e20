"""One table per segment, each under a line naming the segment above its period header
("Electric Transmission", then "Twelve Months Ended December 31," over the years): the
rows are that segment's lines. A numbered title above a table ("4.3 Segment results")
and a title above a table whose rows are the segments name no segment. Grid over the
text shapes (one cell per line, flowed), the period captions, and whether the prose
declares the segments."""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse

SEGMENTS = {"Electric Transmission": (1412, 402, 1010), "Gas Distribution": (986, 388, 598)}
CAPTIONS = {
    "twelve months": ["Twelve Months Ended", "December 31,"],
    "year ended": ["Year Ended December 31,"],
    "none": [],
}
DECLARED = "The Company has two reportable segments: Electric Transmission and Gas Distribution."


def _table(name: str, figures: tuple[int, int, int], caption: list[str], flowed: bool) -> list[str]:
    revenue, cost, income = figures
    rows = [("Operating revenues", revenue), ("Cost of sales", cost), ("Segment net income", income)]
    if flowed:
        lines = [name, *caption, "(In millions) 2025 2024"]
        return lines + [f"{label} ${v:,} ${v - 10:,}" for label, v in rows]
    lines = [name, *caption, "(In millions)", "2025", "2024"]
    for label, v in rows:
        lines += [label, f"{v:,}", f"{v - 10:,}"]
    return lines


@pytest.mark.parametrize("flowed", [False, True], ids=["cells", "flowed"])
@pytest.mark.parametrize("caption", CAPTIONS)
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_grid_a_table_per_segment_under_its_name(tmp_path, flowed, caption, declared):
    lines = ["Note 21 - Segment Information", DECLARED if declared else "Segment results are as follows:", ""]
    for name, figures in SEGMENTS.items():
        lines += [*_table(name, figures, CAPTIONS[caption], flowed), ""]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    note = parse(path)
    facts = {(f.segment, f.line_item, f.period): f.value for f in note.facts}
    for name, (revenue, _, income) in SEGMENTS.items():
        assert facts[(name, "Operating revenues", "2025")] == revenue
        assert facts[(name, "Segment net income", "2024")] == income - 10
    assert check(note).summary["errors"] == 0


@pytest.mark.parametrize("title", ["4.3 Segment results", "Note 4 Segment results", "Segment results"])
def test_grid_a_title_over_segment_rows_names_no_segment(tmp_path, title):
    cells = [title, "(in millions)", "Revenue", "Segment assets", "2025", "2024", "2025", "2024"]
    cells += ["Transmission", "100", "90", "1,000", "900", "Distribution", "50", "40", "500", "400"]
    cells += ["Total", "150", "130", "1,500", "1,300"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    facts = {(f.segment, f.line_item, f.period): f.value for f in parse(path).facts}
    assert facts[("Total", "Segment assets", "2024")] == 1300
    assert not any(segment == title for segment, _, _ in facts)


@pytest.mark.parametrize(
    "title",
    [
        "Reconciliation of trading profit to profit before taxation",
        "Segment profit reconciliation",
        "Trading profit",
    ],
)
def test_grid_a_title_naming_a_measure_heads_no_rows(tmp_path, title):
    cells = [title, "Year ended", "31 August", "2025", "2024", "Trading profit", "1,786", "1,682"]
    cells += ["Capital items", "(23)", "88", "Profit before taxation", "1,763", "1,770"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    facts = {(f.line_item, f.period): f for f in parse(path).facts}
    assert facts[("Capital items", "2025")].value == -23
    assert all(f.segment in ("", "Total") for f in facts.values())


@pytest.mark.parametrize("unit", ["(In millions)", "(Dollars in millions)", ""])
@pytest.mark.parametrize("other", ["Corporate and Eliminations", "Eliminations", "Corporate"])
def test_grid_flowed_names_on_one_line_with_years_as_row_headings(tmp_path, unit, other):
    """Flowed PDF text: the unit and every column's name on one line, the segments the
    prose declares, then a reconciling column and the consolidated one; each year a row
    heading over its block of rows."""
    names = "Rigid Packaging Flexible Packaging Specialty Films"
    lines = [
        "We manage the business in three reportable segments: Rigid Packaging, Flexible Packaging and "
        "Specialty Films.",
        "",
        f"{unit} {names} {other} Consolidated".strip(),
    ]
    blocks = {2025: (2104, 1612, 738, -155), 2024: (2018, 1574, 702, -148), 2023: (1946, 1498, 655, -136)}
    for year, (a, b, c, d) in blocks.items():
        lines += [str(year), f"Net sales $ {a:,} $ {b:,} $ {c:,} $ ({-d}) $ {a + b + c + d:,}"]
        lines += [f"Segment EBITDA $ {a // 5} $ {b // 5} $ {c // 5} $ ({-d}) $ {(a + b + c) // 5 + d}"]
        lines += [f"Depreciation and amortization {a // 20} {b // 20} {c // 20} 10 {(a + b + c) // 20 + 10}"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    note = parse(path)
    facts = {(f.segment, f.line_item, f.period): f.value for f in note.facts}
    assert facts[("Flexible Packaging", "Net sales", "2024")] == 1574
    assert facts[(other, "Net sales", "2025")] == -155
    assert facts[("Total", "Net sales", "2025")] == 2104 + 1612 + 738 - 155
    assert check(note).summary["errors"] == 0


@pytest.mark.parametrize(
    "heading", ["Note 16 — Segment Information", "NOTE 4. SEGMENTS", "Note 21 - Segment Reporting"]
)
def test_grid_a_note_heading_in_flowed_text_is_no_row(tmp_path, heading):
    lines = [heading, "", "Segment results were as follows:", "(In millions) 2025 2024"]
    lines += ["Mining $ 1,000 $ 900", "Games 500 450", "Total revenues $ 1,500 $ 1,350"]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    note = parse(path)
    assert len(note.tables) == 1 and not [f for f in note.findings if f.source_line == 1]
    assert {f.value for f in note.facts} == {1000, 900, 500, 450, 1500, 1350}
