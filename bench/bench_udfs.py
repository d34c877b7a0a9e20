"""Benchmark: Python time of 1,000 UDF calls after the first, on the reference note.

    python bench/bench_udfs.py

The functions are called directly, as xlwings' call_udf would call them, with a pinned
source instead of a live workbook (so the figure is Python time, without COM). Target: under
20 ms for 1,000 calls. Three runs are reported:

- cold: the first call, which parses nothing (the note is given) but builds the index;
- distinct: 1,000 calls whose arguments were never seen, so every one computes its answer;
- repeated: 1,000 calls as a recalculation repeats them (answers memoised per index).
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from xlsegment.api import parse
from xlsegment.udfs import functions as f
from xlsegment.udfs import session

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
TARGET_MS = 20.0


def calls(note) -> list[tuple]:
    """1,000 calls with distinct arguments across the UDFs, in Excel's argument forms."""
    lines = sorted({fact.line_item for fact in note.facts})
    segments = ["Cryptocurrency Mining", "corporate", "TOTAL"]
    periods = [2024.0, 2023.0, "FY2022"]
    out: list[tuple] = []
    for line, segment, period in itertools.product(lines, segments, periods):
        out.append((f.SEGVALUE, line, segment, period))
        out.append((f.SEGTOTAL, line.upper(), period))
    for segment, period in itertools.product(segments, periods):
        out += [(f.SEGPROFIT, segment, period), (f.SEGREVENUE, segment, period)]
    out += [(f.SEGRECON, p) for p in periods]
    out += [(f.SEGFX, amount, 7.2993) for amount in range(1000)]
    return list(dict.fromkeys(out))[:1000]


def timed(batch: list[tuple]) -> float:
    start = time.perf_counter()
    for fn, *args in batch:
        fn(*args)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    note = parse(SEED)
    session.use(note)
    session.drop()
    start = time.perf_counter()
    assert f.SEGPROFIT("Cryptocurrency Mining", 2024) == 57716
    cold = (time.perf_counter() - start) * 1000
    batch = calls(note)
    assert len(batch) == 1000
    distinct = timed(batch)
    repeated = min(timed(batch) for _ in range(5))
    print(f"first call (builds the index): {cold:8.2f} ms")
    print(f"1,000 calls, new arguments:    {distinct:8.2f} ms")
    print(f"1,000 calls, repeated:         {repeated:8.2f} ms   (target < {TARGET_MS:.0f} ms)")
    print(f"index loads: {session.CACHE.loads}")


if __name__ == "__main__":
    main()
