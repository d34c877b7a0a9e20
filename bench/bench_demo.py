"""Benchmark: the whole `xlsegment demo` process on the bundled seed (target < 1.5 s).

    python bench/bench_demo.py [--runs 5]

Times the real command in a fresh interpreter each run (imports included, as a user
sees it), interleaved with an anchor on the same machine, `python -c "import openpyxl"`
(the library every fill needs), and reports the medians and their ratio: on a shared or
loaded machine the ratio moves far less than the seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def command(out: Path) -> list[str]:
    exe = shutil.which("xlsegment")
    if exe:
        return [exe, "demo", "-o", str(out)]
    return [sys.executable, "-m", "xlsegment.cli", "demo", "-o", str(out)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    times, anchor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "segment_report.xlsx")
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run(command(out), check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
            assert out.exists()
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import openpyxl"], check=True, capture_output=True)
            anchor.append(time.perf_counter() - t0)
    demo, floor = statistics.median(times), statistics.median(anchor)
    print(f"xlsegment demo, {args.runs} runs: median {demo:.2f} s, best {min(times):.2f} s (target < 1.5 s)")
    print(f"python -c 'import openpyxl', median {floor:.2f} s; demo / anchor: {demo / floor:.1f}x")


if __name__ == "__main__":
    main()
