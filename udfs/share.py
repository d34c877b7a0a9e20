"""``xlsegment share``: a copy of a workbook for colleagues without Python or the add-in.

Every cell whose formula calls an xlsegment function gets the value Excel last computed
for it (the cached value saved in the file), so the copy shows numbers, not ``#NAME?``.
Native formulas, conditional formats and highlights stay, so the checks keep working. The
Settings sheet records when and from what the copy was made. The copy is always a new
file; the original is never rewritten.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from xlsegment.errors import XlsegmentError

from .names import NAMES

# A call of one of our functions, bare or through the add-in ("[1]!SEGPROFIT(",
# "'xlsegment.xlam'!SEGPROFIT(").
# "_xludf.SEGTOTAL(" is how LibreOffice and newer Excel files name an unknown function.
UDF_CALL = re.compile(r"(?:(?<![A-Za-z0-9_.])|(?<=_xludf\.))(" + "|".join(NAMES) + r")\s*\(", re.IGNORECASE)
SETTINGS = "Settings"
ADDIN = "xlsegment.xlam"


@dataclass
class ShareResult:
    target: Path
    replaced: list[str] = field(default_factory=list)  # "Sheet!B4" of each replaced cell
    dropped: list[str] = field(default_factory=list)  # what the openpyxl copy could not carry


def formula_text(value: object) -> str | None:
    """The formula of a cell value as openpyxl loads it (text, or an ArrayFormula)."""
    text = getattr(value, "text", value)  # dynamic arrays load as ArrayFormula
    return text if isinstance(text, str) and text.startswith("=") else None


def udf_cells(book) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every cell whose formula calls an xlsegment function."""
    found = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = formula_text(cell.value)
                if text and UDF_CALL.search(text):
                    found.append((ws.title, cell.coordinate, text))
    return found


def share(source: str | Path, target: str | Path, now: dt.datetime | None = None) -> ShareResult:
    """Write the shared copy of ``source`` to ``target``."""

    from xlsegment.workbook import safety
    from xlsegment.workbook.package import inventory, open_package

    source, target = Path(source), Path(target)
    if not source.exists():
        raise XlsegmentError(f"{source}: no such workbook")
    if source.is_dir() or source.suffix.casefold() not in (".xlsx", ".xlsm"):
        raise XlsegmentError(f"{source}: not an .xlsx or .xlsm workbook")
    if target.resolve() == source.resolve():
        raise XlsegmentError("the shared copy must be a new file: give -o another name")
    if target.suffix.casefold() != ".xlsx":
        raise XlsegmentError(f"{target}: the shared copy is a macro-free .xlsx; name it so")
    safety.ensure_writable(target)
    with open_package(source):  # a regular file within the package bounds
        snapshot = safety.Snapshot.take(source)
    kept = inventory(snapshot.data, source)
    book = _load(snapshot.data, source, data_only=False)
    cached = _load(snapshot.data, source, data_only=True)
    cells = udf_cells(book)
    missing = [f"{s}!{c}" for s, c, _ in cells if cached[s][c].value is None]
    # "#NAME?" was saved by an Excel (or LibreOffice) that did not have the functions.
    unnamed = [f"{s}!{c}" for s, c, _ in cells if cached[s][c].value == "#NAME?"]
    if unnamed:
        raise XlsegmentError(
            f"{source}: {', '.join(unnamed[:3])}"
            + (f" and {len(unnamed) - 3} more" if len(unnamed) > 3 else "")
            + " show #NAME?: it was calculated without the xlsegment add-in; open it in Excel "
            "with the add-in, let it calculate, save it, then share again"
        )
    if missing:
        raise XlsegmentError(
            f"{source}: no saved value for {', '.join(missing[:3])}"
            + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
            + "; open it in Excel, let it calculate, save it, then share again"
        )
    for sheet, ref, _ in cells:
        as_value(book[sheet][ref], cached[sheet][ref])
    native = cached_formula_values(book, cached)
    _drop_addin_links(book)
    _stamp(book, source, len(cells), now or dt.datetime.now(dt.UTC))
    with safety.exclusive(target) as lock:
        safety.save(target, _writer(book, kept, native), lock=lock)
    result = ShareResult(target, [f"{s}!{c}" for s, c, _ in cells])
    result.dropped = [what for what in kept.losses if "VBA" not in what]
    return result


def _load(data: bytes, source: Path, data_only: bool):
    import io

    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only, rich_text=not data_only)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for unreadable files
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise XlsegmentError(f"{source}: cannot read as an xlsx workbook ({first})") from None


def as_value(cell, saved) -> None:
    """Put the value Excel saved into ``cell`` as a value: text stays text whatever its
    first character (openpyxl would make "=HYPERLINK(...)" a live formula again), and an
    error value stays an error."""
    cell.value = saved.value
    if saved.data_type == "e":
        cell.data_type = "e"
    elif isinstance(saved.value, str):
        cell.data_type = "s"


def cached_formula_values(book, cached) -> dict[str, dict[str, tuple[str | None, str]]]:
    """The value Excel last computed for each native formula left in the copy, as the
    ``(t, text)`` of its ``<v>``: openpyxl writes formulas without them, and a previewer
    that does not recalculate would show blanks."""
    from openpyxl.utils.datetime import to_excel

    values: dict[str, dict[str, tuple[str | None, str]]] = {}
    for ws in book.worksheets:
        saved = cached[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                old = saved[cell.coordinate]
                value = old.value
                if value is None:
                    continue
                if old.data_type == "e":
                    entry = ("e", str(value))
                elif isinstance(value, bool):
                    entry = ("b", "1" if value else "0")
                elif isinstance(value, str):
                    entry = ("str", value)
                elif isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
                    entry = (None, repr(float(to_excel(value, book.epoch))))
                else:
                    entry = (None, repr(value) if isinstance(value, float) else str(value))
                values.setdefault(ws.title, {})[cell.coordinate] = entry
    return values


def _writer(book, kept, native):
    """openpyxl's save, the parts it cannot carry copied across, then the cached values."""
    import io

    from xlsegment.workbook.carry import carry_over, with_cached_values

    def write(target: str) -> None:
        saved = io.BytesIO()
        book.save(saved)
        data = saved.getvalue()
        if kept.carry:
            carried = io.BytesIO()
            carry_over(kept.data, data, kept.carry, carried, kept.source)
            data = carried.getvalue()
        with_cached_values(data, native, target)

    return write


def _drop_addin_links(book) -> None:
    """Remove the external links Excel keeps to the add-in, once no formula needs them.

    Links are numbered ([1], [2], ...), so they go only when all of them point at the
    add-in; removing one of several would renumber the others' references.
    """
    links = book._external_links  # openpyxl keeps them here; there is no public API
    targets = [str(getattr(getattr(link, "file_link", None), "Target", "")) for link in links]
    if targets and all(t.casefold().endswith(ADDIN) for t in targets):
        links.clear()


def _stamp(book, source: Path, count: int, now: dt.datetime) -> None:
    """Two rows at the foot of Settings: when the copy was made, and from what."""
    ws = book[SETTINGS] if SETTINGS in book.sheetnames else book.create_sheet(SETTINGS)
    row = ws.max_row + 2 if ws.max_row > 1 or ws["A1"].value is not None else 1
    when = now.strftime("%Y-%m-%d %H:%M UTC")
    ws.cell(row, 1, "Shared copy")
    ws.cell(row, 2, f"made {when} from {source.name}")
    ws.cell(row + 1, 1, "Functions")
    ws.cell(row + 1, 2, f"{count} xlsegment function cells replaced by their values")
