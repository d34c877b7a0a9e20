"""The Python API of the core: parse a note, check it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from xlsegment.checks import CheckResult, run_checks
from xlsegment.errors import InputError
from xlsegment.model import Note


def parse(source: str | Path) -> Note:
    """Read a note: filing text (.txt), or tidy data (.csv)."""
    path = Path(source)
    if path.is_dir():
        raise InputError(str(path), None, "is a folder, not a note file")
    if path.suffix.lower() == ".csv":
        from xlsegment.readers.tidy import read_tidy

        return read_tidy(path)
    from xlsegment.readers.text import read_text

    return read_text(path)


def check(note: Note | str | Path, rate: Decimal | str | float | None = None) -> CheckResult:
    """Relate and check a note; findings are data, never exceptions."""
    if not isinstance(note, Note):
        note = parse(note)
    return run_checks(note, _rate(rate))


def _rate(rate) -> Decimal | None:
    if rate is None:
        return None
    try:
        value = Decimal(str(rate))
    except InvalidOperation:
        raise InputError("--rate", None, f"not a number: {rate!r}") from None
    if not value.is_finite() or value <= 0:
        raise InputError("--rate", None, f"must be a positive number, got {rate}")
    return value
