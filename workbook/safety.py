"""Safe writes to a user's workbook: one writer at a time, nothing lost, nothing half-written.

- A lock file beside the workbook (``.~xlsegment.NAME.lock``), created atomically, makes
  xlsegment's own writers take turns for the whole read-modify-write; a lock left by a
  process that no longer runs is taken over, with a message.
- Excel's ``~$`` owner file (and LibreOffice's ``.~lock.NAME#``) means the workbook is
  open: it is not written.
- The workbook is read into memory once (a :class:`Snapshot`), so what is parsed is what is
  fingerprinted. Immediately before the rename the file on disk must still be that
  snapshot; if anything changed (an outside save renames a new file over it, as Excel
  does), nothing is written.
- The write itself is :func:`xlsegment.outputs.write_atomic`: a temp file beside the target
  and one rename.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from xlsegment import limits, outputs, processes
from xlsegment.errors import InputError
from xlsegment.workbook.engines.base import WorkbookError

LOCK_WAIT = 60.0  # seconds to wait for another xlsegment writing the same workbook
_POLL = 0.05
_UNREADABLE_GRACE = 10.0  # an empty lock file younger than this is being written


def owner_files(path: str | Path) -> list[Path]:
    """Lock files that mean the workbook is open: Excel's ``~$`` owner file (Excel drops the
    first two characters of long names) and LibreOffice's ``.~lock.NAME#``."""
    p = Path(path)
    names = {"~$" + p.name, "~$" + p.name[2:], f".~lock.{p.name}#"}
    return [p.with_name(n) for n in sorted(names) if p.with_name(n).exists()]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Which file this is (device and inode change when a save renames a new file over it)
    and what it holds."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: str | Path) -> Fingerprint:
        return Snapshot.take(path).fingerprint

    def same_file(self, path: str | Path) -> bool:
        """Cheap check by stat alone: the last look before the rename."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) == (
            self.device,
            self.inode,
            self.size,
            self.mtime_ns,
        )


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A workbook's bytes as read once, with their fingerprint."""

    path: Path
    data: bytes
    fingerprint: Fingerprint

    @classmethod
    def take(cls, path: str | Path) -> Snapshot:
        path = Path(path)
        for _ in range(3):  # a save landing while we read: read again
            try:
                with open(path, "rb") as fh:
                    before = os.fstat(fh.fileno())
                    limits.workbook_size(str(path), before.st_size)  # refused unread
                    data = fh.read(limits.WORKBOOK_BYTES + 1)
                after = os.stat(path)
            except InputError as e:
                raise WorkbookError(str(e)) from None
            except IsADirectoryError:
                raise WorkbookError(f"{path}: is a folder, not a workbook") from None
            except OSError as e:
                raise WorkbookError(f"{path}: cannot read ({e.strerror})") from None
            key = (before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns)
            if (
                key == (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns)
                and len(data) == before.st_size
            ):
                digest = hashlib.sha256(data).hexdigest()
                return cls(path, data, Fingerprint(*key, digest))
        raise WorkbookError(f"{path}: keeps changing while it is read; close what is saving it and retry")


def ensure_writable(path: str | Path, read_as: Fingerprint | None = None) -> None:
    """Refuse when the workbook is open in Excel or LibreOffice, or changed since read."""
    locks = owner_files(path)
    if locks:
        raise WorkbookError(f"{path}: the workbook is open ({locks[0].name} exists); close it and retry")
    if read_as is None or not os.path.lexists(path):
        return
    if Fingerprint.of(path) != read_as or not read_as.same_file(path):
        raise WorkbookError(f"{path}: the file changed on disk since it was read; nothing was written, retry")


# ---------------------------------------------------------------- one writer at a time


def lock_path(path: str | Path) -> Path:
    """The lock file beside the file a save to ``path`` replaces (a link's target)."""
    try:
        p = outputs.real_target(path)
    except outputs.OutputError as exc:
        raise WorkbookError(str(exc)) from None
    return p.with_name(f".~xlsegment.{p.name}.lock")


@dataclass(frozen=True, slots=True)
class Lock:
    """The lock this process holds on one workbook."""

    path: Path
    token: str
    workbook: Path

    def confirm(self) -> None:
        """Still ours? A writer that lost its lock must not save."""
        holder = _read_holder(self.path)
        if holder is None or holder.get("token") != self.token:
            raise WorkbookError(
                f"{self.workbook}: another process took the lock ({self.path.name}) while this one "
                "worked; nothing was written, retry"
            )

    def release(self) -> None:
        holder = _read_holder(self.path)
        if holder is not None and holder.get("token") == self.token:
            with contextlib.suppress(OSError):
                os.unlink(self.path)


def _stderr(message: str) -> None:
    print(f"xlsegment: {message}", file=sys.stderr)


@contextlib.contextmanager
def exclusive(
    path: str | Path, wait: float | None = None, notify: Callable[[str], None] = _stderr
) -> Iterator[Lock]:
    """Hold the workbook's lock file for the block: one xlsegment writer at a time. Waits up
    to ``wait`` seconds (LOCK_WAIT) for another writer, then refuses."""
    wait = LOCK_WAIT if wait is None else wait
    lock = lock_path(path)
    me = {"pid": os.getpid(), "host": processes.host(), "started": processes.started(os.getpid())}
    me["token"] = uuid.uuid4().hex
    deadline = time.monotonic() + wait
    said_waiting = False
    while not _create(lock, me):
        holder = _read_holder(lock)
        if holder is None:
            if _age(lock) > _UNREADABLE_GRACE:  # an empty lock: its writer died creating it
                _take_over(lock, None)
            else:
                time.sleep(_POLL)
            continue
        if _stale(holder):
            if _take_over(lock, holder):
                pid = holder.get("pid")
                notify(f"{path}: took over the lock left by xlsegment process {pid}, which no longer runs")
            continue
        if time.monotonic() > deadline:
            where = "" if holder.get("host") == processes.host() else " on another machine"
            raise WorkbookError(
                f"{path}: xlsegment process {holder.get('pid')}{where} is writing this workbook; nothing was "
                f"written, retry when it is done (or delete {lock.name} if no xlsegment runs)"
            )
        if not said_waiting:
            notify(f"{path}: waiting for xlsegment process {holder.get('pid')}, which is writing it")
            said_waiting = True
        time.sleep(_POLL)
    held = Lock(lock, me["token"], Path(path))
    try:
        yield held
    finally:
        held.release()


def _create(lock: Path, me: dict) -> bool:
    """Create the lock with its content in one step: a complete file linked into place."""
    folder = lock.parent
    try:
        fd, tmp = _private_file(folder)
    except OSError as e:
        raise WorkbookError(f"{lock.parent}: cannot write here ({e.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(me, fh)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, lock)
            return True
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: exclusive create instead
            return _create_exclusive(lock, me)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _private_file(folder: Path) -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(prefix=outputs.temp_prefix(), suffix=".lock", dir=folder)


def _create_exclusive(lock: Path, me: dict) -> bool:
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(me, fh)
    return True


def _read_holder(lock: Path) -> dict | None:
    try:
        text = lock.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        holder = json.loads(text)
    except ValueError:
        return None
    return holder if isinstance(holder, dict) else None


def _stale(holder: dict) -> bool:
    """Left by a process of this machine that no longer runs (or whose id was reused)."""
    if holder.get("host") != processes.host():
        return False  # another machine's process: we cannot tell, so it is honoured
    pid = holder.get("pid")
    if not isinstance(pid, int) or not processes.alive(pid):
        return True
    started = holder.get("started")
    return started is not None and processes.started(pid) not in (None, started)


def _take_over(lock: Path, holder: dict | None) -> bool:
    """Move a stale lock aside and remove it; if a live lock was moved by a race, put it back."""
    aside = lock.with_name(f"{lock.name}.{os.getpid()}.stale")
    try:
        os.replace(lock, aside)
    except FileNotFoundError:
        return False  # another process took it over first
    except OSError:
        return False
    moved = _read_holder(aside)
    if holder is not None and (moved or {}).get("token") != holder.get("token"):
        with contextlib.suppress(OSError):
            os.link(aside, lock)  # not the lock we judged stale: restore it
        with contextlib.suppress(OSError):
            os.unlink(aside)
        return False
    with contextlib.suppress(OSError):
        os.unlink(aside)
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


# ---------------------------------------------------------------- the save


def save(
    target: str | Path,
    write: Callable[[str], None],
    read_as: Fingerprint | None = None,
    lock: Lock | None = None,
) -> Path:
    """Write ``target`` through a temp file; right before the rename, refuse if our lock was
    lost, the workbook is open, or (with ``read_as``) the file is no longer what was read."""

    def last_checks() -> None:
        if lock is not None:
            lock.confirm()
        ensure_writable(target, read_as)

    try:
        return outputs.write_atomic(target, write, suffix=".xlsx", before_replace=last_checks)
    except outputs.OutputError as exc:
        raise WorkbookError(str(exc)) from None


def atomic_write(target: str | Path, write: Callable[[str], None]) -> Path:
    """Write a new file ``target`` through a temp file and one rename."""
    return save(target, write)
