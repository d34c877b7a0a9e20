"""Pyodide (xlwings Lite's Python) start-up: not a timed test.

Each figure is a whole Node process (tests/pyodide/run.cjs: boot Pyodide offline, install
the wheels, run one script), median of RUNS, all in one run so the ratio is fair:

- the seed checked (tests/pyodide/check_seed.py), as a ratio against its anchor, Pyodide
  booting and installing alone (tests/pyodide/noop.py);
- a Lite function's first call on the seed's Data (tests/pyodide/first_call.py: import,
  SEGDATA, SEGPROFIT), as seconds above its anchor, Pyodide's start as Lite makes it (the
  same, and xlwings imported in Lite mode: noop.py lite); the goal is under 1 s.

Needs ``bash tools/pyodide_setup.sh`` first. Run: python bench/bench_pyodide.py [RUNS]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = "tests/data/seeds/000_fa2b530666297a11.txt"
RUN = ["node", str(ROOT / "tests" / "pyodide" / "run.cjs")]


def median_seconds(args: list[str], runs: int, io: str) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [*RUN, *args], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PYODIDE_IO": io}
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{args[0]}: {done.stderr.strip().splitlines()[-1]}")
    return statistics.median(times)


def seed_ranges(folder: Path) -> Path:
    """The seed's Data, Settings and Checks ranges, as SEGDATA is given them."""
    sys.path.insert(0, str(ROOT))
    from tests.lite_book import payload
    from tests.test_lite import _ranges
    from xlsegment.workbook.api import fill

    fill(ROOT / SEED, folder / "seed.xlsx")
    path = folder / "ranges.json"
    path.write_text(json.dumps(list(_ranges(payload(folder / "seed.xlsx"))), default=str))
    return path


def main(runs: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seed_ranges(Path(tmp))
        alone = median_seconds(["/repo/tests/pyodide/noop.py"], runs, tmp)
        checked = median_seconds(["/repo/tests/pyodide/check_seed.py", f"/repo/{SEED}"], runs, tmp)
        lite = median_seconds(["/repo/tests/pyodide/noop.py", "lite"], runs, tmp)
        first = median_seconds(["/repo/tests/pyodide/first_call.py", "/io/ranges.json"], runs, tmp)
    print(f"Pyodide boot and installs alone (anchor)   {alone:6.2f} s")
    print(f"seed checked in Pyodide                    {checked:6.2f} s  ratio {checked / alone:.2f}")
    print(f"Pyodide start as Lite makes it (anchor)    {lite:6.2f} s")
    print(
        f"first SEGPROFIT on the seed's Data         {first:6.2f} s  {first - lite:+.2f} s above its anchor"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
