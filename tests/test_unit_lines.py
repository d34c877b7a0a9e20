"""A unit line with an "except" clause, and a scale stated only in prose.

- "(In ₹ crore, except US$ million)": the scale and currency before "except" are the
  table's; what follows names the exceptions, here the convenience currency of the
  repeated latest year. "(in millions, except per share amounts)" names millions.
- A sentence that states a scale in passing ("₹ amounts are stated in crore (₹10
  million)") yields to the unit line over the table.

Grid: unit lines x 2 to 3 segments x 1 to 3 years, filing text and HTML (the unit line
in the header's first cell).
"""

from __future__ import annotations

import pytest

from xlsegment.api import parse
from xlsegment.readers.text import read_string

SEGMENTS = ["Two-Wheelers", "Electric Mobility", "Vehicle Financing"]
LINES = [
    ("(In ₹ crore, except US$ million)", "INR", "crores", "USD"),
    ("(in RMB thousands, except for US$)", "CNY", "thousands", "USD"),
    ("(in millions of yen, except U.S. dollars in millions)", "JPY", "millions", "USD"),
    ("(in millions, except per share amounts)", "USD", "millions", None),
]
PROSE = (
    "The chief operating decision maker evaluates segment performance on the basis of revenue. "
    "Amounts are stated in crore (₹10 million) where shown in rupees."
)


SYMBOLS = {"INR": "₹", "CNY": "RMB", "JPY": "¥", "USD": "$"}


def _note(
    unit_line: str, own: str, translated: str | None, segments: int, years: int, below: bool = True
) -> str:
    ys = [str(2025 - years + 1 + j) for j in range(years)]
    head = [*ys, ys[-1]] if translated else ys
    # Below the years, the unit line is the last header line before the first row's label.
    head = [*head, unit_line] if below else [unit_line, *head, "Revenue:"]
    lines = ["Segment information", PROSE, "Year ended March 31,", *head]
    for k, seg in enumerate(SEGMENTS[:segments]):
        values = [f"{15_208 + 1_700 * k + 93 * j:,}" for j in range(years)]
        symbol = [SYMBOLS[own]] if k == 0 else []  # the first row's figures carry the symbol
        lines += [seg, *symbol, *values] + ([f"{2_156 + 100 * k:,}"] if translated else [])
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("years", "segments"), [(y, s) for y in (1, 2, 3) for s in (2, 3)])
@pytest.mark.parametrize(("unit_line", "own", "unit", "translated"), LINES, ids=[x[0] for x in LINES])
@pytest.mark.parametrize("below", [True, False], ids=["unit line below the years", "above them"])
def test_the_except_clause_names_the_exceptions_not_the_table(
    unit_line, own, unit, translated, segments, years, below
):
    note = read_string(_note(unit_line, own, translated, segments, years, below))
    # the unit line heads no rows
    assert {r.section for t in note.tables for r in t.rows} == {"" if below else "Revenue"}
    assert (note.presentation_currency, note.unit, note.convenience_currency) == (own, unit, translated)
    local = [f for f in note.facts if f.currency == own]
    assert len(local) == segments * years
    if translated:
        assert {(f.segment or f.line_item, f.period) for f in note.facts if f.currency == translated} == {
            (s, str(2025)) for s in SEGMENTS[:segments]
        }


def _html(tmp_path, unit_line: str, own: str, translated: str | None, segments: int, years: int):
    ys = [str(2025 - years + 1 + j) for j in range(years)]
    head = [*ys, ys[-1]] if translated else ys
    rows = [f"<tr><td>{unit_line}</td>" + "".join(f"<td>{y}</td>" for y in head) + "</tr>"]
    for k, seg in enumerate(SEGMENTS[:segments]):
        values = [f"{15_208 + 1_700 * k + 93 * j:,}" for j in range(years)]
        values += [f"{2_156 + 100 * k:,}"] if translated else []
        symbol = SYMBOLS[own] if k == 0 else ""
        rows.append(f"<tr><td>{seg}</td>" + "".join(f"<td>{symbol}{v}</td>" for v in values) + "</tr>")
    path = tmp_path / "note.htm"
    page = f"<p>Segment information</p><p>{PROSE}</p><p>Revenue:</p><table>{''.join(rows)}</table>"
    path.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    return parse(path)


@pytest.mark.parametrize(("years", "segments"), [(y, s) for y in (1, 2, 3) for s in (2, 3)])
@pytest.mark.parametrize(("unit_line", "own", "unit", "translated"), LINES, ids=[x[0] for x in LINES])
def test_the_except_clause_in_an_html_header_cell(
    tmp_path, unit_line, own, unit, translated, segments, years
):
    note = _html(tmp_path, unit_line, own, translated, segments, years)
    assert (note.presentation_currency, note.unit) == (own, unit)
    assert len([f for f in note.facts if f.currency == own]) == segments * years
