"""IFRS statements in filing text one cell per line: a "Notes" column of the note each row
refers to ("15" before "(4,644)"), and periods headed as date ranges wrapped at their dash
("1 January -" over "31 December 2025"). The note numbers are no figures; each range is
its year (or its months). Grid: 3 wordings of the notes cell x 2 range styles x notes on
every row or some; controls: a small figure under no "Notes" cell stays a figure."""

from __future__ import annotations

import pytest

from xlsegment.readers.text import read_string

ROWS = [
    ("Adjusted EBITDA", None, 15342, 14342),
    ("Depreciation and amortisation", 15, -4644, -4452),
    ("Impairment losses on non-current assets", 16, -412, -118),
    ("Finance costs", 30, -3918, -4412),
]


def _figure(v: int) -> str:
    return f"({-v:,})" if v < 0 else f"{v:,}"


def _note(notes: str, style: str, every: bool) -> str:
    lines = ["Reconciliation of Adjusted EBITDA to profit before income tax", "(TL million)", notes]
    if style == "wrapped":
        lines += ["1 January -", "31 December 2025", "1 January -", "31 December 2024"]
    else:
        lines += ["1 January - 31 December 2025", "1 January - 31 December 2024"]
    total = [sum(r[2] for r in ROWS), sum(r[3] for r in ROWS)]
    for label, note, a, b in [*ROWS, ("Profit before income tax", None, *total)]:
        ref = note if note is not None else (9 if every and label != "Profit before income tax" else None)
        lines += [label, *([str(ref)] if ref is not None else []), _figure(a), _figure(b)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("notes", ["Notes", "Note", "Notlar"])
@pytest.mark.parametrize("style", ["wrapped", "one line"])
@pytest.mark.parametrize("every", [False, True], ids=["some rows", "every item"])
def test_grid_note_numbers_are_no_figures(notes, style, every):
    note = read_string(_note(notes, style, every))
    read = {(f.line_item, f.period): f.value for f in note.facts}
    assert read[("Depreciation and amortisation", "2025")] == -4644
    assert read[("Depreciation and amortisation", "2024")] == -4452
    assert read[("Finance costs", "2024")] == -4412
    assert not {f.value for f in note.facts} & {15, 16, 30, 9}
    assert {f.period for f in note.facts} == {"2025", "2024"}
    assert {f.segment for f in note.facts} <= {"", "Total"}  # the entity's, no "1 January -"


def test_a_small_figure_under_no_notes_cell_stays_a_figure():
    text = "Segment revenue\n(TL million)\n2025\n2024\nRetail\n15\n(4,644)\nWholesale\n16\n(412)\n"
    values = {f.value for f in read_string(text).facts}
    assert {15, 16} <= values


@pytest.mark.parametrize("notes", ["Note", "Notes"])
@pytest.mark.parametrize("years", [("2025", "2024"), ("2025",)])
def test_an_html_note_column_holds_no_amounts(tmp_path, notes, years):
    from xlsegment.api import check, parse

    head = f"<tr><td>NOK million</td><td>{notes}</td>" + "".join(f"<td>{y}</td>" for y in years) + "</tr>"
    body = ""
    for label, note, a, b in ROWS:
        cells = [str(note) if note else "", _figure(a), _figure(b)][: 1 + len(years)]
        body += f"<tr><td>{label}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    total = [sum(r[2] for r in ROWS), sum(r[3] for r in ROWS)][: len(years)]
    body += "<tr><td>Profit before income tax</td><td></td>" + "".join(
        f"<td>{_figure(v)}</td>" for v in total
    )
    path = tmp_path / "note.htm"
    path.write_text(f"<html><body><p>Reconciliation:</p><table>{head}{body}</tr></table></body></html>")
    note = parse(path)
    read = {(f.line_item, f.period): f.value for f in note.facts}
    assert read[("Depreciation and amortisation", "2025")] == -4644
    assert not {f.value for f in note.facts} & {15, 16, 30}
    result = check(note)
    assert result.summary["errors"] == 0 and not [
        f for f in result.findings if f.code == "seg.layout.columns"
    ]
