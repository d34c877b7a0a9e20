"""1,000 function calls with new arguments on a real 10-K note, now and at an earlier
revision, side by side in one run (the right-answers issue's speed goal: no slower than
before). Not a timed test.

    python bench/bench_answers.py [REV] [NOTE]   # REV defaults to HEAD~5, NOTE to Boeing 2024

REV is checked out into a temporary git worktree. Each version runs in a fresh process
that reads the note, builds the functions' index with a first call (not timed), then
times 1,000 distinct calls whose arguments it has not seen (SEGVALUE, SEGTOTAL,
SEGPROFIT, SEGREVENUE, SEGRECON with and without a measure, over the note's lines,
segments and years, then the same questions written another way): Python time, without
Excel's COM round trip. The versions run in turn, A B A B, and the ratio is the median of
the pairs' ratios, so that drift in the machine's speed cancels out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from abpairs import against

ROOT = Path(__file__).resolve().parents[1]
NOTE = ROOT / "tests" / "data" / "corpus" / "10_boeing_2024.txt"

# The job imports the functions from the version under test: its xlsegment package, and
# its udfs folder mounted as xlsegment.udfs (as the package's install maps it).
JOB = r"""
import importlib.util, itertools, sys, time, pathlib
root, note_path = pathlib.Path(sys.argv[1]), sys.argv[2]
import xlsegment
spec = importlib.util.spec_from_file_location(
    "xlsegment.udfs", root / "udfs" / "__init__.py", submodule_search_locations=[str(root / "udfs")])
mod = importlib.util.module_from_spec(spec); sys.modules["xlsegment.udfs"] = mod; spec.loader.exec_module(mod)
from xlsegment.api import parse
from xlsegment.udfs import functions as f, session
note = parse(note_path)
session.use(note); session.drop()
f.SEGTOTAL("Revenues", 2024)  # builds the index: not timed
lines = sorted({x.line_item for x in note.facts})
segments = sorted({x.segment for x in note.facts if x.segment})
years = sorted({x.period for x in note.facts if x.period[:4].isdigit()})
calls = []
for line, seg, year in itertools.product(lines, segments, years):
    calls.append((f.SEGVALUE, line, seg, year))
for line, year in itertools.product(lines, years):
    calls.append((f.SEGTOTAL, line.upper(), float(year)))
for seg, year in itertools.product(segments, years):
    calls += [(f.SEGPROFIT, seg, "FY" + year), (f.SEGREVENUE, seg.lower(), year)]
calls += [(f.SEGRECON, float(y)) for y in years]
calls += [(f.SEGRECON, y, line) for line, y in itertools.product(lines, years)]  # one measure each
# The same questions written another way are new arguments too ("fy2024", upper case):
# every call below differs from every other, so none is answered from an earlier one.
calls += [(f.SEGVALUE, line.upper(), seg.lower(), "FY" + year)
          for line, seg, year in itertools.product(lines, segments, years)]
calls += [(f.SEGTOTAL, line.lower(), "FY" + year) for line, year in itertools.product(lines, years)]
calls += [(f.SEGRECON, "FY" + y, line.upper()) for line, y in itertools.product(lines, years)]
calls += [(f.SEGVALUE, line.lower(), seg.upper(), float(year))
          for line, seg, year in itertools.product(lines, segments, years)]
calls = list(dict.fromkeys((fn, *args) for fn, *args in calls))[:1000]
assert len(calls) == 1000, f"only {len(calls)} distinct calls on this note"
start = time.perf_counter()
for fn, *args in calls:
    fn(*args)
print((time.perf_counter() - start) * 1000)
"""


def run_once(code_root: Path, note: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", JOB, str(code_root), str(note)],
        cwd=code_root,
        env={"PYTHONPATH": str(code_root), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(rev: str = "HEAD~5", note: str = str(NOTE), rounds: int = 7) -> None:
    got = against(rev, lambda root: run_once(root, Path(note)), rounds)
    print(f"1,000 calls with new arguments on {Path(note).name}: now {got.now:.1f} ms, "
          f"{rev} {got.before:.1f} ms, ratio {got.ratio:.2f} (median of {rounds} pairs)")  # fmt: skip


if __name__ == "__main__":
    main(*sys.argv[1:3])
