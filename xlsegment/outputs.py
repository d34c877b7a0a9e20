"""Every file the product writes goes through here: a temp file beside the target, then one
rename, as Excel saves.

- The target must be a regular file or not exist yet. A folder, device, pipe (FIFO) or
  socket is refused before anything is written.
- A symbolic link is written through: the file it points at is replaced and the link
  stays. A link to nothing is refused.
- A new file gets the permissions the umask gives; a replaced file keeps its own.
- The temp file is named after this machine and process (``.~xlsegment-HOST-PID-*``), so a
  later run can tell the leftovers of a killed process and remove them. A kill between
  the write and the rename leaves the target exactly as it was (SQLite's rule: an
  interrupted write never corrupts).
- ``-`` as the target writes to standard output.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from xlsegment import processes
from xlsegment.errors import XlsegmentError

TEMP_PREFIX = ".~xlsegment-"
_TEMP_NAME = re.compile(r"^\.~xlsegment-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-")
# Temp files of versions before the names carried a process: removed once surely stale.
_OLD_TEMP_NAME = re.compile(r"^\.~xlsegment-[a-z0-9_]{8}\.xlsx$")
_OLD_TEMP_AGE = 24 * 3600
STDOUT = "-"


class OutputError(XlsegmentError):
    """A file that cannot or must not be written; the message names it."""


def temp_prefix() -> str:
    return f"{TEMP_PREFIX}{processes.host()}-{os.getpid()}-"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, for the message; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder; give a file name"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def real_target(target: str | os.PathLike) -> Path:
    """The file a write to ``target`` replaces: ``target``, or what its link points at."""
    path = Path(target)
    try:
        info = path.lstat()
    except FileNotFoundError:
        return path
    except OSError as e:
        raise OutputError(f"{path}: cannot be written ({e.strerror}); nothing was written") from None
    if stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(path))
        try:
            info = real.stat()
        except FileNotFoundError:
            raise OutputError(
                f"{path}: is a link to {real}, which does not exist; nothing was written"
            ) from None
        except OSError as e:
            raise OutputError(f"{path}: cannot follow the link ({e.strerror}); nothing was written") from None
        path = real
    kind = _kind(info.st_mode)
    if kind is not None:
        raise OutputError(f"{target}: is {kind}; nothing was written")
    return path


def write_atomic(
    target: str | os.PathLike,
    write: Callable[[str], None],
    suffix: str = "",
    before_replace: Callable[[], None] | None = None,
) -> Path:
    """Call ``write(temp_path)``, then move the result over ``target`` in one rename.

    ``before_replace`` runs after the temp file is complete and immediately before the
    rename: the last moment to refuse (it raises), with nothing written."""
    real = real_target(target)
    folder = real.absolute().parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"{target}: {folder} {what}")
    remove_stale_temps(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(), suffix=suffix, dir=folder)
    except OSError as e:
        raise OutputError(f"{target}: cannot write in {folder} ({e.strerror})") from None
    os.close(fd)
    try:
        with _terminate_as_exit():
            write(tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp, _mode_for(real))
            if before_replace is not None:
                before_replace()
            os.replace(tmp, real)
        _sync_folder(folder)
    except OSError as e:
        _remove(tmp)
        raise OutputError(f"{target}: could not be written ({e.strerror or e}); it is unchanged") from None
    except BaseException:
        _remove(tmp)
        raise
    finally:
        # Again once the save is done: a process killed just before it started may still
        # have been exiting (alive to signal 0) at the first look.
        remove_stale_temps(folder)
    return Path(target)


def write_text(target: str | os.PathLike, text: str, encoding: str = "utf-8") -> str:
    """Write text to a file (atomically) or, for ``-``, to standard output; returns where."""
    if str(target) == STDOUT:
        if hasattr(sys.stdout, "buffer"):  # the bytes as a file would hold them
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode(encoding))
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return "standard output"

    def save(tmp: str) -> None:
        with open(tmp, "w", encoding=encoding, newline="") as fh:
            fh.write(text)

    write_atomic(target, save, suffix=Path(target).suffix + ".tmp")
    return str(target)


def remove_stale_temps(folder: str | os.PathLike) -> list[Path]:
    """Remove the temp files that killed xlsegment processes of this machine left here."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not name.startswith(TEMP_PREFIX):
            continue
        path = Path(folder) / name
        m = _TEMP_NAME.match(name)
        if m:
            stale = m["host"] == processes.host() and not processes.alive(int(m["pid"]))
        else:
            stale = _OLD_TEMP_NAME.match(name) is not None and _age(path) > _OLD_TEMP_AGE
        if stale and _remove(path):
            removed.append(path)
    return removed


def _age(path: Path) -> float:
    try:
        return time.time() - path.lstat().st_mtime
    except OSError:
        return 0.0


def _remove(path: str | os.PathLike) -> bool:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    except OSError:
        return False
    return True


def _mode_for(real: Path) -> int:
    """A replaced file keeps its mode; a new one gets what a plain open() would give."""
    try:
        return stat.S_IMODE(real.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process umask, read without changing it where the system tells it."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """A SIGTERM during the save unwinds like an exception, so the temp file is removed.
    (A SIGKILL cannot be caught: the next run removes what it leaves.)"""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def exit_now(signum, frame):
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, exit_now)
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
