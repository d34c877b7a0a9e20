"""The one currency table: every ISO 4217 currency from CLDR, and the marks filers write."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from xlsegment import currency, labels, numbers

ROOT = Path(__file__).resolve().parent.parent


def test_the_checked_in_table_is_what_babel_gives():
    """data/currencies.json is generated from Babel's CLDR data; a newer Babel that changes
    a symbol shows here, and ``python tools/make_currency_table.py`` brings it in."""
    spec = importlib.util.spec_from_file_location(
        "make_currency_table", ROOT / "tools/make_currency_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stored = json.loads((ROOT / "xlsegment/data/currencies.json").read_text(encoding="utf-8"))
    assert stored == json.loads(json.dumps(module.build()))


def test_every_current_iso_currency_is_known():
    for iso in ("USD", "CNY", "EUR", "TWD", "INR", "KRW", "BRL", "CHF", "JPY", "HKD", "GBP", "ZAR", "MXN"):
        assert iso in currency.iso_codes()
        assert currency.code(iso) == iso


@pytest.mark.parametrize(
    ("text", "iso", "scale"),
    [
        ("RMB’000", "CNY", "thousands"),  # curly apostrophe
        ("RMB'000", "CNY", "thousands"),  # straight
        ("US$’000", "USD", "thousands"),
        ("NT$000", "TWD", "thousands"),
        ("NT$ thousands", "TWD", "thousands"),
        ("HK$'000", "HKD", "thousands"),
        ("₹ million", "INR", "millions"),
        ("Rs.", "INR", None),
        ("Rs. in crores", "INR", "crores"),
        ("₹ in lakhs", "INR", "lakhs"),
        ("₩", "KRW", None),
        ("¥", "JPY", None),
        ("CN¥", "CNY", None),
        ("R$", "BRL", None),
        ("CHF", "CHF", None),
        ("in thousands of RMB", "CNY", "thousands"),
        ("(en miles de euros)", "EUR", "thousands"),
        ("(en millones de euros)", "EUR", "millions"),
        ("（人民币千元）", "CNY", "thousands"),
        ("(人民币百万元)", "CNY", "millions"),
        ("(en milliers d'euros)", "EUR", "thousands"),
        ("(in Tausend EUR)", "EUR", "thousands"),
        ("(x € 1.000)", "EUR", "thousands"),
        ("(in migliaia di euro)", "EUR", "thousands"),
        ("(em milhares de reais)", "BRL", "thousands"),
        ("(単位：百万円)", "JPY", "millions"),
        ("(单位：人民币千元)", "CNY", "thousands"),
        ("(In millions of Korean won)", "KRW", "millions"),
        ("(in millions)", None, "millions"),
        ("(Dollars in millions)", "USD", "millions"),
        # a scale written onto its mark: South Africa's rand, Swiss and euro reports
        ("Rm", "ZAR", "millions"),
        ("R'000", "ZAR", "thousands"),
        ("(Rbn)", "ZAR", "billions"),
        ("CHFm", "CHF", "millions"),
        ("EURm", "EUR", "millions"),
        ("€k", "EUR", "thousands"),
        ("NIS in thousands", "ILS", "thousands"),  # Israeli filers' mark for the new shekel
    ],
)
def test_a_mark_names_its_currency_and_scale(text, iso, scale):
    found = currency.mark(text)
    assert found is not None and (found.currency, found.scale) == (iso, scale)


@pytest.mark.parametrize(
    "text",
    [
        "Mining",
        "Total",
        "B",
        "M",
        "2024",
        "%",
        "Revenue",
        "Real estate",
        "Den",
        "Film",
        "Item",
        "Term",
        "Platinum",
        # ISO codes only in capitals: these head columns as words ("All" over "other")
        "All",
        "Top",
        "Try",
        "Mad",
        "Cup",
        "usd",
    ],
)
def test_words_that_are_no_mark(text):
    assert currency.mark(text) is None


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("GBP 1,234", 1234),
        ("₩ 1,234", 1234),
        ("NT$5", 5),
        ("(RMB 12)", -12),
        ("CHF 3.5", 3.5),
        ("Rs. 100", 100),
    ],
)
def test_a_figure_after_any_mark_of_the_table(cell, value):
    assert float(numbers.parse_cell(cell).value) == value


@pytest.mark.parametrize("cell", ["D0", "EMEA 12", "K 5", "Total 2024"])
def test_a_word_before_a_figure_is_no_mark(cell):
    assert numbers.parse_cell(cell) is None


def test_a_unit_line_in_another_language_names_the_note_currency():
    assert labels.unit_line_currency("(en miles de euros)") == "EUR"
    assert labels.unit_line_currency("（人民币千元）") == "CNY"
    assert labels.unit_of("(en miles de euros)") == "thousands"
