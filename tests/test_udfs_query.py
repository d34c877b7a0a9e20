"""What Excel sends, read as periods, amounts and rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xlsegment.udfs.query import QueryError, amount, loose_key, name_key, period_year, rate


@pytest.mark.parametrize(
    ("value", "year"),
    [(2024, 2024), (2024.0, 2024), ("FY2024", 2024), ("fy 2023", 2023), ("2022-12-31", 2022),
     ("Year ended December 31, 2024", 2024), (dt.date(2023, 1, 31), 2023),
     (dt.datetime(2022, 12, 31, 0, 0), 2022), (45291.0, 2023), (Decimal("2024"), 2024)],
)  # fmt: skip
def test_period_forms(value, year):
    assert period_year(value) == year


@pytest.mark.parametrize("value", [None, "", True, 2024.5, 99, "next year", 3000000])
def test_bad_periods_say_why(value):
    with pytest.raises(QueryError):
        period_year(value)


@pytest.mark.parametrize(
    ("value", "exact"),
    [(111714.0, 111714), (0.1, Decimal("0.1")), ("1,234.50", Decimal("1234.50")),
     (7, 7), (-58764.0, -58764)],
)  # fmt: skip
def test_amounts_are_exact(value, exact):
    got = amount(value)
    assert got == exact and type(got) is type(exact)


def test_rates_must_be_positive_numbers():
    assert rate(7.2993) == Decimal("7.2993")
    for bad in (0, -1.5, "abc", None):
        with pytest.raises(QueryError):
            rate(bad)


def test_name_keys_ignore_case_spacing_and_punctuation():
    assert name_key("  Segment   PROFIT (loss) ") == "segment profit (loss)"
    assert loose_key("Segment profit (loss)") == loose_key("segment profit/loss") == ("segment profit loss")
