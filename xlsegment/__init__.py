"""xlsegment: segment-reporting notes (ASC 280, IFRS 8) checked, reconciled and put into Excel.

The package imports nothing heavy at start-up; pandas, openpyxl and xlwings load only
when a function that needs them runs.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Public API, resolved lazily so `import xlsegment` stays fast (the ribbon imports it too).
# fill, refresh and check_workbook are the workbook layer's: the entry point composes them.
_LAZY = {"parse": "xlsegment.api", "check": "xlsegment.api", "run": "xlsegment.pipeline"}
_COMPOSED = ("fill", "refresh", "check_workbook", "main")


def __getattr__(name: str):
    import importlib

    if name in _COMPOSED:
        return importlib.import_module("xlsegment.cli").composed(name)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xlsegment' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
