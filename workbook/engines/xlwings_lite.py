"""The xlwings engine in xlwings Lite: the same class where Lite's API agrees with Excel's.

Lite runs Python in Pyodide and hands a script the workbook as xlwings' JSON book: every
sheet's values, its tables, names and notes. What the script changes goes back as a list
of actions that the add-in applies in Excel. There is no ``.api`` (Excel's own object
model), and formulas, fonts and widths cannot be read synchronously, so this subclass
overrides only what the classic engine does through ``.api`` or by reading formulas, with
xlwings' own calls that both runtimes implement:

- cells read as values; a formula reads as the value it shows (Lite sends no formulas);
- named cell styles are applied as their shipped formats (Office.js sets no style by name);
- notes, conditional formats, borders, alignment and wrapping through xlwings' API;
- page setup beyond the print area (orientation, scale, titles, header and footer) is
  left as it is: Lite has no page setup, and the sheet keeps the template's.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from xlsegment.workbook.engines.base import CellFormat, ConditionalRule
from xlsegment.workbook.engines.xlwings_engine import XlwingsWorkbook

_BORDER_STYLE = {
    "thin": ("continuous", "thin"),
    "medium": ("continuous", "medium"),
    "double": ("double", "thick"),
}


@functools.cache
def style_formats() -> dict[str, CellFormat]:
    """Each named style of the template as the direct format it stands for."""
    from xlsegment.workbook.engines.styles import style_specs

    return {
        spec.name: CellFormat(
            number_format=spec.number_format if spec.number_format != "General" else None,
            bold=spec.bold,
            italic=spec.italic,
            color=spec.color,
            fill=spec.fill,
            h_align=spec.h_align if spec.h_align in ("left", "center", "right") else None,
            wrap=spec.wrap or None,
            border_top=spec.border_top[0] if spec.border_top else None,
            border_bottom=spec.border_bottom[0] if spec.border_bottom else None,
        )
        for spec in style_specs()
    }


class LiteWorkbook(XlwingsWorkbook):
    """A workbook as an xlwings Lite script receives it (``book: xw.Book``)."""

    def _formulas(self, rng, rows: int, cols: int) -> None:
        return None  # Lite sends values only: a formula reads as the value it shows

    def _set_placement(self, rng, fmt: CellFormat) -> None:
        if fmt.h_align is not None:
            rng.horizontal_alignment = fmt.h_align
        if fmt.wrap is not None:
            rng.wrap_text = fmt.wrap
        for side, style in (("edge_top", fmt.border_top), ("edge_bottom", fmt.border_bottom)):
            if style in _BORDER_STYLE:
                line, weight = _BORDER_STYLE[style]
                rng.borders[side].line_style = line
                rng.borders[side].weight = weight

    def set_style(self, sheet: str, ref: str, style: str) -> None:
        fmt = style_formats().get(style)
        if fmt is not None:
            self.set_format(sheet, ref, fmt)

    def set_notes(self, sheet: str, notes: Mapping[str, str | None], author: str) -> None:
        ws = self._sheet(sheet)
        for cell, text in notes.items():
            rng = ws.range(cell)
            note = rng.note
            if note is not None:
                note.delete()
            if text is not None:
                rng.add_note(f"{author}:\n{text}")

    def read_notes(self, sheet: str) -> dict[str, tuple[str, str]]:
        return {}  # Lite sends where notes are, not their text

    def set_conditional_formats(self, sheet: str, rules: Sequence[ConditionalRule]) -> None:
        ws = self._sheet(sheet)
        ws.cells.conditional_formats.clear()
        for rule in rules:
            ws.range(rule.ref).conditional_formats.add_custom(
                "=" + rule.formula,
                fill_color="#" + rule.fill,
                font_color="#" + rule.font_color if rule.font_color else None,
                stop_if_true=rule.stop,
            )

    def conditional_formats(self, sheet: str) -> list[ConditionalRule]:
        return []  # reading them back needs Lite's async API

    def set_layout(self, sheet: str, **layout) -> None:
        ws = self._sheet(sheet)
        for letter, width in (layout.get("widths") or {}).items():
            ws.range(f"{letter}:{letter}").column_width = width
        if layout.get("freeze"):
            ws.freeze_panes.freeze_at(layout["freeze"])
        if layout.get("print_area"):
            ws.page_setup.print_area = layout["print_area"]
        for ref in layout.get("merges") or ():
            ws.range(ref).merge()
        for letter in layout.get("hidden_columns") or ():
            ws.range(f"{letter}:{letter}").column_hidden = True
        for row, height in (layout.get("row_heights") or {}).items():
            if height is not None:
                ws.range(f"{row}:{row}").row_height = height
        if layout.get("hide_gridlines") is not None:
            ws.show_gridlines = not layout["hide_gridlines"]
