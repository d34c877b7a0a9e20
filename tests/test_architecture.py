"""The structure the design fixes, held by tests: layers, the codes catalogue, the rules table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from xlsegment import codes
from xlsegment.pipeline import registry
from xlsegment.relate import policy, rules

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "xlsegment"
PRODUCT = [CORE, ROOT / "workbook", ROOT / "udfs"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_core_modules_import_nothing_from_the_workbook_or_udfs_layers():
    # xlsegment/cli.py is the one composition root (DESIGN.md: only the command-line entry
    # point composes the three packages).
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            i for i in _imports(path) if i.startswith(("xlsegment.workbook", "xlsegment.udfs"))
        )
        for path in CORE.rglob("*.py")
        if path.name != "cli.py" or path.parent != CORE
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_build_scripts_are_never_imported_at_run_time():
    users = [
        str(path.relative_to(ROOT))
        for folder in PRODUCT
        for path in folder.rglob("*.py")
        if "build" not in path.parts and any(i.startswith("xlsegment.workbook.build") for i in _imports(path))
    ]
    assert users == []


def test_every_finding_code_in_the_code_is_in_the_catalogue():
    literal = re.compile(r"[\"']((?:seg|xbrl)\.[a-z_.]*[a-z])[\"']")
    used = {
        m for folder in PRODUCT for path in folder.rglob("*.py") for m in literal.findall(path.read_text())
    }
    check_names = {c.code for c in registry()}  # the registry's own names (seg.relations, ...)
    assert used - set(codes.CATALOGUE) - check_names == set()


def test_the_codes_document_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "codes.md").read_text(encoding="utf-8") == codes.markdown_table() + "\n"


def test_the_rules_document_is_generated_from_the_rules_table():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules.markdown_table() + "\n"


def test_every_relation_rule_names_its_policy_and_every_policy_its_reason():
    for rule in rules.RULES.values():
        assert rule.finds and rule.candidates and rule.policy, rule.name
    priorities = [r.priority for r in rules.RULES.values()]
    assert len(set(priorities)) == len(priorities)  # the resolver's order is explicit
    policies = [v for v in vars(policy).values() if isinstance(v, policy.Policy)]
    assert policies and all(p.reason for p in policies)
    # the relations a note's rules make carry a rule of the table
    assert "labelled total column" in rules.table()


def test_every_package_folder_is_installed_by_a_plain_pip_install():
    """`pip install .` (the README's first command) installs only the packages listed in
    pyproject.toml; an editable install would hide a missing one."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    installed = {folder: name for name, folder in config["package-dir"].items()}
    assert set(config["packages"]) == set(config["package-dir"])
    folders = {str(p.parent.relative_to(ROOT)) for d in PRODUCT for p in d.rglob("__init__.py")}
    assert folders == set(installed), folders ^ set(installed)


@pytest.mark.slow
def test_a_plain_install_runs_the_bundled_sample(tmp_path):
    """The README's first command installs with `pip install .`, not editable: build that
    install into a folder and check the bundled sample from it, away from the sources."""
    import shutil
    import subprocess
    import sys

    # From a copy of what a clone holds: an editable install leaves an egg-info whose file
    # list would fill in any package the configuration forgets.
    source = tmp_path / "clone"

    def outside_the_clone(folder, names):
        top = {"build", "tests", "bench"} if Path(folder) == ROOT else set()
        return {n for n in names if n.endswith(".egg-info") or n.startswith(".") or n in top}

    shutil.copytree(ROOT, source, ignore=outside_the_clone)
    target = tmp_path / "site"
    build = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(source)]
    subprocess.run(build, check=True, capture_output=True, cwd=tmp_path, timeout=600)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target), "HOME": str(tmp_path)}
    # Every module of the sources is in the install (the editable install of the test
    # environment would otherwise answer an import the plain install cannot).
    installed = {p.relative_to(target / "xlsegment") for p in (target / "xlsegment").rglob("*.py")}
    sources = {p.relative_to(CORE) for p in CORE.rglob("*.py")}
    sources |= {Path(d.name) / p.relative_to(d) for d in PRODUCT[1:] for p in d.rglob("*.py")}
    assert sources - installed == set()
    sample = target / "xlsegment" / "data" / "sample_note.txt"
    run = subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", "check", str(sample)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "86 checks: 0 errors" in run.stdout
