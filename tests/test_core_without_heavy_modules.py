"""The core checks the seed with pandas, lxml and openpyxl blocked.

xlwings Lite and other small environments install the core alone; readers and engines that
need those libraries import them when used. A fresh interpreter is started with the three
(and numpy) made unimportable, as if never installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

BLOCKED = ("pandas", "lxml", "openpyxl", "numpy", "xlwings")

SCRIPT = textwrap.dedent(
    """
    import json, sys
    for name in {blocked!r}:
        sys.modules[name] = None  # "import name" now raises ImportError
    from xlsegment import api
    from xlsegment.udfs import session
    from xlsegment.udfs.cells import answer
    result = api.check(sys.argv[1])
    session.use(api.parse(sys.argv[1]))
    mining = lambda ix: ix.profit(ix.segment("Cryptocurrency Mining"), ix.period(2024))
    profit = answer("SEGPROFIT", (), mining)
    loaded = sorted(
        m for m in sys.modules if m.split(".")[0] in {blocked!r} and sys.modules[m] is not None
    )
    print(json.dumps({{"summary": result.summary, "profit": profit, "loaded": loaded}}))
    """
).format(blocked=BLOCKED)


def test_core_checks_the_seed_without_pandas_lxml_openpyxl(seed_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(seed_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["summary"] == {"checks": 86, "errors": 0, "warnings": 2, "infos": 8}
    assert out["profit"] == 57716
    assert out["loaded"] == []
