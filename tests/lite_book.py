"""A workbook file as xlwings Lite hands it to a script: xlwings' JSON book.

Lite sends Python the workbook's sheets (values from A1 to the last used cell), tables,
names and notes as one JSON object, and Python answers with a list of actions (setValues,
setRangeColor, ...). ``payload`` builds that object from an .xlsx with openpyxl, with the
values Excel would show (the cached ones, as LibreOffice saved them when ``values_from``
is given), so the Refresh script can be run against a real filled workbook in tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

XLWINGS_VERSION = "0.37.8"


def _value(v):
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    return v


def _sheet(ws, cached) -> dict:
    rows = [[_value(c.value) for c in row] for row in cached.iter_rows()] or [[None]]
    width = max(len(r) for r in rows)
    values = [r + [None] * (width - len(r)) for r in rows]
    tables = []
    for table in ws.tables.values():
        first, last = table.ref.split(":")
        top = int("".join(ch for ch in first if ch.isdigit()))
        col = "".join(ch for ch in first if ch.isalpha())
        bottom = int("".join(ch for ch in last if ch.isdigit()))
        end = "".join(ch for ch in last if ch.isalpha())
        tables.append(
            {
                "name": table.name,
                "range_address": table.ref,
                "header_row_range_address": f"{col}{top}:{end}{top}",
                "data_body_range_address": f"{col}{top + 1}:{end}{bottom}",
                "total_row_range_address": None,
                "show_headers": True,
                "show_totals": False,
                "table_style": table.tableStyleInfo.name if table.tableStyleInfo else None,
                "show_autofilter": True,
            }
        )
    notes = [{"address": c.coordinate} for row in ws.iter_rows() for c in row if c.comment]
    return {
        "name": ws.title,
        "values": values,
        "pictures": [],
        "tables": tables,
        "notes": notes,
        "notes_supported": True,
        "charts": [],
        "shapes": [],
        "pivot_tables": [],
        "show_gridlines": True,
        "visibility": "Visible",
    }


def payload(path: str | Path, values_from: str | Path | None = None) -> dict:
    """xlwings' JSON book of the workbook at ``path`` (cached values from ``values_from``)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(values_from or path, data_only=True)
    names = [
        {
            "name": name,
            "sheet_index": None,
            "refers_to": "=" + defined.attr_text,
            "book_scope": True,
            "scope_sheet_name": None,
            "scope_sheet_index": None,
        }
        for name, defined in book.defined_names.items()
    ]
    return {
        "client": "Office.js",
        "version": XLWINGS_VERSION,
        "book": {"name": Path(path).name, "active_sheet_index": 0, "selection": "A1"},
        "names": names,
        "sheets": [_sheet(ws, cached[ws.title]) for ws in book.worksheets],
    }
