"""Every file the product writes: never over something that is not a file, links written
through, permissions from the umask, CSV to standard output, no temp files left behind."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from xlsegment import outputs, processes
from xlsegment.workbook.api import fill

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "xlsegment" / "data" / "sample_note.txt"


def xlsegment(*args: str, umask: int | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it (a real process: umask and stdout are its own)."""
    code = "import sys, os\n"
    if umask is not None:
        code += f"os.umask({umask})\n"
    code += "from xlsegment.cli import main\nsys.argv = ['xlsegment'] + sys.argv[1:]\nmain()\n"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120)


def one_line(run: subprocess.CompletedProcess) -> str:
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_csv_onto_a_device_is_refused_and_the_device_stays():
    before = os.stat("/dev/null")
    err = one_line(xlsegment("parse", str(SEED), "--csv", "/dev/null"))
    assert "/dev/null: is a device, not a file; nothing was written" in err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_csv_onto_a_fifo_or_folder_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    err = one_line(xlsegment("parse", str(SEED), "--csv", str(fifo)))
    assert "pipe.csv: is a pipe (FIFO), not a file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    folder = tmp_path / "out.csv"
    folder.mkdir()
    err = one_line(xlsegment("parse", str(SEED), "--csv", str(folder)))
    assert "out.csv: is a folder; give a file name" in err
    assert folder.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "pipe.csv"]


def test_workbook_outputs_refuse_special_files_too(tmp_path):
    fifo = tmp_path / "report.xlsx"
    os.mkfifo(fifo)
    err = one_line(xlsegment("fill", str(SEED), "-o", str(fifo)))
    assert "report.xlsx: is a pipe (FIFO), not a file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    real = real_dir / "facts.csv"
    real.write_text("old contents", encoding="utf-8")
    link = tmp_path / "facts.csv"
    link.symlink_to(real)
    run = xlsegment("parse", str(SEED), "--csv", str(link))
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("table,period,line,segment,currency,value")
    assert sorted(p.name for p in real_dir.iterdir()) == ["facts.csv"]  # no temp file left


def test_a_link_to_nothing_is_refused(tmp_path):
    link = tmp_path / "facts.csv"
    link.symlink_to(tmp_path / "missing" / "facts.csv")
    err = one_line(xlsegment("parse", str(SEED), "--csv", str(link)))
    assert "facts.csv: is a link to" in err and "which does not exist" in err
    assert link.is_symlink() and not (tmp_path / "missing").exists()


def test_csv_to_standard_output_is_the_same_bytes_as_the_file(tmp_path):
    to_file = tmp_path / "facts.csv"
    assert xlsegment("parse", str(SEED), "--csv", str(to_file)).returncode == 0
    run = xlsegment("parse", str(SEED), "--csv", "-")
    assert run.returncode == 0
    assert run.stdout == to_file.read_bytes()
    assert b"facts from 7 tables -> standard output" in run.stderr


@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_new_files_get_the_permissions_the_umask_gives(tmp_path, umask):
    csv_out, book = tmp_path / "facts.csv", tmp_path / "report.xlsx"
    assert xlsegment("parse", str(SEED), "--csv", str(csv_out), umask=umask).returncode == 0
    assert xlsegment("fill", str(SEED), "-o", str(book), umask=umask).returncode == 0
    for path in (csv_out, book):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


def test_a_replaced_file_keeps_its_own_permissions(tmp_path):
    csv_out = tmp_path / "facts.csv"
    csv_out.write_text("x", encoding="utf-8")
    csv_out.chmod(0o640)
    assert xlsegment("parse", str(SEED), "--csv", str(csv_out), umask=0o022).returncode == 0
    assert stat.S_IMODE(csv_out.stat().st_mode) == 0o640
    assert csv_out.read_text(encoding="utf-8").startswith("table,")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert not processes.alive(proc.pid)
    return proc.pid


def test_the_next_save_removes_temp_files_of_dead_processes_only(tmp_path):
    host = processes.host()
    dead = tmp_path / f".~xlsegment-{host}-{_dead_pid()}-abcd1234.xlsx"
    live = tmp_path / f".~xlsegment-{host}-{os.getpid()}-abcd1234.xlsx"  # this process: alive
    other_host = tmp_path / f".~xlsegment-0badf00d-{_dead_pid()}-abcd1234.xlsx"
    old_style = tmp_path / ".~xlsegment-k2j4h5g6.xlsx"  # from before names carried a process
    recent_old_style = tmp_path / ".~xlsegment-a1b2c3d4.xlsx"
    mine = tmp_path / "notes.txt"
    for path in (dead, live, other_host, old_style, recent_old_style, mine):
        path.write_bytes(b"PK half a workbook")
    day_ago = os.path.getmtime(mine) - 2 * 86400
    os.utime(old_style, (day_ago, day_ago))
    fill(SEED, tmp_path / "report.xlsx")
    left = {p.name for p in tmp_path.iterdir()}
    assert dead.name not in left and old_style.name not in left
    assert {live.name, other_host.name, recent_old_style.name, mine.name, "report.xlsx"} == left


@pytest.mark.slow
def test_a_save_stopped_by_sigterm_removes_its_temp_file(tmp_path):
    book = tmp_path / "report.xlsx"
    shutil.copyfile(fill(SEED, tmp_path / "first.xlsx"), book)
    before = book.read_bytes()
    started = tmp_path / "saving"
    script = f"""
import time
from pathlib import Path
from xlsegment.workbook.engines import openpyxl_engine
from xlsegment.workbook.api import refresh

def slow_save(self, target=None, sheets=None):  # in place, the engine saves into memory first
    (target if hasattr(target, "write") else open(target, "wb")).write(b"PK half a workbook")
    Path({str(started)!r}).touch()
    time.sleep(60)

openpyxl_engine.OpenpyxlWorkbook.save = slow_save
refresh({str(book)!r})
"""
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        _wait_for(started)
        proc.terminate()
    finally:
        proc.wait(timeout=30)
    assert book.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.xlsx", "report.xlsx", "saving"]
    openpyxl.load_workbook(book)


def _wait_for(path: Path, seconds: float = 60) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.exists(), f"{path.name} never appeared"


def test_write_atomic_refuses_before_replacing_when_the_last_check_fails(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("kept", encoding="utf-8")

    def refuse():
        raise outputs.OutputError("out.csv: changed; nothing was written")

    with pytest.raises(outputs.OutputError, match="nothing was written"):
        outputs.write_atomic(target, lambda tmp: Path(tmp).write_text("new", encoding="utf-8"), "", refuse)
    assert target.read_text(encoding="utf-8") == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
