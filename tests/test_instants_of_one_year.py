"""Two balance-sheet dates in one year after a change of fiscal year end: "December 31,"
over 2025 and 2024, "June 30," over 2024. The two 2024 columns are two instants, each
named by its date, never one period "2024" read twice; the 2025 column stays 2025.
Grid: 2 date styles x 2 or 3 segments x the June date first or last."""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse

SEGMENTS = {"Behavioral Health": (1204318, 1162907, 1148215), "Home Health": (688412, 671309, 659880),
            "Staffing Solutions": (214906, 219112, 221407)}  # fmt: skip


@pytest.mark.parametrize("style", ["us", "ifrs"])
@pytest.mark.parametrize("segments", [2, 3])
def test_grid_two_instants_of_one_year_stay_apart(tmp_path, style, segments):
    dec, jun = ("December 31,", "June 30,") if style == "us" else ("31 December", "30 June")
    head = f'<tr><td>(in thousands)</td><td colspan="2">{dec}</td><td>{jun}</td></tr>'
    head += "<tr><td></td><td>2025</td><td>2024</td><td>2024</td></tr>"
    names = list(SEGMENTS)[:segments]
    rows = [f"<tr><td>{n}</td>" + "".join(f"<td>{v:,}</td>" for v in SEGMENTS[n]) + "</tr>" for n in names]
    totals = [sum(SEGMENTS[n][k] for n in names) for k in range(3)]
    rows.append("<tr><td>Total assets</td>" + "".join(f"<td>{v:,}</td>" for v in totals) + "</tr>")
    html = f"<html><body><p>Total assets by segment were as follows:</p><table>{head}{''.join(rows)}</table>"
    path = tmp_path / "note.htm"
    path.write_text(html + "</body></html>", encoding="utf-8")
    note = parse(path)
    periods = {f.value: f.period for f in note.facts}
    assert periods[1204318] == "2025"
    assert periods[1162907] != periods[1148215]
    assert periods[1162907].startswith(dec.rstrip(",")) and periods[1148215].startswith(jun.rstrip(","))
    assert {f.line_item for f in note.facts} == {"Total assets"}
    assert check(note).summary["errors"] == 0
