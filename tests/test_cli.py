"""The command line as a user runs it: real processes, exit codes, one-line errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from tests.conftest import FINDING_FIELDS

# Every test starts real processes (about half a second each); the in-process CliRunner
# tests (test_cli_no_silent_ignoring.py and others) keep the fast loop's CLI coverage.
pytestmark = pytest.mark.slow


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", *map(str, args)], capture_output=True, text=True
    )


def test_check_seed_exit_0_and_report(seed_path):
    p = run("check", seed_path)
    assert p.returncode == 0, p.stderr
    assert "0 errors" in p.stdout
    assert "T1 Segment profit or loss" in p.stdout


def test_check_json_has_the_interface_fields(seed_path):
    p = run("check", seed_path, "--json", "--rate", "7.0")
    assert p.returncode == 1
    doc = json.loads(p.stdout)
    assert {"checks", "errors", "warnings", "infos"} <= set(doc["summary"])
    assert doc["summary"]["covered"] == doc["summary"]["figures"] == 188
    f = doc["findings"][-1]
    assert set(FINDING_FIELDS) <= set(f)
    assert doc["summary"]["errors"] == sum(1 for f in doc["findings"] if f["severity"] == "error")


def test_unusable_input_exit_2_one_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing to see here\nat all\n")
    p = run("check", bad)
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "bad.txt:1" in p.stderr
    assert "Traceback" not in p.stderr
    missing = run("check", tmp_path / "missing.txt")
    assert missing.returncode == 2 and "file not found" in missing.stderr


def test_bad_rate_exit_2(seed_path):
    p = run("check", seed_path, "--rate", "abc")
    assert p.returncode == 2 and "Traceback" not in p.stderr


def test_parse_csv_round_trips_through_check(seed_path, tmp_path):
    out = tmp_path / "facts.csv"
    p = run("parse", seed_path, "--csv", out)
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(out.open()))
    assert {"table", "period", "line", "segment", "currency", "value"} <= set(rows[0])
    assert any(r["line"] == "Segment profit (loss)" and r["value"] == "57716" for r in rows)
    back = run("check", out, "--json")
    assert back.returncode == 0, back.stdout[-500:]
    assert json.loads(back.stdout)["summary"]["errors"] == 0


def test_tidy_csv_error_names_file_and_line(tmp_path):
    bad = tmp_path / "facts.csv"
    bad.write_text("table,period,line,segment,currency,value\nP,2024,Revenue,A,RMB,abc\n")
    p = run("check", bad)
    assert p.returncode == 2 and "facts.csv:2" in p.stderr and "abc" in p.stderr


def test_report_of_a_180_check_note_fits_on_a_screen():
    from tests.conftest import CORPUS

    note = CORPUS / "04_unitedhealth_2024.txt"
    short = run("check", note)
    assert short.returncode == 0
    assert "182 checks" in short.stdout
    assert len(short.stdout.splitlines()) <= 25
    verbose = run("check", note, "--verbose")
    assert len(verbose.stdout.splitlines()) > 180  # every relation listed


def test_check_path_imports_no_pandas_openpyxl_or_xlwings(seed_path):
    code = (
        "import sys; from xlsegment.cli import cli; from xlsegment.api import check; "
        f"check({str(seed_path)!r}); "
        "heavy = [m for m in ('pandas', 'openpyxl', 'xlwings') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def test_demo_fills_the_sample_and_prints_its_report(tmp_path):
    import zipfile

    out = tmp_path / "report.xlsx"
    p = subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", "demo", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    assert "86 checks: 0 errors" in p.stdout
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
    assert any(n.startswith("xl/tables/") for n in names)  # the Data table is there
    default = subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", "demo"], capture_output=True, text=True, cwd=tmp_path
    )
    assert default.returncode == 0 and (tmp_path / "segment_report.xlsx").exists()


def test_folders_and_unwritable_targets_are_one_line_errors(tmp_path, seed_path):
    folder = tmp_path / "adir"
    folder.mkdir()
    for args in (
        ("check", folder),
        ("parse", folder, "--csv", tmp_path / "x.csv"),
        ("parse", seed_path, "--csv", folder),
        ("fill", folder, "-o", tmp_path / "x.xlsx"),
        ("refresh", folder),
        ("share", folder, "-o", tmp_path / "s.xlsx"),
    ):
        p = run(*args)
        assert p.returncode == 2, (args, p.stdout, p.stderr)
        assert p.stderr.count("\n") == 1 and "adir" in p.stderr, (args, p.stderr)


def test_a_note_with_nothing_to_check_says_so(tmp_path):
    note = tmp_path / "one.txt"
    note.write_text("Revenue\n100\n")
    p = run("check", note)
    assert p.returncode == 0 and "seg.nochecks" in p.stdout
