"""xlwings Lite: the functions and the Refresh script, run as Lite's runtime runs them.

``tests.lite_run`` runs in a process of its own with xlwings in Lite mode (its decorators,
object handles and JSON book). The book is the seed's filled workbook as Lite would send
it; the functions must answer exactly as the classic add-in does on the same workbook.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lite_book import payload
from xlsegment.udfs import functions, session
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill

ROOT = Path(__file__).resolve().parents[1]
H = {"handle": 0}
CALLS = [
    ("SEGPROFIT", ["Cryptocurrency Mining", 2024, None, H]),
    ("SEGPROFIT", ["Games", "FY2023", None, H]),
    ("SEGREVENUE", ["Cryptocurrency Mining", 2024, H]),
    ("SEGVALUE", ["Cost of revenue", "Cryptocurrency Mining", 2024, H]),
    ("SEGTOTAL", ["Revenue", 2024, H]),
    ("SEGRECON", [2024, None, H]),
    ("SEGTABLE", ["T1", 2024, None, H]),
    ("SEGTABLE", ["T1", 2024, "USD", H]),
    ("SEGFX", [111714, None, H]),
    ("SEGRATE", [H]),
    ("SEGCHECK", [None, H]),
    ("SEGPROFIT", ["Nowhere", 2024, None, H]),
]


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory, seed_path):
    path = tmp_path_factory.mktemp("lite") / "seed.xlsx"
    fill(seed_path, path)
    return path


def run_lite(book: dict, calls: list, tmp_path: Path) -> dict:
    (tmp_path / "book.json").write_text(json.dumps(book, default=str))
    (tmp_path / "calls.json").write_text(json.dumps(calls))
    done = subprocess.run(
        [sys.executable, "-m", "tests.lite_run", str(tmp_path / "book.json"), str(tmp_path / "calls.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return {**json.loads(done.stdout), "printed": done.stderr}


def _ranges(book: dict) -> tuple[list, list, list]:
    """Data[#All], Settings!A3:B18 and Checks[#All], as Excel passes them to SEGDATA."""
    sheets = {s["name"]: s["values"] for s in book["sheets"]}
    data = [row for row in sheets[c.DATA] if any(v not in (None, "") for v in row)]
    settings = [row[:2] for row in sheets[c.SETTINGS][2:18]]
    checks = [row[:10] for row in sheets[c.CHECKS][2:] if any(v not in (None, "") for v in row[:10])]
    return data, settings, checks


def _classic(seed_book: Path, name: str, args: list) -> object:
    session.use(seed_book)
    try:
        return getattr(functions, name)(*[None if a == H else a for a in args])
    finally:
        session.use(None)


def _cells(value: object) -> list[list]:
    return value if isinstance(value, list) else [[value]]


def _wrapped(args: list) -> list:
    """Arguments as Excel sends them to Lite: every cell argument a 2-D list."""
    return [a if a is None or a == H else [[a]] for a in args]


def test_every_function_answers_in_lite_as_in_classic_excel(seed_book, tmp_path):
    book = payload(seed_book)
    out = run_lite(book, [["SEGDATA", list(_ranges(book))], *[[n, _wrapped(a)] for n, a in CALLS]], tmp_path)
    handle = out["calls"][0][0][0]
    assert handle["type"] == "Entity" and handle["text"] == "xlsegment data: 188 facts, CNY thousands"
    for (name, args), got in zip(CALLS, out["calls"][1:], strict=True):
        assert got == _cells(_classic(seed_book, name, args)), (name, args)
    assert out["calls"][1] == [[57716]]  # Cryptocurrency Mining's segment profit, 2024
    assert out["calls"][-1][0][0].startswith("#SEG! segment 'Nowhere' not found")
    assert {n for n, _ in CALLS} | {"SEGDATA"} == set(functions.NAMES)


def test_a_function_without_data_says_how_to_give_it(seed_book, tmp_path):
    out = run_lite(payload(seed_book), [["SEGPROFIT", _wrapped(["Games", 2024])]], tmp_path)
    assert out["calls"][0][0][0].startswith("#SEG! ")


def test_refresh_script_checks_and_redraws_the_book(seed_book, tmp_path):
    out = run_lite(payload(seed_book), [], tmp_path)
    assert "xlsegment: 86 checks, 0 broken" in out["printed"]
    funcs = [a["func"] for a in out["actions"]]
    assert funcs.count("sheetClear") == 1 and "resizeTable" in funcs  # Schedules redrawn, Checks table
    written = json.dumps([a["values"] for a in out["actions"] if a["func"] in ("setValues", "setFormula")])
    assert "Cryptocurrency Mining" in written and "SUM(" in written  # labels and Computed formulas
    fills = [
        a for a in out["actions"] if a["func"] == "setRangeColor" and a["args"] == ["#" + c.FINDING_FILL]
    ]
    assert not fills  # nothing broken, nothing highlighted


def broken_book(path: Path) -> dict:
    """The seed's workbook as Lite sends it, with Corporate's 2024 revenue 30 too high:
    the Total and Corporate's profit no longer add up."""
    book = payload(path)
    data = next(s for s in book["sheets"] if s["name"] == c.DATA)["values"]
    header = data[0]
    row = next(
        r
        for r in data[1:]
        if r[header.index("line")] == "Revenue" and r[header.index("segment")] == "Corporate"
    )
    row[header.index("value")] += 30
    return book


def test_refresh_script_highlights_a_broken_total_in_place(seed_book, tmp_path):
    book = broken_book(seed_book)
    out = run_lite(book, [], tmp_path)
    assert "xlsegment: 86 checks, 0 broken" not in out["printed"]
    assert "xlsegment: 86 checks, 2 broken" in out["printed"]
    fills = [
        a for a in out["actions"] if a["func"] == "setRangeColor" and a["args"] == ["#" + c.FINDING_FILL]
    ]
    assert fills, "the broken total is not highlighted"
    notes = [a["args"] for a in out["actions"] if a["func"] == "addNote"]
    assert any("computed 111,744 (-30)" in text for _, text in notes), notes  # Revenue / Total 2024


def test_lite_command_writes_main_and_requirements(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", "lite", "-o", str(tmp_path / "lite"), "--wheel",
         "https://example.org/xlsegment-0.1.0-py3-none-any.whl"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    main = (tmp_path / "lite" / "main.py").read_text()
    assert "@script(button=" in main and "SEGDATA" in main
    req = (tmp_path / "lite" / "requirements.txt").read_text().splitlines()
    assert "https://example.org/xlsegment-0.1.0-py3-none-any.whl" in req
    assert not any(line.startswith(("xlwings", "pandas", "xlsegment==")) for line in req)
