"""The Data table <-> Note, through the core's tidy rows (``xlsegment.readers.tidyrows``).

The Data table is the tidy format without the note-wide columns, which Settings hold:
the facts, and the ``layout_*`` columns that say where each fact sat in its filing table,
so a refresh rebuilds exactly the tables the fill drew. Rows a user typed without layout
join the table of their name and period, or are laid out afresh, as in a tidy CSV.
"""

from __future__ import annotations

from xlsegment.model import Note
from xlsegment.readers.tidyrows import note_from_records, note_records
from xlsegment.workbook import contract as c

LAYOUT_COLUMNS = c.LAYOUT_COLUMNS
ALL_COLUMNS = c.DATA_ALL_COLUMNS

# Settings that state the note's values, by the tidy format's name for them.
STATED_BY = {
    "currency": "xls_Currency",
    "unit": "xls_Unit",
    "convenience_currency": "xls_ConvCurrency",
    "convenience_unit": "xls_ConvUnit",
    "rate_source": "xls_FxNote",
}


def note_rows(note: Note, skip=frozenset()) -> list[list[object]]:
    """One row per stated fact (``skip``: the computed ones) in table, row and column order,
    in the Data table's columns."""
    return [[rec[k] for k in ALL_COLUMNS] for rec in note_records(note, ALL_COLUMNS, skip)]


def stated(settings: dict[str, object]) -> dict[str, object]:
    """The note's values as Settings give them (a blank convenience currency means none)."""
    out = {key: settings[name] for key, name in STATED_BY.items() if name in settings}
    return {k: v for k, v in out.items() if v not in (None, "") or k == "convenience_currency"}


def note_from_data(
    records: list[dict[str, object]], columns, settings: dict[str, object], name: str, rows=None
) -> Note:
    """The note the Data table's records state, with Settings' currency, unit and rate
    source; ``rows`` (a :class:`~.datatable.DataRows`) says where each row sits, for messages."""
    lines = rows.rows if rows is not None else range(2, len(records) + 2)
    return note_from_records(
        zip(lines, records, strict=True),
        [str(col) for col in columns],
        name,
        stated=stated(settings),
        cell_of=rows.cell_of if rows is not None else None,
        own_lines=False,  # a Data row's number is no line of the note text
        header_line=rows.header_row if rows is not None else 1,
    )
