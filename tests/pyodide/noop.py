"""Inside Pyodide: nothing, or with "lite" what xlwings Lite's own start does before any of
xlsegment (import xlwings in Lite mode); the anchors of bench/bench_pyodide.py."""

import json
import os
import sys

if sys.argv[1:] == ["lite"]:
    os.environ["XLWINGS_ON_SERVER"] = "true"
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings  # noqa: F401

print(json.dumps({}))
