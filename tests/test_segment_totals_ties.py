"""A "Totals" column that the note later names the segments' total ties to that figure,
not to the consolidated one.

ASC 280-10-55-48 illustrates the layout: a segment table whose last column is "Totals",
then "Segment Totals | Adjustments | Consolidated Totals" for the other significant
items. The "Totals" column sums the segments; the consolidated figure adds the
adjustments. Both were read as the entity's "Total", so every tie between them was a
false error. Now "Segment Totals" names the segments' total (``labels.segments_total``),
and where two "Total" figures of a line differ and one equals the figure the note names
the segments' total, that one ties to it (``relate/across``).

Grid: 2 or 3 segments x the total column named "Segment Totals", "Segments total" or
"Total segments" x adjustments of 0 or more. Control: a "Totals" figure that equals
neither is still a broken tie.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse
from xlsegment.labels import segments_total

NAMES = ["Packaging", "Specialty Materials", "Water Solutions"]
GRID = [
    (n, name, adj)
    for n in (2, 3)
    for name in ("Segment Totals", "Segments total", "Total segments")
    for adj in (0, 14)
]


def _row(label, values) -> str:
    return f"<tr><td>{label}</td>" + "".join(f"<td>{v:,}</td>" for v in values) + "</tr>"


def _note(n: int, name: str, adjustment: int, off: int = 0) -> str:
    da = [131, 97, 58][:n]
    capex = [142, 88, 61][:n]
    segments = NAMES[:n]
    first = (
        "<table><tr><td>(in millions)</td>"
        + "".join(f"<td>{s}</td>" for s in segments)
        + "<td>Totals</td></tr><tr><td></td>"
        + f'<td colspan="{n + 1}">Year Ended December 31, 2025</td></tr>'
        + _row("Depreciation and amortization", [*da, sum(da) + off])
        + _row("Expenditures for segment assets", [*capex, sum(capex)])
        + "</table>"
    )
    second = (
        '<table><tr><td></td><td colspan="3">2025</td></tr>'
        f"<tr><td>(in millions)</td><td>{name}</td><td>Adjustments</td><td>Consolidated Totals</td></tr>"
        + _row("Depreciation and amortization", [sum(da), adjustment, sum(da) + adjustment])
        + _row("Expenditures for segment assets", [sum(capex), 2 * adjustment, sum(capex) + 2 * adjustment])
        + "</table>"
    )
    return (
        f"<html><body><p>Segment information</p>{first}<p>Other significant items</p>{second}</body></html>"
    )


@pytest.mark.parametrize(("n", "name", "adjustment"), GRID)
def test_a_totals_column_ties_to_the_segments_total(tmp_path, n, name, adjustment):
    path = tmp_path / "note.htm"
    path.write_text(_note(n, name, adjustment), encoding="utf-8")
    result = check(path)
    assert result.summary["errors"] == 0, [f.message for f in result.errors]


def test_a_totals_figure_that_equals_neither_is_still_a_broken_tie(tmp_path):
    path = tmp_path / "note.htm"
    path.write_text(_note(3, "Segment Totals", 14, off=5), encoding="utf-8")
    assert any(f.code == "seg.tie" for f in check(path).errors)


@pytest.mark.parametrize("label", ["Segment Totals", "Segment totals", "Segments Total", "Total segments"])
def test_segment_totals_names_the_segments_total(label):
    assert segments_total(label) is not None


@pytest.mark.parametrize(("n", "name", "adjustment"), GRID)
def test_the_totals_column_is_named_the_segments_total_where_the_note_shows_it(tmp_path, n, name, adjustment):
    """Where the adjustments are not nil, the 'Totals' figures equal the named segments'
    total and differ from the consolidated one: the column is the segments' total
    (``readers/segmenttotals.py``), so SEGTOTAL never answers with it. Where they are nil,
    nothing tells the two apart, and the column stays the Total."""
    path = tmp_path / "note.htm"
    path.write_text(_note(n, name, adjustment), encoding="utf-8")
    first = parse(path).tables[0]
    totals = {f.segment for (r, c), f in first.cells.items() if first.columns[c].label == "Totals"}
    assert totals == ({"Segment Totals"} if adjustment else {"Total"})


def test_a_totals_column_equal_to_the_consolidated_figures_stays_the_total(tmp_path):
    """Control: a 'Totals' figure that is another table's consolidated figure (and not the
    named segments' total) keeps its column the entity's Total."""
    path = tmp_path / "note.htm"
    html = _note(3, "Segment Totals", 14).replace(">286<", ">300<", 1)  # D&A Totals = consolidated
    path.write_text(html, encoding="utf-8")
    first = parse(path).tables[0]
    assert {f.segment for (r, c), f in first.cells.items() if first.columns[c].label == "Totals"} == {"Total"}
