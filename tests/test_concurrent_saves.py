"""Writers take turns and a refresh never saves over a workbook that changed under it.

The trials run real ``xlsegment refresh`` processes, as users would, next to an outside save
that writes a new file beside the workbook and renames it over, as Excel saves.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlsegment import processes
from xlsegment.workbook import api, safety
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.engines.base import WorkbookError

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
TRIALS = 20


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return fill(SEED, tmp_path_factory.mktemp("concurrent") / "seed.xlsx")


def outside_save(path: Path, text: str) -> None:
    """A colleague's save: the whole workbook written beside it, then renamed over it."""
    book = openpyxl.load_workbook(path)
    ws = book["Colleague"] if "Colleague" in book.sheetnames else book.create_sheet("Colleague")
    ws["A1"] = text
    beside = path.with_name(f"~{path.stem}.tmp")
    book.save(beside)
    os.replace(beside, path)


def start_refresh(path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "xlsegment.cli", "refresh", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def intact(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            if zf.testzip() is not None:
                return False
        openpyxl.load_workbook(path)
    except Exception:  # noqa: BLE001 - any failure to read is a corrupt file
        return False
    return True


@pytest.mark.slow
def test_two_refreshes_and_an_outside_save_lose_no_edit_and_corrupt_no_file(filled, tmp_path):
    rng = random.Random(11)
    lost = corrupt = refused = saved = 0
    for trial in range(TRIALS):
        book = tmp_path / f"trial{trial}.xlsx"
        shutil.copyfile(filled, book)
        runs = [start_refresh(book), start_refresh(book)]
        time.sleep(rng.uniform(0.3, 3.0))
        edit = f"edit of trial {trial}"
        outside_save(book, edit)
        for run in runs:
            _, err = run.communicate(timeout=180)
            assert run.returncode in (0, 2), err
            lines = err.splitlines()
            # A run that found the other at work says so in one line before its own result.
            assert all("waiting for xlsegment process" in line for line in lines[:-1]), err
            if run.returncode == 2:
                assert "changed on disk since it was read; nothing was written" in lines[-1], err
                refused += 1
            else:
                saved += 1
        if not intact(book):
            corrupt += 1
        elif openpyxl.load_workbook(book)["Colleague"]["A1"].value != edit:
            lost += 1
        assert sorted(p.name for p in tmp_path.glob(f"*trial{trial}*")) == [book.name]  # no lock, no temp
    assert (lost, corrupt) == (0, 0)
    # The trials exercised the race: some refreshes saw the outside save land mid-way.
    assert refused >= 1 and saved >= 1, (refused, saved)


def _write_lock(book: Path, pid: int, started: str | None, host: str | None = None) -> Path:
    lock = safety.lock_path(book)
    holder = {"pid": pid, "host": host or processes.host(), "started": started, "token": "someone"}
    lock.write_text(json.dumps(holder), encoding="utf-8")
    return lock


def test_a_live_writer_is_waited_for_then_refused(filled, tmp_path, monkeypatch, capsys):
    book = tmp_path / "book.xlsx"
    shutil.copyfile(filled, book)
    before = book.read_bytes()
    lock = _write_lock(book, os.getpid(), processes.started(os.getpid()))  # this process: alive
    monkeypatch.setattr(safety, "LOCK_WAIT", 0.3)
    with pytest.raises(WorkbookError, match=rf"xlsegment process {os.getpid()} is writing this workbook"):
        refresh(book)
    assert "waiting for xlsegment process" in capsys.readouterr().err
    assert book.read_bytes() == before and lock.exists()


def test_a_lock_of_another_machine_is_honoured(filled, tmp_path, monkeypatch):
    book = tmp_path / "book.xlsx"
    shutil.copyfile(filled, book)
    _write_lock(book, 1, None, host="0badf00d")
    monkeypatch.setattr(safety, "LOCK_WAIT", 0.2)
    with pytest.raises(WorkbookError, match="on another machine is writing .* delete .*lock if no xlsegment"):
        refresh(book)


@pytest.mark.slow
@pytest.mark.parametrize("reused", [False, True], ids=["dead process", "process id reused"])
def test_a_stale_lock_is_taken_over_with_a_message(filled, tmp_path, capsys, reused):
    book = tmp_path / "book.xlsx"
    shutil.copyfile(filled, book)
    if reused:  # this process's id, but a start time that is not this process's
        lock = _write_lock(book, os.getpid(), "1")
    else:
        proc = subprocess.Popen([sys.executable, "-c", "pass"])
        proc.wait()
        lock = _write_lock(book, proc.pid, None)
    refresh(book)
    assert "took over the lock left by xlsegment process" in capsys.readouterr().err
    assert not lock.exists() and intact(book)


def test_an_empty_lock_is_waited_for_while_young_and_taken_over_when_old(filled, tmp_path, monkeypatch):
    book = tmp_path / "book.xlsx"
    shutil.copyfile(filled, book)
    lock = safety.lock_path(book)
    lock.write_bytes(b"")  # its writer died between creating and filling it
    monkeypatch.setattr(safety, "LOCK_WAIT", 0.2)
    monkeypatch.setattr(safety, "_UNREADABLE_GRACE", 3600.0)

    def give_up(*args):
        raise TimeoutError("still waiting")

    monkeypatch.setattr(safety.time, "sleep", give_up)
    with pytest.raises(TimeoutError):
        refresh(book)  # young: it waits (and would refuse once LOCK_WAIT passed)
    monkeypatch.setattr(safety, "_UNREADABLE_GRACE", 0.0)
    old = time.time() - 60
    os.utime(lock, (old, old))
    refresh(book)
    assert not lock.exists()


def test_a_writer_that_lost_its_lock_does_not_save(filled, tmp_path, monkeypatch):
    book = tmp_path / "book.xlsx"
    shutil.copyfile(filled, book)
    before = book.read_bytes()
    real = api.render

    def render_while_the_lock_is_stolen(*args, **kwargs):
        located = real(*args, **kwargs)
        _write_lock(book, os.getpid(), None)  # another writer's lock, another token
        return located

    monkeypatch.setattr(api, "render", render_while_the_lock_is_stolen)
    with pytest.raises(WorkbookError, match="another process took the lock .* nothing was written"):
        refresh(book)
    assert book.read_bytes() == before


def test_excel_opening_the_workbook_mid_refresh_stops_the_save(filled, tmp_path, monkeypatch):
    book = tmp_path / "budget.xlsx"
    shutil.copyfile(filled, book)
    before = book.read_bytes()
    real = api.render

    def render_while_excel_opens_it(*args, **kwargs):
        located = real(*args, **kwargs)
        (tmp_path / "~$budget.xlsx").write_bytes(b"owner")
        return located

    monkeypatch.setattr(api, "render", render_while_excel_opens_it)
    with pytest.raises(WorkbookError, match=r"the workbook is open \(~\$budget\.xlsx exists\)"):
        refresh(book)
    assert book.read_bytes() == before


def test_an_outside_rename_with_the_same_bytes_still_counts_as_a_change(filled, tmp_path, monkeypatch):
    # Another file now sits at the path: its content may match, but it is not what was read.
    book = tmp_path / "book.xlsx"
    shutil.copyfile(filled, book)
    real = api.render

    def render_while_renamed_over(*args, **kwargs):
        located = real(*args, **kwargs)
        copy = tmp_path / "copy.xlsx"
        shutil.copyfile(book, copy)
        os.replace(copy, book)
        return located

    monkeypatch.setattr(api, "render", render_while_renamed_over)
    with pytest.raises(WorkbookError, match="changed on disk since it was read"):
        refresh(book)
