"""A "Total" column before the adjustments totals the segments, not the entity.

Japanese and IFRS 8 filers head their columns "Segments... | Subtotal | Other | Total |
Adjustments | Consolidated" (IFRS 8.28, ASC 280-10-50-30: the reconciliation of the
segments' total to the entity's). The "Total" there is a subtotal: its intersegment sales
are eliminated by the adjustments, so it differs from the consolidated figure of the same
line, and the two are not "the same figure stated twice".

Grid: 2 to 3 segments x with or without an "Other" column x intersegment row or not; a
broken consolidated figure is still found.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string

SEGMENTS = ["Vehicle Electrification", "Optical Sensing", "Factory Robotics"]


def _note(segments: int, other: bool, intersegment: bool, broken: int = 0) -> str:
    names = SEGMENTS[:segments]
    external = [1_184 + 100 * k for k in range(segments)]
    inter = [12 + 7 * k for k in range(segments)] if intersegment else [0] * segments
    other_ext, other_inter = (71, 19) if other else (0, 0)
    heads = [*names, *(["Other"] if other else []), "Total", "Adjustments", "Consolidated"]
    lines = ["Segment Information", "Year ended March 31, 2025", *heads, "Millions of yen"]

    def row(label, seg, oth, adj):
        total = sum(seg) + oth
        cells = [*seg, *([oth] if other else []), total, adj, total + adj]
        return [label, *(f"({-v:,})" if v < 0 else f"{v:,}" if v else "—" for v in cells)]

    lines += row("Sales to external customers", external, other_ext, 0)
    if intersegment:
        inter_total = sum(inter) + other_inter
        lines += row("Intersegment sales or transfers", inter, other_inter, -inter_total)
    sales = [e + i for e, i in zip(external, inter, strict=True)]
    total_row = row("Total", sales, other_ext + other_inter, -(sum(inter) + other_inter))
    if broken:
        total_row[-1] = f"{int(total_row[-1].replace(',', '')) + broken:,}"
    lines += total_row
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("intersegment", [True, False])
@pytest.mark.parametrize("other", [True, False])
@pytest.mark.parametrize("segments", [2, 3])
def test_the_segments_total_is_not_tied_to_the_consolidated_figure(segments, other, intersegment):
    result = check(read_string(_note(segments, other, intersegment)))
    assert [f.message for f in result.errors] == []
    cols = result.note.tables[0].columns
    assert [c.role.value for c in cols][-3:] == ["subtotal", "corporate", "total"]


@pytest.mark.parametrize("segments", [2, 3])
def test_a_broken_consolidated_figure_is_still_found(segments):
    result = check(read_string(_note(segments, True, True, broken=5)))
    assert result.errors, "a consolidated total off by 5 must break"
