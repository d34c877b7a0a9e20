"""One index per workbook, built on first use and rebuilt only when its data changed.

Excel recalculates in bursts: a refresh or an edit triggers many UDF calls in quick
succession. Re-reading the Data table on every call would cost a COM round trip each, so a
cached index is trusted within a burst and revalidated (one block read, compared by its
stamp) only on the first call after an idle gap. Refresh drops the entry outright.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from xlsegment.gcpause import paused_gc
from xlsegment.model import Note

from .index import Index

IDLE_SECONDS = 1.0  # a gap this long between calls starts a new recalculation burst


class Source(Protocol):
    """Where a workbook's facts come from."""

    key: str  # identifies the workbook (its full name or file path)

    def stamp(self) -> Hashable:
        """Cheap fingerprint of the data; a change means the index must be rebuilt."""

    def load(self) -> Note:
        """The facts, as a Note."""

    def stated_rate(self) -> Decimal | None:
        """The rate the workbook's Settings give, if any."""


@dataclass
class _Entry:
    index: Index
    stamp: Hashable
    used: float
    memo: dict = field(default_factory=dict)  # (function, arguments) -> cell result


class IndexCache:
    """Indexes by source key. ``clock`` is injectable so tests can step time."""

    def __init__(
        self,
        build: Callable[[Note], Index] = Index.from_note,
        clock: Callable[[], float] = time.monotonic,
        idle: float = IDLE_SECONDS,
    ) -> None:
        self._build = build
        self._clock = clock
        self._idle = idle
        self._entries: dict[str, _Entry] = {}
        self._failures: dict[str, tuple[float, Exception]] = {}
        self.loads = 0  # how often a source was read in full (tests and benchmark look)

    def entry(self, source: Source) -> _Entry:
        now = self._clock()
        failed = self._failures.get(source.key)
        if failed is not None and now - failed[0] <= self._idle:
            # Same burst as a failed read (no Data table yet, say): every cell gets the same
            # message without another round trip to the workbook.
            self._failures[source.key] = (now, failed[1])
            raise failed[1]
        try:
            return self._entry(source, now)
        except Exception as error:
            self._failures[source.key] = (now, error)
            raise

    def _entry(self, source: Source, now: float) -> _Entry:
        self._failures.pop(source.key, None)
        entry = self._entries.get(source.key)
        # Revalidate on the first call of a new burst only: one block read, not one per call.
        if entry is not None and now - entry.used > self._idle and source.stamp() != entry.stamp:
            entry = None
        if entry is None:
            with paused_gc():
                stamp = source.stamp()
                index = self._build(source.load())
                index.rate = source.stated_rate()
            entry = _Entry(index, stamp, now)
            self.loads += 1
            self._entries[source.key] = entry
        entry.used = now
        return entry

    def get(self, source: Source) -> Index:
        return self.entry(source).index

    def drop(self, key: str | None = None) -> None:
        """Forget one workbook's index (Refresh), or all of them."""
        if key is None:
            self._entries.clear()
            self._failures.clear()
        else:
            self._entries.pop(key, None)
            self._failures.pop(key, None)

    def __contains__(self, key: str) -> bool:
        return key in self._entries
