"""Shared fixtures: the reference note and the corpus of real 10-K segment notes."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_fa2b530666297a11.txt"
BUNDLED_SEED = ROOT / "xlsegment" / "data" / "sample_note.txt"
CORPUS = SHARED / "corpus"

# The fields every finding carries in the JSON, as DESIGN.md fixes them.
FINDING_FIELDS = (
    "code",
    "severity",
    "table",
    "period",
    "line_item",
    "segment",
    "source_line",
    "expected",
    "actual",
    "difference",
    "tolerance",
    "message",
)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    # The bundled copy is the same note; prefer the shared one when it sits beside the repo.
    return SEED if SEED.exists() else BUNDLED_SEED


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")
