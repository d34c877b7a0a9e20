"""Benchmark: fill and check a synthetic note against openpyxl writing as many cells.

    python bench/bench_fill.py [--segments 50] [--lines 40] [--periods 12] [--rounds 3]

The synthetic note has, per period, one table with SEGMENTS segment columns plus Total,
LINES line items plus a Total row; every total adds up. ``fill`` (core check + template +
Data table + schedules + Checks + save) is timed against a bare openpyxl workbook that
writes the same number of cells (counted in the filled file), interleaved round by round
in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl

from xlsegment.model import Column, Fact, Note, Role, Row, Source, Table
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.package import inventory


def synthetic_note(segments: int, lines: int, periods: int) -> Note:
    tables = []
    for p in range(periods):
        period = str(2000 + p)
        columns = [Column(f"Segment {s + 1}", f"Segment {s + 1}", period, "USD") for s in range(segments)]
        columns.append(Column("Total", "Total", period, "USD", Role.TOTAL))
        rows = [Row(f"Line item {i + 1}", f"Line item {i + 1}", i + 1) for i in range(lines)]
        rows.append(Row("Total", "Total", lines + 1, role=Role.TOTAL))
        cells = {}
        for i in range(lines + 1):
            for s in range(segments + 1):
                if i < lines and s < segments:
                    value = (i + 1) * 1000 + (s + 1) * 7 + p
                elif i < lines:
                    value = sum((i + 1) * 1000 + (k + 1) * 7 + p for k in range(segments))
                elif s < segments:
                    value = sum((k + 1) * 1000 + (s + 1) * 7 + p for k in range(lines))
                else:
                    value = sum(
                        (k + 1) * 1000 + (j + 1) * 7 + p for k in range(lines) for j in range(segments)
                    )
                col, row = columns[s], rows[i]
                cells[(i, s)] = Fact(
                    "Segment profit or loss",
                    period,
                    row.line_item,
                    col.segment,
                    "USD",
                    value,
                    source=Source(line=i + 1),
                    role=col.role,
                )
        tables.append(
            Table(p, "Segment profit or loss", f"Year {period}", tuple(rows), tuple(columns), cells)
        )
    return Note("synthetic", tuple(tables), "USD", "thousands")


def count_cells(path: Path) -> int:
    book = openpyxl.load_workbook(path)
    return sum(1 for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None)


def bare_openpyxl(cells: int, path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    width = 26
    for r in range(cells // width + 1):
        ws.append([r * width + k for k in range(min(width, cells - r * width))])
    book.save(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=50)
    ap.add_argument("--lines", type=int, default=40)
    ap.add_argument("--periods", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=3, help="fill and the anchor, interleaved")
    args = ap.parse_args()
    note = synthetic_note(args.segments, args.lines, args.periods)
    fills, bares, ratios = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "synthetic.xlsx")
        cells = 0
        for n in range(args.rounds):
            # Each round times fill, then openpyxl alone on as many cells, back to back, so a
            # burst of load on a shared machine falls on both and the ratio holds.
            out = Path(tmp, f"synthetic{n}.xlsx")
            t0 = time.perf_counter()
            fill(note, out)
            fills.append(time.perf_counter() - t0)
            cells = cells or count_cells(out)
            t0 = time.perf_counter()
            bare_openpyxl(cells, Path(tmp, f"bare{n}.xlsx"))
            bares.append(time.perf_counter() - t0)
            ratios.append(fills[-1] / bares[-1])
        t0 = time.perf_counter()
        refresh(out)
        t_refresh = time.perf_counter() - t0
        data = out.read_bytes()
        t0 = time.perf_counter()
        inventory(data, out)
        t_scan = time.perf_counter() - t0
        t0 = time.perf_counter()
        openpyxl.load_workbook(out, rich_text=True)
        t_load = time.perf_counter() - t0
    facts = len(note.facts)
    print(f"facts: {facts:,}; cells written: {cells:,}; {args.rounds} rounds, medians")
    print(f"fill + check:     {statistics.median(fills):6.2f} s")
    print(f"openpyxl alone:   {statistics.median(bares):6.2f} s  (same number of cells, plain values)")
    print(f"ratio:            {statistics.median(ratios):6.2f}x  (median of the rounds; target <= 1.5x)")
    print(f"rounds:           {', '.join(f'{r:.2f}x' for r in ratios)}")
    print(f"refresh in place: {t_refresh:6.2f} s  (read Data back, re-check, redraw, save)")
    print(f"loss scan:        {t_scan:6.2f} s  ({t_scan / t_load:.2f}x openpyxl loading the same file)")


if __name__ == "__main__":
    main()
