"""fill and refresh say which totals broke, where in the workbook, as check does."""

from __future__ import annotations

from click.testing import CliRunner

from xlsegment.cli import cli

BROKEN = """table,period,line,segment,currency,value,unit
Revenue,2024,Revenue,Mining,USD,100,millions
Revenue,2024,Revenue,Games,USD,200,
Revenue,2024,Revenue,Total,USD,330,
Revenue,2024,Cost,Mining,USD,40,
Revenue,2024,Cost,Games,USD,50,
Revenue,2024,Cost,Total,USD,90,
"""


def test_fill_and_refresh_print_each_broken_total_with_its_cell(tmp_path):
    source = tmp_path / "facts.csv"
    source.write_text(BROKEN, encoding="utf-8")
    book = tmp_path / "book.xlsx"
    runner = CliRunner()
    filled = runner.invoke(cli, ["fill", str(source), "-o", str(book)])
    assert filled.exit_code == 1, filled.output
    for result in (filled, runner.invoke(cli, ["refresh", str(book)])):
        errors = [line for line in result.output.splitlines() if "ERROR" in line]
        assert len(errors) == 1, result.output
        assert "Schedules!" in errors[0] and "seg.crossfoot" in errors[0] and "(+30)" in errors[0]
        assert "T1 Revenue" in result.output


def test_a_clean_refresh_prints_no_error_lines(tmp_path):
    source = tmp_path / "facts.csv"
    source.write_text(BROKEN.replace(",330,", ",300,"), encoding="utf-8")
    book = tmp_path / "book.xlsx"
    runner = CliRunner()
    assert runner.invoke(cli, ["fill", str(source), "-o", str(book)]).exit_code == 0
    result = runner.invoke(cli, ["refresh", str(book)])
    assert result.exit_code == 0 and "ERROR" not in result.output
