"""The probe notes' identity truth (tests/data/probe): each figure read against the
identity written for it by hand. ``python -m tests.probe [-v] [NAME...]``."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from xlsegment.api import parse
from xlsegment.model import tidy_records

PROBE = Path(__file__).parent / "data" / "probe"
KINDS = ("right", "wrong", "unnamed", "missing")


def notes() -> list[Path]:
    return sorted(p for p in PROBE.iterdir() if p.suffix in (".txt", ".html"))


def _period_ok(period: str, want: dict) -> bool:
    if want["dur"]:
        return period == f"{want['dur']} {want['period']}"
    return period in (want["period"], f"FY{want['period']}")


def _why(fact: dict, want: dict) -> list[str]:
    """What of a figure's identity differs from the truth (empty: right)."""
    why = []
    seg = (fact["segment"] or "").strip().lower()
    if (
        not ("" in want["seg"] and seg == "")
        and not any(s and s in seg for s in want["seg"])
        and seg not in want["seg"]
    ):
        why.append(f"segment {fact['segment']!r}, want {want['seg']}")
    hay = f"{fact['line']} | {fact['label']}".lower()
    if not any(k in hay for k in want["line"]):
        why.append(f"line {fact['line']!r}, want {want['line']}")
    if not _period_ok(fact["period"], want):
        why.append(f"period {fact['period']!r}, want {(want['dur'] or '') + ' ' + want['period']}")
    if want["cur"] and fact["currency"] != want["cur"]:
        why.append(f"currency {fact['currency']!r}, want {want['cur']}")
    return why


def _unnamed(fact: dict) -> bool:
    return fact["period"].startswith("Column") or fact["segment"].startswith("Column")


def score(path: Path) -> tuple[Counter, list[str]]:
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    facts = [f for f in tidy_records(parse(path).facts) if f["value"] is not None]
    used: set[int] = set()
    counts, notes_ = Counter(), []
    for want in truth:
        found = [
            i
            for i, f in enumerate(facts)
            if i not in used
            and f["source_line"] == want["source_line"]
            and abs(float(f["value"]) - want["value"]) < 1e-6
        ]
        if not found:
            if not want.get("optional"):
                counts["missing"] += 1
                notes_.append(f"missing line {want['source_line']} {want['text']}")
            continue
        used.add(found[0])
        fact = facts[found[0]]
        if _unnamed(fact):
            counts["unnamed"] += 1
            continue
        why = _why(fact, want)
        counts["wrong" if why else "right"] += 1
        if why:
            notes_.append(f"wrong line {want['source_line']} {want['text']}: " + "; ".join(why))
    return counts, notes_


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    names = [a for a in argv if a != "-v"]
    total = Counter()
    for path in notes():
        if names and path.stem not in names:
            continue
        counts, found = score(path)
        total += counts
        shown = " ".join(f"{counts[k]:3} {k}" for k in KINDS)
        print(f"{path.stem:36} {shown}")
        if verbose:
            print("\n".join(f"    {line}" for line in found))
    print("all: " + ", ".join(f"{total[k]} {k}" for k in KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
