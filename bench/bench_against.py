"""`check` against an earlier commit, side by side in one run (a benchmark, not a test).

    python bench/bench_against.py [REV]        # REV defaults to 08dcc41 (0.1.0)

REV's tree is exported with `git archive` into a temporary folder and put first on
PYTHONPATH; the current tree is the installed package. The two are timed in turn, A B A B,
so a drift in the machine's speed touches both alike, and the medians and the median of the
pairwise ratios are printed. Measured: `xlsegment check` on the seed as a whole process,
every note of tests/data/corpus (and corpus2) checked in one process, and the synthetic
note of bench_core.py (100,000 facts) related and checked.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seeds" / "000_fa2b530666297a11.txt"
NOTES = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "corpus2").glob("*.txt")
)
RUNS = int(os.environ.get("BENCH_RUNS", "11"))

CORPUS_SCRIPT = """
import sys, time
from xlsegment.api import check
paths = sys.argv[1:]
t = time.perf_counter()
for p in paths:
    check(p)
print(time.perf_counter() - t)
"""


SYNTHETIC_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[1])
from bench_core import synthetic_note
try:
    from xlsegment.pipeline import run
except ImportError:  # before the pipeline: the checks ran the relation search
    from xlsegment.checks import run_checks as run
note = synthetic_note()
t = time.perf_counter()
run(note)
print(time.perf_counter() - t)
"""


def export(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    tar = into / "tree.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as fh:
        fh.extractall(into / "tree", filter="data")
    return into / "tree"


def timed(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=False, capture_output=True, env=env)
    return time.perf_counter() - t


def in_process(cmd: list[str], env: dict) -> float:
    out = subprocess.run(cmd, check=True, capture_output=True, env=env, text=True).stdout
    return float(out.strip().splitlines()[-1])


def side_by_side(name: str, measure, new_env: dict, old_env: dict) -> None:
    new, old = [], []
    for _ in range(RUNS):
        new.append(measure(new_env))
        old.append(measure(old_env))
    ratios = [a / b for a, b in zip(new, old, strict=True)]
    print(
        f"{name}: now {statistics.median(new):.3f} s, before {statistics.median(old):.3f} s, "
        f"ratio now/before {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})"
    )


def main() -> None:
    rev = sys.argv[1] if len(sys.argv) > 1 else "08dcc41"
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="xlsegment-bench-") as tmp:
        tree = export(rev, Path(tmp))
        new_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        old_env = {**new_env, "PYTHONPATH": str(tree)}
        print(f"now: {ROOT} (installed); before: {rev}; {RUNS} runs each, in turn")
        side_by_side(
            "check seed, whole process",
            lambda env: timed([py, "-m", "xlsegment.cli", "check", str(SEED)], env),
            new_env,
            old_env,
        )
        notes = [str(p) for p in NOTES]
        side_by_side(
            f"{len(notes)} notes (corpus, corpus2) in one process",
            lambda env: in_process([py, "-c", CORPUS_SCRIPT, *notes], env),
            new_env,
            old_env,
        )
        bench = str(ROOT / "bench")
        side_by_side(
            "synthetic note of 100,000 facts, relate and check",
            lambda env: in_process([py, "-c", SYNTHETIC_SCRIPT, bench], env),
            new_env,
            old_env,
        )


if __name__ == "__main__":
    main()
