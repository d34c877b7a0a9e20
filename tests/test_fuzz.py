"""Fuzzing every way in: text, bytes, rates, decimals, hostile workbooks and output targets.

Every case is built inside the test and every run is bounded: Hypothesis draws a fixed
number of examples, workbooks are mutated copies of the filled seed, and subprocesses have
timeouts. The property is always the same: a clear result or one clear line (exit 2), never
a traceback, never a hang, and never a user's file replaced or left half-written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.xlsx_parts import OFFICE, Package, parts
from xlsegment import limits
from xlsegment.api import check
from xlsegment.cli import cli
from xlsegment.errors import XlsegmentError
from xlsegment.readers.decoding import decode
from xlsegment.workbook.api import fill

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
# tmp_path is shared by a test's examples; each example writes its own files afresh.
REUSED = [HealthCheck.function_scoped_fixture]
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=REUSED)
WORKBOOKS = settings(max_examples=25, deadline=None, suppress_health_check=REUSED)


def one_clear_line(result) -> None:
    """What a user sees for unusable input: exit 2 and one line, no traceback."""
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 2:
        assert len(result.output.strip().splitlines()) == 1, result.output
    else:
        assert result.exit_code in (0, 1), result.output


# ---------------------------------------------------------------- note text


cell_like = st.sampled_from(
    ["(5,822)", "($7,969)", "1,028.4", "—", "-", "2024", "2023", "%", "12 %", "$", "US$", "RMB",
     "(Note 3)", "(in thousands)", "Total", "Revenue", "Segment profit (loss)", "Less:", "", " ", "1 234",
     "1.234,5", "()", "Year ended December 31, 2024", "Cryptocurrency Mining", "Corporate", "Net income",
     "\t", "(1)", "*"]
)  # fmt: skip
wild_line = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40
)
line = st.one_of(cell_like, cell_like, wild_line, st.integers(-(10**12), 10**12).map(str))
lines = st.lists(line, max_size=80)


@pytest.mark.slow
@QUICK
@given(lines=lines, splice=st.integers(0, len(SEED_LINES)), keep=st.booleans())
def test_any_note_text_gives_a_result_or_one_clear_line(tmp_path, lines, splice, keep):
    body = (SEED_LINES[:splice] if keep else []) + lines + (SEED_LINES[splice:] if keep else [])
    path = tmp_path / "note.txt"
    path.write_text("\n".join(body), encoding="utf-8")
    try:
        result = check(path)
    except XlsegmentError:
        pass
    else:
        assert result.summary["checks"] >= 0
    one_clear_line(CliRunner().invoke(cli, ["check", str(path), "--json"]))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused_with_line_and_offset(data):
    try:
        text, warning = decode(data, "note.txt")
    except XlsegmentError as exc:
        assert str(exc).startswith("note.txt:") and "at byte offset" in str(exc)
    else:
        assert isinstance(text, str)
        assert warning is None or warning.code == "seg.encoding"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"\A[-+]?\d{0,20}(\.\d{0,20})?([eE][-+]?\d{1,10})?\Z"),
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.integers(-(10**400), 10**400),
        st.text(max_size=30),
    )
)
def test_any_rate_is_within_excels_bounds_or_refused(value):
    try:
        rate = limits.rate(value, "--rate")
    except XlsegmentError as exc:
        assert str(exc).startswith("--rate: the rate ")
    else:
        assert limits.EXCEL_SMALLEST <= rate <= limits.EXCEL_LARGEST
        assert len(rate.normalize().as_tuple().digits) <= limits.EXCEL_DIGITS


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(-(10**12), 10**12), st.floats(), st.text(max_size=12), st.decimals(), st.none()))
def test_any_decimals_are_a_bounded_whole_number_or_refused(value):
    try:
        read = limits.decimals(value, "Data!G2")
    except XlsegmentError as exc:
        assert str(exc).startswith("Data!G2: decimals ")
    else:
        assert read is None or limits.DECIMALS_LOWEST <= read <= limits.DECIMALS_HIGHEST


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"\A[-+]?\d{0,25}(\.\d{0,25})?([eE][-+]?\d{1,10})?\Z"),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(10**400), 10**400),
        st.text(max_size=20),
    )
)
def test_any_amount_is_exact_and_bounded_or_refused(value):
    try:
        read = limits.amount(value, "facts.csv:2")
    except XlsegmentError as exc:
        assert str(exc).startswith("facts.csv:2: the value ")
    else:
        assert abs(read) <= limits.EXCEL_LARGEST
        assert isinstance(read, int) or -read.as_tuple().exponent <= limits.DECIMALS_HIGHEST + 25


# ---------------------------------------------------------------- hostile workbooks


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return fill(SEED, tmp_path_factory.mktemp("fuzz") / "seed.xlsx")


def _flip(data: bytes, at: int, xor: int) -> bytes:
    out = bytearray(data)
    out[at % len(out)] ^= xor or 1
    return bytes(out)


def _member_data(contents: dict[str, bytes], name: str, how: int, at: int) -> dict[str, bytes]:
    data = contents[name]
    changed = dict(contents)
    if how == 0:
        changed[name] = data[: at % (len(data) + 1)]  # cut short
    elif how == 1:
        changed[name] = _flip(data, at, 0x5A)  # one byte wrong
    elif how == 2:
        changed[name] = b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'eeee'>]><x>&e;&e;</x>"
    elif how == 3:
        changed[name] = bytes(range(256)) * 4  # not XML at all
    else:
        del changed[name]
    return changed


@pytest.mark.slow
@WORKBOOKS
@given(member=st.integers(0, 100), how=st.integers(0, 4), at=st.integers(0, 10**6))
@example(member=1, how=1, at=263)  # the root relationship names a workbook part that is not there
@example(member=0, how=1, at=33)  # [Content_Types].xml declares an encoding that does not exist
@example(member=82, how=1, at=189168)  # a Data cell's shared-string index damaged ("b3")
@example(member=65, how=1, at=1731)
@example(member=89, how=1, at=398)  # a sheet's relationship names a part that is not there
def test_a_workbook_with_a_broken_part_is_handled_cleanly(filled, tmp_path, member, how, at):
    contents = parts(filled)
    name = sorted(contents)[member % len(contents)]
    path = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in _member_data(contents, name, how, at).items():
            zf.writestr(part, data)
    _commands_are_clean(path, tmp_path)


@pytest.mark.slow
@WORKBOOKS
@given(at=st.integers(0, 10**7), xor=st.integers(1, 255), cut=st.booleans())
def test_a_workbook_with_damaged_zip_bytes_is_handled_cleanly(filled, tmp_path, at, xor, cut):
    data = filled.read_bytes()
    data = data[: at % len(data)] if cut else _flip(data, at, xor)
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(data)
    _commands_are_clean(path, tmp_path)


def _commands_are_clean(path: Path, folder: Path) -> None:
    before = path.read_bytes()
    for command in (["check", str(path)], ["refresh", str(path)]):
        result = CliRunner().invoke(cli, command)
        one_clear_line(result)
        if command[0] == "refresh" and result.exit_code == 2:
            assert path.read_bytes() == before  # refused: not a byte changed
        elif command[0] == "refresh":
            openpyxl.load_workbook(path)  # saved: a readable workbook
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".~xlsegment")]


def test_a_zip_bomb_is_refused_naming_the_limit(filled, tmp_path):
    # 64 MB of one byte deflates to about 64 KB: a ratio of 1,000 where sheets show 10-20.
    pkg = Package(filled)
    sheet = pkg.sheet_part("Settings")
    pkg.edit(sheet, lambda x: x.replace(b"</worksheet>", b" " * (64 * 2**20) + b"</worksheet>"))
    bomb = pkg.save(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 2**20
    for command in ("check", "refresh"):
        result = CliRunner().invoke(cli, [command, str(bomb)])
        one_clear_line(result)
        assert result.exit_code == 2
        assert f"part {sheet} inflates 1," in result.output and "over the limit of 200 times" in result.output


def test_a_package_over_the_size_limits_is_refused(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "PART_BYTES", 10_000)  # the seed's Data sheet is larger
    result = CliRunner().invoke(cli, ["check", str(filled)])
    assert (
        result.exit_code == 2
        and "inflates to" in result.output
        and "over the limit of 9.8 KB" in result.output
    )
    monkeypatch.setattr(limits, "PART_BYTES", 256 * 2**20)
    monkeypatch.setattr(limits, "PACKAGE_BYTES", 50_000)
    result = CliRunner().invoke(cli, ["refresh", str(filled)])
    assert result.exit_code == 2 and "in all, over the limit of 48.8 KB for a workbook" in result.output


def test_a_package_of_too_many_parts_is_refused(filled, tmp_path):
    path = tmp_path / "many.xlsx"
    shutil.copyfile(filled, path)
    with zipfile.ZipFile(path, "a") as zf:
        for n in range(limits.PACKAGE_PARTS + 1):
            zf.writestr(f"customXml/p{n}.xml", b"")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "parts; workbooks of more than 10,000 are refused" in result.output


@pytest.mark.slow
@pytest.mark.parametrize(
    "target",
    ["../../../etc/passwd", "/xl/worksheets/sheet1.xml", "xl/workbook.xml", "missing.xml", "%00.xml"],
)
def test_odd_relationship_targets_are_followed_safely(filled, tmp_path, target):
    # Outside the package, back to itself, to nothing: the walk ends and nothing is read
    # from outside the zip.
    pkg = Package(filled)
    rels = pkg.contents["xl/_rels/workbook.xml.rels"]
    entry = f'<Relationship Id="rIdX" Type="{OFFICE}officeDocument" Target="{target}"/></Relationships>'
    pkg.contents["xl/_rels/workbook.xml.rels"] = rels.replace(b"</Relationships>", entry.encode())
    path = pkg.save(tmp_path / "odd.xlsx")
    for command in ("check", "refresh"):
        one_clear_line(CliRunner().invoke(cli, [command, str(path)]))


# ---------------------------------------------------------------- special files


def _special(kind: str, path: Path) -> Path:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling link":
        path.symlink_to(path.with_name("nowhere") / path.name)
    elif kind == "link to a folder":
        path.with_name("real").mkdir()
        path.symlink_to(path.with_name("real"))
    return path


KINDS = ["fifo", "folder", "dangling link", "link to a folder"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["note.txt", "note.csv", "book.xlsx"])
def test_special_files_as_input_are_refused_without_blocking(tmp_path, kind, name):
    path = _special(kind, tmp_path / name)
    run = _run("check", str(path))
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS + ["device"])
@pytest.mark.parametrize("command", ["parse", "fill", "refresh", "share"])
def test_special_files_as_output_are_never_replaced(filled, tmp_path, kind, command):
    out = Path("/dev/null") if kind == "device" else _special(kind, tmp_path / "out.xlsx")
    before = os.lstat(out)
    args = {
        "parse": ["parse", str(SEED), "--csv", str(out)],
        "fill": ["fill", str(SEED), "-o", str(out)],
        "refresh": ["refresh", str(filled), "-o", str(out)],
        "share": ["share", str(filled), "-o", str(out)],
    }[command]
    run = _run(*args)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
    after = os.lstat(out)
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)


# ---------------------------------------------------------------- bigger runs


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line, max_size=300), splice=st.integers(0, len(SEED_LINES)))
def test_many_more_notes_give_a_result_or_one_clear_line(tmp_path, lines, splice):
    path = tmp_path / "note.txt"
    path.write_text("\n".join(SEED_LINES[:splice] + lines + SEED_LINES[splice:]), encoding="utf-8")
    with contextlib.suppress(XlsegmentError):  # a clear refusal is fine; anything else fails
        check(path)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(member=st.integers(0, 100), how=st.integers(0, 4), at=st.integers(0, 10**6))
def test_many_more_broken_workbooks_are_handled_cleanly(filled, tmp_path, member, how, at):
    test_a_workbook_with_a_broken_part_is_handled_cleanly.hypothesis.inner_test(
        filled, tmp_path, member, how, at
    )
