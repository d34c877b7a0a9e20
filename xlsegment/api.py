"""The Python API of the core: parse a note, check it."""

from __future__ import annotations

from decimal import Decimal

from xlsegment import limits
from xlsegment.checks import CheckResult, run_checks
from xlsegment.model import Note
from xlsegment.readers import ReadOptions, read


def parse(source, options: ReadOptions | None = None) -> Note:
    """Read a note with the first reader of the registry that can read ``source``."""
    return read(source, options)


def check(note, rate: Decimal | str | float | None = None) -> CheckResult:
    """Relate and check a note; findings are data, never exceptions."""
    if not isinstance(note, Note):
        note = parse(note)
    return run_checks(note, _rate(rate))


def _rate(rate) -> Decimal | None:
    return None if rate is None else limits.rate(rate, "--rate")
