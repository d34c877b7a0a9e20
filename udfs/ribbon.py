"""The Segments ribbon's Refresh button: refresh the calling workbook in a live Excel.

``xlsegment.xlam`` runs ``xlsegment.main()``, which lands here. Refresh drops the UDF cache,
rewrites the workbook through the xlwings engine, recalculates, reports in the status bar
and registers the UDFs in the add-in when they are missing. Any failure is one xlwings
alert, never a traceback. Every Excel object is passed in, so tests use a fake Book.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import session

ADDIN = "xlsegment.xlam"
UDF_MODULE = "xlsegment.udfs.functions"
UDF_COMPONENT = "xlwings_udfs"  # the VBA module xlwings' import_udfs writes
TITLE = "xlsegment"
TRUST_MESSAGE = (
    "The Refresh worked, but Excel did not let xlsegment add its functions (=SEGPROFIT and "
    "friends). Turn on File > Options > Trust Center > Trust Center Settings > Macro "
    'Settings > "Trust access to the VBA project object model", then press Refresh again.'
)


def main(book: Any = None, refresh: Callable | None = None, register: Callable | None = None):
    """Refresh ``book`` (default: the workbook that pressed the button)."""
    if book is None:
        import xlwings as xw

        book = xw.Book.caller()
    app = book.app
    try:
        app.status_bar = "xlsegment: refreshing..."
        checks, broken = refresh_book(book, refresh)
        app.status_bar = f"xlsegment: {checks} checks, {broken} broken"
    except Exception as error:  # noqa: BLE001 - shown to the user, not raised into VBA
        app.status_bar = False  # give the status bar back to Excel
        app.alert(f"Refresh failed: {error}", title=TITLE, mode="critical")
        return
    message = (register or register_udfs)(app)
    if message:
        app.alert(message, title=TITLE, mode="info")


def refresh_book(book: Any, refresh: Callable | None = None) -> tuple[int, int]:
    """Run the workbook layer's refresh through the xlwings engine; (checks, errors)."""
    from xlsegment.workbook.engines.xlwings_engine import XlwingsWorkbook

    refresh = refresh or refresh_live
    session.drop(book.fullname)  # the Data table is rewritten: the cached index is stale
    result = refresh(XlwingsWorkbook(book))
    session.drop(book.fullname)
    book.app.calculate()  # the UDFs are not volatile: recalculate so they see the new data
    summary = getattr(result, "summary", result) or {}
    return int(summary.get("checks", 0)), int(summary.get("errors", 0))


def refresh_live(workbook: Any):
    """Refresh an open workbook through the workbook layer, as ``xlsegment refresh`` does:
    the data source named in Settings (a file beside the workbook) rewrites the Data
    table; without one, the Data table as it stands is the source. Then check, draw
    schedules, highlights and Checks."""
    from xlsegment.workbook.api import refresh_book

    return refresh_book(workbook, workbook.fullname, folder=Path(workbook.fullname).parent)


def register_udfs(app: Any, import_udfs: Callable | None = None) -> str | None:
    """Put the UDF wrappers into the add-in unless they are there; a message if it can't."""
    if not sys.platform.startswith("win") and import_udfs is None:
        return None  # xlwings runs UDFs on Windows only
    addin = next((b for b in app.books if b.name.casefold() == ADDIN), None)
    if addin is None:
        return f"{ADDIN} is not open; run: xlsegment addin install"
    try:
        components = {c.Name for c in addin.api.VBProject.VBComponents}
    except Exception:  # noqa: BLE001 - COM refuses VBProject access when trust is off
        return TRUST_MESSAGE
    if UDF_COMPONENT in components:
        return None
    if import_udfs is None:
        from xlwings import import_udfs
    try:
        import_udfs(UDF_MODULE, addin.api)
        addin.save()  # keep the wrappers in the installed add-in for the next session
    except Exception as error:  # noqa: BLE001
        return f"Could not add the xlsegment functions: {error}"
    return None
