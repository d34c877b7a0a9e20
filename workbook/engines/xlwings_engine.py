"""The workbook interface on a live Excel, through xlwings (Windows and macOS).

Every COM round trip costs milliseconds, so values and formulas move as whole blocks: one
``Range.value`` or ``Range.formula2`` assignment per block, never a loop over cells. Fills
are grouped by colour into multi-area ranges. Notes are per cell by nature. What open-source
xlwings has no wrapper for (notes, conditional formats, cell styles, page orientation) goes
through ``.api``, Excel's own object model as pywin32 exposes it on Windows.

Tests drive this class with a recording fake of exactly the xlwings calls used here
(tests/test_addin_xlwings_engine.py); the openpyxl engine is the reference behaviour.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from xlsegment.workbook.engines.base import (
    Cell,
    CellFormat,
    ConditionalRule,
    Formula,
    TableSpec,
    Workbook,
    WorkbookError,
    cell_ref,
    range_bounds,
    range_ref,
    split_cell,
)

XL_EXPRESSION = 2  # XlFormatConditionType.xlExpression
XL_LANDSCAPE = 2  # XlPageOrientation.xlLandscape
XL_OVER_THEN_DOWN = 2  # XlOrder.xlOverThenDown
MAX_ADDRESS = 250  # Excel refuses multi-area addresses longer than 255 characters
_H_ALIGN = {"left": -4131, "center": -4108, "right": -4152}  # XlHAlign
_BORDER = {"thin": (1, 2), "medium": (1, -4138), "double": (-4119, 4)}  # (LineStyle, Weight)


def _to_excel(value: Cell) -> Any:
    """A cell for COM: Decimal as float (pywin32 would make it a 4-decimal Currency), text
    behind an apostrophe so Excel never turns it into a formula, number or date."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, str):
        return "'" + value if value else None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _bgr(colour: str) -> int:
    """ "RRGGBB" as the BGR integer that Excel's object model uses."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return r | g << 8 | b << 16


def _hex_from_bgr(value: int | None) -> str | None:
    if value is None:
        return None
    value = int(value)
    return f"{value & 0xFF:02X}{value >> 8 & 0xFF:02X}{value >> 16 & 0xFF:02X}"


def _strip(address: str) -> str:
    return address.replace("$", "")


class XlwingsWorkbook(Workbook):
    """A workbook open in Excel, given as an ``xlwings.Book``."""

    def __init__(self, book: Any) -> None:
        self.book = book

    @property
    def fullname(self) -> str:
        return self.book.fullname

    def _sheet(self, name: str) -> Any:
        for sheet in self.book.sheets:
            if sheet.name == name:
                return sheet
        raise WorkbookError(f"the workbook has no sheet named {name!r}")

    # -- sheets ----------------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def ensure_sheet(self, name: str, index: int | None = None) -> None:
        names = self.sheet_names()
        if name in names:
            return
        if index is None or index >= len(names):
            self.book.sheets.add(name, after=names[-1] if names else None)
        else:
            self.book.sheets.add(name, before=names[index])

    def clear_sheet(self, sheet: str) -> None:
        # Cells.Clear removes values, formats, notes, merges and conditional formats;
        # column widths and the tab colour are not cell formats, so they stay.
        self._sheet(sheet).clear()

    # -- values ----------------------------------------------------------------------------
    def read_block(self, sheet: str, ref: str) -> list[list[Cell]]:
        r1, c1, r2, c2 = range_bounds(ref)
        rng = self._sheet(sheet).range(range_ref(r1, c1, r2, c2))
        values = _grid(rng.value, r2 - r1 + 1, c2 - c1 + 1)
        formulas = self._formulas(rng, r2 - r1 + 1, c2 - c1 + 1)
        if formulas is None:
            return values
        return [
            [_read(v, f) for v, f in zip(vr, fr, strict=True)]
            for vr, fr in zip(values, formulas, strict=True)
        ]

    def write_block(self, sheet: str, anchor: str, rows: Sequence[Sequence[Cell]]) -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        matrix = [[_to_excel(v) for v in row] + [None] * (width - len(row)) for row in rows]
        r0, c0 = split_cell(anchor)
        rng = self._sheet(sheet).range(range_ref(r0, c0, r0 + len(rows) - 1, c0 + width - 1))
        if any(isinstance(v, Formula) for row in rows for v in row):
            rng.formula2 = matrix  # dynamic-array aware: =SEGRECON(2024) spills
        else:
            rng.value = matrix

    def used_range(self, sheet: str) -> str | None:
        used = self._sheet(sheet).used_range
        address = _strip(used.address)
        if ":" not in address and used.value is None:
            return None  # Excel reports A1 for an empty sheet
        r1, c1, r2, c2 = range_bounds(address)
        return range_ref(1, 1, r2, c2)

    # -- presentation ----------------------------------------------------------------------
    def _formulas(self, rng: Any, rows: int, cols: int) -> list[list[Any]] | None:
        """The block's formulas (Formula2: dynamic-array aware); None where the runtime
        cannot read them (xlwings Lite)."""
        return _grid(rng.formula2, rows, cols)

    def set_format(self, sheet: str, ref: str, fmt: CellFormat) -> None:
        rng = self._sheet(sheet).range(ref)
        _set_look(rng, fmt)
        self._set_placement(rng, fmt)

    def _set_placement(self, rng: Any, fmt: CellFormat) -> None:
        """Alignment, indent, wrapping and borders, through Excel's object model."""
        if fmt.h_align is not None:
            rng.api.HorizontalAlignment = _H_ALIGN[fmt.h_align]
        if fmt.indent is not None:
            rng.api.IndentLevel = fmt.indent
        if fmt.wrap is not None:
            rng.api.WrapText = fmt.wrap
        for edge, style in ((8, fmt.border_top), (9, fmt.border_bottom)):  # xlEdgeTop/Bottom
            if style is not None:
                line, weight = _BORDER[style]
                border = rng.api.Borders(edge)
                border.LineStyle, border.Weight = line, weight

    def set_style(self, sheet: str, ref: str, style: str) -> None:
        self._sheet(sheet).range(ref).api.Style = style

    def set_fills(self, sheet: str, fills: Mapping[str, str | None]) -> None:
        by_colour: dict[str | None, list[str]] = {}
        for cell, colour in fills.items():
            by_colour.setdefault(colour, []).append(cell)
        ws = self._sheet(sheet)
        for colour, cells in by_colour.items():
            for address in _areas(cells):
                ws.range(address).color = None if colour is None else "#" + colour

    def read_fills(self, sheet: str, cells: Iterable[str]) -> dict[str, str | None]:
        ws = self._sheet(sheet)
        found = {}
        for cell in cells:
            rgb = ws.range(cell).color
            found[cell] = None if rgb is None else "{:02X}{:02X}{:02X}".format(*rgb)
        return found

    def set_notes(self, sheet: str, notes: Mapping[str, str | None], author: str) -> None:
        ws = self._sheet(sheet)
        for cell, text in notes.items():
            rng = ws.range(cell)
            note = rng.note
            if note is not None:
                note.delete()
            if text is not None:
                # A legacy note shows its author as the first line, "author:".
                rng.api.AddComment(f"{author}:\n{text}")

    def read_notes(self, sheet: str) -> dict[str, tuple[str, str]]:
        found = {}
        for comment in self._sheet(sheet).api.Comments:
            author, _, text = comment.Text().partition(":\n")
            found[_strip(comment.Parent.Address)] = (author, text)
        return found

    def set_conditional_formats(self, sheet: str, rules: Sequence[ConditionalRule]) -> None:
        ws = self._sheet(sheet)
        ws.api.Cells.FormatConditions.Delete()
        for rule in rules:
            condition = ws.range(rule.ref).api.FormatConditions.Add(
                Type=XL_EXPRESSION, Formula1="=" + rule.formula
            )
            condition.Interior.Color = _bgr(rule.fill)
            if rule.font_color:
                condition.Font.Color = _bgr(rule.font_color)
            condition.StopIfTrue = rule.stop

    def conditional_formats(self, sheet: str) -> list[ConditionalRule]:
        rules = []
        for condition in self._sheet(sheet).api.Cells.FormatConditions:
            rules.append(
                ConditionalRule(
                    ref=_strip(condition.AppliesTo.Address),
                    formula=condition.Formula1.lstrip("="),
                    fill=_hex_from_bgr(condition.Interior.Color),
                    font_color=_hex_from_bgr(condition.Font.Color),
                    stop=bool(condition.StopIfTrue),
                )
            )
        return rules

    def set_layout(
        self,
        sheet: str,
        *,
        widths: Mapping[str, float] | None = None,
        freeze: str | None = None,
        print_area: str | None = None,
        landscape: bool | None = None,
        fit_width: bool | None = None,
        scale: int | None = None,
        repeat_cols: str | None = None,
        merges: Sequence[str] = (),
        hide_gridlines: bool | None = None,
        hidden_columns: Sequence[str] = (),
        row_heights: Mapping[int, float | None] | None = None,
        repeat_rows: str | None = None,
        header: str | None = None,
        footer: str | None = None,
    ) -> None:
        ws = self._sheet(sheet)
        for letter, width in (widths or {}).items():
            ws.range(f"{letter}:{letter}").column_width = width
        if freeze is not None:
            ws.freeze_panes.freeze_at(freeze)
        if print_area is not None:
            ws.page_setup.print_area = print_area
        page = {"landscape": landscape, "fit_width": fit_width, "scale": scale, "repeat_cols": repeat_cols}
        page |= {"repeat_rows": repeat_rows, "header": header, "footer": footer}
        if any(v is not None and v is not False for v in page.values()):
            _page_setup(ws.api.PageSetup, **page)
        for ref in merges:
            ws.range(ref).merge()
        for letter in hidden_columns:
            ws.range(f"{letter}:{letter}").api.EntireColumn.Hidden = True
        for row, height in (row_heights or {}).items():
            rows = ws.range(f"{row}:{row}")
            if height is None:
                rows.autofit()  # back to what its text needs
            else:
                rows.row_height = height
        if hide_gridlines is not None:
            ws.book.api.Windows(1).SheetViews(sheet).DisplayGridlines = not hide_gridlines

    # -- names and tables ------------------------------------------------------------------
    def define_name(self, name: str, refers_to: str) -> None:
        self.book.names.add(name, "=" + refers_to.lstrip("="))  # Names.Add replaces

    def names(self) -> dict[str, str]:
        return {n.name: n.refers_to.lstrip("=") for n in self.book.names}

    def _table(self, name: str) -> tuple[Any, Any] | None:
        for sheet in self.book.sheets:
            for table in sheet.tables:
                if table.name == name:
                    return sheet, table
        return None

    def put_table(self, spec: TableSpec) -> str:
        self.ensure_sheet(spec.sheet)
        r0, c0 = split_cell(spec.anchor)
        ref = range_ref(r0, c0, r0 + max(len(spec.rows), 1), c0 + len(spec.header) - 1)
        found = self._table(spec.name)
        if found is not None:
            sheet, table = found
            old = _strip(table.range.address)
            o1, oc1, o2, oc2 = range_bounds(old)
            blank = [[None] * (oc2 - oc1 + 1) for _ in range(o2 - o1 + 1)]
            self.write_block(sheet.name, cell_ref(o1, oc1), blank)
        self.write_block(spec.sheet, spec.anchor, [list(spec.header), *map(list, spec.rows)])
        ws = self._sheet(spec.sheet)
        if found is None:
            ws.tables.add(source=ws.range(ref), name=spec.name, table_style_name=spec.style)
        else:
            found[1].resize(ws.range(ref))
        return ref

    def read_table(self, name: str) -> tuple[str, list[str], list[list[Cell]]]:
        found = self._table(name)
        if found is None:
            raise WorkbookError(f"the workbook has no Excel table named {name!r}")
        sheet, table = found
        block = self.read_block(sheet.name, _strip(table.range.address))
        rows = [r for r in block[1:] if any(v is not None for v in r)]
        return sheet.name, [str(h) for h in block[0]], rows

    def tables(self) -> dict[str, tuple[str, str]]:
        return {
            table.name: (sheet.name, _strip(table.range.address))
            for sheet in self.book.sheets
            for table in sheet.tables
        }

    # -- persistence -----------------------------------------------------------------------
    def save(self, path: str | None = None) -> None:
        self.book.save(path)


def _set_look(rng: Any, fmt: CellFormat) -> None:
    """Number format, font and fill: xlwings' own API, the same in classic and Lite."""
    if fmt.number_format is not None:
        rng.number_format = fmt.number_format
    if fmt.bold is not None:
        rng.font.bold = fmt.bold
    if fmt.italic is not None:
        rng.font.italic = fmt.italic
    if fmt.color is not None:
        rng.font.color = "#" + fmt.color
    if fmt.fill is not None:
        rng.color = "#" + fmt.fill


def _read(value: Any, formula: Any) -> Cell:
    """A formula cell reads back its formula; text such as "=x" stored as text has
    Formula2 equal to its value, so it stays text."""
    if isinstance(formula, str) and formula.startswith("=") and formula != value:
        return Formula(formula)
    return value


def _grid(value: Any, rows: int, cols: int) -> list[list[Any]]:
    """xlwings returns a scalar for one cell and a flat list for one row or column."""
    if rows == 1 and cols == 1:
        return [[value]]
    if rows == 1 or cols == 1:
        flat = list(value)
        return [flat] if rows == 1 else [[v] for v in flat]
    return [list(r) for r in value]


def _areas(cells: list[str]) -> list[str]:
    """Comma-joined multi-area addresses, each short enough for Excel's Range()."""
    areas, current = [], ""
    for cell in cells:
        if current and len(current) + len(cell) + 1 > MAX_ADDRESS:
            areas.append(current)
            current = ""
        current = f"{current},{cell}" if current else cell
    return [*areas, current] if current else areas


def _page_setup(setup, *, landscape, fit_width, scale, repeat_cols, repeat_rows, header, footer) -> None:
    """Excel's PageSetup object from ``set_layout``'s page arguments (None: left as is)."""
    if landscape is not None:
        setup.Orientation = XL_LANDSCAPE if landscape else 1
    if fit_width:
        setup.Zoom, setup.FitToPagesWide, setup.FitToPagesTall = False, 1, False
    elif scale is not None:
        setup.Zoom, setup.Order = scale, XL_OVER_THEN_DOWN
    if repeat_cols:
        setup.PrintTitleColumns = _absolute(repeat_cols)
    if repeat_rows:
        setup.PrintTitleRows = _absolute(repeat_rows)
    if header is not None:
        setup.CenterHeader = header
    if footer is not None:
        setup.CenterFooter = footer


def _absolute(band: str) -> str:
    """A band of rows or columns as PageSetup takes it: "3:3" is "$3:$3", "A" is "$A:$A"."""
    first, _, last = band.partition(":")
    return f"${first}:${last or first}"
