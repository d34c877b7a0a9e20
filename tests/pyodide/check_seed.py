"""Inside Pyodide: check a note and print its findings as JSON (tests/test_pyodide.py)."""

import json
import sys
import time

start = time.perf_counter()
from xlsegment import api  # noqa: E402

result = api.check(sys.argv[1])
print(
    json.dumps(
        {
            "summary": result.summary,
            "findings": [f.to_dict() for f in result.findings],
            "covered": result.coverage if hasattr(result, "coverage") else None,
            "seconds": time.perf_counter() - start,
            "loaded": sorted(m for m in ("pandas", "lxml", "openpyxl", "numpy") if m in sys.modules),
            "platform": sys.platform,
        },
        default=str,
    )
)
