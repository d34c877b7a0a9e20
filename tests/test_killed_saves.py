"""A save killed with SIGKILL cannot remove its temp file; the next save in that folder does,
whether the killed process is long gone or still exiting when that save starts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from xlsegment import outputs
from xlsegment.workbook.api import fill

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"


def saving_child(folder: Path) -> subprocess.Popen:
    """A process that starts a save of ``folder/book.xlsx``, writes half of it into its temp
    file and waits there to be killed; it returns once the temp file is on disk."""
    ready = folder / "ready"
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from xlsegment import outputs

        def half_a_workbook(tmp):
            Path(tmp).write_bytes(b"PK half a workbook")
            Path({str(ready)!r}).touch()
            time.sleep(120)

        outputs.write_atomic({str(folder / "book.xlsx")!r}, half_a_workbook, suffix=".xlsx")
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
    assert ready.exists(), "the child never reached its save"
    ready.unlink()
    return child


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".~xlsegment-*"))


@pytest.mark.parametrize("reaped", [True, False], ids=["reaped", "a zombie"])
def test_the_next_save_removes_the_temp_file_of_a_killed_save(tmp_path, reaped):
    child = saving_child(tmp_path)
    try:
        os.kill(child.pid, signal.SIGKILL)
        if reaped:
            child.wait(timeout=30)
        else:  # killed but not yet waited for: it still answers signal 0
            while _state(child.pid) not in ("Z", None):
                time.sleep(0.01)
        left = temps(tmp_path)
        assert len(left) == 1 and left[0].startswith(outputs.temp_prefix().rsplit("-", 2)[0])
        assert f"-{child.pid}-" in left[0]
        fill(SEED, tmp_path / "report.xlsx")
        assert temps(tmp_path) == []
        assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]
    finally:
        child.kill()
        child.wait(timeout=30)


def test_a_save_killed_while_the_next_save_runs_leaves_no_temp_file(tmp_path):
    """The next save starts while the killed process still runs (it was being killed, or
    exiting); it is gone by the time that save ends, and so is its temp file."""
    child = saving_child(tmp_path)
    try:

        def write_then_kill(tmp: str) -> None:
            Path(tmp).write_text("table,period\n", encoding="utf-8")
            assert len(temps(tmp_path)) == 2  # the child's, alive at the first look, and ours
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)

        outputs.write_atomic(tmp_path / "facts.csv", write_then_kill, suffix=".csv")
        assert temps(tmp_path) == []
        assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]
    finally:
        child.kill()
        child.wait(timeout=30)


def test_the_temp_file_of_a_live_save_is_left_alone(tmp_path):
    child = saving_child(tmp_path)
    try:
        fill(SEED, tmp_path / "report.xlsx")
        assert len(temps(tmp_path)) == 1 and f"-{child.pid}-" in temps(tmp_path)[0]
    finally:
        child.kill()
        child.wait(timeout=30)


def _state(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0].decode()
    except OSError:
        return None
