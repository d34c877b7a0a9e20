"""Judge the functions' answers against the hand-written answers truth.

``tests/data/answers/NAME.answers.json`` states, from the note itself, each segment's
profit or loss per period, the consolidated revenue, and each profit reconciliation (see
that folder's README). The judge asks the functions' index (the same one the Excel
functions use) as a user would:

- ``SEGPROFIT(segment, period)`` must equal the stated segment profit;
- ``SEGTOTAL("Revenue", period)`` must equal the consolidated revenue;
- ``SEGRECON(period)`` must start on the segments' total, end on the consolidated figure,
  and contain each reconciling item's figure in the note's order.

``python -m tests.answers -v`` prints every answer that is not right.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TRUTH = DATA / "answers"


@dataclass(frozen=True)
class Answer:
    note: str
    asked: str  # the function call, as a user writes it
    want: object
    got: object

    @property
    def right(self) -> bool:
        return _same(self.want, self.got)

    def __str__(self) -> str:
        return f"{self.note}: ={self.asked} -> {self.got!r}, want {self.want!r}"


def _same(want, got) -> bool:
    if isinstance(want, list):
        return want == got
    try:
        return Decimal(str(want)) == Decimal(str(got))
    except ArithmeticError:
        return False


def truth_files() -> list[Path]:
    return sorted(TRUTH.glob("*.answers.json"))


def note_path(truth: dict) -> Path:
    """The note's text in the test data: tests/data/corpus, corpus2 or seeds."""
    return DATA / truth["source"]


@lru_cache(maxsize=64)
def index_of(path: Path):
    from xlsegment.api import parse
    from xlsegment.udfs.index import Index

    return Index.from_note(parse(path))


def ask(ix, call):
    """An answer as the cell would show it: the value, or the error text."""
    from xlsegment.udfs.index import Miss
    from xlsegment.udfs.query import QueryError

    try:
        return call(ix)
    except (Miss, QueryError) as error:
        return f"#SEG! {error}"


def answers(truth: dict) -> list[Answer]:
    """Every answer of one note: its profits, its revenue totals and its reconciliations."""
    ix = index_of(note_path(truth))
    name = truth["note"]
    out = []
    for fig in truth["profit"]["figures"]:
        got = ask(ix, lambda ix, f=fig: ix.profit(ix.segment(f["segment"]), ix.period(f["period"])))
        out.append(Answer(name, f'SEGPROFIT("{fig["segment"]}", "{fig["period"]}")', fig["value"], got))
    for fig in truth["revenue"]:
        got = ask(ix, lambda ix, f=fig: ix.consolidated("Revenue", ix.period(f["period"])))
        out.append(Answer(name, f'SEGTOTAL("Revenue", "{fig["period"]}")', fig["value"], got))
    for recon in truth["reconciliation"]:
        profits = [f["value"] for f in truth["profit"]["figures"] if f["period"] == recon["period"]]
        out.extend(_reconciliation(ix, name, recon, profits))
    return out


def _reconciliation(ix, name: str, recon: dict, segment_profits: list) -> list[Answer]:
    """SEGRECON's first and last figures, and its reconciling items in order."""
    rows = ask(ix, lambda ix: ix.reconciliation(ix.period(recon["period"])))
    asked = f'SEGRECON("{recon["period"]}")'
    if isinstance(rows, str):
        return [Answer(name, asked, "a reconciliation", rows)]
    values = [v for _, v in rows[:-1]]  # the last row is the check
    first, items = _from_the_segments_total(recon, segment_profits)
    # SEGRECON may start before the figure the note starts on (the segments' sum where the
    # note states only a Total that includes Corporate), but must pass through it.
    at = next((k for k, v in enumerate(values) if _same(first, v)), None)
    return [
        Answer(name, f"{asked} first", first, first if at is not None else (values[0] if values else None)),
        Answer(name, f"{asked} last", recon["to"]["value"], values[-1] if values else None),
        Answer(name, f"{asked} items in order", items, _in_order(items, values[(at or 0) + 1 : -1])),
    ]


def _from_the_segments_total(recon: dict, profits: list) -> tuple[object, list]:
    """Where the note states no total of the segments' profit, the truth starts on the
    first segment's figure (or a group's subtotal) and lists the other segments among the
    items; SEGRECON starts on the segments' sum (the issue's "from total segment profit").
    Where the truth's start and its first items add up to that sum, it is read so."""
    items = [i["value"] for i in recon["items"]]
    first = recon["from"]["value"]
    if len(profits) < 2 or _same(first, sum(profits)):
        return first, items
    running = Decimal(str(first))
    for k, item in enumerate(items):
        running += Decimal(str(item))
        if running == sum(Decimal(str(p)) for p in profits):
            return sum(profits), items[k + 1 :]
    return first, items


def _in_order(items: list, values: list) -> list:
    """The items found among the values, in order (a subsequence): all of them when right."""
    found, at = [], 0
    for item in items:
        for k in range(at, len(values)):
            if _same(item, values[k]):
                found.append(item)
                at = k + 1
                break
    return found


def judge_all() -> dict[str, list[Answer]]:
    out = {}
    for path in truth_files():
        truth = json.loads(path.read_text(encoding="utf-8"))
        if note_path(truth).exists():
            out[truth["note"]] = answers(truth)
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    total: Counter = Counter()
    for name, found in judge_all().items():
        right = sum(a.right for a in found)
        total.update(right=right, all=len(found))
        print(f"{name:34} {right:3}/{len(found):3} right")
        if verbose:
            for a in found:
                if not a.right:
                    print(f"    {a}")
    print(f"all: {total['right']}/{total['all']} right")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
