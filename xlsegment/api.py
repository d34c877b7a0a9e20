"""The Python API of the core: parse a note, check it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from xlsegment.checks import CheckResult, run_checks
from xlsegment.errors import InputError
from xlsegment.model import Note
from xlsegment.readers import ReadOptions, read


def parse(source, options: ReadOptions | None = None) -> Note:
    """Read a note with the first reader of the registry that can read ``source``."""
    return read(source, options)


def check(note, rate: Decimal | str | float | None = None) -> CheckResult:
    """Relate and check a note; findings are data, never exceptions."""
    if not isinstance(note, Note):
        note = parse(note)
    result = run_checks(note, _rate(rate))
    if note.tags:  # the XBRL checks, until they join the check registry
        from xlsegment import xbrl_checks

        result.findings.extend(xbrl_checks.run(note))
    return result


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
