"""Notes like the corpus that nobody has shown us: the same filings with their layout cues
changed (no blank line between tables, no "$" cells, page headers inside the tables). The
same checks must be found and none may fail."""

from __future__ import annotations

import pytest

from xlsegment.api import check
from xlsegment.readers.text import read_string

from .conftest import CORPUS, notes_in

pytestmark = pytest.mark.slow  # every corpus note re-laid out and re-checked

NOTES = notes_in(CORPUS, 21)


def _no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip())


def _no_dollar_cells(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip() != "$")


def _dollars_joined(text: str) -> str:
    out: list[str] = []
    for line in text.splitlines():
        if out and out[-1] == "$" and line.strip():
            out[-1] = "$" + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _page_headers_inside(text: str) -> str:
    """A page break in the middle of two tables: 'Table of Contents' and the page number."""
    lines = text.splitlines()
    label_lines = [i for i, line in enumerate(lines) if line[:1].isalpha() and i > 5]
    for i in sorted({label_lines[len(label_lines) // 3], label_lines[2 * len(label_lines) // 3]})[::-1]:
        lines[i:i] = ["Table of Contents", "84"]
    return "\n".join(lines)


@pytest.mark.parametrize(
    "perturb", [_no_blank_lines, _no_dollar_cells, _dollars_joined, _page_headers_inside]
)
@pytest.mark.parametrize("note", NOTES)
def test_perturbed_note_checks_the_same(note, perturb):
    text = (CORPUS / f"{note}.txt").read_text(encoding="utf-8")
    base = check(read_string(text))
    changed = check(read_string(perturb(text)))
    assert changed.summary["errors"] == 0, [f.message for f in changed.errors]
    assert changed.summary["checks"] == base.summary["checks"]
