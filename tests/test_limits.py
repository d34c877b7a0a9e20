"""Bounds on rates and decimals: one implementation, one clear line wherever a value enters."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from xlsegment import limits
from xlsegment.errors import InputError
from xlsegment.udfs.query import QueryError
from xlsegment.udfs.query import rate as udf_rate

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"


def xlsegment(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed command as a user runs it; the timeout bounds a hang, it times nothing."""
    return subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("1e999999999", "beyond Excel's largest number, 9.99999999999999E+307"),
        ("1e400", "beyond Excel's largest number"),
        ("1e-400", "below Excel's smallest positive number, 2.2250738585072E-308"),
        ("7.29930000000000001", "has 18 significant digits; Excel keeps 15"),
        ("-7", "must be positive"),
        ("0", "must be positive"),
        ("seven", '"seven" is not a number'),
        ("NaN", "is not a number"),
        ("Infinity", "is not a number"),
    ],
)
def test_check_refuses_a_rate_excel_cannot_hold_in_one_line(given, why):
    run = xlsegment("check", str(SEED), "--rate", given)
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "--rate: the rate" in run.stderr and why in run.stderr


def test_fill_refuses_a_huge_rate_without_writing(tmp_path):
    out = tmp_path / "out.xlsx"
    run = xlsegment("fill", str(SEED), "-o", str(out), "--rate", "1e999999999")
    assert run.returncode == 2 and "beyond Excel's largest number" in run.stderr
    assert run.stderr.count("\n") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_rates_inside_the_bounds_are_kept_exactly():
    assert limits.rate("7.2993", "--rate") == Decimal("7.2993")
    assert limits.rate("9.99999999999999E+307", "--rate") == limits.EXCEL_LARGEST
    assert limits.rate("123456789012345", "--rate") == 123456789012345  # 15 digits
    assert limits.rate("7.29930000000000000", "--rate") == Decimal("7.2993")  # zeros are no digits
    # A float is what Excel hands over: its shortest repr, at Excel's 15 digits.
    assert limits.rate(7.2993, "Settings!B8") == Decimal("7.2993")
    assert limits.rate(0.1 + 0.2, "Settings!B8") == Decimal("0.3")


def test_a_function_cell_gets_the_same_rule_as_the_command_line():
    assert udf_rate(7.2993) == Decimal("7.2993")
    with pytest.raises(QueryError, match="beyond Excel's largest number"):
        udf_rate("1e400")
    with pytest.raises(QueryError, match="must be positive"):
        udf_rate(-1.5)


@pytest.mark.parametrize(
    ("value", "read"),
    [(2, 2), (2.0, 2), ("2", 2), (" -3 ", -3), (Decimal("20"), 20), (-20, -20), (None, None), ("", None)],
)
def test_decimals_from_minus_20_to_20_are_read(value, read):
    assert limits.decimals(value, "Data!G2") == read


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (10**9, "decimals 1000000000 is outside -20 to 20"),
        (21, "decimals 21 is outside -20 to 20"),
        ("two", 'decimals "two" is not a whole number from -20 to 20'),
        (2.5, "decimals 2.5 is not a whole number"),
        ("INF", 'decimals "INF" is not a whole number'),
        (True, "decimals TRUE is not"),
    ],
)
def test_other_decimals_are_refused_naming_the_cell(value, why):
    with pytest.raises(InputError, match="^Data!G7: " + why):
        limits.decimals(value, "Data!G7")


def test_values_are_shown_as_typed_not_as_python_reprs():
    import datetime as dt

    assert limits.shown(dt.datetime(2024, 12, 31)) == "2024-12-31"
    assert limits.shown(2024.0) == "2024"
    assert limits.shown("110,739") == '"110,739"'
    assert limits.shown("x" * 1000).endswith('…"') and len(limits.shown("x" * 1000)) == 42


@pytest.mark.parametrize(
    ("value", "read"),
    [("110739", 110739), (110739.0, 110739), ("1028.4", Decimal("1028.4")), ("1e3", 1000), (7, 7),
     (Decimal("-5.50"), Decimal("-5.50"))],
)  # fmt: skip
def test_amounts_inside_the_bounds_are_exact(value, read):
    got = limits.amount(value, "facts.csv:2")
    assert got == read and type(got) is type(read)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("1e-999999999", "has more than 20 decimals"),
        ("1e999999999", "beyond Excel's largest number"),
        ("inf", "is not a number"),
        ("12abc", 'the value "12abc" is not a number'),
        (None, "is not a number"),
    ],
)
def test_amounts_outside_the_bounds_are_refused_at_once(value, why):
    with pytest.raises(InputError, match="^facts.csv:2: .*" + re.escape(why)):
        limits.amount(value, "facts.csv:2")
