"""Segments split into the same parts ("U.S." and "Non-U.S." under each of "Upstream" and
"Chemical Products"), each year's rows under "As of December 31, 2025, and for the year
then ended", labels run out in dot leaders. Each part is its group's ("Upstream U.S."),
never one segment "U.S." of several columns; the caption is the block's period; leaders
are drawing. Grid: 2 to 3 groups x 2 or 3 parts x leaders or none, aligned text and HTML.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse

GROUPS = ["Upstream", "Refining and Marketing", "Chemical Products"]
PARTS = ["U.S.", "Non-U.S.", "Other"]
LINES = ["Earnings after income tax", "Capital expenditures", "Total assets"]


def _values(groups: int, parts: int, year: int) -> dict:
    return {
        (line, g, p): 1000 * (k + 1) + 100 * i + 10 * j + (2025 - year)
        for k, line in enumerate(LINES)
        for i, g in enumerate(GROUPS[:groups])
        for j, p in enumerate(PARTS[:parts])
    }


def _aligned(groups: int, parts: int, leaders: bool) -> str:
    width = 12
    top = " " * 40 + "".join(f"{g:^{width * parts}}" for g in GROUPS[:groups]) + f"{'':>{width}}"
    sub = "(millions of dollars)".ljust(40) + "".join(f"{p:>{width}}" for p in PARTS[:parts]) * groups
    sub += f"{'Total':>{width}}"
    lines = [top, sub, ""]
    for year in (2025, 2024):
        lines.append(f"As of December 31, {year}, and for the year then ended")
        values = _values(groups, parts, year)
        for line in LINES:
            row = [values[(line, g, p)] for g in GROUPS[:groups] for p in PARTS[:parts]]
            label = f"{line} {'.' * (36 - len(line))}" if leaders else line
            lines.append(f"{label:<40}" + "".join(f"{v:>{width},}" for v in [*row, sum(row)]))
        lines.append("")
    return "\n".join(lines)


def _html(groups: int, parts: int, leaders: bool) -> str:
    top = (
        "<tr><td></td>"
        + "".join(f'<td colspan="{parts}">{g}</td>' for g in GROUPS[:groups])
        + "<td></td></tr>"
    )
    sub = "<tr><td>(millions of dollars)</td>" + "".join(f"<td>{p}</td>" for p in PARTS[:parts]) * groups
    rows = [top, sub + "<td>Total</td></tr>"]
    for year in (2025, 2024):
        rows.append(f"<tr><td>As of December 31, {year}, and for the year then ended</td></tr>")
        values = _values(groups, parts, year)
        for line in LINES:
            row = [values[(line, g, p)] for g in GROUPS[:groups] for p in PARTS[:parts]]
            label = f"{line} {'.' * 20}" if leaders else line
            rows.append(
                f"<tr><td>{label}</td>" + "".join(f"<td>{v:,}</td>" for v in [*row, sum(row)]) + "</tr>"
            )
    return f"<html><body><p>Segment information</p><table>{''.join(rows)}</table></body></html>"


@pytest.mark.parametrize("form", ["aligned", "html"])
@pytest.mark.parametrize("groups", [2, 3])
@pytest.mark.parametrize("parts", [2, 3])
@pytest.mark.parametrize("leaders", [True, False], ids=["leaders", "no leaders"])
def test_grid_parts_of_segments_are_named_with_their_group(tmp_path, form, groups, parts, leaders):
    path = tmp_path / ("note.txt" if form == "aligned" else "note.htm")
    path.write_text((_aligned if form == "aligned" else _html)(groups, parts, leaders), encoding="utf-8")
    note = parse(path)
    read = {(f.line_item, f.segment, f.period): f.value for f in note.facts}
    for year in (2025, 2024):
        for (line, g, p), value in _values(groups, parts, year).items():
            assert read[(line, f"{g} {p}", str(year))] == value
    assert not {f.segment for f in note.facts} & set(PARTS)
    assert check(note).summary["errors"] == 0


@pytest.mark.parametrize(
    ("caption", "period"),
    [
        ("As of December 31, 2025, and for the year then ended", "2025"),
        ("As at 30 June 2025 and for the six months then ended", "6M 2025"),
        ("As of September 30, 2025 and for the nine months then ended", "9M 2025"),
    ],
)
def test_an_instant_and_the_period_then_ended_head_a_block(tmp_path, caption, period):
    html = (
        "<html><body><p>Segment information (in millions of U.S. dollars)</p><table>"
        "<tr><td></td><td>Mining</td><td>Games</td><td>Total</td></tr>"
        f"<tr><td>{caption}</td></tr>"
        "<tr><td>Revenue</td><td>1,000</td><td>500</td><td>1,500</td></tr>"
        "<tr><td>Operating income</td><td>300</td><td>(50)</td><td>250</td></tr>"
        "<tr><td>Total assets</td><td>5,000</td><td>1,000</td><td>6,000</td></tr>"
        "</table></body></html>"
    )
    path = tmp_path / "note.htm"
    path.write_text(html, encoding="utf-8")
    read = {(f.segment, f.line_item): f.period for f in parse(path).facts}
    assert read[("Games", "Revenue")] == period
