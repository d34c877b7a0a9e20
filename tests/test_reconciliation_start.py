"""A reconciliation block starts from the segments' measure, never from an item disclosed
beside it.

Thai and other IFRS notes print the segment measure, then depreciation (and capital
expenditure) per segment, then "Unallocated income and expenses:" down to profit before
tax. The block's start was the last row above its first item: depreciation, so profit
before tax was checked as depreciation less the items, and broke (probe11 t04, 2 false
errors). ``rows.start_above`` takes the last row above that is a measure.

Grid: 0 to 2 disclosed rows between the measure and the block x items that add or not
(control: a real break is still an error).
"""

from __future__ import annotations

import pytest

from xlsegment.api import check

DISCLOSED = [("Depreciation and amortisation", (1812, 1106, 2918)), ("Capital expenditure", (512, 318, 830))]


def _row(label: str, values) -> str:
    return (
        f"<tr><td>{label}</td>"
        + "".join(f"<td>{v:,}</td>" if v is not None else "<td></td>" for v in values)
        + "</tr>"
    )


def _note(disclosed: int, off: int) -> str:
    rows = [_row("Revenue", (42318, 28406, 70724)), _row("Segment operating profit", (3906, 2718, 6624))]
    rows += [_row(label, values) for label, values in DISCLOSED[:disclosed]]
    rows.append("<tr><td>Unallocated income and expenses:</td><td></td><td></td><td></td></tr>")
    items = {"Other income": 412, "Finance costs": -1204, "Share of profit of associates": 318}
    rows += [_row(label, (None, None, v)) for label, v in items.items()]
    rows.append(_row("Profit before income tax expense", (None, None, 6624 + sum(items.values()) + off)))
    names = "".join(
        f"<td>{n}</td>" for n in ("(Unit: Thousand Baht)", "Agro-industry", "Food products", "Consolidated")
    )
    title = "<p>For the year ended 31 December 2025</p>"
    return f"<html><body>{title}<table><tr>{names}</tr>{''.join(rows)}</table></body></html>"


@pytest.mark.parametrize("disclosed", [0, 1, 2])
@pytest.mark.parametrize("off", [0, 100])
def test_the_block_starts_from_the_segment_measure(tmp_path, disclosed, off):
    path = tmp_path / "note.htm"
    path.write_text(_note(disclosed, off), encoding="utf-8")
    result = check(path)
    errors = [(f.line_item, f.code) for f in result.errors]
    assert errors == ([("Profit before income tax expense", "seg.recon")] if off else []), errors
    recon = [r for r in result.relations if r.total.line_item == "Profit before income tax expense"]
    assert recon and recon[0].parts[0][1].line_item == "Segment operating profit"
    assert result.note.unit == "thousands" and result.note.presentation_currency == "THB"
