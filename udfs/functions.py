"""The Excel functions: =SEGPROFIT("Cryptocurrency Mining", 2024) and friends.

Each function is thin: it reads its arguments, asks the cached index of the calling
workbook, and converts the answer for Excel. None is volatile; they recalculate when their
arguments change or when Refresh recalculates the workbook. A problem comes back as short
text in the cell ("#SEG! segment 'Mining' not found; have: ..."), never as a dialog.

The docstrings are what Excel's function wizard shows, so they stay one line. Everything in
this module that carries ``__xlfunc__`` becomes a VBA wrapper, so helpers live elsewhere.
"""

from __future__ import annotations

from xlwings import arg, func

from xlsegment.udfs.cells import answer, findings, fx, rate_of, schedule

CATEGORY = "xlsegment"
NAMES = ("SEGPROFIT", "SEGREVENUE", "SEGVALUE", "SEGTOTAL", "SEGRECON", "SEGTABLE", "SEGFX",
         "SEGRATE", "SEGCHECK")  # fmt: skip
SEGMENT_DOC = 'Segment name as in the note, e.g. "Cryptocurrency Mining"; any case'
PERIOD_DOC = 'Fiscal year as the note labels it: 2024, "FY2024", a date; interim: "Q2 2025", "6M 2025"'
LINE_DOC = 'Line item as in the note, e.g. "Revenue"; any case, earlier labels work too'


@func(category=CATEGORY)
@arg("segment", doc=SEGMENT_DOC)
@arg("period", doc=PERIOD_DOC)
@arg("measure", doc="Optional: the profit measure by name, where the note states several")
def SEGPROFIT(segment, period, measure=None):
    """Segment profit or loss of one segment for one period, as the note states it."""
    return answer(
        "SEGPROFIT",
        (segment, period, measure),
        lambda ix: ix.profit(ix.segment(segment), ix.period(period), measure),
    )


@func(category=CATEGORY)
@arg("segment", doc=SEGMENT_DOC)
@arg("period", doc=PERIOD_DOC)
def SEGREVENUE(segment, period):
    """Revenue of one segment for one year, in the note's currency and unit."""
    return answer(
        "SEGREVENUE",
        (segment, period),
        lambda ix: ix.revenue(ix.segment(segment), ix.period(period)),
    )


@func(category=CATEGORY)
@arg("line_item", doc=LINE_DOC)
@arg("segment", doc=SEGMENT_DOC)
@arg("period", doc=PERIOD_DOC)
def SEGVALUE(line_item, segment, period):
    """Any line item of one segment for one year, in the note's currency and unit."""
    return answer(
        "SEGVALUE",
        (line_item, segment, period),
        lambda ix: ix.value_of(line_item, segment, ix.period(period)),
    )


@func(category=CATEGORY)
@arg("line_item", doc=LINE_DOC)
@arg("period", doc=PERIOD_DOC)
def SEGTOTAL(line_item, period):
    """Consolidated figure of a line item (by label) or a measure ("Revenue") for one period."""
    return answer(
        "SEGTOTAL",
        (line_item, period),
        lambda ix: ix.consolidated(line_item, ix.period(period)),
    )


@func(category=CATEGORY)
@arg("period", doc=PERIOD_DOC)
@arg("measure", doc='Optional: the measure reconciled, e.g. "Revenue"; default segment profit')
def SEGRECON(period, measure=None):
    """Spills one measure's reconciliation to the consolidated figure, then a check row."""
    return answer("SEGRECON", (period, measure), lambda ix: ix.reconciliation(ix.period(period), measure))


@func(category=CATEGORY)
@arg("table", doc='Schedule id ("T1") or name as in the note')
@arg("period", doc=PERIOD_DOC)
@arg("to_currency", doc="Optional: the convenience currency, e.g. USD; default the note's own")
def SEGTABLE(table, period, to_currency=None):
    """Spills a whole schedule for one year, in the note's or the convenience currency."""
    return answer(
        "SEGTABLE",
        (table, period, to_currency),
        lambda ix: schedule(ix, table, ix.period(period), to_currency),
    )


@func(category=CATEGORY)
@arg("amount", doc="Amount in the note's currency, e.g. 111714 or a cell")
@arg("rate", doc="Optional: units of the note's currency per unit of the other; default SEGRATE()")
def SEGFX(amount, rate=None):
    """Translates an amount at a rate with Excel's rounding (halves away from zero)."""
    return fx(amount, rate)


@func(category=CATEGORY)
def SEGRATE():
    """The workbook's convenience rate: stated in the note, or inferred from its figures."""
    return answer("SEGRATE", (), rate_of)


@func(category=CATEGORY)
@arg("table", doc='Optional: only findings of this schedule ("T1" or its name)')
def SEGCHECK(table=None):
    """Spills the findings of the checks: code, severity, place, expected, actual, message."""
    return answer("SEGCHECK", (table,), lambda ix: findings(ix, table))
