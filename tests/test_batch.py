"""``xlsegment batch`` on a real Dask local cluster of two worker processes.

The sources are the corpus notes copied three times over, a damaged workbook, a file that
is no note, and a note so long that its check runs past the timeout. What must hold:
- the Parquet rows equal ``check --json`` for each note (summary and every finding);
- a rerun does no work;
- a run killed with SIGKILL resumes, to the same tables;
- Ctrl-C leaves a consistent folder (readable tables of what is done, no temp file, no
  lock) and exit code 130.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyarrow import parquet

from xlsegment import report
from xlsegment.api import check
from xlsegment.batch.run import run_batch
from xlsegment.batch.task import Options

DATA = Path(__file__).parent / "data"
NOTES = sorted((DATA / "corpus").glob("*.txt")) + sorted((DATA / "corpus2").glob("*.txt"))
TIMEOUT = 20.0  # every corpus note takes well under a second; the long note far more


def _long_note(path: Path, rows: int = 400_000) -> None:
    """A note of 400,000 one-line rows: read for minutes, so the timeout stops it."""
    lines = ["Segment information", "Mining", "Games", "Total", "2024", "2024", "2024"]
    for i in range(rows):
        lines += [f"Line {i}", "1", "2", "3"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("filings")
    for copy in ("a", "b", "c"):
        (root / copy).mkdir()
        for note in NOTES:
            shutil.copy(note, root / copy / note.name)
    (root / "odd").mkdir()
    (root / "odd" / "damaged.xlsx").write_bytes(b"this was never a workbook")
    (root / "odd" / "minutes.txt").write_text("Board minutes\nThe board met and resolved nothing.\n")
    _long_note(root / "odd" / "long_note.txt")
    return root


@pytest.fixture(scope="module")
def first_run(sources, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    tally, written = run_batch([str(sources)], out, Options(timeout=TIMEOUT), workers=2, quiet=True)
    return out, tally, written


def _rows(path: Path) -> list[dict]:
    return parquet.read_table(path).to_pylist()


pytestmark = pytest.mark.slow


def test_every_filing_has_a_row_with_its_status(first_run, sources):
    out, tally, written = first_run
    assert [p.name for p in written] == ["filings.parquet", "findings.parquet"]
    rows = {Path(r["path"]).relative_to(sources).as_posix(): r for r in _rows(out / "filings.parquet")}
    assert len(rows) == 3 * len(NOTES) + 3
    odd = {k: (r["status"], r["reason"]) for k, r in rows.items() if k.startswith("odd/")}
    assert odd["odd/damaged.xlsx"][0] == "refused" and "not an xlsx workbook" in odd["odd/damaged.xlsx"][1]
    assert odd["odd/minutes.txt"][0] == "refused"
    assert odd["odd/long_note.txt"] == (
        "timed out",
        f"the check ran past the timeout of {TIMEOUT:g} s and was stopped",
    )
    # each content once: the three copies of a note share one check
    assert tally.total == len(NOTES) + 3 and tally.skipped == 0
    assert tally.statuses["ok"] == len(NOTES) and tally.statuses["timed out"] == 1


@pytest.mark.parametrize("note", NOTES, ids=lambda p: p.stem)
def test_the_rows_equal_check_json(first_run, sources, note):
    out, _, _ = first_run
    want = report.to_dict(check(note))
    rows = [r for r in _rows(out / "filings.parquet") if Path(r["path"]).name == note.name]
    assert len(rows) == 3 and len({r["sha256"] for r in rows}) == 1
    row = rows[0]
    for key in ("presentation_currency", "unit", "convenience_unit"):
        assert row[key] == want[key]
    summary = {**want["summary"]}
    assert {k: row[k] for k in summary} == summary
    findings = [f for f in _rows(out / "findings.parquet") if f["sha256"] == row["sha256"]]
    assert (
        [{k: f[k] for k in want["findings"][0]} for f in findings] == want["findings"]
        if want["findings"]
        else not findings
    )


def test_a_rerun_does_no_work(first_run, sources):
    out, _, written = first_run
    before = {p.name: _rows(p) for p in written}
    started = time.perf_counter()
    tally, again = run_batch([str(sources)], out, Options(timeout=TIMEOUT), workers=2, quiet=True)
    assert tally.total == 0 and tally.skipped == len(NOTES) + 3
    assert {p.name: _rows(p) for p in again} == before
    assert time.perf_counter() - started < TIMEOUT  # no cluster started, the long note not read again


def _start(sources: Path, out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "xlsegment.cli", "batch", str(sources), "-o", str(out)]
    command += ["--workers", "2", "--timeout", str(TIMEOUT), "-q"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_parts(out: Path, process: subprocess.Popen, count: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if len(list((out / ".parts").glob("*.json"))) >= count:
            return
        time.sleep(0.05)
    pytest.fail(f"the batch wrote fewer than {count} parts (exit {process.poll()})")


def _comparable(rows: list[dict]) -> list[dict]:
    return sorted(
        ({k: v for k, v in r.items() if k not in ("seconds", "peak_mb")} for r in rows),
        key=lambda r: r["path"],
    )


def test_a_killed_run_resumes_to_the_same_tables(first_run, sources, tmp_path):
    out = tmp_path / "out"
    process = _start(sources, out)
    _wait_for_parts(out, process, 3)
    os.killpg(process.pid, signal.SIGKILL)  # the batch and its cluster, as a crash would
    process.wait()
    done_before = len(list((out / ".parts").glob("*.json")))
    tally, written = run_batch([str(sources)], out, Options(timeout=TIMEOUT), workers=2, quiet=True)
    assert tally.skipped == done_before >= 3
    assert tally.total == len(NOTES) + 3 - done_before
    assert _comparable(_rows(written[0])) == _comparable(_rows(first_run[0] / "filings.parquet"))
    assert not list(out.glob(".~xlsegment-*")) and not (out / ".lock").exists()


def test_ctrl_c_leaves_a_consistent_folder(sources, tmp_path):
    out = tmp_path / "out"
    process = _start(sources, out)
    _wait_for_parts(out, process, 3)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends Ctrl-C to the job
    stdout, _ = process.communicate(timeout=120)
    assert process.returncode == 130
    assert b"run the same command again to resume" in stdout
    parts = {p.stem for p in (out / ".parts").glob("*.json")}
    rows = _rows(out / "filings.parquet")
    assert rows and {r["sha256"] for r in rows} == parts
    assert not list(out.glob(".~xlsegment-*")) and not list((out / ".parts").glob(".~*"))
    assert not (out / ".lock").exists()


def test_a_rerun_with_other_options_checks_again_and_retries_on_request(first_run, sources, tmp_path):
    out, _, _ = first_run
    copy = tmp_path / "again"
    shutil.copytree(out, copy)
    (copy / ".lock").unlink(missing_ok=True)
    few = tmp_path / "few"
    few.mkdir()
    shutil.copy(NOTES[0], few / NOTES[0].name)
    # --tables 1: another result, so another part (check --tables refuses a text note)
    tally, _ = run_batch([str(few)], copy, Options(timeout=TIMEOUT, tables=(1,)), workers=1, quiet=True)
    assert tally.total == 1 and tally.statuses["refused"] == 1
    # the timed-out note is skipped, unless asked to retry (here with the same timeout)
    long_note = [str(sources / "odd" / "long_note.txt")]
    tally, _ = run_batch(long_note, copy, Options(timeout=TIMEOUT), workers=1, quiet=True)
    assert tally.total == 0 and tally.skipped == 1
    tally, _ = run_batch(long_note, copy, Options(timeout=1.0), workers=1, quiet=True, retry_failed=True)
    assert tally.total == 1 and tally.statuses["timed out"] == 1


def test_an_unreachable_scheduler_is_one_line_with_nothing_written(sources, tmp_path):
    from xlsegment.errors import InputError

    with pytest.raises(InputError, match="no Dask scheduler reached"):
        run_batch([str(sources / "a")], tmp_path / "out", Options(), scheduler="nonsense", quiet=True)
    assert not (tmp_path / "out" / "filings.parquet").exists()


def test_csv_tables_hold_the_same_rows(first_run, sources, tmp_path):
    out, _, _ = first_run
    copy = tmp_path / "csv"
    shutil.copytree(out, copy)  # the parts: nothing is checked again
    (copy / ".lock").unlink(missing_ok=True)
    tally, written = run_batch([str(sources)], copy, Options(timeout=TIMEOUT), as_csv=True, quiet=True)
    assert tally.total == 0 and [p.name for p in written] == ["filings.csv", "findings.csv"]
    from pyarrow import csv

    as_csv = csv.read_csv(written[0]).to_pylist()
    assert [(r["path"], r["status"], r["checks"]) for r in as_csv] == [
        (r["path"], r["status"], r["checks"]) for r in _rows(out / "filings.parquet")
    ]
    findings = csv.read_csv(written[1]).to_pylist()
    assert len(findings) == len(_rows(out / "findings.parquet"))


def test_an_existing_cluster_runs_the_batch_too(first_run, sources, tmp_path):
    """--scheduler: a cluster the batch did not start. Its workers are daemon processes,
    which may not fork: each filing's check runs in a new interpreter instead."""
    from distributed import LocalCluster

    few = tmp_path / "few"
    few.mkdir()
    for note in NOTES[:4]:
        shutil.copy(note, few / note.name)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        tally, written = run_batch(
            [str(few)],
            tmp_path / "out",
            Options(timeout=TIMEOUT),
            scheduler=cluster.scheduler_address,
            quiet=True,
        )
        assert len(cluster.scheduler.workers) == 2  # the cluster outlives the batch
    assert tally.statuses["ok"] == 4
    want = {Path(r["path"]).name: r["checks"] for r in _rows(first_run[0] / "filings.parquet")}
    assert {Path(r["path"]).name: r["checks"] for r in _rows(written[0])} == {
        n.name: want[n.name] for n in NOTES[:4]
    }
