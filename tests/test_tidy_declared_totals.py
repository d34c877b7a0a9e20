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
