"""Pause the cyclic garbage collector around allocation-heavy, cycle-free work."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while reading or checking a note.

    Reading and checking build many small tuples and no reference cycles; left on, the collector
    re-scans every fact of a large note again and again (a third of the time on 100,000
    facts). Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
