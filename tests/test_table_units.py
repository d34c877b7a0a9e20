"""A table whose own unit line names another scale than the note ("(in millions, except
percentages)" under a note in thousands): its figures are restated in the note's unit,
exactly and to the precision shown (865 in millions is 865,000 to the nearest thousand),
so they tie to the thousands tables within rounding, and a figure off by more than
rounding still breaks the tie. Grid: 2 scale pairs x 2 places of the unit line x off or
not; controls: a unit line naming a translation's scale, and a table in another
currency."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment.api import check, parse

SEGMENTS = {"Subscription Platform": 513_402, "Payments": 351_676}


def _table(unit_line: str, values: dict, where: str, currency: str = "$") -> str:
    head = (
        f"<tr><td>{unit_line}</td><td>2025</td></tr>"
        if where == "header"
        else "<tr><td></td><td>2025</td></tr>"
    )
    body = "".join(f"<tr><td>{k}</td><td>{currency}{v:,}</td></tr>" for k, v in values.items())
    total = sum(values.values())
    body += f"<tr><td>Total revenue</td><td>{currency}{total:,}</td></tr>"
    lead = f"<p>{unit_line}</p>" if where == "lead" else ""
    return f"{lead}<table>{head}{body}</table>"


def _note(scales: tuple[str, str, int], where: str, off: int) -> str:
    note_unit, table_unit, shift = scales
    first = _table(f"(in {note_unit})", SEGMENTS, "lead")
    rounded = {
        k: round(Decimal(v) / 10**shift) + (off if k == "Payments" else 0) for k, v in SEGMENTS.items()
    }
    second = _table(f"(in {table_unit}, except percentages)", rounded, where)
    lead = "<p>Revenue by segment for the year ended December 31, 2025:</p>"
    return (
        f"<html><body>{lead}{first}<p>Revenue by segment, restated in larger units:</p>{second}</body></html>"
    )


SCALES = [("thousands", "millions", 3), ("millions", "billions", 3)]


@pytest.mark.parametrize("scales", SCALES, ids=lambda s: f"{s[1]} in {s[0]}")
@pytest.mark.parametrize("where", ["lead", "header"])
@pytest.mark.parametrize("off", [0, 2], ids=["as filed", "off by 2"])
def test_grid_a_table_in_a_larger_scale_ties_within_rounding(tmp_path, scales, where, off):
    path = tmp_path / "note.htm"
    path.write_text(_note(scales, where, off), encoding="utf-8")
    note = parse(path)
    second = note.tables[-1]
    payments = next(f for f in second.cells.values() if f.segment == "Payments")
    assert payments.decimals == -3
    assert payments.value == (round(Decimal(351_676) / 1000) + off) * 1000
    errors = check(note).summary["errors"]
    assert (errors == 0) == (off == 0)


@pytest.mark.parametrize(
    "unit_line",
    ["(In millions of Korean won and thousands of US dollars)", "(In thousands of U.S. dollars)"],
)
def test_a_unit_line_of_a_translation_restates_nothing(tmp_path, unit_line):
    """Controls: a second currency's scale is the translation's; a table in U.S. dollars
    under a note in won is that currency's own table, never restated in won."""
    first = _table("(In millions of Korean won)", SEGMENTS, "lead", currency="₩")
    second = _table(unit_line, {k: v // 1000 for k, v in SEGMENTS.items()}, "lead", currency="₩")
    html = f"<html><body><p>Segment revenue, 2025:</p>{first}<p>Other view:</p>{second}</body></html>"
    path = tmp_path / "note.htm"
    path.write_text(html, encoding="utf-8")
    note = parse(path)
    assert all(f.decimals >= 0 for f in note.facts)


def test_restated_figures_survive_the_workbook(tmp_path):
    """Filled and checked again from the workbook: 513,000 to the nearest thousand is a
    valid figure of the Data sheet (decimals -3), and the ties still hold."""
    from xlsegment.workbook.api import fill

    path = tmp_path / "note.htm"
    path.write_text(_note(SCALES[0], "lead", 0), encoding="utf-8")
    fill(path, tmp_path / "note.xlsx")
    again = check(tmp_path / "note.xlsx")
    assert again.summary["errors"] == 0
    assert sorted(f.decimals for f in again.note.facts if f.decimals < 0) == [-3, -3, -3]


@pytest.mark.parametrize(("value", "decimals", "fine"), [("513000", -3, True), ("513400", -3, False)])
def test_a_tidy_value_may_be_exact_to_a_coarser_precision(tmp_path, value, decimals, fine):
    path = tmp_path / "facts.csv"
    path.write_text(
        f"table,period,line,segment,currency,value,decimals\nT,2025,Revenue,A,USD,{value},{decimals}\n"
    )
    if fine:
        assert parse(path).facts[0].decimals == decimals
    else:
        with pytest.raises(Exception, match="shows 0 decimals"):
            parse(path)
