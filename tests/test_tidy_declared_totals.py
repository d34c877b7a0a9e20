"""A total the data declares is checked: a Total (or Consolidated, or role=total) figure of
tidy data that does not add up is an error, not an unchecked candidate."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from xlsegment.api import check
from xlsegment.cli import cli
from xlsegment.readers.tidy import read_tidy

HEADER = "table,period,line,segment,currency,value,unit,role\n"


def _column_total(segments: int, off: int, name: str = "Total", role: str = "") -> str:
    rows = [
        f"Revenue,2024,Revenue,S{k},USD,{100 * (k + 1)},{'millions' if k == 0 else ''},"
        for k in range(segments)
    ]
    total = sum(100 * (k + 1) for k in range(segments)) + off
    rows.append(f"Revenue,2024,Revenue,{name},USD,{total},,{role}")
    return HEADER + "\n".join(rows) + "\n"


def _row_total(lines: int, off: int, label: str = "Total") -> str:
    rows = [
        f"Revenue,2024,Product {k},,USD,{10 * (k + 1)},{'millions' if k == 0 else ''}," for k in range(lines)
    ]
    total = sum(10 * (k + 1) for k in range(lines)) + off
    rows.append(f"Revenue,2024,{label},,USD,{total},,")
    return HEADER + "\n".join(rows) + "\n"


@pytest.mark.parametrize("segments", [2, 3, 4])
@pytest.mark.parametrize(
    ("name", "role"), [("Total", ""), ("Consolidated", ""), ("Group", "total"), ("Total", "total")]
)
def test_a_declared_total_column_that_is_off_is_an_error(tmp_path, segments, name, role):
    path = tmp_path / "facts.csv"
    path.write_text(_column_total(segments, 30, name, role), encoding="utf-8")
    result = check(read_tidy(path))
    assert [(e.code, e.difference) for e in result.errors] == [("seg.crossfoot", 30)]
    path.write_text(_column_total(segments, 0, name, role), encoding="utf-8")
    assert check(read_tidy(path)).summary["errors"] == 0


@pytest.mark.parametrize("lines", [2, 3, 5])
@pytest.mark.parametrize("label", ["Total", "Consolidated", "Totals"])
def test_a_declared_total_row_that_is_off_is_an_error(tmp_path, lines, label):
    path = tmp_path / "facts.csv"
    path.write_text(_row_total(lines, 31, label), encoding="utf-8")
    result = check(read_tidy(path))
    assert [e.code for e in result.errors] == ["seg.foot"]
    assert result.errors[0].difference == 31


@pytest.mark.parametrize("label", ["Other", "Total assets", "Net income"])
def test_a_row_that_may_total_some_lines_only_is_not_declared(tmp_path, label):
    """A last line that only follows others ("Other"), a total of one measure that may
    add some lines above only ("Total assets" under current and other assets), a result
    line (its reconciliation rule checks it): none is taken for a declared total."""
    path = tmp_path / "facts.csv"
    path.write_text(_row_total(3, 7, label), encoding="utf-8")
    assert check(read_tidy(path)).summary["errors"] == 0


def test_check_exits_1_and_names_the_broken_total(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text(_column_total(2, 30), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "seg.crossfoot" in result.output and "reported 330, computed 300 (+30)" in result.output


NAMES = ("Total", "Consolidated", "Group")


@pytest.mark.parametrize("off", [0, 50])
@pytest.mark.parametrize("broken", ["first", "second"])
@pytest.mark.parametrize(("first", "second"), [(a, b) for a in NAMES for b in NAMES if a != b])
def test_the_entity_total_is_one_column_however_each_line_names_it(tmp_path, first, second, broken, off):
    """Revenue totalled as "Total" and cost as "Consolidated": both are the entity's total,
    one column. Before, the two names made two columns, neither line could be checked,
    and a cost total off by 50 passed with exit 0."""
    rows = ["P&L,2024,Revenue,Mining,USD,1000,millions,", "P&L,2024,Revenue,Games,USD,500,,"]
    rows.append(f"P&L,2024,Revenue,{first},USD,{1500 + (off if broken == 'first' else 0)},,")
    rows += ["P&L,2024,Cost,Mining,USD,-400,,", "P&L,2024,Cost,Games,USD,-200,,"]
    rows.append(f"P&L,2024,Cost,{second},USD,{-600 - (off if broken == 'second' else 0)},,")
    path = tmp_path / "facts.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    result = check(read_tidy(path))
    broken_lines = {f.line_item for f in result.errors}
    assert broken_lines == ({"Revenue" if broken == "first" else "Cost"} if off else set())
    assert result.summary["checks"] == 2


def test_a_total_beside_the_consolidated_figure_stays_a_column_of_its_own(tmp_path):
    """ "Total" (the segments' sum) beside "Consolidated" (after eliminations) on one line
    are two figures: never one column (control)."""
    rows = ["P&L,2024,Revenue,Mining,USD,1000,millions,", "P&L,2024,Revenue,Games,USD,500,,",
            "P&L,2024,Revenue,Total,USD,1500,,", "P&L,2024,Revenue,Consolidated,USD,1450,,"]  # fmt: skip
    path = tmp_path / "facts.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    facts = {f.segment: f.value for f in read_tidy(path).facts}
    assert facts["Total"] == 1500 and facts["Consolidated"] == 1450
