"""XlsxWriter's side of the XlsxWriter engine: a drawn workbook (xlsxwriter_engine) written
as a package, with the named cell styles, and the cells serialised in one pass.

XlsxWriter's public calls check every argument of every cell and its row writer builds an
attribute list per cell: on a big Data table that cost more than the rest of the fill. The
values here are already checked by the engine (text is text, numbers are finite, formulas
are xlsegment's own), so :class:`_Sheet` writes the engine's own cells straight from its
model, one formatted string per cell, as XlsxWriter's writer would; only the odd kinds of
value go through XlsxWriter's write. Everything else (tables, notes, rules, page setup,
styles, shared strings, the package) is XlsxWriter's.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from math import isfinite

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.packager import Packager
from xlsxwriter.styles import Styles, XFormatType
from xlsxwriter.worksheet import Worksheet

from xlsegment.workbook.engines.base import (
    ConditionalRule,
    Formula,
    WorkbookError,
    cell_ref,
    col_index,
    col_letter,
    range_bounds,
    range_ref,
    split_cell,
)
from xlsegment.workbook.engines.styles import FONT
from xlsegment.workbook.engines.xlsxwriter_engine import Look, SheetModel

_BORDERS = {"thin": 1, "medium": 2, "double": 6}
# XlsxWriter adds a padding of 5 pixels to a width given in characters of 7 pixels; take it
# off, so the file states the width asked for, as openpyxl writes it.
_WIDTH_PADDING = 5 / 7
# The width openpyxl gives a column it creates (a hidden one with no width of its own): a
# workbook then reads, and refreshes, the same whichever engine wrote it.
_OPENPYXL_WIDTH = 13
# Longer text is cut by XlsxWriter's own write_string, as Excel holds no more (UTF-16 units).
_STRING_MAX = 32767 // 2


def _properties(look: Look) -> dict:
    """XlsxWriter format properties of a look."""
    props: dict = {"font_name": FONT} if look.style else {}
    simple = {
        "font_size": look.size,
        "bold": look.bold or None,
        "italic": look.italic or None,
        "font_color": "#" + look.color if look.color else None,
        "num_format": look.number_format if look.number_format not in (None, "General") else None,
        "align": look.h_align,
        "valign": {"center": "vcenter"}.get(look.v_align, look.v_align),
        "indent": look.indent or None,
        "text_wrap": look.wrap or None,
    }
    props |= {k: v for k, v in simple.items() if v is not None}
    if look.fill:
        props |= {"pattern": 1, "bg_color": "#" + look.fill}
    for edge, side in (("top", look.border_top), ("bottom", look.border_bottom)):
        if side:
            props[edge] = _BORDERS[side[0]]
            if side[1]:
                props[edge + "_color"] = "#" + side[1]
    return props


def write_book(path: str, wb) -> None:
    """Write the drawn workbook ``wb`` (an XlsxWriterWorkbook) to ``path``."""
    book = _Book(path, {"nan_inf_to_errors": True})
    formats = _Formats(book, wb.looks, wb._styles)
    for name, ws in wb._sheets.items():
        sheet = book.add_worksheet(name, worksheet_class=_Sheet)
        tables = [(ref, head, style, n) for n, (s, ref, head, style) in wb._tables.items() if s == name]
        _write_sheet(sheet, ws, tables, formats)
        if name == wb.active:
            sheet.activate()
    for name, refers_to in wb._names.items():
        book.define_name(name, "=" + refers_to)
    formats.name_styles()
    shared = dict(book.str_table.string_table)  # emptied as the strings are sorted, before the sheets
    for sheet in book.worksheets():
        sheet.shared = shared
    try:
        book.close()
    except Exception as exc:  # XlsxWriter's own types: a name, table or range it refuses
        raise WorkbookError(f"{path}: cannot write the workbook ({exc})") from None


class _StyledFormat(Format):
    """A cell format that belongs to a named cell style: two looks alike but for their
    style stay two formats, each pointing at its own style."""

    def _get_format_key(self):
        return f"{super()._get_format_key()}:style{self.xf_id}"


class _Formats:
    """One XlsxWriter format per look (by its number), and the named styles as Excel cell
    styles."""

    def __init__(self, book: _Book, looks: list[Look], styles: Mapping[str, int]) -> None:
        self.book, self.looks, self.styles = book, looks, styles
        self.ids = {name: i for i, name in enumerate(styles, 1)}  # 0 is Normal
        self.made: list[Format | None | bool] = [None] + [False] * (len(looks) - 1)
        self.attrs: dict[int, str] = {}

    def of(self, number: int | None) -> Format | None:
        """The format of look ``number`` (None or 0: no format)."""
        found = self.made[number or 0]
        if found is False:
            found = self.made[number] = self._new(self.looks[number])
        return found

    def style(self, number: int) -> str:
        """The ``s`` attribute of a cell of look ``number`` ("" for none), its format
        registered with the workbook."""
        found = self.attrs.get(number)
        if found is None:
            fmt = self.of(number)
            found = self.attrs[number] = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
        return found

    def _new(self, look: Look) -> Format:
        props = self.book.default_format_properties | _properties(look)
        fmt = _StyledFormat(props, self.book.xf_format_indices, self.book.dxf_format_indices)
        fmt.xf_id = self.ids.get(look.style, 0)
        self.book.formats.append(fmt)
        return fmt

    def name_styles(self) -> None:
        """Each named style as an Excel cell style, whether or not a cell uses it, so a user
        finds every one in the Cell Styles gallery."""
        named = []
        for name, number in self.styles.items():
            fmt = self.of(number)
            fmt._get_xf_index()  # registered, so the style's font, fill and border are written
            named.append((name, fmt))
        self.book.named_styles = named


class _StylesPart(Styles):
    """styles.xml with the named cell styles after Normal."""

    named: list[tuple[str, Format]] = []

    def _write_cell_style_xfs(self) -> None:
        self._xml_start_tag("cellStyleXfs", [("count", 1 + len(self.named))])
        self._write_xf(self.xf_formats[0], XFormatType.STYLE)
        for _, fmt in self.named:
            self._write_xf(fmt, XFormatType.STYLE)
        self._xml_end_tag("cellStyleXfs")

    def _write_cell_styles(self) -> None:
        self._xml_start_tag("cellStyles", [("count", 1 + len(self.named))])
        self._write_cell_style()
        for i, (name, _) in enumerate(self.named, 1):
            self._xml_empty_tag("cellStyle", [("name", name), ("xfId", i)])
        self._xml_end_tag("cellStyles")


class _Package(Packager):
    def __init__(self, named: list[tuple[str, Format]]) -> None:
        super().__init__()
        self.named = named

    def _write_styles_file(self) -> None:
        # Packager's own method, with the part that writes the named styles too.
        book = self.workbook
        styles = _StylesPart()
        styles.named = self.named
        styles._set_style_properties(
            [
                book.xf_formats,
                book.palette,
                book.font_count,
                book.num_formats,
                book.border_count,
                book.fill_count,
                book.custom_colors,
                book.dxf_formats,
                book.has_comments,
            ]
        )
        styles._set_xml_writer(self._filename("xl/styles.xml"))
        styles._assemble_xml_file()


class _Sheet(Worksheet):
    """A worksheet whose rows are written from the engine's own model (see the module
    docstring); cells XlsxWriter stored itself (table headers, merged blanks, the odd kinds
    of value) are written by XlsxWriter where the model holds no value of its own."""

    model: SheetModel | None = None
    formats: _Formats | None = None
    shared: dict[str, int] = {}  # each shared string's number

    def __init__(self) -> None:
        super().__init__()
        self.letters: dict[int, str] = {}  # column letters, worked out once per column

    def _write_rows(self) -> None:
        # A format of a whole row or column would be every bare cell's: XlsxWriter's own
        # writer handles that; this engine sets none.
        shaped = any(i.row_format for i in self.row_info.values()) or any(
            i.column_format for i in self.col_info.values()
        )
        if self.model is None or shaped:
            super()._write_rows()
            return
        cells, looks, table, none = self.model.cells, self.model.looks, self.table, {}
        rows = {r - 1 for grid in (cells, looks) for r, line in grid.items() if line}
        rows |= {r for r, line in table.items() if line} | self.row_info.keys() | self.comments.keys()
        for row in sorted(rows):
            mine, shown, theirs = cells.get(row + 1, none), looks.get(row + 1, none), table.get(row, none)
            if not (mine or shown or theirs):
                self._write_empty_row(row, None, self.row_info.get(row))
                continue
            self._write_row(row, None, self.row_info.get(row))
            self._write_row_cells(row, mine, shown, theirs)
            self._xml_end_tag("row")

    def _write_row_cells(self, row: int, mine: dict, shown: dict, theirs: dict) -> None:
        style, line, parts, letters = self.formats.style, row + 1, [], self.letters
        cols = mine.keys() | shown.keys()
        if theirs:
            cols |= {c + 1 for c in theirs}
        for col in sorted(cols):
            letter = letters.get(col) or letters.setdefault(col, col_letter(col))
            value, number = mine.get(col), shown.get(col, 0)
            text = _value_xml(self, f"{letter}{line}", value, style(number)) if value is not None else None
            if text is not None:
                parts.append(text)
            elif col - 1 in theirs:
                self.fh.write("".join(parts))  # XlsxWriter writes this one itself, in order
                parts.clear()
                self._write_cell(row, col - 1, theirs[col - 1])
            elif number:
                parts.append(f'<c r="{letter}{line}"{style(number)}/>')
        self.fh.write("".join(parts))


def _fast(value) -> bool:
    """Whether :func:`_value_xml` writes ``value`` (else XlsxWriter's own write does)."""
    kind = type(value)
    if kind is str:
        return len(value) <= _STRING_MAX
    return kind in _EXACT or kind is Formula or (kind is float and isfinite(value))


_EXACT = (int, Decimal, bool)


def _value_xml(sheet: Worksheet, ref: str, value, style: str) -> str | None:
    """One cell as XlsxWriter writes it, for the kinds :func:`_fast` accepts; else None."""
    kind = type(value)
    if kind is str and len(value) <= _STRING_MAX:
        return f'<c r="{ref}"{style} t="s"><v>{sheet.shared[value]}</v></c>'
    if kind is Formula:
        # No cached value, so a viewer shows no stale 0; the text is as given.
        return f'<c r="{ref}"{style}><f>{sheet._escape_data(value[1:])}</f><v></v></c>'
    if kind is int or kind is Decimal or (kind is float and isfinite(value)):
        return f'<c r="{ref}"{style}><v>{value:.16G}</v></c>'
    if kind is bool:
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    return None


class _Book(xlsxwriter.Workbook):
    named_styles: list[tuple[str, Format]] = []

    def _get_packager(self):
        return _Package(self.named_styles)


def _write_sheet(sheet, ws: SheetModel, tables, formats: _Formats) -> None:
    """One sheet: tables first (XlsxWriter writes their headers bare), then the cells over
    them with their own formats, then notes, rules and the page."""
    for ref, header, style, name in tables:
        _add_table(sheet, ref, header, style, name)
    for ref in ws.merges:
        r1, c1, r2, c2 = range_bounds(ref)
        sheet.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", formats.of(ws.looks.get(r1, {}).get(c1)))
    _prepare_cells(sheet, ws, formats)
    for (r, c), (author, text) in ws.notes.items():
        sheet.write_comment(r - 1, c - 1, text, {"author": author, "width": 320, "height": 90})
    for rule in ws.rules:
        _write_rule(sheet, rule, formats.book)
    _write_columns(sheet, ws)
    _write_page(sheet, ws.page)


def _add_table(sheet, ref: str, header, style: str, name: str) -> None:
    """An Excel table over ``ref``. add_table visits every cell of its range to refuse an
    overlap (none can occur here: the engine keeps one table per range), which costs as much
    as writing a big Data table; so it is given the header and first row, and the range is
    widened to the whole table after."""
    r1, c1, r2, c2 = range_bounds(ref)
    columns = [{"header": h} for h in header]
    sheet.add_table(r1 - 1, c1 - 1, r1, c2 - 1, {"name": name, "style": style, "columns": columns})
    table = sheet.tables[-1]
    table["range"] = table["a_range"] = table["autofilter"] = range_ref(r1, c1, r2, c2)


def _prepare_cells(sheet: _Sheet, ws: SheetModel, formats: _Formats) -> None:
    """What XlsxWriter must know before it writes the package: the used range, every format
    in use (styles.xml is written from those registered), every shared string (their list
    is sorted before the sheets are written), and the odd kinds of value, which its own
    write stores."""
    bounds = [(r, min(line), max(line)) for grid in (ws.cells, ws.looks) for r, line in grid.items() if line]
    if not bounds:
        return
    last = (max(r for r, _, _ in bounds), max(c for _, _, c in bounds))
    if sheet._check_dimensions(last[0] - 1, last[1] - 1):  # past Excel's last row or column
        raise WorkbookError(f"{sheet.name}: cell {cell_ref(*last)} is beyond Excel's sheet size")
    sheet._check_dimensions(min(r for r, _, _ in bounds) - 1, min(c for _, c, _ in bounds) - 1)
    for number in {n for line in ws.looks.values() for n in line.values()}:
        formats.style(number)
    none, share = {}, sheet.str_table._get_shared_string_index
    for r, line in ws.cells.items():
        for c, value in line.items():
            if not _fast(value):
                sheet.write(r - 1, c - 1, value, formats.of(ws.looks.get(r, none).get(c)))
            elif type(value) is str:
                share(value)
    sheet.model, sheet.formats = ws, formats


def _write_rule(sheet, rule: ConditionalRule, book: _Book) -> None:
    props = {"bg_color": "#" + rule.fill} if rule.fill else {}
    if rule.font_color:
        props |= {"font_color": "#" + rule.font_color, "bold": True}
    ranges = rule.ref.split()
    options = {"type": "formula", "criteria": "=" + rule.formula, "format": book.add_format(props)}
    if rule.stop:
        options["stop_if_true"] = True
    if len(ranges) > 1:
        options["multi_range"] = rule.ref
    sheet.conditional_format(ranges[0], options)


def _write_columns(sheet, ws: SheetModel) -> None:
    for letter in sorted(ws.widths.keys() | ws.hidden, key=col_index):
        col = col_index(letter) - 1
        width = ws.widths.get(letter, _OPENPYXL_WIDTH)
        width = max(width - _WIDTH_PADDING, 0) + 1e-9
        sheet.set_column(col, col, width, None, {"hidden": letter in ws.hidden})
    for row, height in ws.heights.items():
        sheet.set_row(row - 1, height)


def _write_page(sheet, page: dict) -> None:
    """Freeze panes, print settings, gridlines, header and footer (set_layout's terms)."""
    if "freeze" in page:
        r, c = split_cell(page["freeze"])
        sheet.freeze_panes(r - 1, c - 1)
    if "print_area" in page:
        sheet.print_area(page["print_area"])
    if "landscape" in page:
        sheet.set_landscape() if page["landscape"] else sheet.set_portrait()
    if page.get("fit_width"):
        sheet.fit_to_pages(1, 0)
    elif "scale" in page:
        sheet.set_print_scale(page["scale"])
        sheet.print_across()  # a block's pages follow each other
    if "repeat_rows" in page:
        first, _, last = page["repeat_rows"].partition(":")
        sheet.repeat_rows(int(first) - 1, int(last or first) - 1)
    if "repeat_cols" in page:
        first, _, last = page["repeat_cols"].partition(":")
        sheet.repeat_columns(col_index(first) - 1, col_index(last or first) - 1)
    if "hide_gridlines" in page:
        sheet.hide_gridlines(2 if page["hide_gridlines"] else 0)
    if "header" in page:
        sheet.set_header("&C" + page["header"])
    if "footer" in page:
        sheet.set_footer("&C" + page["footer"])


__all__ = ["write_book"]
