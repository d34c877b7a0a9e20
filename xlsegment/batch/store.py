"""The batch's output folder: what is done, written so that no stop leaves it inconsistent.

- ``.parts/<key>.json``: each filing's row and findings, written the moment the filing
  is done (a temp file, then a rename). The key is the content's hash, with the options
  that change a result (``--note``, ``--tables``, ``--rate``) where given. A rerun skips
  every key with a part (with ``--retry-failed``, but those that failed or timed out):
  the parts are the resumable state, whatever stopped the run (Ctrl-C, a kill, a lost
  cluster).
- ``filings.parquet`` and ``findings.parquet`` (``.csv`` with ``--csv``): made from the
  parts for the filings of the run, each by a temp file and a rename, at the end and on
  Ctrl-C. The columns are ``check --json``'s: a filing's summary, each finding's fields.
- ``.lock``: one batch writes a folder at a time; a lock left by a killed batch is taken
  over (its process is gone).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from xlsegment import processes
from xlsegment.batch.task import SUMMARY_COLUMNS
from xlsegment.model import Finding, Severity
from xlsegment.outputs import OutputError, umask

FILING_COLUMNS = (
    "path",
    "sha256",
    "reader",
    "status",
    "reason",
    "presentation_currency",
    "unit",
    "convenience_unit",
    *SUMMARY_COLUMNS,
    "coverage",
    "seconds",
    "peak_mb",
)
# One row per finding: the filing's hash, then the fields of check --json's findings.
FINDING_COLUMNS = ("sha256", *Finding("", Severity.INFO, "").to_dict())
_TEMP = ".~xlsegment-batch-"
_RETRIED = ("failed", "timed out")


class OutputFolder:
    """The output folder of one batch: its parts, its lock and its tables."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.parts = folder / ".parts"
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"{folder}: cannot make the output folder ({e.strerror})") from None
        self._lock = folder / ".lock"

    def __enter__(self) -> OutputFolder:
        self._take_lock()
        for stale in [*self.parts.glob(f"{_TEMP}*"), *self.folder.glob(f"{_TEMP}*")]:
            stale.unlink(missing_ok=True)  # a killed batch's half-written part
        return self

    def __exit__(self, *exc) -> None:
        self._lock.unlink(missing_ok=True)

    def _take_lock(self) -> None:
        mine = f"{processes.host()} {os.getpid()}"
        for _ in range(2):
            try:
                fd = os.open(self._lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                host, _, pid = self._lock.read_text(encoding="utf-8").partition(" ")
                if host == processes.host() and pid.isdigit() and not processes.alive(int(pid)):
                    self._lock.unlink(missing_ok=True)  # left by a killed batch
                    continue
                raise OutputError(
                    f"{self.folder}: another batch writes here ({host} process {pid})"
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(mine)
            return
        raise OutputError(f"{self.folder}: cannot take the lock {self._lock}")

    def done(self, retry_failed: bool = False) -> set[str]:
        """The keys of the filings a part holds; with ``retry_failed``, not those that
        failed or timed out (a longer timeout, more memory, a fixed bug)."""
        keys = {p.stem for p in self.parts.glob("*.json")}
        if retry_failed:
            keys = {k for k in keys if (self.part(k) or {}).get("row", {}).get("status") not in _RETRIED}
        return keys

    def write_part(self, key: str, outcome: dict) -> None:
        """One filing's outcome, at once: a temp file, then a rename."""
        _write_atomic(self.parts / f"{key}.json", json.dumps(outcome, ensure_ascii=False))

    def part(self, key: str) -> dict | None:
        try:
            return json.loads((self.parts / f"{key}.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def tables(self, filings) -> tuple[list[dict], list[dict]]:
        """The rows of filings.* and findings.* for these filings, from their parts."""
        rows, findings, seen = [], [], set()
        for filing in filings:
            outcome = self.part(filing.key)
            if outcome is None:
                continue
            rows.append(_filing_row(filing, outcome["row"]))
            if filing.key not in seen:  # a content checked once, whatever its paths
                seen.add(filing.key)
                findings.extend({"sha256": filing.sha256, **{k: f.get(k) for k in FINDING_COLUMNS[1:]}}
                                for f in outcome["findings"])  # fmt: skip
        return rows, findings

    def write_tables(self, rows: list[dict], findings: list[dict], as_csv: bool) -> list[Path]:
        """filings.* and findings.*, each replaced whole by a rename."""
        written = []
        for name, data, columns in (
            ("filings", rows, FILING_COLUMNS),
            ("findings", findings, FINDING_COLUMNS),
        ):
            target = self.folder / f"{name}.{'csv' if as_csv else 'parquet'}"
            _write_table(target, data, columns, as_csv)
            written.append(target)
        return written


def _filing_row(filing, row: dict) -> dict:
    figures, covered = row.get("figures"), row.get("covered")
    coverage = round(covered / figures, 4) if figures else None
    out = {**dict.fromkeys(FILING_COLUMNS), **row, "path": filing.path, "sha256": filing.sha256}
    out["coverage"] = coverage
    return {k: out[k] for k in FILING_COLUMNS}


def _write_table(target: Path, data: list[dict], columns: tuple[str, ...], as_csv: bool) -> None:
    import pyarrow as pa

    if as_csv:  # a CSV cell holds no list: "12;15"
        data = [{**r, "related_lines": ";".join(map(str, r.get("related_lines") or ()))} for r in data]
    table = pa.Table.from_pylist(
        [{c: r.get(c) for c in columns} for r in data], schema=_schema(columns, as_csv)
    )

    def write(tmp: str) -> None:
        if as_csv:
            from pyarrow import csv

            csv.write_csv(table, tmp)
        else:
            from pyarrow import parquet

            parquet.write_table(table, tmp)

    fd, tmp = tempfile.mkstemp(prefix=_TEMP, dir=target.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~umask())  # as a file the user writes, not mkstemp's 0600
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


_NUMBERS = {"checks", "errors", "warnings", "infos", "figures", "covered", "source_line"}
_FLOATS = {"coverage", "seconds", "peak_mb", "expected", "actual", "difference", "tolerance"}


def _schema(columns, as_csv: bool):
    import pyarrow as pa

    def kind(c):
        if c == "related_lines" and not as_csv:
            return pa.list_(pa.int64())
        return pa.int64() if c in _NUMBERS else pa.float64() if c in _FLOATS else pa.string()

    return pa.schema([(c, kind(c)) for c in columns])


def _write_atomic(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=_TEMP, dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
