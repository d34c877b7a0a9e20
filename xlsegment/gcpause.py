"""The cyclic garbage collector paused while a note is read, indexed and checked.

Reading and checking build hundreds of thousands of small objects and no reference
cycles; left on, the collector scans them again and again (a third of the time on 100,000
facts, a fifth of a big workbook's first function call). Reference counting frees
everything as usual, and the collector's state is restored afterwards, so a host process
(Excel's Python, a program embedding the core) runs on as it was. Only the layers that
own a process (the command line, the functions' cache) use it; the core never does.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
