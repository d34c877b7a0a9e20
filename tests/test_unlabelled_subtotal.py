"""A row of figures with no label after segments listed under a measure's heading
("Assets" over four segments, then 33,813, then "Assets held for sale", "Unallocated",
"Total" 42,695) totals the segments: it is read as "Subtotal of segments", never as the
Total the rows below reconcile it to. Under a group's heading ("Client Computing" over
Desktop, Notebook, Other) the unlabelled row is that group's figure instead. Grid tests,
then the real notes."""

from __future__ import annotations

import pytest

from tests.answers import DATA, index_of
from xlsegment.api import parse
from xlsegment.readers.naming import SEGMENTS_SUBTOTAL

SEGMENTS = ["North America", "EMEA", "Asia Pacific", "Global Products"]
BELOW = {"held for sale and unallocated": ["Assets held for sale", "Unallocated"], "corporate": ["Corporate"]}


def _figures(base: int, years: int) -> list[str]:
    return [f"{base + k:,}" for k in range(years)]


def _note(tmp_path, segments: list[str], below: list[str], years: list[int]) -> str:
    cells = ["Segment assets are as follows (in millions):", "September 30,", *map(str, years), "Assets"]
    values = {s: 1000 * (i + 1) for i, s in enumerate(segments)}
    for name, base in values.items():
        cells += [name, *_figures(base, len(years))]
    subtotal = sum(values.values())
    cells += [f"{subtotal + len(segments) * k:,}" for k in range(len(years))]  # no label
    extra = {name: 70 + 30 * i for i, name in enumerate(below)}
    for name, base in extra.items():
        cells += [name, *_figures(base, len(years))]
    total = subtotal + sum(extra.values())
    cells += ["Total", *(f"{total + (len(segments) + len(below)) * k:,}" for k in range(len(years)))]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return str(path), subtotal, total


@pytest.mark.parametrize("years", [[2024, 2023], [2024, 2023, 2022]])
@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("below", list(BELOW))
def test_grid_an_unlabelled_row_after_the_segments_is_their_subtotal(tmp_path, n, below, years):
    path, subtotal, total = _note(tmp_path, SEGMENTS[:n], BELOW[below], years)
    facts = [f for f in parse(path).facts if f.period == str(years[0])]
    by_value = {f.value: f for f in facts}
    assert by_value[subtotal].segment == SEGMENTS_SUBTOTAL
    assert by_value[total].segment == "Total"
    ix = index_of(path)
    assert ix.consolidated("Assets", str(years[0])) == total


def test_with_one_year_the_unlabelled_row_reads_as_a_second_figure_and_is_left_unnamed(tmp_path):
    """One cell per line and one year: "EMEA", "2,000", "3,000" is a row of two figures
    as much as a row and an unlabelled subtotal. The reader says it cannot tell."""
    path, _, _ = _note(tmp_path, SEGMENTS[:2], BELOW["corporate"], [2024])
    note = parse(path)
    assert any(f.code == "seg.layout.columns" for f in note.findings)
    assert not any(f.segment in ("Total", SEGMENTS_SUBTOTAL) for f in note.facts if f.value == 3000)


def test_johnson_controls_assets_and_depreciation_totals():
    ix = index_of(DATA / "corpus/21_johnson_controls_fy2024.txt")
    assert ix.consolidated("Assets", "2024") == 42695  # not the segments' 33,813
    assert ix.consolidated("Depreciation/Amortization", "2024") == 816  # not 697


def test_under_a_groups_heading_the_unlabelled_row_is_the_groups_figure():
    """Intel: "Client Computing" over Desktop, Notebook and Other, then 29,258."""
    facts = parse(DATA / "corpus2/44_intel_2023.txt").facts
    [fact] = [f for f in facts if f.value == 29258 and f.period == "2023"]
    assert fact.segment == "Client Computing"
