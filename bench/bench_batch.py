"""Benchmark (not a timed test): ``xlsegment batch`` throughput on a Dask local cluster,
against the same filings checked one after another in one process, all in one run; then
the per-filing cost of whole inline-XBRL filings, and a projection for a year and a
decade of EDGAR.

The filings: the 32 corpus notes (21 as text, 11 as the filing's HTML) written out
``--copies`` times, each copy made distinct by a trailing blank line (a rerun skips
content it has checked, so copies of the same bytes would be checked once). Throughput
counts the filings of one batch over its whole run: the cluster's start, hashing, each
filing's own process, the tables.

Run: python bench/bench_batch.py [--copies 6] [--ixbrl-runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from xlsegment.api import check
from xlsegment.batch.run import run_batch
from xlsegment.batch.task import Options

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
NOTES = sorted((DATA / "corpus").glob("*.txt")) + sorted((DATA / "corpus2").glob("*.htm*"))
IXBRL = sorted((DATA / "xbrl").glob("*.ixbrl.html"))
EDGAR_YEAR = 7_000  # annual 10-K and 20-F filings a year (issue 21)


def write_filings(folder: Path, copies: int, notes: list[Path]) -> list[Path]:
    out = []
    for k in range(copies):
        for note in notes:
            target = folder / f"{k}_{note.name}"
            shutil.copy(note, target)
            with open(target, "ab") as fh:
                fh.write(b"\n" * (k + 1))  # distinct bytes, the same note
            out.append(target)
    return out


def sequential(filings: list[Path]) -> float:
    started = time.perf_counter()
    for path in filings:
        check(path)
    return time.perf_counter() - started


def batched(folder: Path, workers: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        tally, _ = run_batch([str(folder)], Path(out), Options(), workers=workers, quiet=True)
        elapsed = time.perf_counter() - started
    assert tally.statuses["ok"] == tally.total, tally.summary()
    return elapsed


def ixbrl_seconds(runs: int) -> dict[str, float]:
    """Median seconds of one whole inline-XBRL filing checked alone (XBRL checks on)."""
    out = {}
    for filing in IXBRL:
        check(filing)  # warm: imports and Arelle's first load are not a filing's cost
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            check(filing)
            times.append(time.perf_counter() - started)
        out[filing.name] = statistics.median(times)
    return out


def throughput(label: str, notes: list[Path], copies: int) -> tuple[int, float, dict[int, float]]:
    """Filings per second, one process against a batch of 1 and 2 workers, printed."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        filings = write_filings(folder, copies, notes)
        check(filings[0])  # imports are not the sequential run's cost
        one_process = sequential(filings)
        runs = {n: batched(folder, n) for n in (1, 2)}
    n = len(filings)
    print(f"{label}: {n} filings ({len(notes)} x {copies})")
    print(f"  one process, one after another: {one_process:7.2f} s  {n / one_process:6.2f} filings/s")
    for workers, seconds in runs.items():
        print(f"  batch, {workers} worker(s):          {seconds:7.2f} s  {n / seconds:6.2f} filings/s"
              f"  ({one_process / seconds:.2f}x the one process)")  # fmt: skip
    return n, one_process, runs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--ixbrl-runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")  # fmt: skip
    runs = {}
    for label, notes, copies in (("corpus notes", NOTES, args.copies), ("whole iXBRL filings", IXBRL, 4)):
        runs[label] = throughput(label, notes, copies)
    costs = ixbrl_seconds(args.ixbrl_runs)
    for name, seconds in costs.items():
        print(f"  whole iXBRL filing {name}: {seconds:.2f} s")
    per_filing = statistics.median(costs.values())
    n, one_process, batch = runs["corpus notes"]
    overhead = batch[1] / n - one_process / n  # what a filing's own process and the tables add
    cost = per_filing + max(overhead, 0.0)
    added = max(overhead, 0.0)
    print(f"projection at {cost:.2f} s per whole filing ({per_filing:.2f} s check + {added:.3f} s batch):")
    for label, count in (("a year", EDGAR_YEAR), ("a decade", 10 * EDGAR_YEAR)):
        for workers in (1, 2, 16, 64, 256):
            hours = count * cost / workers / 3600
            print(f"  {label} ({count:,} filings) on {workers:>3} workers: {hours:8.2f} h")


if __name__ == "__main__":
    main()
