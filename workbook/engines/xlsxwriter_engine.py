"""The XlsxWriter engine: a new workbook file, written in one pass, for ``fill``.

openpyxl builds a cell object with its style for every cell and serialises them one by one,
which made a big fill four times slower than XlsxWriter writing as many cells. This engine
keeps what the sheets draw in plain dicts (so the drawing code can read back what it wrote,
as it does through every engine) and hands it all to XlsxWriter at :meth:`save`.

It writes new workbooks only: refresh edits a user's file, which XlsxWriter cannot open, so
refresh stays with openpyxl. The named cell styles (styles.py) are written as Excel cell
styles, each cell's format pointing at its style, as openpyxl writes them; formulas are
written exactly as given (XlsxWriter's own formula rewriting would touch labels inside
string literals) and with no cached value, like openpyxl's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from xlsegment.workbook.engines.base import (
    Cell,
    CellFormat,
    ConditionalRule,
    TableSpec,
    Workbook,
    WorkbookError,
    cell_ref,
    range_bounds,
    range_ref,
    split_cell,
)
from xlsegment.workbook.engines.styles import StyleSpec, style_specs


@dataclass(frozen=True, slots=True)
class Look:
    """Everything that formats one cell: its named style and what is set over it."""

    style: str | None = None
    size: int | None = None
    number_format: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    fill: str | None = None  # "" : no fill, even where the style has one
    h_align: str | None = None
    v_align: str | None = None
    indent: int | None = None
    wrap: bool | None = None
    border_top: tuple[str, str | None] | None = None
    border_bottom: tuple[str, str | None] | None = None


def _style_look(spec: StyleSpec) -> Look:
    return Look(
        style=spec.name,
        size=spec.size,
        number_format=spec.number_format,
        bold=spec.bold,
        italic=spec.italic,
        color=spec.color,
        fill=spec.fill,
        h_align=spec.h_align,
        v_align="center",
        indent=spec.indent,
        wrap=spec.wrap,
        border_top=spec.border_top,
        border_bottom=spec.border_bottom,
    )


def _over(look: Look, fmt: CellFormat) -> Look:
    """``look`` with ``fmt`` set over it, as the openpyxl engine's ``set_format`` does."""
    given = {k: v for k, v in _format_fields(fmt).items() if v is not None}
    if fmt.h_align is not None or fmt.indent is not None or fmt.wrap is not None:
        given.setdefault("v_align", look.v_align or "bottom")
    return dataclasses.replace(look, **given)


def _format_fields(fmt: CellFormat) -> dict:
    return {
        "number_format": fmt.number_format,
        "bold": fmt.bold,
        "italic": fmt.italic,
        "color": fmt.color,
        "fill": fmt.fill,
        "h_align": fmt.h_align,
        "indent": fmt.indent,
        "wrap": fmt.wrap,
        "border_top": (fmt.border_top, None) if fmt.border_top else None,
        "border_bottom": (fmt.border_bottom, None) if fmt.border_bottom else None,
    }


@dataclass
class SheetModel:
    """What the sheet code drew on one sheet, by (row, column), 1-based."""

    # Row by row, {row: {column: ...}}, as the file is written.
    cells: dict[int, dict[int, Cell]] = field(default_factory=dict)
    looks: dict[int, dict[int, int]] = field(default_factory=dict)  # the look's number
    notes: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    rules: list[ConditionalRule] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    widths: dict[str, float] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    heights: dict[int, float] = field(default_factory=dict)
    page: dict = field(default_factory=dict)  # the rest of set_layout, the last value given


class XlsxWriterWorkbook(Workbook):
    """A new workbook held in memory and written by XlsxWriter (see the module docstring)."""

    def __init__(self) -> None:
        self._sheets: dict[str, SheetModel] = {}
        self._names: dict[str, str] = {}
        self._tables: dict[str, tuple[str, str, tuple[str, ...], str]] = {}  # sheet, ref, header, style
        # Looks are numbered: a cell holds its look's number, which hashes fast and says
        # "formatted alike" by equality; 0 is no format at all.
        self.looks: list[Look] = [Look()]
        self._numbers: dict[Look, int] = {Look(): 0}
        self._styles = {spec.name: self._number(_style_look(spec)) for spec in style_specs()}
        self.active: str | None = None

    def _number(self, look: Look) -> int:
        number = self._numbers.get(look)
        if number is None:
            number = self._numbers[look] = len(self.looks)
            self.looks.append(look)
        return number

    # -- sheets --------------------------------------------------------------------------
    def _ws(self, sheet: str) -> SheetModel:
        try:
            return self._sheets[sheet]
        except KeyError:
            raise WorkbookError(f"the workbook has no sheet named {sheet!r}") from None

    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def ensure_sheet(self, name: str, index: int | None = None) -> None:
        if name not in self._sheets:
            items = list(self._sheets.items())
            items.insert(len(items) if index is None else index, (name, SheetModel()))
            self._sheets = dict(items)

    def clear_sheet(self, sheet: str) -> None:
        ws = self._ws(sheet)
        ws.cells.clear(), ws.looks.clear(), ws.notes.clear(), ws.rules.clear()
        ws.merges.clear(), ws.heights.clear()

    def activate(self, sheet: str) -> None:
        """The sheet the workbook opens on."""
        self._ws(sheet)
        self.active = sheet

    # -- values --------------------------------------------------------------------------
    def read_block(self, sheet: str, ref: str) -> list[list[Cell]]:
        cells, none = self._ws(sheet).cells, {}
        r1, c1, r2, c2 = range_bounds(ref)
        return [[cells.get(r, none).get(c) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    def write_block(self, sheet: str, anchor: str, rows: Sequence[Sequence[Cell]]) -> None:
        cells = self._ws(sheet).cells
        r0, c0 = split_cell(anchor)
        for i, row in enumerate(rows):
            line = cells.setdefault(r0 + i, {})
            for j, value in enumerate(row):
                if value is None:
                    line.pop(c0 + j, None)
                else:
                    line[c0 + j] = value

    def used_range(self, sheet: str) -> str | None:
        ws = self._ws(sheet)
        # A formatted cell is used, as openpyxl counts it.
        rows = [(r, max(line)) for grid in (ws.cells, ws.looks) for r, line in grid.items() if line]
        if not rows:
            return None
        return range_ref(1, 1, max(r for r, _ in rows), max(c for _, c in rows))

    # -- presentation --------------------------------------------------------------------
    def set_format(self, sheet: str, ref: str, fmt: CellFormat) -> None:
        looks, after = self._ws(sheet).looks, {}  # look before -> look after, for this fmt
        r1, c1, r2, c2 = range_bounds(ref)
        for r in range(r1, r2 + 1):
            line = looks.setdefault(r, {})
            for c in range(c1, c2 + 1):
                before = line.get(c, 0)
                found = after.get(before)
                if found is None:
                    found = after[before] = self._number(_over(self.looks[before], fmt))
                line[c] = found

    def set_style(self, sheet: str, ref: str, style: str) -> None:
        if style not in self._styles:
            raise WorkbookError(f"the workbook has no cell style named {style!r}")
        looks, look = self._ws(sheet).looks, self._styles[style]
        r1, c1, r2, c2 = range_bounds(ref)
        for r in range(r1, r2 + 1):
            looks.setdefault(r, {}).update(dict.fromkeys(range(c1, c2 + 1), look))

    def set_fills(self, sheet: str, fills: Mapping[str, str | None]) -> None:
        looks = self._ws(sheet).looks
        for ref, colour in fills.items():
            r, c = split_cell(ref)
            line = looks.setdefault(r, {})
            line[c] = self._number(
                dataclasses.replace(self.looks[line.get(c, 0)], fill=colour.upper() if colour else "")
            )

    def read_fills(self, sheet: str, cells: Iterable[str]) -> dict[str, str | None]:
        looks, none = self._ws(sheet).looks, {}
        found = {ref: split_cell(ref) for ref in cells}
        return {ref: self.looks[looks.get(r, none).get(c, 0)].fill or None for ref, (r, c) in found.items()}

    def set_notes(self, sheet: str, notes: Mapping[str, str | None], author: str) -> None:
        own = self._ws(sheet).notes
        for ref, text in notes.items():
            if text is None:
                own.pop(split_cell(ref), None)
            else:
                own[split_cell(ref)] = (author, text)

    def read_notes(self, sheet: str) -> dict[str, tuple[str, str]]:
        return {cell_ref(r, c): note for (r, c), note in self._ws(sheet).notes.items()}

    def set_conditional_formats(self, sheet: str, rules: Sequence[ConditionalRule]) -> None:
        self._ws(sheet).rules[:] = rules

    def conditional_formats(self, sheet: str) -> list[ConditionalRule]:
        return list(self._ws(sheet).rules)

    def set_layout(
        self,
        sheet: str,
        *,
        widths: Mapping[str, float] | None = None,
        merges: Sequence[str] = (),
        hidden_columns: Sequence[str] = (),
        row_heights: Mapping[int, float | None] | None = None,
        **page,
    ) -> None:
        ws = self._ws(sheet)
        ws.widths.update(widths or {})
        ws.merges.extend(merges)
        ws.hidden.update(hidden_columns)
        for row, height in (row_heights or {}).items():
            if height is None:
                ws.heights.pop(row, None)
            else:
                ws.heights[row] = height
        ws.page.update({k: v for k, v in page.items() if v is not None})

    # -- names and tables ----------------------------------------------------------------
    def define_name(self, name: str, refers_to: str) -> None:
        self._names[name] = refers_to.lstrip("=")

    def names(self) -> dict[str, str]:
        return dict(self._names)

    def put_table(self, spec: TableSpec) -> str:
        self.ensure_sheet(spec.sheet)
        style = spec.style
        old = next((k for k in self._tables if k.lower() == spec.name.lower()), None)
        if old is not None:
            sheet, ref, _, style = self._tables.pop(old)
            r1, c1, r2, c2 = range_bounds(ref)
            self.write_block(sheet, cell_ref(r1, c1), [[None] * (c2 - c1 + 1)] * (r2 - r1 + 1))
        r0, c0 = split_cell(spec.anchor)
        rows = [list(r) for r in spec.rows] or [[None] * len(spec.header)]
        self.write_block(spec.sheet, spec.anchor, [list(spec.header), *rows])
        ref = range_ref(r0, c0, r0 + len(rows), c0 + len(spec.header) - 1)
        self._tables[spec.name] = (spec.sheet, ref, tuple(str(h) for h in spec.header), style)
        return ref

    def read_table(self, name: str) -> tuple[str, list[str], list[list[Cell]]]:
        match = next((k for k in self._tables if k.lower() == name.lower()), None)
        if match is None:
            raise WorkbookError(f"the workbook has no Excel table named {name!r}")
        sheet, ref, _, _ = self._tables[match]
        block = self.read_block(sheet, ref)
        rows = [r for r in block[1:] if any(v is not None and v != "" for v in r)]
        return sheet, [str(h) if h is not None else "" for h in block[0]], rows

    def tables(self) -> dict[str, tuple[str, str]]:
        return {name: (sheet, ref) for name, (sheet, ref, _, _) in self._tables.items()}

    # -- persistence ---------------------------------------------------------------------
    def save(self, path: str | None = None) -> None:
        if path is None:
            raise WorkbookError("no file to save to: pass a path")
        from xlsegment.workbook.engines.xlsxwriter_package import write_book

        write_book(str(path), self)


__all__ = ["Look", "SheetModel", "XlsxWriterWorkbook"]
