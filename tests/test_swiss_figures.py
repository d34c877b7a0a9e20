"""Swiss figures: digits grouped by apostrophes ("1'284'512", or the typographic "’"),
and the unit written the same way ("in CHF 1'000").

The figures were no numbers at all, so a Swiss note was refused ("the cells are out of
order"), and the unit line named no currency. ``numbers.CELL_RE`` now groups digits by
an apostrophe too, and ``currency.mark`` reads "1'000" as "1,000". "Reportable segments
total" totals the segments only (``labels.segments_total``), never the Group.

Grid: ' or ’ x the unit line's apostrophe x negatives, aligned text with
fiscal years "2024/25".
"""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse
from xlsegment.labels import segments_total
from xlsegment.numbers import parse_cell

SEGMENTS = {"Print Solutions": (1284512, 1206378), "Packaging Systems": (846209, 871454)}


def _swiss(value: int, mark: str) -> str:
    text = f"{abs(value):,}".replace(",", mark)
    return f"-{text}" if value < 0 else text


@pytest.mark.parametrize("mark", ["'", "’"])
@pytest.mark.parametrize("unit", ["in CHF 1'000", "in CHF 1’000"])
@pytest.mark.parametrize("negative", [False, True])
def test_swiss_digit_groups_and_unit(tmp_path, mark, unit, negative):
    rows = dict(SEGMENTS)
    if negative:
        rows["Central functions"] = (-21408, -19736)
    total = tuple(sum(v[k] for v in rows.values()) for k in range(2))
    lines = ["5 Segment reporting", "", f"{'':<40}{'Financial year':>18}{'Financial year':>18}"]
    lines.append(f"{unit:<40}{'2024/25':>18}{'2023/24':>18}")
    lines.append("")
    lines.append("EBITDA")
    for name, values in [*rows.items(), ("Group", total)]:
        lines.append(f"{name:<40}" + "".join(f"{_swiss(v, mark):>18}" for v in values))
    path = tmp_path / "note.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    note = parse(path)
    facts = {(f.segment, f.period): f for f in note.facts}
    for name, (now, before) in rows.items():
        assert (facts[(name, "2025")].value, facts[(name, "2024")].value) == (now, before)
    assert (note.presentation_currency, note.unit) == ("CHF", "thousands")
    assert check(path).summary["errors"] == 0


@pytest.mark.parametrize(
    ("text", "value"), [("1'284'512", 1284512), ("-21’408", -21408), ("(1'204)", -1204), ("RMB'000", None)]
)
def test_an_apostrophe_groups_digits(text, value):
    cell = parse_cell(text)
    assert (cell.value if cell else None) == value


def test_reportable_segments_total_totals_the_segments():
    assert segments_total("Reportable segments total") == "Reportable segments total"
