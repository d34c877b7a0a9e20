"""Measures side by side, each split into the note's currency and its convenience
translation ("Segment results" over "Rp | US$"), segments as rows. Each local column is
the measure; the one beside it in the other currency is that measure translated, never
a segment named by the measure. The currency cells may sit one grid column left of
their figures; a sentence that says amounts are "also presented in U.S. dollars" names
the translation's currency, never the note's. Grid: 2 currency pairs x 2 offsets x 2
lead-ins x 2 or 3 measures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.api import check, parse

MEASURES = ["Revenues from external customers", "Inter-segment revenues", "Segment results"]
SEGMENTS = {"Mobile": (78412, 3118, 27634), "Enterprise": (19846, 5872, 2941)}
RATE = Decimal("16245")  # local units per US$, both in billions: US$ shown in millions
PAIRS = {"IDR": ("Rp", "billions of Rupiah", "millions of U.S. Dollars"),
         "CNY": ("RMB", "millions of RMB", "thousands of U.S. Dollars")}  # fmt: skip


def _usd(value: int) -> str:
    return f"{Decimal(value) * 1000 / RATE:,.1f}"


def _note(local: str, measures: int, shifted: bool, sentence: bool) -> str:
    mark, own, other = PAIRS[local]
    pad = "<td></td>"
    top = "<tr><td></td>" + "".join(f'<td colspan="4">{m}</td>' for m in MEASURES[:measures]) + "</tr>"
    marks = "".join(f"<td>{mark}</td>{pad}<td>US$</td>{pad}" for _ in range(measures))
    cur = f"<tr><td></td>{marks}{pad}</tr>" if shifted else f"<tr><td></td>{pad}{marks}</tr>"
    rows = [top, cur]
    totals = [0] * measures
    for name, values in SEGMENTS.items():
        cells = "".join(
            f"{pad}<td>{values[k]:,}</td>{pad}<td>{_usd(values[k])}</td>" for k in range(measures)
        )
        rows.append(f"<tr><td>{name}</td>{cells}</tr>")
        totals = [t + values[k] for k, t in enumerate(totals)]
    cells = "".join(f"{pad}<td>{totals[k]:,}</td>{pad}<td>{_usd(totals[k])}</td>" for k in range(measures))
    rows.append(f"<tr><td>Total</td>{cells}</tr>")
    lead = "<p>Segment information for the year ended December 31, 2025.</p>"
    if sentence:
        lead += (
            "<p>For the convenience of the reader, amounts for 2025 are also presented in U.S. dollars, "
            f"translated at {mark}{RATE:,} to US$1.00.</p>"
        )
    lead += f"<p>(In {own} and {other})</p>"
    return f"<html><body>{lead}<table>{''.join(rows)}</table></body></html>"


@pytest.mark.parametrize("local", list(PAIRS))
@pytest.mark.parametrize("shifted", [True, False], ids=["marks left of figures", "marks over figures"])
@pytest.mark.parametrize("sentence", [True, False], ids=["convenience sentence", "no sentence"])
@pytest.mark.parametrize("measures", [2, 3])
def test_grid_a_measure_over_its_local_and_translated_columns(tmp_path, local, shifted, sentence, measures):
    path = tmp_path / "note.htm"
    path.write_text(_note(local, measures, shifted, sentence), encoding="utf-8")
    note = parse(path)
    assert note.presentation_currency == local and note.convenience_currency == "USD"
    read = {(f.segment, f.line_item, f.currency): f for f in note.facts}
    assert read[("Mobile", "Inter-segment revenues", local)].value == 3118
    translated = read[("Enterprise", "Inter-segment revenues", "USD")]
    assert str(translated.value) == _usd(5872).replace(",", "")
    assert not {f.segment for f in note.facts} & set(MEASURES)
    assert check(note).summary["errors"] == 0


def test_a_currency_cell_before_a_word_heads_its_column():
    """ "US$" then a word cell in a header row, no figure between: "US$" heads a column,
    never a mark left pending for a figure that does not come."""
    from xlsegment.readers.htmlgrid import GridCell, logical_row

    cells = [GridCell(t, 0, k, 1, 1) for k, t in enumerate(["", "RMB", "", "US$", "", "Notes"])]
    row = logical_row(0, cells)
    assert [c.text for c in row.cells] == ["RMB", "US$", "Notes"]
