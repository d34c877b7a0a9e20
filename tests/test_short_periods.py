"""Short period names with a two-digit year, as results releases head their columns:
"4Q25 | 4Q24 | Δ% | 12M25 | 12M24 | Δ%". A header cell that is one of them alone is
written out ("Q4 2025", "Twelve months 2025") before the header is read
(``durations.short_period``). Before, "4Q25" was read as a segment's name and every
figure under it had the wrong identity.

Grid: quarter, half, nine months or year-to-date forms x both years, as filing text one
cell per line and as HTML; each figure's period, and no false error.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse
from xlsegment.durations import short_period

FORMS = {
    "quarter": (("4Q25", "4Q24"), ("3M 2025", "3M 2024")),
    "quarter mark": (("Q2'25", "Q2'24"), ("3M 2025", "3M 2024")),
    "half": (("1H25", "1H24"), ("6M 2025", "6M 2024")),
    "nine months": (("9M25", "9M24"), ("9M 2025", "9M 2024")),
    "twelve months": (("12M25", "12M24"), ("2025", "2024")),
    "fiscal year": (("FY25", "FY24"), ("2025", "2024")),
}
SEGMENTS = {"Generation": (1842, 1706), "Transmission": (612, 566), "Distribution": (1406, 1348)}


def _cells(heads) -> list[str]:
    cells = ["Results by business segment", "(COP billion)", *heads, "Operating revenues"]
    for name, values in SEGMENTS.items():
        cells += [name, *(f"{v:,}" for v in values)]
    totals = [sum(v[k] for v in SEGMENTS.values()) for k in range(2)]
    return [*cells, "Consolidated operating revenues", *(f"{v:,}" for v in totals)]


def _html(cells: list[str], heads) -> str:
    rows = [f"<tr><td>(COP billion)</td>{''.join(f'<td>{h}</td>' for h in heads)}</tr>"]
    rows.append("<tr><td>Operating revenues</td><td></td><td></td></tr>")
    body = cells[cells.index("Operating revenues") + 1 :]
    for k in range(0, len(body), 3):
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in body[k : k + 3]) + "</tr>")
    return "<html><body><p>Results by business segment</p><table>" + "".join(rows) + "</table></body></html>"


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize("form", FORMS)
def test_each_short_period_heads_its_column(tmp_path, form, kind):
    heads, periods = FORMS[form]
    cells = _cells(heads)
    path = tmp_path / ("note.txt" if kind == "text" else "note.htm")
    path.write_text("\n".join(cells) + "\n" if kind == "text" else _html(cells, heads), encoding="utf-8")
    facts = {(f.segment, f.value): f.period for f in parse(path).facts}
    for name, values in SEGMENTS.items():
        assert [facts[(name, v)] for v in values] == list(periods)
    assert check(path).summary["errors"] == 0


@pytest.mark.parametrize(
    ("text", "written"),
    [("4Q25", "Q4 2025"), ("Q4'25", "Q4 2025"), ("2H24", "H2 2024"), ("H1 25", "H1 2025"),
     ("9M25", "Nine months 2025"), ("12M24", "Twelve months 2024"), ("FY'25", "FY 2025"), ("4Q2025", None),
     ("Q4", None), ("25M25", None),
     ("Revenue 4Q25", None), ("5Q25", None)],
)  # fmt: skip
def test_only_a_cell_that_is_a_short_period_alone_is_written_out(text, written):
    assert short_period(text) == written
