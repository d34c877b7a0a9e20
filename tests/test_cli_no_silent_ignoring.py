"""The command line on workbooks: every option acts or is refused in one line.

The rate of `check WORKBOOK`, the Settings data source of `refresh`, numbers typed over
formulas, findings on sheet and cell, `-o/--output` on every command, help and exit codes.
"""

from __future__ import annotations

import json
import shutil

import click
import openpyxl
import pytest
from click.testing import CliRunner

from xlsegment.cli import cli
from xlsegment.readers.tidy import write_tidy_csv
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line(result, *needles) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(n in result.stderr for n in needles), result.stderr


@pytest.fixture(scope="module")
def filled(seed_path, tmp_path_factory):
    return fill(seed_path, tmp_path_factory.mktemp("cli") / "report.xlsx")


@pytest.fixture
def book(filled, tmp_path):
    return shutil.copy(filled, tmp_path / "report.xlsx")


def setting_cell(path, name: str) -> tuple[str, str]:
    target = openpyxl.load_workbook(path).defined_names[name].attr_text
    sheet, cell = target.split("!")
    return sheet.strip("'"), cell.replace("$", "")


def test_check_a_workbook_at_a_given_rate(filled):
    at_seven = run("check", filled, "--rate", "7.1", "--json")
    assert at_seven.exit_code == 1
    doc = json.loads(at_seven.stdout)
    assert doc["rate"]["rate"] == "7.1" and doc["rate"]["stated"]
    wrong = [f for f in doc["findings"] if f["code"] == "seg.fx.figure"]
    assert len(wrong) == 21 and all(f["sheet"] == c.SCHEDULES and f["cell"] for f in wrong)
    at_the_filings = run("check", filled, "--rate", "7.2993")
    assert at_the_filings.exit_code == 0 and "stated rate 7.2993 " in at_the_filings.stdout


@pytest.mark.parametrize("bad", ["abc", "-7.1", "0", "nan", "inf"])
def test_a_rate_that_is_no_rate_is_refused_in_one_line_everywhere(seed_path, filled, tmp_path, bad):
    one_line(run("check", filled, "--rate", bad), f'--rate: the rate "{bad}"', "positive number")
    one_line(run("check", seed_path, "--rate", bad), f'--rate: the rate "{bad}"')
    out = tmp_path / "new.xlsx"
    one_line(run("fill", seed_path, "-o", out, "--rate", bad), f'--rate: the rate "{bad}"')
    assert not out.exists()


def test_refresh_reads_the_data_source_named_in_settings(seed_path, book, tmp_path):
    from xlsegment.api import parse

    note = parse(seed_path)
    source = tmp_path / "facts.csv"
    with source.open("w", newline="", encoding="utf-8") as fh:
        write_tidy_csv(note, fh)
    text = source.read_text(encoding="utf-8").replace(",110739,", ",110749,", 1)  # Mining revenue 2024
    source.write_text(text, encoding="utf-8")
    sheet, cell = setting_cell(book, "xls_Source")
    wb = openpyxl.load_workbook(book)
    wb[sheet][cell] = "facts.csv"  # beside the workbook, as the ribbon's Refresh reads it
    wb.save(book)
    result = run("refresh", book)
    assert result.exit_code == 1, result.stdout + result.stderr  # the edit breaks its totals
    assert result.stdout.splitlines()[0] == f"{book}: read the data source {source} named in Settings"
    values = [r[5] for r in openpyxl.load_workbook(book)[c.DATA].iter_rows(min_row=2, values_only=True)]
    assert 110749 in values and 110739 not in values


def test_refresh_without_a_data_source_says_it_read_the_data_table(book):
    result = run("refresh", book)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"{book}: read the Data table (Settings names no data source)"


def test_a_data_source_that_is_missing_is_refused_naming_its_cell(book):
    sheet, cell = setting_cell(book, "xls_Source")
    wb = openpyxl.load_workbook(book)
    wb[sheet][cell] = "gone.txt"
    wb.save(book)
    before = book.read_bytes()
    one_line(run("refresh", book), f"{sheet}!{cell}", "'gone.txt' is not a file")
    assert book.read_bytes() == before  # nothing written


def test_check_sees_a_number_typed_over_a_formula_as_refresh_does(book):
    wb = openpyxl.load_workbook(book)
    ws = wb[c.SCHEDULES]
    cell = next(
        f"D{r}"
        for r in range(1, 40)
        if ws[f"A{r}"].value == "Revenue" and str(ws[f"D{r}"].value).startswith("=")
    )
    ws[cell] = 111714  # the figure it showed, typed in: the formula is gone
    wb.save(book)
    checked = run("check", book, "--json")
    assert checked.exit_code == 1
    [typed] = [f for f in json.loads(checked.stdout)["findings"] if f["code"] == "seg.typed"]
    assert (typed["severity"], typed["sheet"], typed["cell"]) == ("error", c.SCHEDULES, cell)
    text = run("check", book)
    assert text.exit_code == 1 and f"{c.SCHEDULES}!{cell}" in text.stdout
    one_line(run("refresh", book), f"{c.SCHEDULES}!{cell}", "typed over the formula")


def test_every_finding_on_a_workbook_names_its_sheet_and_cell(filled):
    doc = json.loads(run("check", filled, "--json").stdout)
    assert doc["findings"] and all(f["sheet"] and f["cell"] for f in doc["findings"])
    ws = openpyxl.load_workbook(filled)[c.CHECKS]
    kept = [f for f in doc["findings"] if f["sheet"] == c.CHECKS]
    assert {f["code"] for f in kept} >= {"seg.label.date", "seg.header.currency", "seg.fx.rate"}
    for f in kept:  # the Checks row that states it
        row = f["cell"].removeprefix("A")
        assert f["cell"] == f"A{row}" and ws[f"A{row}"].value[0] in "PR"
        assert ws[f"B{row}"].value == f["code"]
        if f["code"] != "seg.fx.rate":  # its wording follows the rate: fill inferred it
            assert ws[f"D{row}"].value == f["message"]
    text = run("check", filled).stdout
    assert "line 298" not in text  # the text the workbook no longer has
    assert any("Checks!A" in line and "seg.label.date" in line for line in text.splitlines())


@pytest.mark.slow  # six workbooks written
def test_output_is_the_same_option_on_every_command(seed_path, filled, tmp_path):
    for args in (
        ("fill", seed_path, "--output", tmp_path / "a.xlsx"),
        ("fill", seed_path, "--out", tmp_path / "b.xlsx"),  # the old name, kept for scripts
        ("refresh", filled, "--output", tmp_path / "c.xlsx"),
        ("refresh", filled, "--out", tmp_path / "d.xlsx"),
        ("demo", "--output", tmp_path / "e.xlsx"),
        ("share", filled, "--output", tmp_path / "f.xlsx"),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        assert args[-1].exists(), args
    one_line(run("fill", seed_path), "-o/--output is missing")
    one_line(run("fill", seed_path, "-o", tmp_path / "x.xlsx", "--out", tmp_path / "y.xlsx"), "once")


def commands(group: click.Group, ctx: click.Context):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield name, command
        if isinstance(command, click.Group):
            yield from ((f"{name} {sub}", cmd) for sub, cmd in commands(command, ctx))


def test_every_option_has_help_and_every_command_its_exit_codes():
    ctx = click.Context(cli)
    found = dict(commands(cli, ctx))
    assert set(found) >= {"check", "parse", "demo", "fill", "refresh", "share", "addin install"}
    for name, command in found.items():
        assert "Exit codes: 0 " in (command.epilog or ""), name
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.help, f"{name} {param.opts}"
        shown = run(*name.split(), "--help").stdout
        assert "--out " not in shown, name  # the old name works but is not offered
    assert "1 errors found" in found["check"].epilog and "1 written, errors found" in found["fill"].epilog
    assert "1 written, errors found" in found["refresh"].epilog and " 1 " not in found["demo"].epilog
    assert "Exit codes: 0 ok; 1 errors found (check, fill, refresh); 2 unusable input" in run("--help").stdout


@pytest.mark.parametrize("option", [["--tables", "3"], ["--note", "Segments"], ["--list-tables"]])
@pytest.mark.parametrize("command", ["check", "parse"])
def test_filing_options_on_a_text_note_are_refused_not_ignored(seed_path, tmp_path, command, option):
    """--tables, --note and --list-tables pick tables in an HTML filing; on filing text they
    would change nothing, so they are refused in one line rather than ignored."""
    args = [command, str(seed_path), *option]
    if command == "parse":
        args += ["--csv", str(tmp_path / "facts.csv")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"{option[0]} picks tables in an HTML or iXBRL filing" in lines[0]
    assert "filing text" in lines[0] and not (tmp_path / "facts.csv").exists()
