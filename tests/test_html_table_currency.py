"""An HTML table whose unit cell over the labels names another currency than the note's
("(In thousands of U.S. dollars)" in a note in won): a 20-F's convenience translation
stated as a table of its own. Its figures are in that currency, never the note's; the
note's own tables keep the note's. Grid over unit wordings and the note's currencies."""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse

NOTES = {  # the note's unit cell and currency
    "KRW": "(In millions of Korean won)",
    "JPY": "(In millions of yen)",
    "CNY": "(In thousands of RMB)",
}
OTHER = {  # the other table's unit cell and its currency
    "(In thousands of U.S. dollars)": "USD",
    "(US$ in thousands)": "USD",
    "(In thousands of euros)": "EUR",
}


def _table(unit: str, rows: dict[str, list[int]]) -> str:
    head = f"<tr><td>{unit}</td><td>Revenue</td><td>Operating profit</td></tr>"
    body = "".join(
        f"<tr><td>{k}</td>" + "".join(f"<td>{v:,}</td>" for v in vs) + "</tr>" for k, vs in rows.items()
    )
    return f"<table>{head}{body}</table>"


@pytest.mark.parametrize("note_unit", NOTES)
@pytest.mark.parametrize("other_unit", OTHER)
def test_grid_a_table_in_another_currency_keeps_it(tmp_path, note_unit, other_unit):
    local = {"Battery": [2000, 300], "Chemicals": [1000, 100], "Total": [3000, 400]}
    translated = {k: [v // 2 for v in vs] for k, vs in local.items()}
    page = (
        "<html><body><p>Note 33. Operating segments</p>"
        "<p>Segment information for the year ended December 31, 2025 is as follows:</p>"
        f"{_table(NOTES[note_unit], local)}"
        "<p>The 2025 segment information above translated for the convenience of the reader:</p>"
        f"{_table(other_unit, translated)}</body></html>"
    )
    path = tmp_path / "note.htm"
    path.write_text(page, encoding="utf-8")
    note = parse(path)
    first, second = note.tables
    assert {f.currency for f in first.cells.values()} == {note_unit}
    assert {f.currency for f in second.cells.values()} == {OTHER[other_unit]}
    battery = next(f for f in second.cells.values() if f.segment == "Battery" and f.line_item == "Revenue")
    assert battery.value == 1000
    assert check(note).summary["errors"] == 0
