"""A long table is related in time near its length, not its cube.

A row named like an item ("Line 17") closes the run above it only where the arithmetic
says so; each run length used to be tallied in full, so a table of n such rows cost n^3
sums (1,000 rows took 100 s). The cheap probe of two columns now passes over the runs
that cannot hold, as it does for rows labelled as totals. Counted, not timed: the full
tallies made on a table of 300 rows.
"""

from __future__ import annotations

import random

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string
from xlsegment.relate import rows


def _long_note(n: int, identical: bool) -> str:
    rng = random.Random(n)
    lines = ["Segment information", "Mining", "Games", "Total", "2024", "2024", "2024"]
    for i in range(n):
        a, b = (1, 2) if identical else (rng.randint(100, 99_999), rng.randint(100, 99_999))
        lines += [f"Line {i}", f"{a:,}", f"{b:,}", f"{a + b:,}"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("identical", [False, True], ids=["random figures", "identical rows"])
def test_a_long_table_costs_few_full_tallies(monkeypatch, identical):
    n = 300
    calls = []
    real = rows.tally
    monkeypatch.setattr(rows, "tally", lambda *a, **k: calls.append(1) or real(*a, **k))
    result = check(read_string(_long_note(n, identical)))
    assert result.summary["errors"] == 0 and result.checks == n  # each row's crossfoot
    # before: 44,551 full tallies for 300 rows (every run length of every row)
    assert len(calls) <= 4 * n
