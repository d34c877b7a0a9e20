"""A table broken by a page break whose second part repeats no header: "Segment operating
profit (loss):" and its rows in a new table with as many columns, no years over them.
The part continues the columns above it; its rows are that measure's, never unnamed
columns nor segments named as their own line. Grid: 2 or 3 years x groups or none x a
closed or open first part; control: a headerless table of another width stays unnamed."""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse

YEARS = ["2025", "2024", "2023"]
GROUPS = {"Engineered Products Group": ["Fluid Handling", "Motion Control"], "Consumer Group": ["Pet Care"]}


def _rows(measure: str, years: int, groups: bool, base: int, total: str | None) -> list[str]:
    rows = [f"<tr><td>{measure}:</td></tr>"]
    sums = [0] * years
    for g, (group, names) in enumerate(GROUPS.items()):
        if groups:
            rows.append(f"<tr><td>{group}:</td></tr>")
        for k, name in enumerate(names):
            values = [base + 100 * g + 10 * k + j for j in range(years)]
            sums = [a + b for a, b in zip(sums, values, strict=True)]
            rows.append(f"<tr><td>{name}</td>" + "".join(f"<td>{v:,}</td>" for v in values) + "</tr>")
    if total:
        rows.append(f"<tr><td>{total}</td>" + "".join(f"<td>{v:,}</td>" for v in sums) + "</tr>")
    return rows


def _note(years: int, groups: bool, closed: bool, width: int | None = None) -> str:
    head = "<tr><td>(in millions)</td>" + "".join(f"<td>{y}</td>" for y in YEARS[:years]) + "</tr>"
    first = _rows("Net sales", years, groups, 1000, "Total net sales" if closed else None)
    second = _rows(
        "Segment operating profit (loss)", width or years, groups, 200, "Total segment operating profit"
    )
    brk = '<div style="page-break-after:always"></div>'
    return (
        "<html><body><p>Segment information, years ended December 31:</p>"
        f"<table>{head}{''.join(first)}</table>{brk}<table>{''.join(second)}</table></body></html>"
    )


@pytest.mark.parametrize("years", [2, 3])
@pytest.mark.parametrize("groups", [True, False], ids=["groups", "no groups"])
@pytest.mark.parametrize("closed", [True, False], ids=["first part closed", "first part open"])
def test_grid_a_headerless_part_continues_the_columns_above(tmp_path, years, groups, closed):
    path = tmp_path / "note.htm"
    path.write_text(_note(years, groups, closed), encoding="utf-8")
    note = parse(path)
    read = {(f.segment, f.line_item, f.period): f.value for f in note.facts}
    assert read[("Fluid Handling", "Segment operating profit (loss)", YEARS[1])] == 201
    assert read[("Pet Care", "Segment operating profit (loss)", YEARS[0])] == 300
    assert not [f for f in note.facts if f.segment.startswith("Column")]
    result = check(note)
    assert result.summary["errors"] == 0
    assert not [f for f in result.findings if f.code == "seg.layout.columns"]


def test_a_headerless_table_of_another_width_continues_nothing(tmp_path):
    path = tmp_path / "note.htm"
    path.write_text(_note(2, False, True, width=3), encoding="utf-8")
    note = parse(path)
    unnamed = {f.segment for f in note.tables[-1].cells.values()}
    assert unnamed == {"Column 1", "Column 2", "Column 3"}  # left unnamed, with a warning
