"""Page setup of the generated sheets: whole pages, titled, numbered, never below 8 pt.

A sheet as wide as one page at a readable size prints one page wide (Excel scales it to
fit). A wider one would shrink its text below what a reviewer reads, so it prints at the
smallest readable scale instead: its columns run on over more pages, each page repeating
the row labels (column A) and the header rows, taken across before down so the pages of
one block of rows follow each other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from xlsegment.workbook.engines.base import col_letter, range_bounds

SMALLEST_PRINT_PT = 8  # the smallest printed text a reviewer is asked to read
SMALLEST_FONT_PT = 10  # the smallest font the generated sheets use (engines/styles.py)
MIN_SCALE = math.ceil(100 * SMALLEST_PRINT_PT / SMALLEST_FONT_PT)  # percent: 80
# The printable width of a page less the side margins openpyxl writes (0.75 in each), in points,
# on US Letter, the narrower of Letter and A4 in landscape (11 in against 11.69 in).
PRINTABLE_PT = {True: (11 - 1.5) * 72, False: (8.5 - 1.5) * 72}
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters
# A sheet is fitted one page wide only where it fits within this share of the page at the
# smallest readable scale: the renderer measures columns in its own font (LibreOffice's
# Carlito for Calibri runs a little wider), and a sheet that fitted to the point printed
# the Checks at 7.8 pt.
FIT_MARGIN = 0.97


def page_chars(landscape: bool = True) -> int:
    """How many characters of column width a page holds at the smallest readable scale."""
    return int((PRINTABLE_PT[landscape] * 100 / MIN_SCALE / 0.75 - 5) / 7)


def column_points(width: float) -> float:
    """A column's printed width: Excel's width counts digits of the default font (7 px
    each at 96 dpi) plus 5 px of padding; a point is 4/3 px."""
    return (width * 7 + 5) * 0.75


def area_points(widths: Mapping[str, float], print_area: str, hidden=()) -> float:
    """The printed width of a print area's columns (``"A1:K90"``), hidden ones left out."""
    _, first, _, last = range_bounds(print_area)
    letters = (col_letter(i) for i in range(first, last + 1))
    return sum(column_points(widths.get(x, DEFAULT_WIDTH)) for x in letters if x not in hidden)


def page_setup(
    title: str, *, repeat_rows: str | None = None, landscape: bool = True, width_pt: float | None = None
) -> dict:
    """Keyword arguments of ``Workbook.set_layout`` that print a sheet on whole pages: one
    page wide where that keeps its text at 8 pt or more (``width_pt``, the printed width
    of its print area, where known), else at the smallest readable scale with the row
    labels on every page; its header rows on every page, the title (with the company) in
    the page header, page numbers below."""
    fits = width_pt is None or width_pt * MIN_SCALE / 100 <= FIT_MARGIN * PRINTABLE_PT[landscape]
    return {
        "landscape": landscape,
        "fit_width": fits,
        "scale": None if fits else MIN_SCALE,
        "repeat_cols": None if fits else "A:A",
        "repeat_rows": repeat_rows,
        "header": title.replace("&", "&&"),  # "&" starts a header code in Excel
        "footer": "Page &P of &N",
    }
