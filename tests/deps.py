"""The tests' dependencies: whether they are installed for this checkout, and the one
command that installs them.

The tests need the ``test`` extra of pyproject.toml and an editable install of this
checkout: a plain ``pip install .`` copies ``workbook/`` and ``udfs/`` into the installed
package, so the tests, which import the source tree, cannot find them. ``python -m
tests.deps`` installs what is missing (the README's fast loop runs it first); the test
session itself stops with the same command in one line when something is missing.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRA = "test"
INSTALL = f"pip install -e '.[{EXTRA}]'"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?")


def required() -> list[str]:
    """The distributions the test extra names, its own extras of xlsegment expanded."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    names, pending, seen = [], [EXTRA], set()
    while pending:
        extra = pending.pop(0)
        if extra in seen:
            continue
        seen.add(extra)
        for requirement in extras[extra]:
            name, inner = _NAME.match(requirement).groups()
            if name.lower() == "xlsegment":
                pending.extend(e.strip() for e in (inner or "").split(","))
            elif name not in names:
                names.append(name)
    return names


def _installed(name: str) -> bool:
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def problem() -> str | None:
    """One line saying what is missing and the command to run; None when the tests can run."""
    missing = [name for name in required() if not _installed(name)]
    if missing:
        shown = ", ".join(missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
        return f"the tests need {shown}: run `{INSTALL}` in {ROOT} first"
    try:
        spec = importlib.util.find_spec("xlsegment.workbook")
    except ImportError:
        spec = None
    origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
    then = f"run `{INSTALL}` in {ROOT} first"
    if origin is None:
        return f"xlsegment is installed without -e, so the tests cannot import it: {then}"
    if not origin.is_relative_to(ROOT):
        return f"xlsegment.workbook comes from {origin.parent}, not this checkout: {then}"
    return None


def main() -> int:
    """Install what the tests need when something is missing; 0 when they can run."""
    line = problem()
    if line is None:
        return 0
    print(f"tests: {line.split(': run')[0]}; installing: {INSTALL}", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", f".[{EXTRA}]"], cwd=ROOT, check=False)
    importlib.invalidate_caches()
    line = _fresh_problem()
    if line is not None:
        print(f"tests: {line}", file=sys.stderr)
        return 1
    return 0


def _fresh_problem() -> str | None:
    """The check again in a new interpreter: this one has imported what was there before."""
    done = subprocess.run(
        [sys.executable, "-c", "import tests.deps as d; print(d.problem() or '')"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or (done.stderr.strip().splitlines() or [None])[-1]


if __name__ == "__main__":
    sys.exit(main())
