"""xlsegment: segment-reporting notes (ASC 280, IFRS 8) checked, reconciled and put into Excel.

The package imports nothing heavy at start-up; pandas, openpyxl and xlwings load only
when a function that needs them runs.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Public API, resolved lazily so `import xlsegment` stays fast (the ribbon imports it too).
_LAZY = {
    "parse": "xlsegment.api",
    "check": "xlsegment.api",
    "fill": "xlsegment.workbook.api",
    "refresh": "xlsegment.workbook.api",
    "check_workbook": "xlsegment.workbook.api",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xlsegment' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def main() -> None:
    """Entry point of the "Segments" ribbon's Refresh button (xlsegment.xlam runs this)."""
    from xlsegment.udfs.ribbon import main as ribbon_main

    ribbon_main()
