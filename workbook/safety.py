"""Safe writes to a user's workbook: owner-file locks, change detection, lossy round-trips.

openpyxl rewrites the whole package on save and silently drops what it does not model.
Before saving over a user's file we list those parts and refuse; we never write over a file
Excel has open or that changed since we read it; and every save goes to a temporary file in
the same folder first, then replaces the target in one ``os.replace``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xlsegment.workbook.engines.base import WorkbookError


def owner_files(path: str | Path) -> list[Path]:
    """Lock files that mean the workbook is open: Excel's ``~$`` owner file (Excel drops the
    first two characters of long names) and LibreOffice's ``.~lock.NAME#``."""
    p = Path(path)
    names = {"~$" + p.name, "~$" + p.name[2:], f".~lock.{p.name}#"}
    return [p.with_name(n) for n in sorted(names) if p.with_name(n).exists()]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: str | Path) -> Fingerprint:
        st = os.stat(path)
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        return cls(st.st_size, st.st_mtime_ns, digest)


def ensure_writable(path: str | Path, read_as: Fingerprint | None = None) -> None:
    """Refuse when the workbook is open in Excel or LibreOffice, or changed since read."""
    locks = owner_files(path)
    if locks:
        raise WorkbookError(f"{path}: the workbook is open ({locks[0].name} exists); close it and retry")
    if read_as is not None and Path(path).exists() and Fingerprint.of(path) != read_as:
        raise WorkbookError(f"{path}: the file changed on disk since it was read; nothing was written, retry")


# What openpyxl cannot carry through a load/save, found by looking inside the package.
_PART_LOSSES: tuple[tuple[str, str], ...] = (
    (r"^xl/vbaProject\.bin$", "VBA macros"),
    (r"^xl/metadata\.xml$", "dynamic-array formula metadata (spills become legacy arrays)"),
    (r"^customXml/", "customXml parts"),
    (r"^xl/webextensions/", "web extensions (Office add-in parts)"),
    (r"^xl/slicers/|^xl/slicerCaches/", "slicers"),
    (r"^xl/timelines/|^xl/timelineCaches/", "timelines"),
    (r"^xl/threadedComments/", "threaded comments (they would become plain notes)"),
    (r"^xl/activeX/|^xl/ctrlProps/", "form and ActiveX controls"),
    (r"^xl/customUI|^customUI/", "a custom ribbon"),
    (r"^xl/model/", "a Power Pivot data model"),
)


def lossy_parts(path: str | Path, pillow: bool | None = None) -> list[str]:
    """What an openpyxl round-trip of ``path`` would drop; empty when it is safe."""
    if pillow is None:
        try:
            import PIL  # noqa: F401

            pillow = True
        except ImportError:
            pillow = False
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookError(f"{path}: not an xlsx package ({exc})") from exc
    found: list[str] = []
    with zf:
        names = zf.namelist()
        for pattern, what in _PART_LOSSES:
            if any(re.search(pattern, n) for n in names) and what not in found:
                found.append(what)
        for name in names:
            if name.startswith("xl/drawings/drawing") and name.endswith(".xml"):
                xml = zf.read(name)
                if b"<xdr:sp>" in xml or b"<xdr:sp " in xml or b"<xdr:cxnSp" in xml:
                    _add(found, "shapes and text boxes")
                if (b"<xdr:pic>" in xml or b"<xdr:pic " in xml) and not pillow:
                    _add(found, "images (install Pillow to keep them)")
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                xml = zf.read(name)
                if b"<x14:" in xml or b"<xm:" in xml:
                    _add(found, "x14 extensions (sparklines, data bars, newer validations)")
    return found


def _add(found: list[str], what: str) -> None:
    if what not in found:
        found.append(what)


def atomic_write(target: str | Path, write: Callable[[str], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result over ``target`` in one step.

    The temporary file sits in the target's folder so ``os.replace`` is a same-filesystem
    rename; a crash or kill before it leaves ``target`` exactly as it was."""
    target = Path(target)
    folder = target.resolve().parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise WorkbookError(f"{target}: {folder} {what}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~xlsegment-", suffix=".xlsx", dir=folder)
    except OSError as e:
        raise WorkbookError(f"{target}: cannot write in {folder} ({e.strerror})") from None
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        # mkstemp creates 0600; give the file the mode a plain save would have.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        _sync_folder(folder)
    except OSError as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise WorkbookError(f"{target}: could not be written ({e.strerror or e}); it is unchanged") from None
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
