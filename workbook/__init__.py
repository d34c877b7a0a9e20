"""The workbook layer: the template, filling it from a checked note, refreshing it.

Importing it registers the reader of filled workbooks with the core's reader registry.
"""

from xlsegment.readers import register as _register
from xlsegment.workbook.reader import WorkbookReader as _WorkbookReader

_register(_WorkbookReader())
