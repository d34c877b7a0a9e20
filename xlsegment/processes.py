"""Which machine this is and whether one of its processes still runs: how a lock or a temp
file left by a killed xlsegment is told from one in use."""

from __future__ import annotations

import hashlib
import os
import socket
from functools import lru_cache


@lru_cache(maxsize=1)
def host() -> str:
    """A short, file-name-safe name of this machine (a shared folder may serve several)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (True when we cannot tell)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0 checks existence and sends nothing
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed child not yet reaped still answers signal 0; /proc tells (Linux only)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state == b"Z"


def started(pid: int) -> str | None:
    """When the process started, in the kernel's clock ticks since boot (Linux only), so a
    process id reused by a later process is not mistaken for the one that left a lock."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[19].decode() if len(fields) > 19 else None


def _alive_windows(pid: int) -> bool:
    # os.kill on Windows terminates the process; ask the kernel instead.
    import ctypes

    synchronize, query_limited = 0x00100000, 0x1000
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel.OpenProcess(synchronize | query_limited, False, pid)
    if not handle:
        return kernel.GetLastError() == 5  # access denied: it exists
    try:
        return kernel.WaitForSingleObject(handle, 0) == 0x102  # still running
    finally:
        kernel.CloseHandle(handle)
