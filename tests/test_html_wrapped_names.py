"""A column name wrapped over two header rows of an HTML table, the first row holding
nothing else ("Higher" alone over "Education"): one name, never a body row or a title."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.api import check, parse

NAMES = ["Schools", "Higher Education", "Professional", "Central items"]
ROWS = {"Revenue": (1201.6, 740.5, 433.2, 12.0), "Capital expenditure": (40.9, 25.8, 21.1, 3.7)}


def _note(wrapped: str, title: bool) -> str:
    top, head = ["<td></td>"], ["<td>£m</td>"]
    for name in [*NAMES, "Group"]:
        first, _, rest = name.partition(" ")
        top.append(f"<td>{first}</td>" if name == wrapped else "<td></td>")
        head.append(f"<td>{rest if name == wrapped else name}</td>")
    body = []
    for label, values in ROWS.items():
        cells = [*values, round(sum(values), 1)]
        body.append(f"<tr><td>{label}</td>" + "".join(f"<td>{v:,.1f}</td>" for v in cells) + "</tr>")
    caption = '<tr><td colspan="6">Segment information</td></tr>' if title else ""
    return (
        "<html><body><p>Segment information (£m)</p><p>Year ended 31 December 2025</p>"
        f"<table>{caption}<tr>{''.join(top)}</tr><tr>{''.join(head)}</tr>{''.join(body)}</table></body></html>"
    )


@pytest.mark.parametrize("wrapped", ["Higher Education", "Central items"])
@pytest.mark.parametrize("title", [False, True], ids=["no title", "title row above"])
def test_grid_a_name_wrapped_over_two_header_rows(tmp_path, wrapped, title):
    path = tmp_path / "note.htm"
    path.write_text(_note(wrapped, title), encoding="utf-8")
    note = parse(path)
    facts = {(f.segment, f.line_item, f.period): f.value for f in note.facts}
    assert facts[(wrapped, "Revenue", "2025")] == Decimal(str(ROWS["Revenue"][NAMES.index(wrapped)]))
    assert {f.segment for f in note.facts} == {*NAMES, "Total"}
    assert check(note).summary["errors"] == 0
