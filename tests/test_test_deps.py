"""The fast loop right after the Quick start: what the tests need is read from pyproject's
test extra, and what is missing is said in one line with the command that installs it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

from tests import deps


def test_the_test_extra_is_read_with_the_extras_it_names_expanded():
    names = deps.required()
    assert {"pytest", "pytest-xdist", "hypothesis", "formulas", "ruff"} <= set(names)
    # from xlsegment[xbrl,excel,pandas,batch]
    assert {"arelle-release", "xlwings", "pandas", "dask", "pyarrow"} <= set(names)
    assert "xlsegment" not in names and len(names) == len(set(names))


def test_this_checkout_with_its_extra_installed_can_run_its_tests():
    assert deps.problem() is None


def test_a_missing_distribution_is_named_with_the_command(monkeypatch):
    monkeypatch.setattr(deps, "required", lambda: ["pytest", "no-such-distribution-xls"])
    line = deps.problem()
    assert (
        line
        == f"the tests need no-such-distribution-xls: run `pip install -e '.[test]'` in {deps.ROOT} first"
    )


def test_another_checkouts_install_is_named(monkeypatch, tmp_path):
    other = tmp_path / "main" / "workbook" / "__init__.py"
    real = importlib.util.find_spec

    def elsewhere(name, *args):
        return SimpleNamespace(origin=str(other)) if name == "xlsegment.workbook" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", elsewhere)
    line = deps.problem()
    assert line is not None and line.count("\n") == 0
    assert line.startswith(
        f"xlsegment.workbook comes from {Path(other).parent}, not this checkout: run `pip install -e"
    )


def test_a_plain_install_is_told_to_install_editable(monkeypatch):
    real = importlib.util.find_spec

    def plain(name, *args):
        if name == "xlsegment.workbook":
            raise ModuleNotFoundError("No module named 'xlsegment.workbook'")
        return real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", plain)
    assert deps.problem() == (
        "xlsegment is installed without -e, so the tests cannot import it: run `pip install -e '.[test]'` "
        f"in {deps.ROOT} first"
    )
