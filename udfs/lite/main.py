"""xlsegment for xlwings Lite: paste this file into Lite's main.py.

The functions are xlsegment's own: =SEGPROFIT("Mining", 2024, , B1) with B1 holding
=SEGDATA(Data[#All], Settings!A3:B18). Lite's functions see only their arguments, so the
data reaches them through SEGDATA's object handle. The Refresh script re-checks the note
and highlights broken totals; the button on the Settings sheet runs it.
"""

import xlwings as xw
from xlwings import script

from xlsegment.udfs.functions import (  # noqa: F401 - Lite registers the functions found here
    SEGCHECK,
    SEGDATA,
    SEGFX,
    SEGPROFIT,
    SEGRATE,
    SEGRECON,
    SEGREVENUE,
    SEGTABLE,
    SEGTOTAL,
    SEGVALUE,
)
from xlsegment.udfs.lite.refresh import refresh_book_in_lite


@script(button="[xlsegment_refresh]Settings!E3", show_taskpane=True)
def refresh(book: xw.Book):
    """Re-check the Data table, redraw Schedules and Checks, highlight broken totals."""
    refresh_book_in_lite(book)
