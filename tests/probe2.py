"""The second and third probes' identity truth (tests/data/probe2, probe3), judged as
their authors judged it: text figures by source line and value, HTML figures by value; a
figure is right when its segment, line, period (with its duration) and currency are the
truth's; an optional figure (a margin %, a change column) may go unread.
``python -m tests.probe2 [-v] [--third | ... | --eleventh]``."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from xlsegment.api import parse
from xlsegment.errors import InputError
from xlsegment.model import tidy_records

PROBE = Path(__file__).parent / "data" / "probe2"
PROBE3 = Path(__file__).parent / "data" / "probe3"
PROBE4 = Path(__file__).parent / "data" / "probe4"
PROBE5 = Path(__file__).parent / "data" / "probe5"
PROBE6 = Path(__file__).parent / "data" / "probe6"
PROBE7 = Path(__file__).parent / "data" / "probe7"
PROBE8 = Path(__file__).parent / "data" / "probe8"
PROBE9 = Path(__file__).parent / "data" / "probe9"
PROBE10 = Path(__file__).parent / "data" / "probe10"
PROBE11 = Path(__file__).parent / "data" / "probe11"
KINDS = ("right", "wrong", "unnamed", "missing")
_DURATION = re.compile(r"\b(\d{1,2})M\b")


def notes(folder: Path = PROBE) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".htm"))


def _segment_ok(names: list[str], segment: str) -> bool:
    low = segment.lower().strip()
    for n in names:
        if (
            (n == "" and low == "")
            or (n.startswith("=") and low == n[1:].lower())
            or (n and n.lower() in low)
        ):
            return True
    return False


def _period_ok(want: dict, period: str) -> bool:
    durations = set(_DURATION.findall(period))
    if want["duration"] is None:
        return want["period"] in period and not durations
    return want["period"] in period and durations == {want["duration"].rstrip("M")}


def _right(want: dict, fact: dict) -> bool:
    text = f"{fact['line']} {fact['label']}".lower()
    return (
        _segment_ok(want["segment"], fact["segment"])
        and any(w.lower() in text for w in want["line"])
        and _period_ok(want, fact["period"])
        and (want["currency"] is None or fact["currency"] == want["currency"])
    )


def _unnamed(want: dict, fact: dict) -> bool:
    """A column left unnamed, or a currency left unnamed ("" where the note writes a bare
    "$" and does not say which dollar) on a figure otherwise right."""
    if re.match(r"^Column \d+$", fact["segment"]) or re.match(r"^Column \d+$", fact["line"]):
        return True
    return fact["currency"] == "" and _right({**want, "currency": None}, fact)


def _value(x) -> Decimal:
    return Decimal(str(x)).normalize()


def _as_printed(fact: dict) -> list[Decimal]:
    """The figure as the note may print it: its value, and where the reader restated a
    table's figures in the note's unit (negative decimals: 865 in millions is 865,000
    in thousands to the nearest thousand), the value in that table's scale."""
    value = _value(fact["value"])
    decimals = int(fact.get("decimals") or 0)
    return [value] + [value.scaleb(-s).normalize() for s in (3, 6, 9) if decimals < 0 and s >= -decimals]


def score(path: Path) -> tuple[Counter, list[str]]:
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    try:
        facts = [f for f in tidy_records(parse(path).facts) if f["value"] is not None]
    except InputError as refused:  # the note unread: every figure is missing
        facts = []
        print(f"    {refused}")
    counts, found = Counter(), []
    pools: dict = defaultdict(list)
    for i, f in enumerate(facts):
        line = f["source_line"] if path.suffix == ".txt" else None
        for value in _as_printed(f):
            pools[(line, value)].append(i)
    for want in truth:
        pool = pools[(want["source_line"] if path.suffix == ".txt" else None, _value(want["value"]))]
        match = next((i for i in pool if _right(want, facts[i])), None)
        if match is None and pool:
            match = pool[0]
        if match is None and want.get("optional"):
            continue  # a ratio or change the reader leaves out, as it should
        if match is None:
            counts["missing"] += 1
            found.append(f"missing {want['value']}")
            continue
        for other in pools.values():  # a restated figure stands in two pools; it is used once
            if match in other:
                other.remove(match)
        fact = facts[match]
        kind = "right" if _right(want, fact) else "unnamed" if _unnamed(want, fact) else "wrong"
        counts[kind] += 1
        if kind == "wrong":
            found.append(
                f"wrong {want['value']}: read {fact['segment']!r} {fact['line']!r} {fact['period']!r}"
            )
    return counts, found


def main(argv: list[str]) -> int:
    total = Counter()
    folders = {
        "--third": PROBE3,
        "--fourth": PROBE4,
        "--fifth": PROBE5,
        "--sixth": PROBE6,
        "--seventh": PROBE7,
        "--eighth": PROBE8,
        "--ninth": PROBE9,
        "--tenth": PROBE10,
        "--eleventh": PROBE11,
    }
    folder = next((f for flag, f in folders.items() if flag in argv), PROBE)
    for path in notes(folder):
        counts, found = score(path)
        total += counts
        print(f"{path.stem:36} " + " ".join(f"{counts[k]:3} {k}" for k in KINDS))
        if "-v" in argv:
            print("\n".join(f"    {line}" for line in found))
    print("all: " + ", ".join(f"{total[k]} {k}" for k in KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
