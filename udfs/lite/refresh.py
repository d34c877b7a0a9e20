"""The Refresh script's work in xlwings Lite: what the ribbon's Refresh does in classic Excel.

It reads the Data table and Settings from the book Lite hands over, runs the pipeline,
redraws Schedules and Checks and highlights broken totals in place, all through the
workbook interface's xlwings engine (``LiteWorkbook``). Lite has no status bar and no
file system: the result goes to the Checks sheet's count cell, and a problem is one line
in Lite's output pane, never a traceback.
"""

from __future__ import annotations

import logging

log = logging.getLogger("xlsegment.lite")


def refresh_book_in_lite(book) -> str:
    """Refresh ``book`` (an ``xw.Book`` from Lite); the one-line summary shown in Lite."""
    from xlsegment.errors import XlsegmentError
    from xlsegment.udfs import session
    from xlsegment.workbook.api import refresh_book
    from xlsegment.workbook.engines.xlwings_lite import LiteWorkbook

    session.drop()  # the functions answer from what the refresh wrote
    try:
        result = refresh_book(LiteWorkbook(book), book.name)
    except XlsegmentError as error:
        message = f"xlsegment: {error}"
        print(message)
        return message
    summary = result.summary
    message = f"xlsegment: {summary['checks']} checks, {summary['errors']} broken"
    print(message)
    return message
