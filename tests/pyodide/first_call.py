"""Inside Pyodide: a Lite function's first call on the seed's Data, timed from import.

SEGDATA loads the Data table (as tests/lite_run.py sends it), then SEGPROFIT answers; the
seconds cover importing xlsegment, reading the data and the answer (bench/bench_pyodide.py).
"""

import json
import os
import sys
import time

start = time.perf_counter()
os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
from xlsegment.udfs import functions  # noqa: E402

ranges = json.loads(open(sys.argv[1], encoding="utf-8").read())  # noqa: SIM115
handle = functions.SEGDATA(*ranges)
source = handle.obj if hasattr(handle, "obj") else handle
answer = functions.SEGPROFIT("Cryptocurrency Mining", 2024, None, source)
print(json.dumps({"answer": answer, "seconds": time.perf_counter() - start}))
