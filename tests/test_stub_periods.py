"""Successor and Predecessor columns after a fresh start or a new basis (ASC 852-10-45,
ASC 805-50): "Successor" and "Predecessor" over the periods say whose books, never a
segment; a stub "Period from March 1, 2024 through December 31, 2024" is ten months
of 2024, one from a day inside a month a period of its own, never the year.
Grid: 3 splits of the year x 2 date styles x HTML and aligned text."""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse

SEGMENTS = {"Well Services": (612, 498, 92, 571), "Completion Fluids": (284, 231, 41, 262)}


def _captions(split: int, style: str) -> list[str]:
    months = ["January", "February", "March", "April", "May", "June", "July"]
    start = months[split]
    end_of_stub = {1: "January 31", 2: "February 29", 3: "March 31", 4: "April 30", 5: "May 31", 6: "June 30"}
    if style == "us":
        return [
            "Year Ended December 31, 2025",
            f"Period from {start} 1, 2024 through December 31, 2024",
            f"Period from January 1, 2024 through {end_of_stub[split]}, 2024",
            "Year Ended December 31, 2023",
        ]
    day, month = end_of_stub[split].split()[1], end_of_stub[split].split()[0]
    return [
        "Year ended 31 December 2025",
        f"Period from 1 {start} 2024 to 31 December 2024",
        f"Period from 1 January 2024 to {day} {month} 2024",
        "Year ended 31 December 2023",
    ]


def _html(captions: list[str]) -> str:
    head = '<tr><td>(in thousands)</td><td colspan="2">Successor</td><td colspan="2">Predecessor</td></tr>'
    head += "<tr><td></td>" + "".join(f"<td>{c}</td>" for c in captions) + "</tr>"
    rows = [
        f"<tr><td>{s}</td>" + "".join(f"<td>{v:,}</td>" for v in vs) + "</tr>" for s, vs in SEGMENTS.items()
    ]
    totals = [sum(vs[k] for vs in SEGMENTS.values()) for k in range(4)]
    rows.append("<tr><td>Total revenues</td>" + "".join(f"<td>{v:,}</td>" for v in totals) + "</tr>")
    return f"<html><body><p>Revenues by segment:</p><table>{head}{''.join(rows)}</table></body></html>"


@pytest.mark.parametrize("split", [1, 2, 6])
@pytest.mark.parametrize("style", ["us", "ifrs"])
def test_grid_successor_and_predecessor_stub_periods(tmp_path, split, style):
    captions = _captions(split, style)
    path = tmp_path / "note.htm"
    path.write_text(_html(captions), encoding="utf-8")
    note = parse(path)
    read = {(f.segment, f.period): f.value for f in note.facts}
    after, before = f"{12 - split}M 2024", f"{split}M 2024"
    if after == before:  # two halves of 2024: each keeps its caption, never one "6M 2024"
        after, before = captions[1], captions[2]
    assert read[("Well Services", "2025")] == 612
    assert read[("Well Services", after)] == 498
    assert read[("Completion Fluids", before)] == 41
    assert read[("Completion Fluids", "2023")] == 262
    assert not {f.segment for f in note.facts} & {"Successor", "Predecessor"}
    assert check(note).summary["errors"] == 0


def test_a_stub_from_inside_a_month_is_a_period_of_its_own(tmp_path):
    captions = _captions(2, "us")
    captions[1] = "Period from February 15, 2024 through December 31, 2024"
    captions[2] = "Period from January 1, 2024 through February 14, 2024"
    path = tmp_path / "note.htm"
    path.write_text(_html(captions), encoding="utf-8")
    periods = {f.period for f in parse(path).facts}
    assert "Stub 2024" in periods and "2024" not in periods


@pytest.mark.parametrize("split", [1, 2])
def test_successor_and_predecessor_name_no_column_in_text_one_cell_per_line(split):
    from xlsegment.readers.text import read_string

    lines = ["Revenues by segment:", "(in thousands)", "Successor", "Predecessor", *_captions(split, "us")]
    for segment, values in SEGMENTS.items():
        lines += [segment, *(f"{v:,}" for v in values)]
    lines += ["Total revenues", *(f"{sum(vs[k] for vs in SEGMENTS.values()):,}" for k in range(4))]
    read = {(f.segment, f.period): f.value for f in read_string("\n".join(lines) + "\n").facts}
    assert read[("Completion Fluids", f"{12 - split}M 2024")] == 231
    assert read[("Well Services", f"{split}M 2024")] == 92
