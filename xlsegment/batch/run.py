"""A batch on a Dask cluster: each filing one task, each result written as it comes.

The cluster is a ``distributed.LocalCluster`` of worker processes sized to the machine,
or the scheduler at ``--scheduler``. The client (this process) hashes the sources, skips
what the output folder holds, submits the rest, and writes each filing's part the moment
its task ends; the workers need only see the files. Ctrl-C cancels what is left, writes
the tables of what is done, and says how to resume.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from xlsegment.batch import sources as sources_mod
from xlsegment.batch.store import OutputFolder
from xlsegment.batch.task import STATUSES, Options, check_one, failed_outcome
from xlsegment.errors import InputError

NOT_CLEAN = ("errors", "failed", "timed out")  # what makes batch exit 1
CLOSE_TIMEOUT = 10  # seconds the local cluster is given to stop its workers
INSTALL_HINT = "xlsegment batch needs the batch extra: pip install 'xlsegment[batch]'"


@dataclass
class Tally:
    """What the batch has done so far, for the progress bar and the summary."""

    total: int
    skipped: int = 0
    named: int = 0  # filings the sources name, copies of one content included
    not_clean: int = 0  # rows of the tables, skipped ones included, with errors or a failure
    statuses: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    @property
    def done(self) -> int:
        return sum(self.statuses.values())

    def line(self) -> str:
        """``done/total, failed, rate and ETA`` on one line."""
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = self.total - self.done
        eta = f"{left / rate:,.0f} s" if rate > 0 else "?"
        failed = self.statuses["failed"] + self.statuses["timed out"]
        return f"{self.done}/{self.total} filings, {failed} failed, {rate:.2f}/s, ETA {eta}"

    def summary(self) -> str:
        counts = ", ".join(f"{self.statuses[s]} {s}" for s in STATUSES)
        distinct = self.total + self.skipped
        named = (
            f"{self.named} filings, {distinct} distinct" if self.named > distinct else f"{distinct} filings"
        )
        before = f"{self.skipped} done before (skipped; their rows are in the tables)"
        return f"{named}: checked now {counts}; {before}"


class Progress:
    """One line rewritten in place on a terminal; silent with --quiet or off a terminal."""

    def __init__(self, tally: Tally, quiet: bool, stream=None):
        self.tally = tally
        self.stream = stream or sys.stderr
        self.on = not quiet and sys.stdout.isatty() and self.stream.isatty()
        self._last = 0.0

    def update(self, force: bool = False) -> None:
        now = time.perf_counter()
        if self.on and (force or now - self._last > 0.2):
            self._last = now
            self.stream.write("\r\x1b[2K" + self.tally.line())
            self.stream.flush()

    def close(self) -> None:
        if self.on:
            self.update(force=True)
            self.stream.write("\n")


def cluster_client(scheduler: str | None, workers: int | None):
    """A Dask client: of the scheduler at ``scheduler``, else of a new local cluster."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise SystemExit(INSTALL_HINT) from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, ValueError, TimeoutError) as e:
            raise InputError(scheduler, None, f"no Dask scheduler reached ({_first_line(e)})") from None
    # Workers fork each filing's check as a child (batch.task): a daemon may not.
    dask.config.set({"distributed.worker.daemon": False})
    with _workers_ignore_ctrl_c():
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    return Client(cluster), cluster


def _first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


@contextmanager
def _workers_ignore_ctrl_c():
    """Ctrl-C reaches every process of the terminal's job; the worker processes started
    here inherit SIGINT ignored, and the client alone stops the batch (and them)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_batch(
    names: list[str],
    out: Path,
    options: Options,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    as_csv: bool = False,
    quiet: bool = False,
    retry_failed: bool = False,
) -> tuple[Tally, list[Path]]:
    """Check every filing ``names`` name into ``out``; what was done, and the tables."""
    filings = sources_mod.filings(names, options.fingerprint())
    with OutputFolder(out) as folder:
        done = folder.done(retry_failed)
        todo = list({f.key: f for f in filings if f.key not in done}.values())
        tally = Tally(total=len(todo), skipped=len({f.key for f in filings}) - len(todo), named=len(filings))
        # A cluster that cannot be reached is one line, with nothing written.
        client, cluster = cluster_client(scheduler, workers) if todo else (None, None)
        try:
            if todo:
                _run(todo, folder, options, tally, client, cluster, quiet)
        finally:
            # Also on Ctrl-C: the tables then hold what is done, and the parts resume.
            rows, findings = folder.tables(filings)
            written = folder.write_tables(rows, findings, as_csv)
            tally.not_clean = sum(1 for r in rows if r["status"] in NOT_CLEAN)
        return tally, written


def _run(todo, folder: OutputFolder, options, tally: Tally, client, cluster, quiet) -> None:
    from distributed import as_completed

    tally.started = time.perf_counter()  # the rate is the filings', not the cluster's start
    progress = Progress(tally, quiet)
    futures = []
    try:
        # pure=False: a filing is checked as often as asked (a rerun after a fix).
        futures = [client.submit(check_one, f.path, options, key=f"check-{f.key}", pure=False) for f in todo]
        by_key = {fut.key: f for fut, f in zip(futures, todo, strict=True)}
        for future in as_completed(futures):
            filing = by_key[future.key]
            outcome = _outcome(future)
            folder.write_part(filing.key, outcome)
            tally.statuses[outcome["row"]["status"]] += 1
            progress.update()
    finally:
        progress.close()
        for future in futures:
            future.cancel()
        client.close()
        if cluster is not None:
            # A worker still in a filing's check is not waited for: its child is
            # stopped with it (batch.task).
            cluster.close(timeout=CLOSE_TIMEOUT)


def _outcome(future) -> dict:
    """A task's outcome; a worker lost under the task (out of memory) is a failed row."""
    try:
        return future.result()
    except Exception as e:  # noqa: BLE001 - KilledWorker and the like: the row says why
        outcome = failed_outcome("failed", f"the worker was lost ({type(e).__name__}: {e})")
        outcome["row"].update(reader="", seconds=None)
        return outcome
