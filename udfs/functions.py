"""The Excel functions: =SEGPROFIT("Cryptocurrency Mining", 2024) and friends.

Each function is thin: it reads its arguments, asks the cached index of the calling
workbook, and converts the answer for Excel. None is volatile; they recalculate when their
arguments change or when Refresh recalculates the workbook. A problem comes back as short
text in the cell ("#SEG! segment 'Mining' not found; have: ..."), never as a dialog.

The docstrings are what Excel's function wizard shows, so they stay one line. Everything in
this module that carries ``__xlfunc__`` becomes a VBA wrapper, so helpers live elsewhere.
"""

from __future__ import annotations

import sys

import xlwings
from xlwings import arg, func, ret

from xlsegment.udfs.cells import answer, findings, fx, loaded, rate_of, schedule
from xlsegment.udfs.names import NAMES  # noqa: F401 - the names, for share and the tests

CATEGORY = "xlsegment"
# xlwings Lite (Pyodide; xlwings' decorators then come from its Office.js runtime) keeps
# SEGDATA's result as an object handle and hands it back to a function that takes it: its
# runtime converts both ways under the converter key "object". Classic xlwings has no
# handles; there SEGDATA shows what it loaded and the functions read the calling workbook.
LITE = sys.platform == "emscripten" or bool(getattr(xlwings, "on_server", False))
HANDLE = ("object",) if LITE else ()
as_handle = ret("object") if LITE else (lambda f: f)
DATA_DOC = "Optional: SEGDATA's cell (xlwings Lite); in classic Excel the calling workbook"
SEGMENT_DOC = 'Segment name as in the note, e.g. "Cryptocurrency Mining"; any case'
PERIOD_DOC = 'Fiscal year as the note labels it: 2024, "FY2024", a date; interim: "Q2 2025", "6M 2025"'
LINE_DOC = 'Line item as in the note, e.g. "Revenue"; any case, earlier labels work too'


@func(category=CATEGORY)
@arg("segment", doc=SEGMENT_DOC)
@arg("period", doc=PERIOD_DOC)
@arg("measure", doc="Optional: the profit measure by name, where the note states several")
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGPROFIT(segment, period, measure=None, data=None):
    """Segment profit or loss of one segment for one period, as the note states it."""
    return answer(
        "SEGPROFIT",
        (segment, period, measure),
        lambda ix: ix.profit(ix.segment(segment), ix.period(period), measure),
        data,
    )


@func(category=CATEGORY)
@arg("segment", doc=SEGMENT_DOC)
@arg("period", doc=PERIOD_DOC)
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGREVENUE(segment, period, data=None):
    """Revenue of one segment for one year, in the note's currency and unit."""
    return answer(
        "SEGREVENUE",
        (segment, period),
        lambda ix: ix.revenue(ix.segment(segment), ix.period(period)),
        data,
    )


@func(category=CATEGORY)
@arg("line_item", doc=LINE_DOC)
@arg("segment", doc=SEGMENT_DOC)
@arg("period", doc=PERIOD_DOC)
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGVALUE(line_item, segment, period, data=None):
    """Any line item of one segment for one year, in the note's currency and unit."""
    return answer(
        "SEGVALUE",
        (line_item, segment, period),
        lambda ix: ix.value_of(line_item, segment, ix.period(period)),
        data,
    )


@func(category=CATEGORY)
@arg("line_item", doc=LINE_DOC)
@arg("period", doc=PERIOD_DOC)
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGTOTAL(line_item, period, data=None):
    """Consolidated figure of a line item (by label) or a measure ("Revenue") for one period."""
    return answer(
        "SEGTOTAL",
        (line_item, period),
        lambda ix: ix.consolidated(line_item, ix.period(period)),
        data,
    )


@func(category=CATEGORY)
@arg("period", doc=PERIOD_DOC)
@arg("measure", doc='Optional: the measure reconciled, e.g. "Revenue"; default segment profit')
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGRECON(period, measure=None, data=None):
    """Spills one measure's reconciliation to the consolidated figure, then a check row."""
    return answer(
        "SEGRECON", (period, measure), lambda ix: ix.reconciliation(ix.period(period), measure), data
    )


@func(category=CATEGORY)
@arg("table", doc='Schedule id ("T1") or name as in the note')
@arg("period", doc=PERIOD_DOC)
@arg("to_currency", doc="Optional: the convenience currency, e.g. USD; default the note's own")
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGTABLE(table, period, to_currency=None, data=None):
    """Spills a whole schedule for one year, in the note's or the convenience currency."""
    return answer(
        "SEGTABLE",
        (table, period, to_currency),
        lambda ix: schedule(ix, table, ix.period(period), to_currency),
        data,
    )


@func(category=CATEGORY)
@arg("amount", doc="Amount in the note's currency, e.g. 111714 or a cell")
@arg("rate", doc="Optional: units of the note's currency per unit of the other; default SEGRATE()")
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGFX(amount, rate=None, data=None):
    """Translates an amount at a rate with Excel's rounding (halves away from zero)."""
    return fx(amount, rate, data)


@func(category=CATEGORY)
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGRATE(data=None):
    """The workbook's convenience rate: stated in the note, or inferred from its figures."""
    return answer("SEGRATE", (), rate_of, data)


@func(category=CATEGORY)
@arg("table", doc='Optional: only findings of this schedule ("T1" or its name)')
@arg("data", *HANDLE, doc=DATA_DOC)
def SEGCHECK(table=None, data=None):
    """Spills the findings of the checks: code, severity, place, expected, actual, message."""
    return answer("SEGCHECK", (table,), lambda ix: findings(ix, table), data)


@func(category=CATEGORY)
@as_handle
@arg("table", doc="The Data table with its header row, e.g. Data[#All]")
@arg("settings", doc="Optional: Settings' Setting and Value columns, header first, e.g. Settings!A3:B18")
@arg("checks", doc="Optional: the Checks table, e.g. Checks[#All], for what fill noticed in the filing")
def SEGDATA(table, settings=None, checks=None):
    """Loads the note's data for the other functions (xlwings Lite: pass this cell as data)."""
    source = loaded(table, settings, checks)
    if isinstance(source, str) or not LITE:
        return source if isinstance(source, str) else source.label()
    return xlwings.ObjectHandle(source, text=source.label())
