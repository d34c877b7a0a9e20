"""Shared fixtures: the reference note and the real segment notes kept in ``tests/data``.

The data lives inside the repository (see ``tests/data/README.md`` for where each file
comes from), so a fresh clone runs every test. A test whose data is missing fails with a
message that says so; it never collects nothing quietly (``empty_parameter_set_mark``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import deps

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seeds" / "000_fa2b530666297a11.txt"
BUNDLED_SEED = ROOT / "xlsegment" / "data" / "sample_note.txt"
CORPUS = DATA / "corpus"
CORPUS2 = DATA / "corpus2"
XBRL = DATA / "xbrl"

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


def pytest_configure(config):
    """Stop at once, in one line with the command to run, where the test dependencies or
    this checkout's editable install are missing: hundreds of import errors say less."""
    line = deps.problem()
    if line is not None:
        pytest.exit(f"tests: {line}", returncode=pytest.ExitCode.USAGE_ERROR)


def notes_in(folder: Path, at_least: int) -> list[str]:
    """Names of the notes (``*.txt``) in a data folder; fails loudly when they are missing."""
    found = sorted(p.stem for p in folder.glob("*.txt"))
    if len(found) < at_least:
        raise pytest.UsageError(
            f"test data missing: {folder} holds {len(found)} notes, expected at least {at_least}; "
            "restore tests/data from the repository"
        )
    return found


def data_file(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"test data missing: {path}; restore tests/data from the repository")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return data_file(SEED)


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")
