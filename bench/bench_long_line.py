"""Benchmark (not a timed test): checking a note with one very long line is linear in the
line's length, at about a microsecond a character.

The seed note gets one extra line of 0.5 MB and of 1 MB, inserted as a row label inside its
first table (where every label rule of the reader sees it), and as text after it. Each
kind of line is checked in-process with ``xlsegment.api.check``; the seed alone is timed too
and subtracted. The anchor, in the same run, is a plain Python loop over the line's
characters, so the ratio says how many such loops one check of the line costs. The last
column is the share of the time spent aligning renamed line items (``readers/naming.py``).

Run: python bench/bench_long_line.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from xlsegment.api import check
from xlsegment.readers import naming

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "xlsegment" / "data" / "sample_note.txt"

KINDS = {
    "letters": lambda n: "a" * n,
    "words": lambda n: ("Revenue from operations before other items " * (n // 43 + 1))[:n],
    "digits": lambda n: "1" * n,
    "spaced digits then text": lambda n: ("1 " * (n // 2))[:n] + "x",
    "spaces inside a number": lambda n: "1" + " " * n + "x",
}


def timed(func, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def note_with(line: str, folder: Path) -> Path:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first_amount = next(i for i, s in enumerate(lines) if s[:1].isdigit() and i > 20)
    path = folder / "long.txt"
    path.write_text("\n".join([*lines[:first_amount], line, *lines[first_amount:]]) + "\n", encoding="utf-8")
    return path


def anchor(line: str) -> float:
    def loop():
        for _ in line:
            pass

    return timed(loop)


class Stopwatch:
    """Time spent in the line-item alignment (readers/naming.py), measured inside the check."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.real = naming.align_line_items

    def __call__(self, *args, **kwargs):
        t = time.perf_counter()
        try:
            return self.real(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - t


def main() -> None:
    watch = Stopwatch()
    naming.align_line_items = watch
    base = timed(lambda: check(str(SEED)))
    print(f"seed alone: {base * 1000:.0f} ms")
    header = f"{'line':26} {'0.5 MB':>8} {'1 MB':>8} {'1 MB/0.5 MB':>11} {'µs/char':>8} {'× anchor':>9}"
    print(header + f" {'naming':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in KINDS.items():
            cost = {}
            for n in (500_000, 1_000_000):
                path = note_with(make(n), Path(tmp))
                watch.seconds = 0.0
                cost[n] = max(timed(lambda p=path: check(str(p)), runs=1) - base, 1e-9)
            in_naming = watch.seconds / cost[1_000_000]
            per_char = cost[1_000_000] / 1_000_000 * 1e6
            ratio = cost[1_000_000] / anchor(make(1_000_000))
            print(
                f"{name:26} {cost[500_000]:7.2f}s {cost[1_000_000]:7.2f}s "
                f"{cost[1_000_000] / cost[500_000]:11.2f} {per_char:8.2f} {ratio:9.0f} {in_naming:7.0%}"
            )


if __name__ == "__main__":
    main()
