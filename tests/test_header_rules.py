"""Every header rule reads its own examples, and the doc is the table (readers/headerrules.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlsegment.readers import headerrules
from xlsegment.readers.text import read_string

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [
    pytest.param(rule, text, cols, id=f"{rule.name}-{k}")
    for rule in headerrules.RULES
    for k, (text, cols) in enumerate(rule.examples)
]


def _read(columns) -> tuple[str, ...]:
    return tuple(f"{c.segment or '-'} {c.period or '-'} {c.currency or '-'}" for c in columns)


@pytest.mark.parametrize(("rule", "text", "expected"), EXAMPLES)
def test_each_rule_reads_its_example(rule, text, expected):
    """The example's table is read by this rule (a normalising rule: by the reading its
    change leads to), with these columns; a continued table is the example's second."""
    note = read_string("\n".join(text.split("|")) + "\n")
    table = note.tables[1] if rule.name.startswith("continued") else note.tables[0]
    assert _read(table.columns) == expected
    if rule.apply is not None:
        assert table.reading == rule.name


def test_every_rule_has_an_example_and_a_reason():
    names = [rule.name for rule in headerrules.RULES]
    assert len(names) == len(set(names))
    for rule in headerrules.RULES:
        assert rule.examples and len(rule.reads.split()) >= 6, rule.name
        assert (rule.apply is None) != (rule.normalise is None), rule.name
    assert headerrules.RULES[-1].name == "unnamed"  # the last reading reads any header


def test_the_rules_doc_is_the_table():
    doc = (ROOT / "docs" / "header-rules.md").read_text(encoding="utf-8")
    assert doc == headerrules.markdown_table() + "\n"
