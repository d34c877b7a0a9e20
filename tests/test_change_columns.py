"""A "% change" column whose heading is split over the header's bands, and "nm" cells.

South African and UK reports head the change column "%" in the band of the years and
"change" in the band of the currency marks ("2024 2023 %" over "Rm Rm change"), and
write "nm" (not meaningful) where no change can be computed. The "%" after the last year
is no percent sign of that year, "Rm" and "change" are no one label, and "nm" heads no
rows: the amounts are each year's and the change column is left out.

Grid: 2 to 4 segments x "nm" in 0 to 2 rows, filing text.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string

SEGMENTS = ["Chrome Operations", "Manganese Operations", "Energy Coal", "Corporate and other"]


def _shown(v: int) -> str:
    return f"({-v:,})" if v < 0 else f"{v:,}"


@pytest.mark.parametrize("nm_rows", [0, 1, 2])
@pytest.mark.parametrize("segments", [2, 3, 4])
def test_a_split_change_heading_and_nm_cells(segments, nm_rows):
    lines = [
        "The Executive Committee evaluates performance on EBITDA.",
        "2024",
        "2023",
        "%",
        "Rm",
        "Rm",
        "change",
    ]
    want = {}
    for block, base in (("Revenue", 18_406), ("EBITDA", 5_118)):
        lines.append(block)
        totals = [0, 0]
        for k, seg in enumerate(SEGMENTS[:segments]):
            now, then = base - 3_000 * k, base - 2_500 * k
            change = "nm" if k < nm_rows else _shown(round(100 * (now - then) / then))
            lines += [seg, _shown(now), _shown(then), change]
            want[(block, seg, "2024")], want[(block, seg, "2023")] = now, then
            totals = [totals[0] + now, totals[1] + then]
        lines += [f"Group {block}", _shown(totals[0]), _shown(totals[1]), "(14)"]
    note = read_string("\n".join(lines) + "\n")
    got = {(f.line_item, f.segment, f.period): f.value for f in note.facts if f.segment in SEGMENTS}
    assert got == want
    assert {f.currency for f in note.facts} == {"ZAR"} and note.unit == "millions"
    assert all(r.section in ("Revenue", "EBITDA") for t in note.tables for r in t.rows)
    assert check(note).summary["errors"] == 0
