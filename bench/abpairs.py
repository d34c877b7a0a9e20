"""One run of a measurement at the working tree and at an earlier revision, in turn.

REV is checked out into a temporary git worktree; ``run(code_root)`` measures one version
(a fresh process each time), A B A B, and the ratio is the median of the pairs' ratios,
so that a drift in the machine's speed touches both versions alike.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Pairs:
    now: float  # median of the working tree's figures
    before: float  # median of the earlier revision's
    ratio: float  # median of now / before, pair by pair


def against(rev: str, run: Callable[[Path], float], rounds: int) -> Pairs:
    """``run`` at the working tree and at ``rev``, ``rounds`` times each, in turn."""
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), rev], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        try:
            pairs = [(run(ROOT), run(old)) for _ in range(rounds)]
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
    return Pairs(
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(a / b for a, b in pairs),
    )
