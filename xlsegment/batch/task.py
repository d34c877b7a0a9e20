"""One filing through the one pipeline, isolated: the row ``filings.parquet`` holds for it
and its findings.

The check runs in a child process, forked from a server that has xlsegment imported (so a
child costs milliseconds, not an interpreter's start). A child that runs past the timeout
is killed; one that exhausts its memory limit (``RLIMIT_AS``) fails alone. Either way the
worker, and the batch, go on: the filing becomes a row with its reason.

Where the worker itself is a daemon process (a remote Dask worker started without
``--no-nanny`` or with the default ``distributed.worker.daemon``), it may not fork
children: the child is then a new interpreter, ``python -m xlsegment.batch.task``, and
costs its start.
"""

from __future__ import annotations

import math
import multiprocessing
import pickle
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal

STATUSES = ("ok", "errors", "refused", "failed", "timed out")
ORPHAN_GRACE = 10  # seconds past the timeout after which a child nobody stopped ends itself
WAIT_SLICE = 0.25  # seconds between looks at whether the worker is closing
# The summary fields of ``check --json``, as columns of filings.parquet.
SUMMARY_COLUMNS = ("checks", "errors", "warnings", "infos", "figures", "covered")


@dataclass(frozen=True)
class Options:
    """What ``batch`` passes to every filing: ``check``'s reading options and the bounds."""

    note: str | None = None
    tables: tuple[int, ...] = ()
    rate: Decimal | None = None
    timeout: float = 300.0  # seconds of one filing's check
    memory_mb: int = 4096  # address space of one filing's check

    def fingerprint(self) -> str:
        """What a filing's result depends on besides its content: "" for check's defaults,
        so a folder checked with them keeps its parts' names."""
        if self.note is None and not self.tables and self.rate is None:
            return ""
        return f"note={self.note!r} tables={self.tables!r} rate={self.rate}"


def check_one(path: str, options: Options) -> dict:
    """What checking ``path`` gave: ``{"row": {...}, "findings": [...]}``. Never raises."""
    from xlsegment.cli import compose
    from xlsegment.readers import reader_for

    compose()  # the reader of filled workbooks, as ``check`` has it

    started = time.perf_counter()
    try:
        reader = reader_for(path)[0].name
    except Exception:  # noqa: BLE001 - any fault of the source is the check's to report
        reader = ""
    outcome = _isolated(path, options)
    outcome["row"].update(reader=reader, seconds=round(time.perf_counter() - started, 3))
    return outcome


def _isolated(path: str, options: Options) -> dict:
    if multiprocessing.current_process().daemon:
        return _in_new_interpreter(path, options)
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, path, options), daemon=True)
    child.start()
    send.close()
    try:
        return receive.recv() if _wait(receive, options.timeout) else _timed_out(options)
    except EOFError:
        return _died(child)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()


def _wait(receive, timeout: float) -> bool:
    """Whether the child's outcome came within the timeout. Waits in short slices, so that
    a worker told to close (the batch stopped by Ctrl-C) stops the child at once."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        if receive.poll(min(left, WAIT_SLICE)):
            return True
        if _worker_closing():
            raise BatchStopped("the worker closes; the filing is left for a rerun")
    return False


class BatchStopped(Exception):
    """The worker closes: the filing is left undone (no part), for a rerun to check."""


def _worker_closing() -> bool:
    try:
        from distributed import get_worker
        from distributed.core import Status
    except ImportError:
        return False
    try:
        return get_worker().status not in (Status.running, Status.paused)
    except ValueError:  # not on a Dask worker: the tests' and the benchmark's own calls
        return False


def _timed_out(options: Options) -> dict:
    return failed_outcome(
        "timed out", f"the check ran past the timeout of {options.timeout:g} s and was stopped"
    )


def _died(child) -> dict:
    child.join()
    code = child.exitcode
    if code is not None and code < 0:
        return failed_outcome("failed", f"the check was killed by signal {-code} (out of memory, or killed)")
    return failed_outcome("failed", f"the check ended without a result (exit code {code})")


_CONTEXT = None


def _context():
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = multiprocessing.get_context("forkserver")
        # The server imports the pipeline and every reader once; each child is a fork of it.
        _CONTEXT.set_forkserver_preload(list(PRELOAD))
    return _CONTEXT


PRELOAD = (
    "xlsegment.batch.task",
    "xlsegment.api",
    "xlsegment.report",
    "xlsegment.workbook",  # registers the reader of filled workbooks (cli.compose)
    "xlsegment.readers.html",
    "xlsegment.readers.text",
    "xlsegment.readers.tidy",
    "xlsegment.readers.instance",
    "xlsegment.readers.fsds",
    # Arelle, where the xbrl extra is installed (a module that is not is passed over): its
    # import is 0.4 s, more than half of a whole filing's check.
    "arelle.api.Session",
    "arelle.RuntimeOptions",
)


def _child(send, path: str, options: Options) -> None:
    # Ctrl-C reaches the whole process group; the batch stops its children itself. A
    # child whose worker was killed outright (no one left to stop it) ends on its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.alarm(math.ceil(options.timeout) + ORPHAN_GRACE)
    try:
        send.send(_limited(path, options))
    finally:
        send.close()


def _limited(path: str, options: Options) -> dict:
    """The check under the memory limit, as the outcome; in the child only."""
    limit = options.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        return _checked(path, options)
    except MemoryError:
        return failed_outcome("failed", f"the check ran out of memory (limit {options.memory_mb} MB)")


def _checked(path: str, options: Options) -> dict:
    from xlsegment import report
    from xlsegment.api import check
    from xlsegment.cli import compose
    from xlsegment.errors import XlsegmentError
    from xlsegment.readers import ReadOptions

    compose()
    try:
        _picks_tables(path, options)
        result = check(path, options.rate, ReadOptions(note=options.note, tables=options.tables))
    except XlsegmentError as e:
        return failed_outcome("refused", str(e))
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - a bug on one filing must not stop the batch
        return failed_outcome("failed", f"{type(e).__name__}: {e}")
    doc = report.to_dict(result)
    row = {
        "status": "errors" if doc["summary"]["errors"] else "ok",
        "reason": "",
        "presentation_currency": doc["presentation_currency"],
        "unit": doc["unit"],
        "convenience_unit": doc["convenience_unit"],
        **{k: doc["summary"][k] for k in SUMMARY_COLUMNS},
        "peak_mb": _peak_mb(),
    }
    return {"row": row, "findings": doc["findings"]}


def _picks_tables(path: str, options: Options) -> None:
    """--note and --tables pick tables in a whole filing; on any other source they are
    refused, as ``check`` refuses them, never ignored."""
    from xlsegment.errors import InputError
    from xlsegment.readers import reader_for

    asked = [o for o, v in (("--note", options.note), ("--tables", options.tables)) if v]
    reader = reader_for(path)[0] if asked else None
    if reader is not None and not getattr(reader, "picks_tables", False):
        raise InputError(
            path, None, f"{asked[0]} picks tables in an HTML or iXBRL filing; this file is {reader.name}"
        )


def failed_outcome(status: str, reason: str) -> dict:
    row = {"status": status, "reason": reason, "presentation_currency": None, "unit": None}
    row.update(convenience_unit=None, **dict.fromkeys(SUMMARY_COLUMNS), peak_mb=_peak_mb())
    return {"row": row, "findings": []}


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux; the child's own peak, the forked server's
    # pages included.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _in_new_interpreter(path: str, options: Options) -> dict:
    """The same isolation where the worker may not fork: a new interpreter."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "xlsegment.batch.task"],
            input=pickle.dumps((path, options)),
            capture_output=True,
            timeout=options.timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _timed_out(options)
    if done.returncode != 0 or not done.stdout:
        return failed_outcome("failed", f"the check ended without a result (exit code {done.returncode})")
    return pickle.loads(done.stdout)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _path, _options = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(_limited(_path, _options)))
