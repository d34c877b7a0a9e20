"""The workbook interface: block-oriented operations that every engine implements.

The fill, refresh and check code talks only to :class:`Workbook`. Two engines implement it:
openpyxl for files (``openpyxl_engine``) and xlwings for a live Excel (``xlwings_engine``).
A third, ``memory_engine.MemoryWorkbook``, records every call and keeps cell contents in
dicts, so tests can run the same code without any spreadsheet library.

Conventions shared by all engines:

- Addresses are A1 strings without sheet (``"B3"``, ``"B3:F9"``); the sheet is a separate
  argument. Rows of a block are lists; ``None`` means an empty cell.
- A plain ``str`` is always written as text, even if it starts with ``=``, ``+``, ``-`` or
  ``@``. Only :class:`Formula` values become formulas. Labels read from a filing can
  therefore never be injected as formulas.
- Colours are ``"RRGGBB"`` hex strings.
- Calls are whole ranges at a time, because each call through COM (xlwings) costs a
  round trip; engines should map a block call to one range assignment where they can.
"""

from __future__ import annotations

import abc
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlsegment.errors import XlsegmentError

Cell = Any  # None | str | int | float | Decimal | bool | Formula


class Formula(str):
    """A cell formula such as ``=SUM(B2:B9)``. Only values of this type become formulas."""

    __slots__ = ()

    def __new__(cls, text: str) -> Formula:
        text = str(text)
        return super().__new__(cls, text if text.startswith("=") else "=" + text)


@dataclass(frozen=True, slots=True)
class CellFormat:
    """Presentation of a range. ``None`` leaves an attribute as it is."""

    number_format: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None  # font colour
    fill: str | None = None  # background colour
    h_align: str | None = None  # "left", "center", "right"
    indent: int | None = None
    wrap: bool | None = None
    border_top: str | None = None  # "thin", "medium", "double"
    border_bottom: str | None = None


@dataclass(frozen=True, slots=True)
class ConditionalRule:
    """A formula-based conditional format: fill ``fill`` where ``formula`` is TRUE.

    ``formula`` (without ``=``) is written relative to the top-left cell of ``ref``, as
    Excel expects, so one rule can cover a block.
    """

    ref: str
    formula: str
    fill: str = "F8CBAD"
    font_color: str | None = "9C0006"
    stop: bool = False


@dataclass(frozen=True, slots=True)
class TableSpec:
    """An Excel table (ListObject): name, sheet, top-left anchor, header and data rows."""

    name: str
    sheet: str
    anchor: str
    header: tuple[str, ...]
    rows: Sequence[Sequence[Cell]] = field(default_factory=tuple)
    style: str = "TableStyleMedium2"


class WorkbookError(XlsegmentError):
    """An environment or usage fault of the workbook layer; the message says what to do.

    A subclass of the core's one exception base, so every command reports it as one line."""


class Workbook(abc.ABC):
    """A workbook open for reading and writing. All engines implement these methods."""

    # -- sheets --------------------------------------------------------------------------
    @abc.abstractmethod
    def sheet_names(self) -> list[str]:
        """Names of all sheets in workbook order."""

    @abc.abstractmethod
    def ensure_sheet(self, name: str, index: int | None = None) -> None:
        """Create sheet ``name`` (at ``index``) unless it exists; never clears it."""

    @abc.abstractmethod
    def clear_sheet(self, sheet: str) -> None:
        """Remove values, formulas, notes, formats, merged cells and conditional formats
        from ``sheet``; keep the sheet itself, its tab colour and its column widths."""

    # -- values --------------------------------------------------------------------------
    @abc.abstractmethod
    def read_block(self, sheet: str, ref: str) -> list[list[Cell]]:
        """Values of a rectangular range as rows; formulas come back as :class:`Formula`."""

    @abc.abstractmethod
    def write_block(self, sheet: str, anchor: str, rows: Sequence[Sequence[Cell]]) -> None:
        """Write rows of values starting at ``anchor``. ``None`` clears a cell.

        ``Formula`` values become formulas; every ``str`` is stored as text."""

    @abc.abstractmethod
    def used_range(self, sheet: str) -> str | None:
        """The A1 range holding content on ``sheet``, or None when it is empty."""

    # -- presentation --------------------------------------------------------------------
    @abc.abstractmethod
    def set_format(self, sheet: str, ref: str, fmt: CellFormat) -> None:
        """Apply ``fmt`` to every cell of ``ref``."""

    @abc.abstractmethod
    def set_style(self, sheet: str, ref: str, style: str) -> None:
        """Apply the named cell style ``style`` (defined in the template) to ``ref``.

        Schedules are formatted through named styles ("xls Number", "xls Total", ...), so
        a user who restyles them in Excel's Cell Styles gallery keeps the look across
        refreshes."""

    @abc.abstractmethod
    def set_fills(self, sheet: str, fills: Mapping[str, str | None]) -> None:
        """Set the background of each cell; ``None`` removes the fill."""

    @abc.abstractmethod
    def read_fills(self, sheet: str, cells: Iterable[str]) -> dict[str, str | None]:
        """Background colour (``"RRGGBB"``) of each cell, None when it has none."""

    @abc.abstractmethod
    def set_notes(self, sheet: str, notes: Mapping[str, str | None], author: str) -> None:
        """Set each cell's note (comment) text; ``None`` removes the note."""

    @abc.abstractmethod
    def read_notes(self, sheet: str) -> dict[str, tuple[str, str]]:
        """Every note on ``sheet`` as ``{cell: (author, text)}``."""

    @abc.abstractmethod
    def set_conditional_formats(self, sheet: str, rules: Sequence[ConditionalRule]) -> None:
        """Replace all conditional-format rules on ``sheet`` with ``rules``.

        The schedules sheet is xlsegment's own, so replacing (rather than appending) keeps a
        second refresh from stacking duplicate rules."""

    @abc.abstractmethod
    def conditional_formats(self, sheet: str) -> list[ConditionalRule]:
        """The formula-based conditional-format rules on ``sheet``."""

    @abc.abstractmethod
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
        """Column widths by letter, freeze panes (top-left unfrozen cell), print area,
        page orientation and fit-to-width (or a fixed print ``scale`` in percent), merged
        ranges, gridline display, columns to hide (by letter), row heights in points (by
        row number), rows printed atop every page
        (``"3:3"``) and columns at the left of every page (``"A:A"``), and the centre of the
        page header and footer (Excel's codes: ``&P`` page, ``&N`` pages, ``&&`` an ``&``)."""

    # -- names and tables ----------------------------------------------------------------
    @abc.abstractmethod
    def define_name(self, name: str, refers_to: str) -> None:
        """Create or replace a workbook-scope defined name (``refers_to`` like
        ``'Settings'!$B$4`` or ``=0.5``)."""

    @abc.abstractmethod
    def names(self) -> dict[str, str]:
        """Workbook-scope defined names and what they refer to (no leading ``=``)."""

    @abc.abstractmethod
    def put_table(self, spec: TableSpec) -> str:
        """Create or replace the Excel table ``spec.name`` with the given header and rows,
        resizing it to fit; cells below the old table's last row are cleared.
        Returns the table's range (``"A1:K90"``)."""

    @abc.abstractmethod
    def read_table(self, name: str) -> tuple[str, list[str], list[list[Cell]]]:
        """``(sheet, header, rows)`` of Excel table ``name``; raises WorkbookError if absent."""

    @abc.abstractmethod
    def tables(self) -> dict[str, tuple[str, str]]:
        """All Excel tables as ``{name: (sheet, ref)}``."""

    # -- persistence ---------------------------------------------------------------------
    @abc.abstractmethod
    def save(self, path: str | None = None) -> None:
        """Write the workbook (to ``path``, or where it came from)."""


# ---------------------------------------------------------------------------------------
# A1 helpers shared by the engines and the layout code.

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


@functools.lru_cache(maxsize=16384)  # every column Excel has: a schedule names each thousands of times
def col_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_cell(ref: str) -> tuple[int, int]:
    """``"C7"`` -> ``(7, 3)`` (row, column), both 1-based."""
    m = _CELL.match(ref.upper())
    if not m:
        raise WorkbookError(f"not a cell address: {ref!r}")
    return int(m.group(2)), col_index(m.group(1))


def cell_ref(row: int, col: int, absolute: bool = False) -> str:
    if absolute:
        return f"${col_letter(col)}${row}"
    return f"{col_letter(col)}{row}"


def range_bounds(ref: str) -> tuple[int, int, int, int]:
    """``"B2:D9"`` -> ``(2, 2, 9, 4)`` as (min_row, min_col, max_row, max_col)."""
    first, _, last = ref.partition(":")
    r1, c1 = split_cell(first)
    r2, c2 = split_cell(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def range_ref(r1: int, c1: int, r2: int, c2: int) -> str:
    return f"{cell_ref(r1, c1)}:{cell_ref(r2, c2)}"


def iter_cells(ref: str) -> Iterable[str]:
    r1, c1, r2, c2 = range_bounds(ref)
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            yield cell_ref(r, c)


def quote_sheet(sheet: str) -> str:
    """Sheet name as it must appear in a formula reference."""
    return "'" + sheet.replace("'", "''") + "'"
