"""Reading every corpus and corpus2 note (text and HTML) and checking it, in one process,
against the same job at an earlier revision, side by side in one run (the figure-identity
issue's speed goal: no slower than before). Not a timed test.

    python bench/bench_identity.py [REV]        # REV defaults to HEAD~3

REV is checked out into a temporary git worktree; the two versions run in turn, A B A B,
each as a fresh process, and the ratio is taken pair by pair so that drift in the
machine's speed cancels out.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from abpairs import against

ROOT = Path(__file__).resolve().parents[1]
JOB = (
    "import sys, pathlib; from xlsegment.api import check\n"
    "data = pathlib.Path(sys.argv[1])\n"
    "notes = sorted((data / 'corpus').glob('*.txt')) + sorted((data / 'corpus2').glob('*.txt'))"
    " + sorted((data / 'corpus2').glob('*.html'))\n"
    "for p in notes: check(p)\n"
)


def run_once(code_root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", JOB, str(ROOT / "tests" / "data")],
        cwd=code_root,
        env={"PYTHONPATH": str(code_root), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main(rev: str = "HEAD~3", rounds: int = 5) -> None:
    got = against(rev, run_once, rounds)
    print(f"corpus + corpus2 (43 readings), check in one process: now {got.now:.2f} s, "
          f"{rev} {got.before:.2f} s, ratio {got.ratio:.2f} (median of {rounds} pairs)")  # fmt: skip


if __name__ == "__main__":
    main(*sys.argv[1:2])
