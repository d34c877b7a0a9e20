"""Benchmark (not a timed test): reading an HTML filing grows with its number of tables,
not with its square. Goal: 40,000 tables take at most 2.5x as long as 20,000.

Two generated filings of tiny tables, each read at 20,000 and at 40,000 tables in the same
run, in-process through the reader registry (``xlsegment.readers.read``), after one warm-up
read of a small file so that imports are not counted:

- "one note": a "Segment Information" heading, then each table (two segments and a Total
  over two years) with the sentence that leads into it;
- "a heading each": a segment heading over every table (each heading's note runs to the
  end of the file, so each is a candidate for the note).

Each read is measured in CPU seconds of this process (``time.process_time``): on a machine
shared with other work, wall time of the same read varied by 2x between runs; wall time
is shown beside it. The ratio is the 40,000 file's median CPU seconds over the 20,000
file's; a reader linear in the tables gives about 2, a quadratic one 4. Peak RSS is the
whole process's so far.

Then the bound: a 3 GB HTML file and a 3 GB workbook (sparse files: a few bytes on disk)
given to ``xlsegment check``, whole process, median of 3, against the same process that
only imports the command line. Goal: refused in under a second, by their size.

Run: python bench/bench_html_tables.py [runs [smaller larger]]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xlsegment.readers import read

GOAL = 2.5  # the most 40,000 tables may cost over 20,000 (issue 20)

_SEGMENT_TABLE = (
    "<p>The following table presents revenue by segment {i}:</p>"
    "<table><tr><td></td><td>2024</td><td>2023</td></tr>"
    "<tr><td>Mining</td><td>{a}</td><td>1</td></tr>"
    "<tr><td>Games</td><td>2</td><td>3</td></tr>"
    "<tr><td>Total</td><td>{t}</td><td>4</td></tr></table>"
)
_TINY_TABLE = "<p>Segment Information</p><table><tr><td>Revenue</td><td>{a}</td></tr></table>"


def one_note(n: int) -> str:
    tables = "".join(_SEGMENT_TABLE.format(i=i, a=100 + i, t=102 + i) for i in range(n))
    return f"<html><body><p>Segment Information</p>{tables}</body></html>"


def a_heading_each(n: int) -> str:
    return "<html><body>" + "".join(_TINY_TABLE.format(a=100 + i) for i in range(n)) + "</body></html>"


SHAPES = {"one note": one_note, "a heading each": a_heading_each}


def seconds_to_read(path: Path, runs: int) -> tuple[float, float, int]:
    """Median CPU and wall seconds of ``runs`` reads, and how many tables the note holds."""
    cpu, wall = [], []
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        note = read(path)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(cpu), statistics.median(wall), len(note.tables)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


REFUSED_WITHIN = 1.0  # seconds for a file over the size limit (issue 20)
HUGE = 3 * 2**30


def whole_process(args: list[str], runs: int = 3) -> tuple[float, str]:
    """Median wall seconds of a process, and its last line on stderr."""
    times, said = [], ""
    for _ in range(runs):
        t = time.perf_counter()
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - t)
        said = (done.stderr.strip().splitlines() or [""])[-1]
    return statistics.median(times), said


def refusals(folder: Path) -> None:
    base, _ = whole_process(["-c", "import xlsegment.cli"])
    print(f"\n{'over the limit':16} {'refused in':>10} {'import alone':>12}  message")
    for name, head in (("huge.htm", b"<html><body><table>"), ("huge.xlsx", b"PK\x03\x04")):
        path = folder / name
        path.write_bytes(head)
        os.truncate(path, HUGE)
        seconds, said = whole_process(["-m", "xlsegment.cli", "check", str(path)])
        path.unlink()
        verdict = "met" if seconds < REFUSED_WITHIN else "NOT met"
        print(f"{name:16} {seconds:9.2f}s {base:11.2f}s  {said.replace(str(folder) + '/', '')} ({verdict})")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    smaller, larger = (int(a) for a in sys.argv[2:4]) if len(sys.argv) > 3 else (20_000, 40_000)
    header = f"{'filing (CPU s)':16} {smaller:>10,} {larger:>10,} {'ratio':>6} {'goal':>6}  {'wall s':>15}"
    print(header)
    met = True
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.htm"
        warm.write_text(one_note(10), encoding="utf-8")
        read(warm)
        for shape, make in SHAPES.items():
            seconds, wall, counts = {}, {}, {}
            for n in (smaller, larger):
                path = Path(tmp) / f"{n}.htm"
                path.write_text(make(n), encoding="utf-8")
                seconds[n], wall[n], counts[n] = seconds_to_read(path, runs)
                path.unlink()
            ratio = seconds[larger] / seconds[smaller]
            met = met and ratio <= GOAL
            print(
                f"{shape:16} {seconds[smaller]:9.2f}s {seconds[larger]:9.2f}s {ratio:6.2f} "
                f"{'met' if ratio <= GOAL else 'NOT':>6}  {wall[smaller]:6.2f}/{wall[larger]:<6.2f}"
                f"  ({counts[smaller]:,} and {counts[larger]:,} tables in the note)"
            )
        verdict = "met" if met else "not met"
        print(f"median of {runs} run(s) each; peak RSS {peak_mb():.0f} MB; goal <= {GOAL}x: {verdict}")
        refusals(Path(tmp))


if __name__ == "__main__":
    main()
