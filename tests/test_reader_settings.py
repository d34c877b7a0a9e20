"""The readers' layout thresholds live in one object, each with its reason."""

from __future__ import annotations

import ast
from pathlib import Path

from xlsegment import settings

ROOT = Path(__file__).resolve().parent.parent
READER_CODE = [*sorted((ROOT / "xlsegment" / "readers").glob("*.py")), ROOT / "xlsegment/labels.py",
               ROOT / "xlsegment/durations.py",
               ROOT / "xlsegment/currency.py"]  # fmt: skip


def test_every_setting_says_why():
    for name, value, why in settings.rows():
        assert isinstance(value, int) and value > 0, name
        assert len(why.split()) >= 8, f"{name}: give the reason, not a restatement"


def test_the_settings_doc_is_the_object():
    doc = (ROOT / "docs" / "reader-settings.md").read_text(encoding="utf-8")
    assert doc == settings.markdown_table() + "\n"


def _length_thresholds(path: Path) -> list[str]:
    """Comparisons of a length with a number literal of 10 or more: an unnamed threshold."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        measures = any(isinstance(s, ast.Call) and getattr(s.func, "id", "") == "len" for s in sides)
        literal = [s.value for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, int)]
        if measures and any(v >= 10 for v in literal):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_no_reader_compares_a_length_with_an_unnamed_number():
    found = [hit for path in READER_CODE for hit in _length_thresholds(path)]
    assert found == [], "name these thresholds in xlsegment/settings.py: " + ", ".join(found)
