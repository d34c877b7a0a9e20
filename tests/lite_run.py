"""Run xlsegment's Lite entry point as xlwings Lite would, and print what it did as JSON.

Lite's runtime calls a function with its arguments as Excel sends them (through
``custom_functions_call``, which converts object handles with the ``object`` converter)
and a script with the book as xlwings' JSON book (``custom_scripts_call``). This module
does the same with xlwings' own code in Lite mode (``XLWINGS_ON_SERVER=true``; xlwings'
Office.js code is PolyForm Noncommercial, so the ``noncommercial`` key makes it
importable for tests). It runs in a process of its own, under CPython or Pyodide:

    python -m tests.lite_run BOOK.json CALLS.json  ->  {"refresh": [...], "calls": [...]}
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from pathlib import Path

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw  # noqa: E402 - after the environment that selects Lite's decorators
from xlwings.pro import object_handles  # noqa: E402
from xlwings.server import custom_functions_call, custom_scripts_call  # noqa: E402

# Lite's runtime registers the object-handle converter at start; so does this one.
object_handles.ObjectCacheConverter.register(*object_handles.CONVERTER_KEYS)


async def call(main, name: str, args: list) -> object:
    """One function call as Excel sends it: a handle argument is ``{"handle": n}``, the
    cache key of call ``n``'s result."""
    data = {"func_name": name, "args": args, "version": xw.__version__, "client": "Office.js",
            "caller_address": f"Sheet1!A{name}", "runtime": "1.4", "culture_info_name": "en-US",
            "date_format": "M/d/yyyy"}  # fmt: skip
    return await custom_functions_call(data, main)


async def run(book_json: dict, calls: list) -> dict:
    from xlsegment.udfs.lite import main

    results = []
    for name, args in calls:
        args = [_resolve(a, results) for a in args]
        results.append(await call(main, name, args))
    book = xw.Book(json=book_json)
    out = await custom_scripts_call(main, "refresh", typehint_to_value={xw.Book: book})
    return {"calls": results, "actions": out.json()["actions"]}


def _resolve(arg, results):
    if isinstance(arg, dict) and "handle" in arg:
        # Excel passes a handle's cache key; the result of SEGDATA holds it.
        return [[_handle_key(results[arg["handle"]])]]
    return arg


def _handle_key(result) -> str:
    cell = result[0][0] if isinstance(result, list) else result
    return cell["properties"][object_handles.RESERVED_PROPERTY]["basicValue"]


async def amain(argv: list[str]) -> int:
    """The run, awaited: Pyodide's event loop is the page's, so there it is awaited as is
    (tests/pyodide/run.cjs); CPython runs it with asyncio.run."""
    book_json = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    calls = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    with contextlib.redirect_stdout(sys.stderr):  # what the script prints is Lite's output pane
        result = await run(book_json, calls)
    print(json.dumps(result, default=str))
    return 0


def main(argv: list[str]) -> int:
    return asyncio.run(amain(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
