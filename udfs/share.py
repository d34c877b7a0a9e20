"""``xlsegment share``: a copy of a workbook for colleagues without Python or the add-in.

Every cell whose formula calls an xlsegment function gets the value Excel last computed
for it (the cached value saved in the file), so the copy shows numbers, not ``#NAME?``.
Everything else is the user's package byte for byte (``udfs.splice``): native formulas,
conditional formats, highlights, comments, slicers, controls, VBA and every other part
stay as they are. The copy is always a new file; the original is never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from xlsegment.errors import XlsegmentError

from .names import NAMES

# A call of one of our functions, bare or through the add-in ("[1]!SEGPROFIT(",
# "'xlsegment.xlam'!SEGPROFIT(").
# "_xludf.SEGTOTAL(" is how LibreOffice and newer Excel files name an unknown function.
UDF_CALL = re.compile(r"(?:(?<![A-Za-z0-9_.])|(?<=_xludf\.))(" + "|".join(NAMES) + r")\s*\(", re.IGNORECASE)


@dataclass
class ShareResult:
    target: Path
    replaced: list[str] = field(default_factory=list)  # "Sheet!B4" of each replaced cell
    dropped: list[str] = field(default_factory=list)  # parts left out: none a user made


def formula_text(value: object) -> str | None:
    """The formula of a cell value as openpyxl loads it (text, or an ArrayFormula)."""
    text = getattr(value, "text", value)  # dynamic arrays load as ArrayFormula
    return text if isinstance(text, str) and text.startswith("=") else None


def udf_cells(book) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every cell whose formula calls an xlsegment function, in a
    workbook openpyxl loaded (for callers that hold one; ``share`` reads the package)."""
    found = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = formula_text(cell.value)
                if text and UDF_CALL.search(text):
                    found.append((ws.title, cell.coordinate, text))
    return found


def share(source: str | Path, target: str | Path) -> ShareResult:
    """Write the shared copy of ``source`` to ``target``: the package spliced, every part
    byte for byte but the function cells (``udfs.splice``)."""
    from xlsegment.workbook import safety
    from xlsegment.workbook.package import open_package

    source, target = Path(source), Path(target)
    if not source.exists():
        raise XlsegmentError(f"{source}: no such workbook")
    if source.is_dir() or source.suffix.casefold() not in (".xlsx", ".xlsm"):
        raise XlsegmentError(f"{source}: not an .xlsx or .xlsm workbook")
    if target.resolve() == source.resolve():
        raise XlsegmentError("the shared copy must be a new file: give -o another name")
    if target.suffix.casefold() != source.suffix.casefold():
        raise XlsegmentError(f"{target}: the shared copy keeps the workbook's kind; name it {source.suffix}")
    safety.ensure_writable(target)
    with open_package(source):  # a regular file within the package bounds
        snapshot = safety.Snapshot.take(source)
    out, data = _spliced(snapshot.data, source)
    with safety.exclusive(target) as lock:
        safety.save(target, lambda path: Path(path).write_bytes(data), lock=lock)
    return ShareResult(target, out.replaced)


def _spliced(data: bytes, source: Path):
    import io
    import zipfile

    from xlsegment.workbook.package import sheet_parts, workbook_part

    from .splice import Splice, fail_on_unreplaceable, splice_sheet, write_package
    from .splicecache import drop_addin_links, prune_calc_chain

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = workbook_part(archive, str(source))
        out = Splice()
        for name, part in sheet_parts(archive, str(source)).items():
            if part in archive.NameToInfo:
                splice_sheet(archive.read(part), name, UDF_CALL, out, part)
        fail_on_unreplaceable(out, source)
        prune_calc_chain(archive, workbook, out)
        drop_addin_links(archive, workbook, out)
        return out, write_package(archive, out)
