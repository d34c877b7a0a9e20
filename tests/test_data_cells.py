"""Data-table cells are refused with their address and the value as typed, or read right:
text numbers, text decimals, dates in periods, decimals out of bounds."""

from __future__ import annotations

import datetime as dt
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.xlsx_parts import parts
from xlsegment.workbook.api import check_workbook, fill, refresh

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
MEMORY = 2 * 2**30  # a run that needed more has lost its bounds: it fails instead of swapping


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return fill(SEED, tmp_path_factory.mktemp("cells") / "seed.xlsx")


def with_cell(filled: Path, folder: Path, cell: str, value) -> Path:
    path = folder / "book.xlsx"
    shutil.copyfile(filled, path)
    book = openpyxl.load_workbook(path)
    book["Data"][cell].value = value
    book.save(path)
    return path


def bounded(*args: str) -> subprocess.CompletedProcess:
    """xlsegment in its own process, with its address space capped."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=cap,
    )


REFUSED = [
    ("F7", "110,739", 'Data!F7: the value "110,739" is text, which the schedules\' SUMIFS skip'),
    ("F7", "=F6*2", "Data!F7: the value =F6*2 is a formula"),
    ("F7", dt.datetime(2024, 12, 31), "Data!F7: the value 2024-12-31 is a date, not an amount"),
    ("G7", "two", 'Data!G7: decimals "two" is not a whole number from -20 to 20'),
    ("G7", 10**9, "Data!G7: decimals 1000000000 is outside -20 to 20"),
    ("B7", dt.datetime(2024, 12, 31), "Data!B7: 2024-12-31 is a date, but periods and labels are text"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("cell", "typed", "message"), REFUSED)
def test_a_bad_data_cell_is_refused_by_check_and_refresh_naming_it(filled, tmp_path, cell, typed, message):
    path = with_cell(filled, tmp_path, cell, typed)
    before = parts(path)
    for command in ("check", "refresh"):
        run = bounded(command, str(path))
        assert run.returncode == 2, (command, run.stdout, run.stderr)
        assert run.stderr == f"xlsegment: {path}: {message}" + run.stderr.split(message, 1)[1]
        assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
        assert "datetime.datetime" not in run.stderr
    assert parts(path) == before


@pytest.mark.slow
@pytest.mark.parametrize(("cell", "typed"), [("G7", "0"), ("G7", 0.0), ("F7", "—")])
def test_text_decimals_and_dashes_are_read_correctly(filled, tmp_path, cell, typed):
    path = with_cell(filled, tmp_path, cell, typed)
    refresh(path)
    result = check_workbook(path)
    assert result.summary["checks"] > 0


@pytest.mark.slow
def test_huge_decimals_take_no_memory_in_check_or_refresh(filled, tmp_path):
    # 10^9 decimals once took 4.8 GB in check and 11.5 GB and a traceback in refresh.
    path = with_cell(filled, tmp_path, "G7", 10**9)
    for command in ("check", "refresh"):
        run = bounded(command, str(path))
        assert run.returncode == 2 and "outside -20 to 20" in run.stderr, run.stderr
