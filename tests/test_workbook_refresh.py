"""fill, refresh and check_workbook on the seed: Python highlights, idempotence, the CLI."""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.xlsx_parts import OFFICE, Package
from xlsegment.api import check
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import check_workbook, fill, note_from_workbook, refresh
from xlsegment.workbook.cli import fill as fill_cmd
from xlsegment.workbook.cli import refresh as refresh_cmd
from xlsegment.workbook.engines.base import Formula, WorkbookError
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook
from xlsegment.workbook.sheets.highlights import note_text

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
KEY = ("Segment profit or loss", "2024", "Revenue", "Cryptocurrency Mining", "CNY")


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return fill(SEED, tmp_path_factory.mktemp("fill") / "seed.xlsx")


@pytest.fixture
def work(filled, tmp_path):
    path = tmp_path / "work.xlsx"
    shutil.copyfile(filled, path)
    return path


def parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {n: hashlib.sha256(zf.read(n)).hexdigest() for n in zf.namelist()}


def set_data_value(path, key, delta) -> None:
    book = openpyxl.load_workbook(path)
    ws = next(ws for ws in book.worksheets if c.DATA_TABLE in ws.tables)
    header = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        rec = dict(zip(header, (cell.value for cell in row), strict=False))
        if tuple(rec[k] for k in ("table", "period", "line", "segment", "currency")) == key:
            row[header.index("value")].value = rec["value"] + delta
    book.save(path)


def highlights(path) -> dict[str, str]:
    wb = OpenpyxlWorkbook.open(path)
    notes = wb.read_notes(c.SCHEDULES)
    fills = wb.read_fills(c.SCHEDULES, notes)
    assert all(fill == c.FINDING_FILL for fill in fills.values())
    return {cell: text for cell, (_, text) in notes.items()}


def test_the_filled_seed_reads_back_as_the_same_note(filled):
    from xlsegment.api import parse

    original = parse(SEED)
    back = note_from_workbook(OpenpyxlWorkbook.open(filled))
    assert [f.key for f in back.facts] == [f.key for f in original.facts]
    assert [f.value for f in back.facts] == [f.value for f in original.facts]
    assert [t.rows for t in back.tables] == [t.rows for t in original.tables]
    assert [t.columns for t in back.tables] == [t.columns for t in original.tables]
    assert back.presentation_currency == "CNY" and back.convenience_currency == "USD"


def test_seed_fill_has_no_highlight_and_no_error(filled):
    assert highlights(filled) == {}
    result = check_workbook(filled)
    assert result.summary["errors"] == 0 and result.summary["checks"] >= 80


def test_a_second_refresh_changes_nothing(work):
    refresh(work)
    first = parts(work)
    refresh(work)
    second = parts(work)
    first.pop("docProps/core.xml"), second.pop("docProps/core.xml")  # save timestamp only
    assert first == second


def test_refresh_highlights_a_broken_total_and_clears_it_when_fixed(work, filled):
    set_data_value(work, KEY, +10)
    result = refresh(work)
    errors = [f for f in result.findings if f.severity == "error"]
    # The core's own verdict on the mutated note is the oracle for what must be marked.
    note = note_from_workbook(OpenpyxlWorkbook.open(work))
    core = [f for f in check(note, rate=Decimal("7.299361")).findings if f.severity == "error"]
    assert len(errors) == len(core) >= 2
    marked = highlights(work)
    assert set(marked) == {f.cell for f in errors}
    revenue_total = next(f for f in errors if f.line_item == "Revenue")
    assert marked[revenue_total.cell].startswith("reported 111,714, computed 111,724 (-10), tolerance ±1.5")
    assert all(f.sheet == c.SCHEDULES for f in errors)
    set_data_value(work, KEY, -10)
    refresh(work)
    assert highlights(work) == {}


def test_note_text_shows_both_numbers_direction_and_tolerance():
    from xlsegment.model import Finding, Severity

    f = Finding(
        "seg.crossfoot",
        Severity.ERROR,
        "m",
        expected=111715,
        actual=111714,
        difference=-1,
        tolerance=Decimal("1"),
    )
    assert note_text(f).startswith("reported 111,714, computed 111,715 (-1), tolerance ±1")
    g = Finding("seg.foot", Severity.ERROR, "m", expected=-5, actual=-3, difference=2)
    assert note_text(g).startswith("reported (3), computed (5) (+2)")


def test_checks_sheet_has_a_row_per_check_with_a_link(filled):
    wb = OpenpyxlWorkbook.open(filled)
    _, header, rows = wb.read_table(c.CHECKS_TABLE)
    assert header == list(c.CHECK_COLUMNS)
    live = [r for r in rows if r[0].startswith("C")]
    assert len(live) >= 80
    assert all(str(r[4]).startswith("=HYPERLINK(\"#'Schedules'!") for r in live)
    reader = [r for r in rows if r[0].startswith("R")]
    assert any(r[1] == "seg.label.date" for r in reader)  # the "1024" typo in the seed


def test_labels_that_look_like_formulas_stay_text(tmp_path):
    csv = tmp_path / "evil.csv"
    csv.write_text(
        "table,period,line,segment,currency,value\n"
        'Revenue,2024,=HYPERLINK("http://x"),A,RMB,1\n'
        'Revenue,2024,=HYPERLINK("http://x"),B,RMB,2\n'
        'Revenue,2024,=HYPERLINK("http://x"),Total,RMB,3\n'
        "Revenue,2024,@cmd,A,RMB,4\n",
        encoding="utf-8",
    )
    out = fill(csv, tmp_path / "evil.xlsx")
    book = openpyxl.load_workbook(out)
    texts = [
        cell
        for ws in (book[c.DATA], book[c.SCHEDULES])
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(('=HYPERLINK("http', "@cmd"))
    ]
    assert len(texts) >= 4 and all(cell.data_type == "s" for cell in texts)


@pytest.mark.slow
def test_cli_fill_and_refresh(tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli.xlsx"
    res = runner.invoke(fill_cmd, [str(SEED), "-o", str(out), "--rate", "7.2993"])
    assert res.exit_code == 0, res.output
    assert "0 errors" in res.output
    wb = OpenpyxlWorkbook.open(out)
    assert wb.read_block(c.SETTINGS, "B8") == [[Decimal("7.2993")]] or wb.read_block(c.SETTINGS, "B8") == [
        [7.2993]
    ]
    res = runner.invoke(refresh_cmd, [str(out)])
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fill", "missing.txt", "-o", "x.xlsx"], "missing.txt"),
        (["fill", "SEED", "-o", "x.xlsx", "--rate", "abc"], "--rate"),
        (["fill", "SEED", "-o", "x.xlsx", "--rate", "-1"], "--rate"),
        (["refresh", "missing.xlsx"], "missing.xlsx: no such file"),
        (["refresh", "SEED"], "only .xlsx"),
    ],
)
def test_cli_errors_are_one_line_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    args = [str(SEED) if a == "SEED" else a for a in args]
    cmd = fill_cmd if args[0] == "fill" else refresh_cmd
    res = CliRunner().invoke(cmd, args[1:])
    assert res.exit_code == 2
    assert message in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.xlsx").exists()


def test_rows_a_user_adds_to_the_data_table_join_their_table(work):
    before = OpenpyxlWorkbook.open(work)
    sheet_before = before.read_block(c.SCHEDULES, "A1:A200")
    book = openpyxl.load_workbook(work)
    ws = book[c.DATA]
    header = [cell.value for cell in ws[1]]
    table = ws.tables[c.DATA_TABLE]
    first, last = table.ref.split(":")
    last_row = int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    for k, (segment, value) in enumerate(
        [("Cryptocurrency Mining", -10), ("Corporate", -5), ("Total", -15)], start=1
    ):
        rec = {
            "table": "Segment profit or loss",
            "period": "2024",
            "line": "Restructuring",
            "segment": segment,
            "currency": "RMB",
            "value": value,
        }
        for col, key in enumerate(header, start=1):
            ws.cell(last_row + k, col, rec.get(key))
    table.ref = f"{first}:{last.rstrip('0123456789')}{last_row + 3}"
    book.save(work)
    result = refresh(work)
    wb = OpenpyxlWorkbook.open(work)
    labels = [r[0] for r in wb.read_block(c.SCHEDULES, "A1:A200")]
    at = labels.index("Restructuring")
    # Appended to the 2024 table (before the 2023 heading); earlier rows did not move.
    assert labels.index("Segment profit or loss, Year ended December 31, 2023") == at + 2
    assert labels[:at] == [r[0] for r in sheet_before[:at]]
    row = wb.read_block(c.SCHEDULES, f"B{at + 1}:D{at + 1}")[0]
    assert all(isinstance(v, Formula) and '"Restructuring"' in v for v in row)
    _, _, checks = wb.read_table(c.CHECKS_TABLE)
    assert any(r[1] == "seg.crossfoot" and "Restructuring / Total / 2024" in r[3] for r in checks)
    assert result.summary["errors"] == 0


def test_fill_from_a_filled_workbook_reuses_its_data_table(filled, tmp_path):
    again = fill(filled, tmp_path / "again.xlsx")
    first, second = OpenpyxlWorkbook.open(filled), OpenpyxlWorkbook.open(again)
    assert first.read_table(c.DATA_TABLE)[2] == second.read_table(c.DATA_TABLE)[2]
    assert first.read_block(c.SCHEDULES, "A1:J120") == second.read_block(c.SCHEDULES, "A1:J120")


def test_cli_refresh_to_a_new_file_says_what_it_could_not_keep(filled, tmp_path):
    rich = tmp_path / "rich.xlsx"
    shutil.copyfile(filled, rich)
    pkg = Package(rich)  # a customXml part, referred to from the workbook as Excel does
    pkg.add("customXml/item1.xml", b"<x/>")
    pkg.relate("xl/workbook.xml", OFFICE + "customXml", "customXml/item1.xml")
    pkg.save(rich)
    runner = CliRunner()
    out = tmp_path / "copy.xlsx"
    res = runner.invoke(refresh_cmd, [str(rich), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "not carried over" in res.output and "customXml parts" in res.output
    assert out.exists()
    res = runner.invoke(refresh_cmd, [str(rich)])  # in place it is kept: nothing to say
    assert res.exit_code == 0 and "not carried over" not in res.output, res.output
    assert Package(rich).contents["customXml/item1.xml"] == b"<x/>"


def test_figures_with_decimals_keep_their_digits(tmp_path):
    csv = tmp_path / "millions.csv"
    csv.write_text(
        "table,period,line,segment,currency,value\n"
        "Revenue,2024,Revenue,A,USD,1028.4\n"
        "Revenue,2024,Revenue,B,USD,11.6\n"
        "Revenue,2024,Revenue,Total,USD,1040.0\n",
        encoding="utf-8",
    )
    out = fill(csv, tmp_path / "millions.xlsx")
    book = openpyxl.load_workbook(out)
    ws = book[c.SCHEDULES]
    formats = {
        cell.number_format
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=SUMIFS")
    }
    assert formats == {'#,##0.0_);(#,##0.0);"—"_)'}
    data = book[c.DATA]
    assert {data[f"F{r}"].number_format for r in (2, 3, 4)} == {'#,##0.0_);(#,##0.0);"—"_)'}
    assert check_workbook(out).summary["errors"] == 0


def test_the_main_cli_reports_workbook_faults_in_one_line(tmp_path):
    from xlsegment.cli import cli

    bare = tmp_path / "bare.xlsx"
    openpyxl.Workbook().save(bare)
    res = CliRunner().invoke(cli, ["check", str(bare)])
    assert res.exit_code == 2
    assert "bare.xlsx" in res.output and "no Excel table named 'Data'" in res.output
    assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("rate", "why"),
    [("seven", '"seven" is not a number'), (-7.3, "-7.3 must be positive"), (0, "0 must be positive")],
)
def test_a_bad_rate_in_settings_names_its_cell(work, rate, why):
    book = openpyxl.load_workbook(work)
    target = book.defined_names["xls_FxRate"].attr_text  # 'Settings'!$B$8
    sheet, cell = target.split("!")
    book[sheet.strip("'")][cell.replace("$", "")] = rate
    book.save(work)
    before = parts(work)
    with pytest.raises(WorkbookError, match=re.escape(f"Settings!B8: the convenience rate {why}")):
        refresh(work)
    assert parts(work) == before


def test_fill_accepts_a_dataframe_of_tidy_facts(tmp_path):
    from xlsegment.api import parse

    frame = parse(SEED).to_frame()
    out = fill(frame, tmp_path / "frame.xlsx")
    result = check_workbook(out)
    assert result.summary["errors"] == 0
    _, _, rows = OpenpyxlWorkbook.open(out).read_table(c.DATA_TABLE)
    assert len(rows) == len(frame)


def test_renamed_sheets_are_found_through_their_names_and_tables(work):
    book = openpyxl.load_workbook(work)
    renames = {"Settings": "Inputs", "Data": "Facts", "Schedules": "Note 33", "Checks": "Tie-out"}
    for old, new in renames.items():
        book[old].title = new
    # What Excel does on a rename: every defined name follows its sheet.
    for dn in book.defined_names.values():
        for old, new in renames.items():
            dn.attr_text = dn.attr_text.replace(f"'{old}'!", f"'{new}'!")
    book.save(work)
    set_data_value(work, KEY, 0)  # no-op edit through the renamed Data sheet's table
    result = refresh(work)
    wb = OpenpyxlWorkbook.open(work)
    assert wb.sheet_names() == list(renames.values())
    assert wb.tables() == {
        "Data": ("Facts", wb.tables()["Data"][1]),
        "Checks": ("Tie-out", wb.tables()["Checks"][1]),
    }
    _, _, checks = wb.read_table(c.CHECKS_TABLE)
    assert all("'Note 33'!" in str(r[4]) for r in checks if r[0].startswith("C"))
    assert result.summary["errors"] == 0
    # Findings on figures point at the renamed Schedules; note-wide ones at their Checks row.
    assert {f.sheet for f in result.findings} == {"Note 33", "Tie-out"}
    assert all(f.cell for f in result.findings)
