"""Judge the reader against the identity truth: is each figure read with its segment,
line, period, duration and currency as a person reads them from the filing?

The truth (``tests/data/identity/*.queries.json``) was written by hand from each filing,
one object per figure, in the format of the figure-identity issue's examples:

    {"segment": ["Mining"], "line": ["revenue"], "period": "2023", "duration": null,
     "currency": "CNY", "value": 1000, "source_line": 20}

A figure is **right** when the fact read at that line with that value carries an
acceptable identity; **unnamed** when the reader read it but said it cannot name its
column (an honest unknown, with a warning); **wrong** when it carries another identity;
**missing** when no fact was read there. Run ``python -m tests.identity`` for the table
(``-v`` lists every figure not read right; ``--html`` judges the corpus2 notes' HTML,
where figures are matched by value since HTML has no lines).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).parent / "data"
TRUTH = DATA / "identity"
_DURATION = re.compile(r"\b(\d{1,2})M\b")
_UNNAMED = re.compile(r"^Column \d+$")


@dataclass(frozen=True)
class Verdict:
    query: dict
    status: str  # right, unnamed, wrong, missing
    read: str = ""  # what the reader made of it

    def __str__(self) -> str:
        q = self.query
        where = f"line {q['source_line']}" if q.get("source_line") else "?"
        want = f"{q['segment']} {q['line']} {q['period']} {q['duration'] or ''} {q['currency'] or ''}"
        return f"{self.status:8} {where}: {q['value']} want {want} | read {self.read}"


def note_source(stem: str) -> Path:
    """The note a truth file is about: its text in the identity folder or a corpus folder."""
    for folder in ("identity", "seeds", "corpus", "corpus2"):
        path = DATA / folder / f"{stem}.txt"
        if path.exists():
            return path
    raise FileNotFoundError(stem)


def truth_files() -> list[Path]:
    return sorted(TRUTH.glob("*.queries.json"))


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def describe(fact) -> str:
    return f"{fact.segment!r} {fact.line_item!r} {fact.period!r} {fact.currency}"


def _segment_ok(names: list[str], segment: str) -> bool:
    if not names:
        return segment in ("", "Total")
    low = segment.lower()
    return any((name == "" and segment == "") or (name and name.lower() in low) for name in names)


def _period_ok(query: dict, period: str) -> bool:
    durations = set(_DURATION.findall(period))
    want = query.get("duration")
    if want is None:
        return query["period"] in period and not durations
    return query["period"] in period and durations == {want.rstrip("M")}


def identity_ok(query: dict, fact) -> bool:
    text = f"{fact.line_item} {fact.label}".lower()
    return (
        _segment_ok(query["segment"], fact.segment)
        and any(word.lower() in text for word in query["line"])
        and _period_ok(query, fact.period)
        and (query.get("currency") is None or fact.currency == query["currency"])
    )


def _unnamed(fact) -> bool:
    return bool(_UNNAMED.match(fact.segment)) or not fact.period


def _same_value(a, b) -> bool:
    return Decimal(str(a)) == Decimal(str(b))


def judge(query: dict, facts, by_line: bool = True) -> Verdict:
    """The verdict on one figure: matched by its line in text, by its value in HTML."""
    if by_line:
        found = [
            f for f in facts if f.source.line == query["source_line"] and _same_value(f.value, query["value"])
        ]
    else:
        found = [f for f in facts if _same_value(f.value, query["value"])]
    if not found:
        return Verdict(query, "missing")
    right = [f for f in found if identity_ok(query, f)]
    if right:
        return Verdict(query, "right", describe(right[0]))
    if by_line and all(_unnamed(f) for f in found):
        return Verdict(query, "unnamed", describe(found[0]))
    return Verdict(query, "wrong", "; ".join(describe(f) for f in found[:3]))


def verdicts(stem: str, path: Path | None = None) -> list[Verdict]:
    from xlsegment.api import parse as read

    source = path or note_source(stem)
    note = read(source)
    queries = load(TRUTH / f"{stem}.queries.json")
    return [judge(q, note.facts, by_line=source.suffix == ".txt") for q in queries]


def html_source(stem: str) -> Path | None:
    """The filing's own HTML of a note, where the corpus has it."""
    path = DATA / "corpus2" / f"{stem}.html"
    return path if path.exists() else None


def main() -> int:
    html = "--html" in sys.argv  # the filing's HTML of the corpus2 notes, matched by value
    total: Counter[str] = Counter()
    for path in truth_files():
        stem = path.name.removesuffix(".queries.json")
        if html and html_source(stem) is None:
            continue
        found = verdicts(stem, html_source(stem) if html else None)
        counts = Counter(v.status for v in found)
        total.update(counts)
        print(f"{stem:32} {counts['right']:3}/{len(found):3} right  {counts['wrong']} wrong  "
              f"{counts['unnamed']} unnamed  {counts['missing']} missing")  # fmt: skip
        for v in found:
            if v.status != "right" and "-v" in sys.argv:
                print("   ", v)
    n = sum(total.values())
    print(f"all: {total['right']}/{n} right ({100 * total['right'] / n:.1f}%), {total['wrong']} wrong, "
          f"{total['unnamed']} unnamed, {total['missing']} missing")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
