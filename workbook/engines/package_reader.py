"""A read-only engine over a workbook file: values through python-calamine, formulas,
names and tables from the package's XML.

``check``, the functions' cold load and the read half of ``refresh`` only read a filled
workbook: its Data table, Settings, Checks and the formulas of Schedules. openpyxl builds a
cell object with its style for every cell first, which on a big workbook costs 20 times
calamine's read of every sheet. This engine reads values with calamine (Rust), and streams
only the sheets that hold formulas through the package scanner (``partscan``, which refuses
DTDs), so a sheet of plain values is never parsed in Python.

It answers the reading half of :class:`Workbook` exactly as the openpyxl engine does
(formulas as :class:`Formula`, empty cells as ``None``, whole numbers as ``int``); a test
holds the two engines to the same findings. Writing raises: open with openpyxl to write.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from xlsegment.workbook import partscan as ps
from xlsegment.workbook.engines.base import (
    Cell,
    CellFormat,
    ConditionalRule,
    Formula,
    TableSpec,
    Workbook,
    WorkbookError,
    range_bounds,
    range_ref,
    split_cell,
)

_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"
# A formula element under any prefix: a sheet without one is never parsed in Python.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
# Where one may end: searched for first, since a regex that starts at "<" tries every tag
# of a big sheet (a tenth of a second on a big Data table), and this is rare in a sheet.
_TAG_END = re.compile(rb"f[\s>/]")


def _has_formula(data: bytes) -> bool:
    """Whether the part holds a formula element (``_FORMULA_TAG`` anywhere in it)."""
    for end in _TAG_END.finditer(data):
        start = data.rfind(b"<", 0, end.start())  # a tag name holds no "<": its own is the last
        if start >= 0 and _FORMULA_TAG.fullmatch(data, start, end.end()):
            return True
    return False


def available() -> bool:
    """Whether python-calamine is installed (it is not under Pyodide, which reads no files)."""
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


_MAIN = f"{{{ps.MAIN}}}"


def _formulas(data: bytes, part: str, source: str) -> dict[tuple[int, int], str]:
    """Every formula cell of one sheet part, ``{(row, col): "=..."}``; shared formulas are
    translated to their own cell, as Excel and openpyxl read them. lxml's iterparse builds
    only the rows in C and yields the formulas (a tenth of the time of a Python scan); rows
    are dropped as they are read, so a big sheet is never held whole."""
    from lxml import etree

    prolog = data[: data.find(b"<", data.find(b"?>") + 1) + 10]
    if b"<!DOCTYPE" in prolog:
        raise WorkbookError(f"{source}: part {part} declares a DTD, which a workbook never does; refused")
    found: dict[tuple[int, int], str] = {}
    shared: dict[str, tuple[str, str]] = {}  # si -> (master cell, formula)
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=(_MAIN + "f", _MAIN + "row"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=True,
    )
    try:
        for _, el in events:
            if el.tag == _MAIN + "row":
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
                continue
            cell, text = el.getparent().get("r", ""), el.text or ""
            if el.get("t") == "shared" and el.get("si") is not None:
                if text:
                    shared[el.get("si")] = (cell, text)
                elif el.get("si") in shared:
                    text = _translate(*shared[el.get("si")], cell)
            if text and cell:
                found[split_cell(cell)] = "=" + text
    except etree.XMLSyntaxError as exc:
        raise WorkbookError(
            f"{source}: part {part} is not well-formed XML ({exc}); nothing was read"
        ) from None
    return found


def _translate(origin: str, formula: str, cell: str) -> str:
    """A shared formula as it reads in ``cell`` (openpyxl's translator, loaded only for
    workbooks that share formulas: xlsegment's own never do)."""
    from openpyxl.formula.translate import Translator

    return Translator("=" + formula, origin=origin).translate_formula(cell)[1:]


def _values(row: list) -> list[Cell]:
    """Calamine's values of a row as openpyxl reads them: ``""`` is an empty cell, whole
    floats are ints. One pass with no call per cell: a big Data table reads half a million."""
    out = []
    for value in row:
        kind = type(value)
        if kind is str:
            out.append(value or None)
        elif kind is float and value.is_integer() and abs(value) < 2**53:
            out.append(int(value))
        else:
            out.append(value)
    return out


class PackageWorkbook(Workbook):
    """A workbook file open for reading (see the module docstring)."""

    def __init__(self, archive: zipfile.ZipFile, book, path: str) -> None:
        from xlsegment.workbook.package import sheet_parts

        self.path = path
        self._archive, self._book = archive, book
        self._parts = sheet_parts(archive, path)
        self._values: dict[str, tuple[tuple[int, int], list[list]]] = {}
        self._formulas: dict[str, dict[tuple[int, int], str]] = {}
        self._tables: dict[str, tuple[str, str]] | None = None

    @classmethod
    def open(cls, path: str | Path, data: bytes | None = None) -> PackageWorkbook:
        """Open a workbook file, or its bytes ``data`` already read (then ``path`` names it),
        within the package bounds the openpyxl engine keeps."""
        import python_calamine

        from xlsegment.workbook.package import open_package

        with open_package(path, data):  # a folder, FIFO or zip bomb is refused here
            raw = data if data is not None else Path(path).read_bytes()
        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
            return cls(archive, book, str(path))
        except WorkbookError:
            raise
        except Exception as exc:  # calamine's and zipfile's own types for unreadable parts
            text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise WorkbookError(f"{path}: cannot read as an xlsx workbook ({text})") from None

    # -- reading -------------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return list(self._parts)

    def _part(self, sheet: str) -> str:
        if sheet not in self._parts:
            raise WorkbookError(f"the workbook has no sheet named {sheet!r}")
        return self._parts[sheet]

    def sheet_part(self, sheet: str) -> str:
        """The package part that holds ``sheet`` (``xl/worksheets/sheet2.xml``)."""
        return self._part(sheet)

    def _sheet_values(self, sheet: str) -> tuple[tuple[int, int], list[list]]:
        if sheet not in self._values:
            part = self._part(sheet)
            try:  # calamine parses a sheet when it is asked for it
                data = self._book.get_sheet_by_name(sheet)
                self._values[sheet] = (data.start or (0, 0), data.to_python())  # from start on
            except Exception as exc:  # calamine's own error types: a damaged or hostile part
                raise self._unreadable(part, exc) from None
        return self._values[sheet]

    def _sheet_formulas(self, sheet: str) -> dict[tuple[int, int], str]:
        if sheet not in self._formulas:
            part = self._part(sheet)
            try:
                data = self._archive.read(part)
            except ps.DAMAGED_PART as exc:
                raise self._unreadable(part, exc) from None
            self._formulas[sheet] = _formulas(data, part, self.path) if _has_formula(data) else {}
        return self._formulas[sheet]

    def _unreadable(self, part: str, exc: Exception) -> WorkbookError:
        text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return WorkbookError(f"{self.path}: part {part} cannot be read ({text}); nothing was written")

    def read_block(self, sheet: str, ref: str) -> list[list[Cell]]:
        (top, left), grid = self._sheet_values(sheet)
        formulas = self._sheet_formulas(sheet)
        r1, c1, r2, c2 = range_bounds(ref)
        width, out = c2 - c1 + 1, []
        for r in range(r1, r2 + 1):
            row = grid[r - 1 - top] if 0 <= r - 1 - top < len(grid) else ()
            lo = c1 - 1 - left
            cells = _values(row[max(lo, 0) : lo + width]) if lo + width > 0 else []
            cells = [None] * min(max(-lo, 0), width) + cells
            cells += [None] * (width - len(cells))
            if formulas:  # formula cells read as their formula, not calamine's cached value
                for c in range(c1, c2 + 1):
                    text = formulas.get((r, c))
                    if text is not None:
                        cells[c - c1] = Formula(text)
            out.append(cells)
        return out

    def used_range(self, sheet: str) -> str | None:
        (top, left), grid = self._sheet_values(sheet)
        rows = top + len(grid) if grid else 0
        cols = left + max(map(len, grid)) if grid else 0
        for r, c in self._sheet_formulas(sheet):  # formula cells calamine saw no value in
            rows, cols = max(rows, r), max(cols, c)
        return range_ref(1, 1, rows, cols) if rows and cols else None

    def names(self) -> dict[str, str]:
        from xlsegment.workbook.package import workbook_part

        part = workbook_part(self._archive, self.path)
        return ps.run(self._archive, part, _Names(), self.path).found

    def tables(self) -> dict[str, tuple[str, str]]:
        if self._tables is None:
            from xlsegment.workbook.package import relationships

            found = {}
            for sheet, part in self._parts.items():
                for rel in relationships(self._archive, part, self.path):
                    if rel.type == _TABLE and not rel.external and rel.target in self._archive.NameToInfo:
                        attrs = ps.run(self._archive, rel.target, _Root(), self.path).attrs
                        found[attrs.get("displayName", "")] = (sheet, attrs.get("ref", ""))
            self._tables = found
        return dict(self._tables)

    def read_table(self, name: str) -> tuple[str, list[str], list[list[Cell]]]:
        match = next((k for k in self.tables() if k.lower() == name.lower()), None)
        if match is None:
            raise WorkbookError(f"the workbook has no Excel table named {name!r}")
        sheet, ref = self.tables()[match]
        block = self.read_block(sheet, ref)
        header = [str(h) if h is not None else "" for h in block[0]]
        rows = [r for r in block[1:] if any(v is not None and v != "" for v in r)]
        return sheet, header, rows

    def read_fills(self, sheet: str, cells: Iterable[str]) -> dict[str, str | None]:
        raise self._read_only("read fills")

    def read_notes(self, sheet: str) -> dict[str, tuple[str, str]]:
        raise self._read_only("read notes")

    def conditional_formats(self, sheet: str) -> list[ConditionalRule]:
        raise self._read_only("read conditional formats")

    # -- writing: not this engine's job ---------------------------------------------------
    def _read_only(self, what: str) -> WorkbookError:
        return WorkbookError(f"{self.path}: opened for reading values only; cannot {what}")

    def ensure_sheet(self, name: str, index: int | None = None) -> None:
        raise self._read_only("add a sheet")

    def clear_sheet(self, sheet: str) -> None:
        raise self._read_only("clear a sheet")

    def write_block(self, sheet: str, anchor: str, rows: Sequence[Sequence[Cell]]) -> None:
        raise self._read_only("write cells")

    def set_format(self, sheet: str, ref: str, fmt: CellFormat) -> None:
        raise self._read_only("format cells")

    def set_style(self, sheet: str, ref: str, style: str) -> None:
        raise self._read_only("style cells")

    def set_fills(self, sheet: str, fills: Mapping[str, str | None]) -> None:
        raise self._read_only("fill cells")

    def set_notes(self, sheet: str, notes: Mapping[str, str | None], author: str) -> None:
        raise self._read_only("write notes")

    def set_conditional_formats(self, sheet: str, rules: Sequence[ConditionalRule]) -> None:
        raise self._read_only("write conditional formats")

    def set_layout(self, sheet: str, **layout) -> None:
        raise self._read_only("lay out a sheet")

    def define_name(self, name: str, refers_to: str) -> None:
        raise self._read_only("define a name")

    def put_table(self, spec: TableSpec) -> str:
        raise self._read_only("write a table")

    def save(self, path: str | None = None) -> None:
        raise self._read_only("save")


class _Names(ps.Scan):
    """The workbook's defined names of workbook scope: ``{name: refers_to}``."""

    NAME = ps.clark(ps.MAIN, "definedName")

    def __init__(self) -> None:
        super().__init__("", "")
        self.found: dict[str, str] = {}
        self._name: str | None = None
        self._text: list[str] = []

    def start(self, el: ps.Element) -> None:
        if el.name == self.NAME and "localSheetId" not in el.attrs:
            self._name, self._text = el.attrs.get("name", ""), []

    def text(self, data: str) -> None:
        if self._name is not None:
            self._text.append(data)

    def end(self, name: str) -> None:
        if name == self.NAME and self._name is not None:
            self.found[self._name] = "".join(self._text)
            self._name = None


class _Root(ps.Scan):
    """The attributes of a part's root element (a table part's name and range)."""

    def __init__(self) -> None:
        super().__init__("", "")
        self.attrs: dict[str, str] = {}

    def start(self, el: ps.Element) -> None:
        if not self.stack:
            self.attrs = el.attrs
