"""The Python API of the core: parse a note, check it."""

from __future__ import annotations

from decimal import Decimal

from xlsegment import limits
from xlsegment.model import Note
from xlsegment.pipeline import Result, normalise, run
from xlsegment.readers import ReadOptions, read

CheckResult = Result  # the name of 0.1, kept for callers


def parse(source, options: ReadOptions | None = None) -> Note:
    """Read a note with the first reader of the registry that can read ``source``, each
    fact with its identity (table, row, column)."""
    return normalise(read(source, options))


def check(note, rate: Decimal | str | float | None = None, options: ReadOptions | None = None) -> Result:
    """Read (unless given a Note), relate, translate and check; findings are data."""
    return run(note, rate=parse_rate(rate), options=options)


def parse_rate(rate, where: str = "--rate") -> Decimal | None:
    """A convenience rate as an exact Decimal Excel can hold (a float through its shortest
    repr), or None; anything but a positive finite number is refused (limits.rate)."""
    return None if rate is None else limits.rate(rate, where)
