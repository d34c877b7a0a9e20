"""The engines that write a new workbook, by name: ``fill`` takes one from here.

``xlsxwriter`` writes the fastest and is the default where it is installed; ``openpyxl``
fills a copy of a template file, so it is the engine for a template of the user's own (and
where XlsxWriter is missing). Both draw through the same sheet code into the same contract
(docs/workbook.md): the sheets, names, tables and named cell styles of the template.
"""

from __future__ import annotations

from pathlib import Path

from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import Workbook, WorkbookError

WRITERS = ("xlsxwriter", "openpyxl")
SHIPPED_TEMPLATE = Path(__file__).resolve().parents[1] / "template.xlsx"


def writer(template: str | Path | None = None) -> str:
    """The engine a new workbook is written with: XlsxWriter unless a template of one's own
    is given (only openpyxl opens a file) or XlsxWriter is not installed."""
    if template is not None and Path(template).resolve() != SHIPPED_TEMPLATE:
        return "openpyxl"
    try:
        import xlsxwriter  # noqa: F401
    except ImportError:
        return "openpyxl"
    return "xlsxwriter"


def new_workbook(engine: str | None = None, template: str | Path | None = None) -> Workbook:
    """A new workbook holding the template's contract, written by ``engine`` (by name)."""
    engine = engine or writer(template)
    if engine == "openpyxl":
        from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook

        return OpenpyxlWorkbook.open(template or SHIPPED_TEMPLATE)
    if engine == "xlsxwriter":
        if template is not None and Path(template).resolve() != SHIPPED_TEMPLATE:
            raise WorkbookError(f"{template}: the xlsxwriter engine writes the shipped template only")
        from xlsegment.workbook.engines.xlsxwriter_engine import XlsxWriterWorkbook
        from xlsegment.workbook.sheets.blank import build_into

        wb = XlsxWriterWorkbook()
        build_into(wb)  # the template, drawn by the code that generates template.xlsx
        wb.activate(c.SCHEDULES)
        return wb
    raise WorkbookError(f"no workbook engine named {engine!r}; choose one of {', '.join(WRITERS)}")
