"""Benchmark: the workbook paths on a big note, each against its anchor, as whole processes.

    python bench/bench_workbook.py [--segments 50] [--lines 40] [--periods 12] [--rounds 3]

The note is bench_fill's synthetic one (50 segments plus Total, 40 lines plus Total, 12
periods: 25k facts), written as a tidy CSV. Every figure is the CPU time (user + system)
and the peak resident memory of one whole process, as a user would run it; rounds are
interleaved, so a burst of load falls on both sides of a ratio. Reported:

- ``xlsegment fill big.csv`` against XlsxWriter writing as many cells (goal <= 1.5x);
- ``xlsegment check big.xlsx`` against python-calamine reading every sheet (goal <= 3x);
- the first function call on big.xlsx, cold (goal <= 2 s), and on the seed's workbook;
- ``xlsegment refresh big.xlsx`` in place against the fill (goal <= 1.2x);
- peak memory of each, against openpyxl loading big.xlsx.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fill import synthetic_note  # noqa: E402

from xlsegment.readers.tidy import write_tidy_csv  # noqa: E402

PY = sys.executable
CLI = [PY, "-m", "xlsegment.cli"]
SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"

XLSXWRITER = """
import sys, xlsxwriter
cells = int(sys.argv[2]); width = 31
book = xlsxwriter.Workbook(sys.argv[1]); sheet = book.add_worksheet()
for r in range(cells // width + 1):
    sheet.write_row(r, 0, [r * width + k for k in range(min(width, cells - r * width))])
book.close()
"""
CALAMINE = """
import sys, python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
print(sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names))
"""
OPENPYXL = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1], rich_text=True)"
FIRST_CALL = """
import sys
from xlsegment.udfs import functions, session
session.use(sys.argv[1])
answer = functions.SEGVALUE(sys.argv[2], sys.argv[3], sys.argv[4])
assert isinstance(answer, int | float), answer
"""


def run(args: list[str]) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of one whole process; it must succeed."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode()
    if proc.returncode not in (0, 1):  # 1: findings (none expected here)
        raise SystemExit(f"{' '.join(args[:4])} failed ({proc.returncode}): {err}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def count_cells(path: Path) -> int:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    rows = (r for n in book.sheet_names for r in book.get_sheet_by_name(n).to_python())
    return sum(1 for row in rows for v in row if v != "")


def machine() -> str:
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor() or "unknown CPU",
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def rounds(args, work: Path, seed_book: Path, cells: int) -> dict[str, list[tuple[float, float]]]:
    big_csv, big = work / "big.csv", work / "big.xlsx"
    times: dict[str, list[tuple[float, float]]] = {}

    def timed(name: str, argv: list[str]) -> None:
        times.setdefault(name, []).append(run(argv))

    for n in range(args.rounds):
        out = work / f"fill{n}.xlsx"
        timed("fill", [*CLI, "fill", str(big_csv), "-o", str(out)])
        timed("xlsxwriter", [PY, "-c", XLSXWRITER, str(work / f"xw{n}.xlsx"), str(cells)])
        timed("check", [*CLI, "check", str(big)])
        timed("calamine", [PY, "-c", CALAMINE, str(big)])
        timed("first call", [PY, "-c", FIRST_CALL, str(big), "Line item 1", "Segment 1", "2000"])
        timed(
            "first call, seed",
            [PY, "-c", FIRST_CALL, str(seed_book), "Revenue", "Cryptocurrency Mining", "2024"],
        )
        copy = work / f"refresh{n}.xlsx"
        shutil.copy(big, copy)
        timed("refresh", [*CLI, "refresh", str(copy)])
        timed("openpyxl load", [PY, "-c", OPENPYXL, str(big)])
    return times


def report(times: dict[str, list[tuple[float, float]]]) -> None:
    cpu = {k: statistics.median(t for t, _ in v) for k, v in times.items()}
    rss = {k: max(m for _, m in v) for k, v in times.items()}

    def ratio(a: str, b: str) -> float:
        return statistics.median(x[0] / y[0] for x, y in zip(times[a], times[b], strict=True))

    print(f"{'what':34} {'CPU s':>7} {'peak MB':>8}  against its anchor")
    rows = [
        ("xlsegment fill big.csv", "fill", f"{ratio('fill', 'xlsxwriter'):.2f}x XlsxWriter (goal <= 1.5x)"),
        ("XlsxWriter, as many cells", "xlsxwriter", ""),
        ("xlsegment check big.xlsx", "check", f"{ratio('check', 'calamine'):.2f}x calamine (goal <= 3x)"),
        ("calamine, every sheet", "calamine", ""),
        ("first call on big.xlsx, cold", "first call", "goal <= 2 s (process included)"),
        ("first call on the seed's workbook", "first call, seed", ""),
        ("xlsegment refresh big.xlsx", "refresh", f"{ratio('refresh', 'fill'):.2f}x fill (goal <= 1.2x)"),
        ("openpyxl loading big.xlsx", "openpyxl load", "memory anchor"),
    ]
    for label, key, note in rows:
        print(f"{label:34} {cpu[key]:7.2f} {rss[key]:8.0f}  {note}")
    base = rss["openpyxl load"]
    print(
        "peak memory against openpyxl's load: "
        + ", ".join(f"{k} {rss[k] / base:.2f}x" for k in ("fill", "check", "refresh"))
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=50)
    ap.add_argument("--lines", type=int, default=40)
    ap.add_argument("--periods", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        note = synthetic_note(args.segments, args.lines, args.periods)
        with open(work / "big.csv", "w", encoding="utf-8", newline="") as fh:
            write_tidy_csv(note, fh)
        run([*CLI, "fill", str(work / "big.csv"), "-o", str(work / "big.xlsx")])
        run([*CLI, "fill", str(SEED), "-o", str(work / "seed.xlsx")])
        cells = count_cells(work / "big.xlsx")
        print(f"machine: {machine()}")
        print(f"note: {len(note.facts):,} facts; big.xlsx: {cells:,} cells; {args.rounds} rounds, medians\n")
        report(rounds(args, work, work / "seed.xlsx", cells))


if __name__ == "__main__":
    main()
