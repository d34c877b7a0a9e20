"""What goes into a cell: memoised answers, Excel-ready values, spilled ranges, error text.

Keeps :mod:`functions` down to one call per UDF. Numbers leave here as int or float (Excel
stores doubles), text errors start with ``#SEG!`` so a user can spot and filter them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal

from . import session
from .index import Index, Miss, grid
from .query import QueryError, amount, name_key, rate
from .sources import SourceError

log = logging.getLogger("xlsegment.udfs")
ERROR_PREFIX = "#SEG! "
FINDING_COLUMNS = [
    "code",
    "severity",
    "table",
    "period",
    "line item",
    "segment",
    "expected",
    "actual",
    "difference",
    "message",
]


def to_excel(value: object) -> object:
    """int stays int; Decimal becomes int when whole, else float; None becomes empty."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple):
        return [to_excel(v) for v in value]
    if value is None:
        return ""
    return value


def error_text(error: Exception) -> str:
    if isinstance(error, Miss | QueryError | SourceError):
        return ERROR_PREFIX + str(error)
    # A bug must not become a traceback dialog; log it, show one line.
    log.exception("xlsegment UDF failed")
    return f"{ERROR_PREFIX}{type(error).__name__}: {error}"[:255]


def answer(name: str, args: tuple, compute: Callable[[Index], object], data: object = None) -> object:
    """The cell value for ``name(*args)``, computed once per index and arguments; ``data``
    is the function's optional data argument (``session.current``)."""
    try:
        entry = session.CACHE.entry(session.current(data))
    except Exception as error:  # noqa: BLE001 - the cell shows it
        return error_text(error)
    key = (name, args)
    try:
        return entry.memo[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable argument (a whole range): compute without the memo
        key = None
    try:
        result = to_excel(compute(entry.index))
    except Exception as error:  # noqa: BLE001 - the cell shows it
        result = error_text(error)
    if key is not None:
        entry.memo[key] = result
    return result


# -- rates and translation -----------------------------------------------------------------
def note_rate(ix: Index) -> Decimal:
    """The workbook's rate (Settings), else the one the core finds (CheckResult.rate)."""
    if ix.rate is not None:
        return ix.rate
    found = ix.check_result().rate
    found = getattr(found, "rate", found)  # a RateResult, or the Decimal itself
    if found is None:
        raise Miss("no rate: the note states none and its figures imply none")
    return Decimal(found)


def rate_of(ix: Index) -> object:
    return to_excel(note_rate(ix))


def fx(value: object, given: object = None, data: object = None) -> object:
    """SEGFX: translate at ``given``, else at the workbook's rate."""
    from xlsegment.translation import translate

    try:
        exact = amount(value)
        if given is None or given == "":
            return answer("SEGFX", (value,), lambda ix: translate(exact, note_rate(ix)), data)
        return to_excel(translate(exact, rate(given)))
    except Exception as error:  # noqa: BLE001 - the cell shows it
        return error_text(error)


def schedule(ix: Index, table: object, period: str, currency: object = None) -> list[list]:
    """SEGTABLE: header row (unit, segments), then one row per line item."""
    facts = ix.table_facts(table, period)
    rows, columns, cells = grid(facts)
    convert, unit = _converter(ix, currency)
    out: list[list] = [[unit, *columns]]
    for line in rows:
        labels = {cells[(line, c)].label for c in columns if (line, c) in cells}
        # A row keeps its label as printed unless its cells disagree (regions as columns).
        label = labels.pop() if len(labels) == 1 else line
        values = [convert(cells[(line, c)].value) if (line, c) in cells else "" for c in columns]
        out.append([label or line, *values])
    return out


def _converter(ix: Index, currency: object) -> tuple[Callable, str]:
    note = ix.note
    own = note.presentation_currency
    unit = f"{own} {note.unit}".strip()
    if currency is None or currency == "" or name_key(currency) == name_key(own):
        return (lambda v: v), unit
    other = note.convenience_currency
    if other is None or name_key(currency) != name_key(other):
        raise Miss(f"currency {str(currency)!r} not available; have: {own}, {other or own}")
    from xlsegment.translation import translate

    at = note_rate(ix)
    return (lambda v: translate(v, at)), f"{other} {note.unit} at {at}".strip()


# -- data for xlwings Lite ------------------------------------------------------------------
def loaded(table: object, settings: object = None, checks: object = None) -> object:
    """SEGDATA: the note of the ranges given, checked to load, as the object the other
    functions take; a problem is the cell's text, as for every function."""
    try:
        source = session.ranges_source(table, settings, checks)
        session.CACHE.entry(source)  # read and index it now: a bad cell shows here
        return source
    except Exception as error:  # noqa: BLE001 - the cell shows it
        return error_text(error)


# -- findings ------------------------------------------------------------------------------
def findings(ix: Index, table: object = None) -> list[list]:
    """SEGCHECK: one row per finding, optionally of one table only."""
    wanted = None if table is None or table == "" else name_key(table)
    ids = {t.id for t in ix.note.tables if wanted in (name_key(t.id), name_key(t.name), name_key(t.title))}
    rows = [FINDING_COLUMNS]
    for finding in ix.check_result().findings:
        if wanted is not None and finding.table not in ids and name_key(finding.table) != wanted:
            continue
        d = finding.to_dict()
        rows.append(
            [d["code"], d["severity"], d["table"], d["period"], d["line_item"], d["segment"]]
            + [d["expected"], d["actual"], d["difference"], d["message"]]
        )
    if len(rows) == 1:
        rows.append(["ok", "", "", "", "", "", "", "", "", "no findings"])
    return rows
