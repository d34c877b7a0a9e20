"""The per-workbook index cache: one load per workbook, revalidated once per burst."""

from __future__ import annotations

import pytest

from xlsegment.model import Note
from xlsegment.udfs.cache import IndexCache


class CountingSource:
    """A source whose data version the test controls; counts stamp and load calls."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.version = 1
        self.stamps = 0
        self.loaded = 0

    def stamp(self):
        self.stamps += 1
        return self.version

    def stated_rate(self):
        return None

    def load(self) -> Note:
        self.loaded += 1
        return Note(source=f"{self.key} v{self.version}", tables=(), presentation_currency="RMB",
                    unit="thousands")  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def make() -> tuple[IndexCache, Clock]:
    clock = Clock()
    return IndexCache(clock=clock, idle=1.0), clock


def test_a_burst_of_calls_reads_the_data_once_and_never_restamps():
    cache, clock = make()
    source = CountingSource("Book1.xlsx")
    for i in range(1000):
        clock.now = i * 0.0005
        cache.get(source)
    assert (source.loaded, source.stamps, cache.loads) == (1, 1, 1)


def test_changed_data_is_reloaded_on_the_next_burst_only():
    cache, clock = make()
    source = CountingSource("Book1.xlsx")
    first = cache.get(source)
    source.version = 2
    clock.now = 0.5  # same burst: trusted
    assert cache.get(source) is first
    clock.now = 2.0  # new burst: stamp differs, reload
    second = cache.get(source)
    assert second is not first and second.note.source == "Book1.xlsx v2"
    clock.now = 4.0  # new burst, same data: stamp only
    assert cache.get(source) is second
    assert source.loaded == 2


def test_drop_forgets_one_workbook_and_memo_goes_with_it():
    cache, _ = make()
    one, two = CountingSource("one.xlsx"), CountingSource("two.xlsx")
    cache.entry(one).memo["x"] = 1
    cache.get(two)
    cache.drop("one.xlsx")
    assert "one.xlsx" not in cache and "two.xlsx" in cache
    assert cache.entry(one).memo == {}
    cache.drop()
    assert "two.xlsx" not in cache


class BrokenSource(CountingSource):
    """A workbook without a Data table until the test "runs Refresh"."""

    broken = True

    def stamp(self):
        self.stamps += 1
        if self.broken:
            raise LookupError("no Data table; run Refresh to create the Data table")
        return self.version


def test_a_failed_read_is_not_retried_within_a_burst():
    cache, clock = make()
    source = BrokenSource("Book1.xlsx")
    for i in range(500):
        clock.now = i * 0.001
        with pytest.raises(LookupError, match="run Refresh"):
            cache.get(source)
    assert source.stamps == 1
    source.broken = False
    clock.now = 5.0  # the next burst tries again
    assert cache.get(source).note.source == "Book1.xlsx v1"
    cache.drop("Book1.xlsx")
    source.broken = True
    clock.now = 5.1
    with pytest.raises(LookupError):
        cache.get(source)
    cache.drop()  # Refresh: forget the failure too
    source.broken = False
    assert cache.get(source) is not None and source.stamps == 4
