"""The openpyxl engine: the workbook interface over a file, for headless use and CI."""

from __future__ import annotations

import copy
import warnings
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.comments import Comment
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo

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


def _argb(colour: str) -> str:
    return "FF" + colour.upper()


def _rgb(colour) -> str | None:
    rgb = getattr(colour, "rgb", None)
    if not isinstance(rgb, str):
        return None
    return rgb[-6:].upper()


class OpenpyxlWorkbook(Workbook):
    """A workbook file held by openpyxl. Open with :meth:`open` or :meth:`new`."""

    def __init__(self, book: openpyxl.Workbook, path: str | None = None) -> None:
        self.book = book
        self.path = path

    @classmethod
    def open(cls, path: str | Path, data: bytes | None = None) -> OpenpyxlWorkbook:
        """Open a workbook file, or its bytes ``data`` already read (then ``path`` names it).
        Rich text in cells is kept as runs, so a save writes it back."""
        from xlsegment.workbook.package import open_package

        with open_package(path, data) as source, warnings.catch_warnings():
            # openpyxl warns of what its save would remove: a refresh in place keeps it all
            # (splice.py), and a refresh into a new file says what it did not carry over.
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            try:
                book = openpyxl.load_workbook(source, rich_text=True)
            except Exception as exc:  # openpyxl raises many types for unreadable files
                raise WorkbookError(f"{path}: cannot read as an xlsx workbook ({_first_line(exc)})") from None
        return cls(book, str(path))

    # -- sheets --------------------------------------------------------------------------
    def _ws(self, sheet: str):
        try:
            return self.book[sheet]
        except KeyError:
            raise WorkbookError(f"the workbook has no sheet named {sheet!r}") from None

    def sheet_names(self) -> list[str]:
        return list(self.book.sheetnames)

    def ensure_sheet(self, name: str, index: int | None = None) -> None:
        if name not in self.book.sheetnames:
            self.book.create_sheet(name, index)

    def clear_sheet(self, sheet: str) -> None:
        ws = self._ws(sheet)
        for rng in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(rng))
        # Deleting the cell objects drops values, styles and comments in one go.
        ws._cells.clear()
        ws.conditional_formatting = ConditionalFormattingList()
        for dim in list(ws.row_dimensions):
            del ws.row_dimensions[dim]

    # -- values --------------------------------------------------------------------------
    def read_block(self, sheet: str, ref: str) -> list[list[Cell]]:
        ws = self._ws(sheet)
        r1, c1, r2, c2 = range_bounds(ref)
        out = []
        for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
            out.append([_read(cell) for cell in row])
        return out

    def write_block(self, sheet: str, anchor: str, rows: Sequence[Sequence[Cell]]) -> None:
        ws = self._ws(sheet)
        r0, c0 = split_cell(anchor)
        cells = ws._cells  # direct access: ws.cell() per value dominates large fills
        for i, row in enumerate(rows):
            r = r0 + i
            for j, value in enumerate(row):
                key = (r, c0 + j)
                cell = cells.get(key)
                if cell is None:
                    if value is None:
                        continue  # nothing to clear, and no empty cell to create
                    cell = cells[key] = XlCell(ws, row=r, column=c0 + j)
                kind = type(value)
                if kind is Formula:
                    cell._value, cell.data_type = str(value), "f"
                elif kind is int or kind is Decimal or kind is float:
                    # Numbers need none of openpyxl's string checks: set them directly,
                    # which halves the time of a large fill.
                    cell._value, cell.data_type = value, "n"
                else:
                    cell.value = value  # strings are checked for characters XML forbids
                    if isinstance(value, str):
                        # openpyxl would turn "=..." into a formula; labels stay text.
                        cell.data_type = "s"

    def used_range(self, sheet: str) -> str | None:
        ws = self._ws(sheet)
        if not ws._cells:
            return None
        return range_ref(1, 1, ws.max_row, ws.max_column)

    # -- presentation --------------------------------------------------------------------
    def set_format(self, sheet: str, ref: str, fmt: CellFormat) -> None:
        ws = self._ws(sheet)
        r1, c1, r2, c2 = range_bounds(ref)
        # Cells that had one style get one style: work it out once, then copy it. Building
        # fonts and alignments per cell is most of the time of a large fill otherwise.
        done: dict[tuple[int, ...], StyleArray] = {}
        for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
            for cell in row:
                before = tuple(cell._style or StyleArray())  # None: never styled
                after = done.get(before)
                if after is None:
                    _apply_format(cell, fmt)
                    done[before] = StyleArray(cell._style)
                else:
                    cell._style = StyleArray(after)

    def set_style(self, sheet: str, ref: str, style: str) -> None:
        ws = self._ws(sheet)
        if style not in self.book.named_styles:
            self._restore_style(style)
        r1, c1, r2, c2 = range_bounds(ref)
        # A named style replaces a cell's whole style array with a copy of its own, so the
        # first cell's assignment (which may add a built-in style to the book) is copied
        # to the rest, instead of looking the style up by name again for every cell.
        first = None
        for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
            for cell in row:
                if first is None:
                    cell.style = style
                    first = StyleArray(cell._style)
                else:
                    cell._style = StyleArray(first)

    def _restore_style(self, style: str) -> None:
        """A user who deleted one of the template's cell styles gets it back as shipped."""
        from xlsegment.workbook.engines.styles import named_styles

        shipped = {st.name: st for st in named_styles()}
        if style not in shipped:
            raise WorkbookError(f"the workbook has no cell style named {style!r}")
        self.book.add_named_style(shipped[style])

    def set_fills(self, sheet: str, fills: Mapping[str, str | None]) -> None:
        ws = self._ws(sheet)
        for ref, colour in fills.items():
            if colour is None:
                ws[ref].fill = PatternFill(fill_type=None)
            else:
                ws[ref].fill = PatternFill("solid", fgColor=_argb(colour))

    def read_fills(self, sheet: str, cells: Iterable[str]) -> dict[str, str | None]:
        ws = self._ws(sheet)
        out = {}
        for ref in cells:
            fill = ws[ref].fill
            out[ref] = _rgb(fill.fgColor) if fill.fill_type == "solid" else None
        return out

    def set_notes(self, sheet: str, notes: Mapping[str, str | None], author: str) -> None:
        ws = self._ws(sheet)
        for ref, text in notes.items():
            if text is None:
                ws[ref].comment = None
            else:
                comment = Comment(text, author)
                comment.width, comment.height = 320, 90
                ws[ref].comment = comment

    def read_notes(self, sheet: str) -> dict[str, tuple[str, str]]:
        ws = self._ws(sheet)
        return {
            cell.coordinate: (cell.comment.author or "", cell.comment.text)
            for cell in ws._cells.values()
            if cell.comment is not None
        }

    def set_conditional_formats(self, sheet: str, rules: Sequence[ConditionalRule]) -> None:
        ws = self._ws(sheet)
        ws.conditional_formatting = ConditionalFormattingList()
        for rule in rules:
            font = Font(color=_argb(rule.font_color), bold=True) if rule.font_color else None
            fill = PatternFill("solid", bgColor=_argb(rule.fill), fgColor=_argb(rule.fill))
            ws.conditional_formatting.add(
                rule.ref,
                FormulaRule(formula=[rule.formula], fill=fill, font=font, stopIfTrue=rule.stop),
            )

    def conditional_formats(self, sheet: str) -> list[ConditionalRule]:
        ws = self._ws(sheet)
        out = []
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                if rule.type != "expression" or not rule.formula:
                    continue
                dxf = rule.dxf
                fill = _rgb(dxf.fill.bgColor) if dxf is not None and dxf.fill else None
                font = _rgb(dxf.font.color) if dxf is not None and dxf.font else None
                out.append(
                    ConditionalRule(
                        ref=str(cf.sqref),
                        formula=rule.formula[0],
                        fill=fill or "",
                        font_color=font,
                        stop=bool(rule.stopIfTrue),
                    )
                )
        return out

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
        ws = self._ws(sheet)
        for letter, width in (widths or {}).items():
            ws.column_dimensions[letter].width = width
        if freeze is not None and ws.freeze_panes != freeze:
            # openpyxl adds selection panes on every assignment; set it only on change.
            ws.freeze_panes = freeze
        if print_area is not None:
            ws.print_area = print_area
        if landscape is not None:
            ws.page_setup.orientation = "landscape" if landscape else "portrait"
        if fit_width:
            ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
        elif scale is not None:
            ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
            ws.page_setup.scale = scale
            ws.page_setup.pageOrder = "overThenDown"  # a block's pages follow each other
        if repeat_cols is not None:
            ws.print_title_cols = repeat_cols
        for rng in merges:
            ws.merge_cells(rng)
        if hide_gridlines is not None:
            ws.sheet_view.showGridLines = not hide_gridlines
        for letter in hidden_columns:
            ws.column_dimensions[letter].hidden = True
        for row, height in (row_heights or {}).items():
            ws.row_dimensions[row].height = height  # None: Excel's default height
        if repeat_rows is not None:
            ws.print_title_rows = repeat_rows
        if header is not None:
            ws.oddHeader.center.text = header
        if footer is not None:
            ws.oddFooter.center.text = footer

    # -- names and tables ----------------------------------------------------------------
    def define_name(self, name: str, refers_to: str) -> None:
        names = self.book.defined_names
        if name in names:
            del names[name]
        names[name] = DefinedName(name, attr_text=refers_to.lstrip("="))

    def names(self) -> dict[str, str]:
        return {name: dn.attr_text for name, dn in self.book.defined_names.items()}

    def _find_table(self, name: str):
        for ws in self.book.worksheets:
            for tname in ws.tables:
                if tname.lower() == name.lower():
                    return ws, ws.tables[tname]
        return None, None

    def put_table(self, spec: TableSpec) -> str:
        self.ensure_sheet(spec.sheet)
        old_ws, old = self._find_table(spec.name)
        style = spec.style
        if old is not None:
            if old.tableStyleInfo is not None and old.tableStyleInfo.name:
                style = old.tableStyleInfo.name  # keep the user's chosen table style
            r1, c1, r2, c2 = range_bounds(old.ref)
            for row in old_ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
                for cell in row:
                    cell.value = None
            # By the key openpyxl files it under: a damaged part may give the table a
            # display name that differs from it ("C2ecks" for "Checks").
            for key in [k for k in old_ws.tables if old_ws.tables[k] is old]:
                del old_ws.tables[key]
        ws = self._ws(spec.sheet)
        r0, c0 = split_cell(spec.anchor)
        rows = [list(r) for r in spec.rows] or [[None] * len(spec.header)]
        self.write_block(spec.sheet, spec.anchor, [list(spec.header), *rows])
        ref = range_ref(r0, c0, r0 + len(rows), c0 + len(spec.header) - 1)
        table = Table(displayName=spec.name, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
        # The columns named from the header we hold: left unnamed, openpyxl's save names
        # them by indexing the whole table range, a cell object for every Data cell.
        table._initialise_columns()
        for column, name in zip(table.tableColumns, spec.header, strict=True):
            column.name = str(name)
        try:
            ws.add_table(table)
        except ValueError as exc:  # two tables of one name: a damaged or hand-edited part
            raise WorkbookError(f"{spec.sheet}: {exc}; the workbook's Excel tables are damaged") from None
        return ref

    def read_table(self, name: str) -> tuple[str, list[str], list[list[Cell]]]:
        ws, table = self._find_table(name)
        if table is None:
            raise WorkbookError(f"the workbook has no Excel table named {name!r}")
        block = self.read_block(ws.title, table.ref)
        header = [str(h) if h is not None else "" for h in block[0]]
        rows = [r for r in block[1:] if any(v is not None and v != "" for v in r)]
        return ws.title, header, rows

    def tables(self) -> dict[str, tuple[str, str]]:
        return {name: (ws.title, ws.tables[name].ref) for ws in self.book.worksheets for name in ws.tables}

    # -- persistence ---------------------------------------------------------------------
    def save(self, path: str | None = None, sheets: Collection[str] | None = None) -> None:
        """Write the workbook (to ``path``, or where it came from). With ``sheets``, the
        cells of every other sheet are left out of what is written: a refresh in place
        keeps those sheets' parts as they were (splice.py), so writing them is wasted."""
        target = path or self.path
        if target is None:
            raise WorkbookError("no file to save to: pass a path")
        others = [ws for ws in self.book.worksheets if sheets is not None and ws.title not in sheets]
        kept = [ws._cells for ws in others]
        try:
            for ws in others:
                ws._cells = {}
            self.book.save(target)
        finally:
            for ws, cells in zip(others, kept, strict=True):
                ws._cells = cells


def _read(cell) -> Cell:
    value = cell.value
    if cell.data_type == "f" and isinstance(value, str):
        return Formula(value)
    if isinstance(value, CellRichText):
        return str(value)  # runs of formatted text read as their text
    return value


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _apply_format(cell, fmt: CellFormat) -> None:
    if fmt.number_format is not None:
        cell.number_format = fmt.number_format
    if fmt.bold is not None or fmt.italic is not None or fmt.color is not None:
        font = copy.copy(cell.font)
        cell.font = Font(
            name=font.name,
            size=font.size,
            bold=font.bold if fmt.bold is None else fmt.bold,
            italic=font.italic if fmt.italic is None else fmt.italic,
            color=_argb(fmt.color) if fmt.color else font.color,
            underline=font.underline,
        )
    if fmt.fill is not None:
        cell.fill = PatternFill("solid", fgColor=_argb(fmt.fill))
    if fmt.h_align is not None or fmt.indent is not None or fmt.wrap is not None:
        al = cell.alignment
        cell.alignment = Alignment(
            horizontal=fmt.h_align or al.horizontal,
            vertical=al.vertical or "bottom",
            indent=al.indent if fmt.indent is None else fmt.indent,
            wrap_text=al.wrap_text if fmt.wrap is None else fmt.wrap,
        )
    if fmt.border_top is not None or fmt.border_bottom is not None:
        b = cell.border
        cell.border = Border(
            left=b.left,
            right=b.right,
            top=Side(style=fmt.border_top) if fmt.border_top else b.top,
            bottom=Side(style=fmt.border_bottom) if fmt.border_bottom else b.bottom,
        )


def new_workbook() -> OpenpyxlWorkbook:
    """An empty workbook with no sheets (the template builder adds its own)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    return OpenpyxlWorkbook(book)


__all__ = ["OpenpyxlWorkbook", "new_workbook", "cell_ref"]
