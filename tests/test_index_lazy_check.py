"""A function's first answer on a filing's note does not wait for the whole check.

The index of a note read from a filing (or a workbook filled from one) answers SEGVALUE
from the facts alone; the check runs when a function asks for it (SEGCHECK, SEGRECON's
check row), once. Line-level data (prepare mode) is run through the pipeline first,
since its totals are computed there.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from xlsegment import pipeline
from xlsegment.api import parse
from xlsegment.model import Origin
from xlsegment.udfs.index import Index

NOTE = Path(__file__).parent / "data" / "corpus" / "02_alphabet_2024.txt"


def test_a_filing_note_is_indexed_without_running_the_check(monkeypatch):
    note = parse(NOTE)
    assert note.origin != Origin.DATA
    calls = []
    real = pipeline.run
    monkeypatch.setattr(pipeline, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    index = Index.from_note(note)
    assert index.value("Revenues", "Google Cloud", "2024") == 43229
    assert calls == []  # nothing checked yet
    assert index.check_result().summary["errors"] == 0  # checked when asked, once
    assert index.check_result() is index.check_result()


def test_line_level_data_is_prepared_first(monkeypatch):
    note = replace(parse(NOTE), origin=Origin.DATA)
    calls = []
    real = pipeline.run
    monkeypatch.setattr(pipeline, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    Index.from_note(note)
    assert len(calls) == 1
