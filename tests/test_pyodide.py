"""xlsegment under real Pyodide (Node 20, the npm ``pyodide`` package, offline).

``tools/pyodide_setup.sh`` (run by .ci/run) installs Pyodide at a pinned version and
downloads the pure-Python wheels; ``tests/pyodide/run.cjs`` boots it with the network
refused, installs them and the xlsegment wheel built from this tree, and runs a script.
Under Pyodide the core must check the seed exactly as CPython does, and the Lite entry
point must answer every function and run the Refresh script as the classic add-in does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lite_book import payload
from tests.test_lite import CALLS, H, _cells, _classic, _ranges, _wrapped, broken_book
from xlsegment import api
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "pyodide"
SETUP = "bash tools/pyodide_setup.sh (.ci/run does it)"
SOURCES = ("xlsegment", "udfs", "workbook", "pyproject.toml")


def _newest_source() -> float:
    files = [p for s in SOURCES for p in ([ROOT / s] if (ROOT / s).is_file() else (ROOT / s).rglob("*.py"))]
    return max(p.stat().st_mtime for p in files)


@pytest.fixture(scope="module")
def pyodide():
    """Pyodide installed and the xlsegment wheel built from this tree (rebuilt if older)."""
    assert (OUT / "node_modules" / "pyodide" / "package.json").is_file(), f"no Pyodide: run {SETUP}"
    wheels = sorted((OUT / "wheels").glob("xlsegment-*.whl"))
    if not wheels or wheels[-1].stat().st_mtime < _newest_source():
        for old in wheels:
            old.unlink()
        built = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(OUT / "wheels"), str(ROOT)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert built.returncode == 0, built.stderr[-2000:]
    return OUT


def run_in_pyodide(script: str, *args: str, io: Path | None = None) -> tuple[dict, str]:
    env = {"PATH": "/usr/bin:/bin", "PYODIDE_IO": str(io)} if io else {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        ["node", str(ROOT / "tests" / "pyodide" / "run.cjs"), script, *args],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def _plain(obj) -> object:
    return json.loads(json.dumps(obj, default=str))


def test_core_checks_the_seed_in_pyodide_as_in_cpython(pyodide, seed_path):
    rel = seed_path.resolve().relative_to(ROOT)
    out, timing = run_in_pyodide("/repo/tests/pyodide/check_seed.py", f"/repo/{rel}")
    here = api.check(seed_path)
    assert out["platform"] == "emscripten"
    assert out["summary"] == here.summary == {"checks": 86, "errors": 0, "warnings": 2, "infos": 8}
    assert out["findings"] == _plain([f.to_dict() for f in here.findings])
    assert out["covered"] == [188, 188]
    assert out["loaded"] == []  # neither pandas, lxml, openpyxl nor numpy was imported
    assert "pyodide-timing" in timing


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory, seed_path):
    path = tmp_path_factory.mktemp("pyodide") / "seed.xlsx"
    fill(seed_path, path)
    return path


def _run_lite(book: dict, calls: list, tmp_path: Path) -> tuple[dict, str]:
    (tmp_path / "book.json").write_text(json.dumps(book, default=str))
    (tmp_path / "calls.json").write_text(json.dumps(calls))
    return run_in_pyodide("/repo/tests/lite_run.py", "/io/book.json", "/io/calls.json", io=tmp_path)


def test_every_lite_function_in_pyodide_answers_as_classic_excel(pyodide, seed_book, tmp_path):
    book = payload(seed_book)
    calls = [["SEGDATA", list(_ranges(book))], *[[n, _wrapped(a)] for n, a in CALLS]]
    out, _ = _run_lite(book, calls, tmp_path)
    assert out["calls"][0][0][0]["text"] == "xlsegment data: 188 facts, CNY thousands"
    for (name, args), got in zip(CALLS, out["calls"][1:], strict=True):
        assert got == _cells(_classic(seed_book, name, args)), (name, args)
    assert out["calls"][1] == [[57716]]
    assert H in CALLS[0][1]


def test_refresh_script_in_pyodide_highlights_a_broken_total(pyodide, seed_book, tmp_path):
    book = broken_book(seed_book)
    out, printed = _run_lite(book, [], tmp_path)
    assert "xlsegment: 86 checks, 2 broken" in printed
    fills = [
        a for a in out["actions"] if a["func"] == "setRangeColor" and a["args"] == ["#" + c.FINDING_FILL]
    ]
    notes = [a["args"][1] for a in out["actions"] if a["func"] == "addNote"]
    assert len(fills) >= 1 and any("computed 111,744 (-30)" in n for n in notes)
    written = json.dumps([a["values"] for a in out["actions"] if a["func"] in ("setValues", "setFormula")])
    assert "Cryptocurrency Mining" in written
