"""Benchmark (not a timed test): Amazon's 1.9 MB inline-XBRL 10-K from reading to a checked
segment note, as HTML alone and with the XBRL checks, against Arelle's own bare load of the
same file (offline, no taxonomy), all in one run: medians of interleaved in-process runs after
one warm-up each, so imports are not counted. Run: python bench/bench_filing.py [runs]"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from xlsegment import xbrl_checks
from xlsegment.api import check
from xlsegment.readers import ixbrl, read

ROOT = Path(__file__).resolve().parents[1]
FILING = ROOT / "tests" / "data" / "xbrl" / "amzn-10-k-2025-02-07.ixbrl.html"


def medians(fns, runs: int) -> list[float]:
    """Median seconds of each function; runs are interleaved so that a change in the load
    of the machine touches all of them alike. One warm-up each: imports are not counted."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            times[i].append(time.perf_counter() - t)
    return [statistics.median(t) for t in times]


def html_alone() -> None:
    """Read the filing by its layout only (as without the xbrl extra) and check it."""
    available = ixbrl.available
    ixbrl.available = lambda: False
    try:
        result = check(read(FILING))
    finally:
        ixbrl.available = available
    assert result.summary["errors"] == 0


def with_xbrl() -> None:
    note = read(FILING)
    result = check(note)  # runs the XBRL checks on a note with tags
    assert note.tags and result.summary["errors"] == 0
    assert xbrl_checks.member_sum_candidates(note)


def arelle_bare() -> None:
    """Arelle's own load of the file with the options the reader uses, nothing more."""
    from arelle.api.Session import Session
    from arelle.RuntimeOptions import RuntimeOptions

    options = RuntimeOptions(
        entrypointFile=str(FILING),
        internetConnectivity="offline",
        skipDTS=True,
        keepOpen=True,
        logFile="logToBuffer",
        logPropagate=False,
        logCodeFilter=r"(?!.*(?:missingReferences|invalidTransformation))",
        disablePersistentConfig=True,
    )
    with Session() as session:
        session.run(options)
        assert len(session.get_models()[0].facts) > 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    size = FILING.stat().st_size / 1e6
    anchor, html, full = medians([arelle_bare, html_alone, with_xbrl], runs)
    print(f"{FILING.name} ({size:.1f} MB), medians of {runs} runs")
    print(f"  Arelle bare load (anchor):          {anchor:6.3f} s")
    print(f"  HTML alone, read + check:           {html:6.3f} s  ({html / anchor:.2f}x Arelle)  target < 1 s")
    print(f"  with XBRL tags and XBRL checks:     {full:6.3f} s  ({full / anchor:.2f}x Arelle)  target < 3 s")


if __name__ == "__main__":
    main()
