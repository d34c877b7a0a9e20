"""Translated figures in a scale of their own: US$ thousands beside won millions, US$
million beside ₹ crore (20-F and Indian annual reports).

The note has one unit, and its translated column another, named by its currency line
("(In thousands of US dollars)") or by the unit line's "except" clause. Each translated
figure is checked against its local figure brought to the translated unit, so a right
figure is no error, and a wrong one still is; the tidy CSV and the workbook keep the
convenience unit, and the workbook's live checks scale the local cell alike.

Grid: unit pairs x 2 to 3 segments x 1 to 2 local years, text and HTML.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from xlsegment.api import check, parse
from xlsegment.readers.text import read_string
from xlsegment.readers.tidy import read_tidy, write_tidy_csv
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import check_workbook, fill
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.render import build

from .test_live_checks import assert_live_checks_are_the_core_relations

SEGMENTS = ["Retail banking", "Corporate banking", "Securities"]
# (local line, translated line, local code, local unit, translated unit, rate, shift)
PAIRS = [
    ("(In millions of Korean won)", "(In thousands of US dollars)", "KRW", "millions", "thousands", 1470, 3),
    ("Millions of yen", "Thousands of U.S. dollars (Note 3)", "JPY", "millions", "thousands", 149.52, 3),
    ("(In ₹ crore, except US$ million)", None, "INR", "crores", "millions", 85.47, 1),
]
GRID = [(s, y) for s in (2, 3) for y in (1, 2)]


def _figures(pair, segments: int, years: int):
    *_, rate, shift = pair
    rows = []
    for k, seg in enumerate(SEGMENTS[:segments]):
        local = [4_218_406 - 900_000 * k + 51_300 * j for j in range(years)]
        usd = int((Decimal(local[-1]).scaleb(shift) / Decimal(str(rate))).quantize(Decimal(1), ROUND_HALF_UP))
        rows.append((seg, local, usd))
    return rows


def _text(pair, segments: int, years: int, wrong: int = 0) -> str:
    local_line, usd_line, *_ = pair
    ys = [str(2025 - years + 1 + j) for j in range(years)]
    lines = ["Financial information by segment is as follows:", *ys, ys[-1], local_line]
    lines += [usd_line] if usd_line else []
    lines.append("Net operating revenue")
    for k, (seg, local, usd) in enumerate(_figures(pair, segments, years)):
        lines += [seg, *(f"{v:,}" for v in local), f"{usd + (wrong if k == 0 else 0):,}"]
    return "\n".join(lines) + "\n"


def _html(tmp_path: Path, pair, segments: int, years: int) -> Path:
    local_line, usd_line, *_ = pair
    ys = [str(2025 - years + 1 + j) for j in range(years)]
    bands = f"<tr><td></td><td colspan='{years}'>{local_line}</td>"
    bands += f"<td>{usd_line}</td></tr>" if usd_line else "</tr>"
    head = bands + "<tr><td></td>" + "".join(f"<td>{y}</td>" for y in [*ys, ys[-1]]) + "</tr>"
    body = "".join(
        f"<tr><td>{seg}</td>" + "".join(f"<td>{v:,}</td>" for v in [*local, usd]) + "</tr>"
        for seg, local, usd in _figures(pair, segments, years)
    )
    path = tmp_path / "note.htm"
    lead = "<p>Financial information by segment is as follows:</p><p>Net operating revenue</p>"
    path.write_text(f"<html><body>{lead}<table>{head}{body}</table></body></html>", encoding="utf-8")
    return path


def _assert_checked(note, pair, segments: int) -> None:
    _, _, own, unit, usd_unit, rate, _ = pair
    assert (note.presentation_currency, note.unit) == (own, unit)
    assert (note.convenience_currency, note.convenience_unit) == ("USD", usd_unit)
    result = check(note, rate=str(rate))
    assert result.summary["errors"] == 0, [f.message for f in result.errors]
    assert sum(k["translation"] for k in result.per_kind.values()) == segments


@pytest.mark.parametrize(("segments", "years"), GRID)
@pytest.mark.parametrize("pair", PAIRS, ids=[p[2] for p in PAIRS])
def test_translated_figures_in_their_own_unit_are_checked_in_it(pair, segments, years):
    _assert_checked(read_string(_text(pair, segments, years)), pair, segments)


@pytest.mark.parametrize(("segments", "years"), GRID)
@pytest.mark.parametrize("pair", PAIRS[:2], ids=[p[2] for p in PAIRS[:2]])
def test_translated_figures_in_their_own_unit_in_html(tmp_path, pair, segments, years):
    _assert_checked(parse(_html(tmp_path, pair, segments, years)), pair, segments)


@pytest.mark.parametrize("pair", PAIRS, ids=[p[2] for p in PAIRS])
def test_a_wrong_translated_figure_is_still_an_error(pair):
    note = read_string(_text(pair, 3, 2, wrong=500))
    errors = check(note, rate=str(pair[5])).errors
    assert [f.segment for f in errors] == [SEGMENTS[0]]
    assert f"{pair[3]} (in {pair[4]})" in errors[0].message


def test_the_tidy_csv_keeps_the_convenience_unit(tmp_path):
    note = read_string(_text(PAIRS[0], 3, 2))
    path = tmp_path / "note.csv"
    with open(path, "w", encoding="utf-8", newline="") as stream:
        write_tidy_csv(note, stream)
    again = read_tidy(path)
    assert again.convenience_unit == "thousands"
    assert check(again, rate="1470").summary["errors"] == 0


@pytest.mark.slow
@pytest.mark.parametrize("pair", PAIRS, ids=[p[2] for p in PAIRS])
def test_the_workbook_checks_in_the_translated_unit_live_and_in_libreoffice(tmp_path, pair):
    source = tmp_path / "note.txt"
    source.write_text(_text(pair, 3, 2), encoding="utf-8")
    book = fill(source, tmp_path / "note.xlsx", rate=str(pair[5]))
    result = check_workbook(book)
    assert result.summary["errors"] == 0 and result.note.convenience_unit == pair[4]
    assert assert_live_checks_are_the_core_relations(result) > 0
    sch = build(result).schedule
    probes = libreoffice.add_rule_probes(book, c.SCHEDULES, sch.tolerance_col + sch.width + 2)
    values = libreoffice.recalculated_values(book, tmp_path / "out")[c.SCHEDULES]
    assert {cell for cell, probe in probes.items() if values.get(probe) is True} == set()
