"""Segment figures recast after a change of segments or a correction (ASC 280-10-50-34,
ASC 250-10-50-7): "As Previously Reported | Realignment | As Recast" under each year,
segments as rows under "Net sales:". The recast column is the current figure, named as
the other tables name it; the figures as previously reported and the realignment carry
their basis in their line, never a segment "As Recast". Grid: 3 wordings x 1 or 2 years
x 2 or 3 segments; control: "As Recast" beside a year alone qualifies that year."""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse

WORDINGS = [
    ("As Previously Reported", "Realignment", "As Recast"),
    ("As Originally Reported", "Reclassification", "As Revised"),
    ("As Reported", "Adjustment", "As Restated"),
]
SEGMENTS = {"Residential": (2846, -412), "Commercial": (1314, 412), "Installation Services": (598, 0)}


def _note(wording: tuple[str, str, str], years: tuple[str, ...], segments: int) -> str:
    names = list(SEGMENTS)[:segments]
    head = "<tr><td>(in millions)</td>" + "".join(
        f'<td colspan="3">Year Ended December 31, {y}</td>' for y in years
    )
    head += "</tr><tr><td></td>" + "".join(f"<td>{w}</td>" for w in wording) * len(years) + "</tr>"
    rows = ["<tr><td>Net sales:</td></tr>"]
    for k, name in enumerate(names):
        before, change = SEGMENTS[name]
        cells = "".join(f"<td>{v:,}</td>" for y in years for v in (before - k, change, before - k + change))
        rows.append(f"<tr><td>{name}</td>{cells}</tr>")
    return f"<html><body><p>Recast segment information:</p><table>{head}{''.join(rows)}</table></body></html>"


@pytest.mark.parametrize("wording", WORDINGS, ids=lambda w: w[2])
@pytest.mark.parametrize("years", [("2024",), ("2024", "2023")])
@pytest.mark.parametrize("segments", [2, 3])
def test_grid_the_recast_column_is_the_current_figure(tmp_path, wording, years, segments):
    path = tmp_path / "note.htm"
    path.write_text(_note(wording, years, segments), encoding="utf-8")
    note = parse(path)
    read = {(f.segment, f.line_item, f.period): f.value for f in note.facts}
    assert read[("Residential", "Net sales", years[0])] == 2846 - 412
    assert read[("Residential", f"Net sales ({wording[0]})", years[0])] == 2846
    assert read[("Commercial", f"Net sales ({wording[1]})", years[-1])] == 412
    assert not {f.segment for f in note.facts} & set(wording)
    assert check(note).summary["errors"] == 0


def test_as_recast_beside_a_year_qualifies_it():
    from xlsegment.readers.text import read_string

    lines = ["Net sales by segment", "(in millions)", "2025", "2024 As Recast"]
    text = "\n".join([*lines, "Residential", "2,561", "2,434", "Commercial", "1,802", "1,726"]) + "\n"
    read = {(f.segment, f.period) for f in read_string(text).facts}
    assert read == {
        ("Residential", "2025"),
        ("Residential", "2024"),
        ("Commercial", "2025"),
        ("Commercial", "2024"),
    }


def test_a_basis_column_ties_to_no_figure_of_the_current_basis(tmp_path):
    """Beside a table of the recast figures, the realignment's total ("Total net sales
    (Realignment)", 0) is no restatement of the recast total, and ties to nothing."""
    wording, years = WORDINGS[0], ("2024",)
    names = list(SEGMENTS)
    recast = {n: SEGMENTS[n][0] - k + SEGMENTS[n][1] for k, n in enumerate(names)}
    first = "<tr><td>(in millions)</td><td>2025</td><td>2024</td></tr><tr><td>Net sales:</td></tr>"
    first += "".join(f"<tr><td>{n}</td><td>{v + 50:,}</td><td>{v:,}</td></tr>" for n, v in recast.items())
    total = sum(recast.values())
    first += f"<tr><td>Total net sales</td><td>{total + 150:,}</td><td>{total:,}</td></tr>"
    second = _note(wording, years, 3).split("<table>")[1].split("</table>")[0]
    totals = [sum(SEGMENTS[n][0] - k for k, n in enumerate(names)), sum(SEGMENTS[n][1] for n in names)]
    totals.append(totals[0] + totals[1])
    second += "<tr><td>Total net sales</td>" + "".join(f"<td>{v:,}</td>" for v in totals) + "</tr>"
    html = f"<html><body><p>Net sales:</p><table>{first}</table><p>Recast:</p><table>{second}</table>"
    html += "</body></html>"
    path = tmp_path / "note.htm"
    path.write_text(html, encoding="utf-8")
    assert check(parse(path)).summary["errors"] == 0
