"""The text report on real notes: per-table counts that add up, relations that read apart."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.conftest import CORPUS, notes_in
from xlsegment import report
from xlsegment.api import check

TABLE_LINE = re.compile(r"^(T\d+) .*: (\d+) checks, [^\[]*(?:\[(.*)\])?$")


def brackets(text: str) -> dict[str, tuple[int, int]]:
    """{table: (checks stated, sum of the bracket)} of every table line of a report."""
    out = {}
    for line in text.splitlines():
        m = TABLE_LINE.match(line)
        if m:
            kinds = [int(part.split()[0]) for part in (m.group(3) or "").split(", ") if part]
            out[m.group(1)] = (int(m.group(2)), sum(kinds))
    return out


def test_the_seeds_brackets_add_up_to_each_tables_count(seed_path):
    result = check(seed_path)
    text = report.to_text(result)
    assert "T1 Segment profit or loss (lines 1-101): 31 checks, ok [10 crossfoot, 3 foot, " in text
    assert "1 reconciliation, 17 translation]" in text
    counts = brackets(text)
    assert len(counts) == 7
    assert all(stated == summed for stated, summed in counts.values()), counts
    assert sum(stated for stated, _ in counts.values()) == result.summary["checks"] == 86


@pytest.mark.parametrize("name", notes_in(CORPUS, 21))
def test_every_corpus_notes_brackets_add_up(name):
    result = check(CORPUS / f"{name}.txt")
    counts = brackets(report.to_text(result))
    assert counts and all(stated == summed for stated, summed in counts.values()), counts
    assert sum(stated for stated, _ in counts.values()) == result.summary["checks"]


def test_the_json_gives_each_tables_checks_by_kind(seed_path):
    import json

    doc = json.loads(report.to_json(check(seed_path)))
    first = doc["tables"][0]
    assert first["checks_by_kind"] == {"crossfoot": 10, "foot": 3, "reconciliation": 1, "translation": 17}
    assert all(sum(t["checks_by_kind"].values()) == t["checks"] for t in doc["tables"])


def test_verbose_relations_name_their_period_and_currency(seed_path):
    text = report.to_text(check(seed_path), verbose=True)
    relations = [line for line in text.splitlines() if line.startswith("    = ")]
    assert len(relations) > 60
    assert all(re.match(r"    = (2022|2023|2024) (CNY|USD): ", line) for line in relations)
    repeated = [line for line, n in Counter(relations).items() if n > 1]
    assert repeated == []
    # The same sum in the local and the convenience column reads as two relations.
    sums = "Segment profit (loss)/Total = Revenue"
    profit = [line for line in relations if "2024" in line and sums in line]
    assert [line.split(":")[0].strip() for line in profit] == ["= 2024 CNY", "= 2024 USD"]
    assert profit[1].endswith("counted with the translation checks")
