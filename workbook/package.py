"""What an openpyxl round-trip of a workbook package would drop (interim)."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from xlsegment import limits
from xlsegment.errors import InputError
from xlsegment.readers import peek
from xlsegment.workbook.engines.base import WorkbookError


@contextlib.contextmanager
def open_package(path: str | Path, data: bytes | None = None) -> Iterator[object]:
    """The package to hand to openpyxl (the path, or the bytes as a file), once it is known to
    be a regular file and a zip whose parts stay within the bounds of limits.package."""
    name = str(path)
    try:
        if data is None:
            if Path(path).is_dir():
                raise WorkbookError(f"{name}: is a folder, not a workbook")
            peek(Path(path))  # a FIFO or a device: refused, never opened (it would block)
            source: object = path
        else:
            source = io.BytesIO(data)
        with zipfile.ZipFile(source) as archive:
            limits.package(archive, name)
    except InputError as exc:
        raise WorkbookError(str(exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise WorkbookError(f"{name}: cannot read as an xlsx workbook ({exc})") from None
    if isinstance(source, io.BytesIO):
        source.seek(0)
    yield source


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


@dataclass(frozen=True)
class Inventory:
    """What a save by openpyxl would not carry over (losses), and how to save the rest."""

    losses: list[str]

    def writer(self, save: Callable[[str], None]) -> Callable[[str], None]:
        return save


def inventory(data: bytes, path: str | Path) -> Inventory:
    return Inventory(lossy_parts(io.BytesIO(data)))
