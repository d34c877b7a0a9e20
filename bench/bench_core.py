"""Benchmarks of the core (not timed tests): whole-process `check` on the seed against
`python -c "import pandas"`, corpus and corpus2 in one process, and the check engine on a
synthetic note of 100,000 facts. Run: python bench/bench_core.py"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from xlsegment.checks import relation_finding
from xlsegment.model import Column, Fact, Note, Role, Row, Source, Table
from xlsegment.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "xlsegment" / "data" / "sample_note.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"


def process_median(cmd: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=False, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def synthetic_note(tables: int = 1000, segments: int = 9, lines: int = 9) -> Note:
    """Each table: `lines` line items and a total line, `segments` segments and a Total."""
    out = []
    for t in range(tables):
        cols = [Column(f"S{c}", f"S{c}", "2024", "USD") for c in range(segments)]
        cols.append(Column("Total", "Total", "2024", "USD", Role.TOTAL))
        rows = [Row(f"Line {i}", f"Line {i}", i) for i in range(lines)] + [Row("Total", "Total", lines)]
        cells = {}
        for c in range(segments + 1):
            col_total = 0
            for r in range(lines):
                v = (t * 7 + r * 13 + c * 17) % 1000 + 1 if c < segments else None
                if v is None:
                    v = sum(cells[(r, k)].value for k in range(segments))
                cells[(r, c)] = Fact(
                    "T",
                    "2024",
                    f"Line {r}",
                    cols[c].segment,
                    "USD",
                    v,
                    source=Source(line=r),
                    role=cols[c].role,
                )
                col_total += v
            cells[(lines, c)] = Fact(
                "T",
                "2024",
                "Total",
                cols[c].segment,
                "USD",
                col_total,
                source=Source(line=lines),
                role=cols[c].role,
            )
        out.append(Table(t, "Synthetic", "", tuple(rows), tuple(cols), cells))
    return Note("synthetic", tuple(out), "USD", "millions")


def main() -> None:
    py = sys.executable
    check = process_median([py, "-m", "xlsegment.cli", "check", str(SEED)])
    pandas = process_median([py, "-c", "import pandas"])
    print(f"xlsegment check seed, whole process, median: {check:.3f} s")
    print(f"python -c 'import pandas', median:           {pandas:.3f} s")
    if CORPUS.exists():
        from xlsegment.api import check as check_note

        corpus2 = CORPUS.parent / "corpus2"
        paths = sorted(CORPUS.glob("*.txt")) + sorted(corpus2.glob("*.txt"))
        rounds = []
        for _ in range(5):
            t = time.perf_counter()
            for p in paths:
                check_note(p)
            rounds.append(time.perf_counter() - t)
        median = statistics.median(rounds)
        print(
            f"corpus + corpus2 text, {len(paths)} notes in one process: first {rounds[0]:.3f} s, "
            f"median of 5 {median:.3f} s = {median / pandas:.2f}x importing pandas"
        )
        html = sorted(corpus2.glob("*.html"))
        t = time.perf_counter()
        for p in html:
            check_note(p)
        print(f"corpus2 filing HTML, {len(html)} notes in one process: {time.perf_counter() - t:.3f} s")
    note = synthetic_note()
    n = len(note.facts)
    t = time.perf_counter()
    result = run(note)  # the pipeline: relate, translate, check
    dt = time.perf_counter() - t
    print(
        f"discover relations + check: {n:,} facts, {result.checks:,} checks in {dt:.3f} s "
        f"= {n / dt:,.0f} facts/s"
    )
    t = time.perf_counter()
    for rel in result.relations:
        relation_finding(rel)
    dt = time.perf_counter() - t
    print(f"check engine over the found relations: {dt:.3f} s = {n / dt:,.0f} facts/s")


if __name__ == "__main__":
    main()
