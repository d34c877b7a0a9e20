"""The UDFs called directly, on a small note built inline (no core parser needed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from types import SimpleNamespace

import pytest

from xlsegment.model import Column, Fact, Finding, Note, Role, Row, Severity, Source, Table
from xlsegment.udfs import functions as f
from xlsegment.udfs import session
from xlsegment.udfs.cache import IndexCache
from xlsegment.udfs.index import Index

SEGMENTS = (("Mining", Role.SEGMENT), ("Corporate", Role.CORPORATE), ("Total", Role.TOTAL))
# (line item, label as reported that year, values per column; None = empty cell)
YEAR_2024 = [
    ("Revenue", "Revenue", (100, 10, 110)),
    ("Realized gain", "Realized gain on exchange cryptocurrencies", (7, 0, 7)),
    ("Segment profit (loss)", "Segment profit (loss)", (40, -25, 15)),
    ("Interest expenses", "Interest expenses", (None, None, -5)),
    ("Net income (loss)", "Net loss", (None, None, 10)),
    ("Employees", "Employees", (3, 4, None)),
]
YEAR_2023 = [
    ("Revenue", "Revenue", (90, 9, 99)),
    ("Realized gain", "Realized gain on exchange digital assets", (6, 0, 6)),
    ("Segment profit (loss)", "Segment profit (loss)", (30, -20, 10)),
    ("Interest expenses", "Interest expenses", (None, None, Decimal("-2.5"))),
    ("Net income (loss)", "Net income", (None, None, Decimal("7.5"))),
]


def _table(index: int, year: int, lines) -> Table:
    columns = tuple(Column(s, s, f"FY{year}", "RMB", role) for s, role in SEGMENTS)
    rows, cells = [], {}
    for r, (item, label, values) in enumerate(lines):
        rows.append(Row(label, item, line=10 * index + r))
        for c, value in enumerate(values):
            if value is not None:
                segment, role = SEGMENTS[c]
                cells[(r, c)] = Fact(
                    f"T{index + 1}", f"FY{year}", item, segment, "RMB", value,
                    source=Source(line=10 * index + r), label=label, role=role,
                )  # fmt: skip
    title = f"Year ended December 31, {year}"
    return Table(index, "Segment profit", title, tuple(rows), columns, cells)


def small_note() -> Note:
    first = _table(0, 2024, YEAR_2024)
    # A convenience (USD) figure the UDFs must not mistake for an RMB one.
    usd = Column("USD", "Total", "FY2024", "USD", Role.CONVENIENCE)
    first = replace(first, columns=(*first.columns, usd))
    first.cells[(0, 3)] = Fact("T1", "FY2024", "Revenue", "Total", "USD", 15, role=Role.CONVENIENCE)
    return Note(
        source="inline",
        tables=(first, _table(1, 2023, YEAR_2023)),
        presentation_currency="RMB",
        unit="thousands",
        convenience_currency="USD",
        aliases={"Realized gain": ("Realized gain on exchange digital assets",)},
    )


FINDING = Finding(
    "seg.crossfoot", Severity.ERROR, "Total 110 != 100 + 9", table="T1", period="FY2024",
    line_item="Revenue", segment="Total", expected=109, actual=110, difference=1,
)  # fmt: skip
checks: list[Note] = []


def fake_check(note: Note, rate=None):
    checks.append(note)
    return SimpleNamespace(
        findings=[FINDING], errors=[], relations=[], rate=SimpleNamespace(rate=Decimal("7.3"))
    )


@pytest.fixture(autouse=True)
def pinned(monkeypatch):
    monkeypatch.setattr(session, "CACHE", IndexCache(build=lambda n: Index.from_note(n, checker=fake_check)))
    checks.clear()
    session.use(small_note())
    yield
    session.use(None)


PERIODS = [
    2024,
    2024.0,
    "2024",
    "FY2024",
    "fy 2024",
    dt.date(2024, 12, 31),
    dt.datetime(2024, 6, 30),
]


@pytest.mark.parametrize("period", [*PERIODS, 45657.0])  # 45657 is 2024-12-31 as an Excel serial
def test_segprofit_accepts_every_period_form(period):
    assert f.SEGPROFIT("Mining", period) == 40


@pytest.mark.parametrize(
    ("segment", "period", "expected"),
    [("mining", 2023, 30), ("CORPORATE", 2024.0, -25), ("  total ", "FY2023", 10)],
)
def test_segprofit_names_any_case(segment, period, expected):
    assert f.SEGPROFIT(segment, period) == expected


def test_segrevenue_ignores_convenience_column():
    assert f.SEGREVENUE("Total", 2024) == 110
    assert f.SEGREVENUE("Corporate", 2023) == 9


def test_segvalue_matches_labels_and_aliases_of_either_year():
    assert f.SEGVALUE("realized gain on exchange CRYPTOCURRENCIES", "Mining", 2023) == 6
    assert f.SEGVALUE("Realized gain on exchange digital assets", "Mining", 2024) == 7
    assert f.SEGVALUE("net loss", "Total", 2023) == 7.5


def test_segtotal_reported_else_summed():
    assert f.SEGTOTAL("Revenue", 2024) == 110
    assert f.SEGTOTAL("Employees", 2024) == 7  # no total column value: sum of the segments


def test_segrecon_spills_from_segment_profit_to_net_result():
    # One reportable segment beside Corporate: the segment's profit, Corporate as the
    # reconciling column, their Total, then down to the net result (ASC 280-10-50-30).
    assert f.SEGRECON(2024) == [
        ["Mining", 40],
        ["Corporate", -25],
        ["Segment profit (loss)", 15],
        ["Interest expenses", -5],
        ["Net loss", 10],
        ["Check", "not checked: no stated total ties these rows"],  # the stand-in checks nothing
    ]
    assert f.SEGRECON("FY2023")[-2] == ["Net income", 7.5]


def test_segtable_spills_schedule_in_both_currencies():
    table = f.SEGTABLE("T1", 2024)
    assert table[0] == ["RMB thousands", "Mining", "Corporate", "Total"]
    assert table[1] == ["Revenue", 100, 10, 110]
    assert table[4] == ["Interest expenses", "", "", -5]
    by_name = f.SEGTABLE("segment profit", 2023)
    assert by_name[1] == ["Revenue", 90, 9, 99]


def test_errors_name_what_is_missing_and_what_exists():
    assert f.SEGPROFIT("Minin", 2024) == ("#SEG! segment 'Minin' not found; have: Mining, Corporate, Total")
    assert f.SEGPROFIT("Mining", 2019) == "#SEG! period '2019' not found; have: FY2024, FY2023"
    assert f.SEGPROFIT("Mining", "next year").startswith("#SEG! period 'next year' names no year")
    assert f.SEGVALUE("Goodwill", "Mining", 2024).startswith(
        "#SEG! line item 'Goodwill' not found; have: Revenue, Realized gain,"
    )
    assert f.SEGTABLE("T1", 2024, "EUR") == "#SEG! currency 'EUR' not available; have: RMB, USD"
    assert f.SEGVALUE("Interest expenses", "Mining", 2024) == (
        "#SEG! no value for 'Interest expenses', 'Mining', FY2024"
    )


def test_segcheck_and_segrate_run_the_check_once():
    spilled = f.SEGCHECK()
    assert spilled[0][0] == "code"
    assert spilled[1][:4] == ["seg.crossfoot", "error", "T1", "FY2024"]
    assert f.SEGCHECK("t2")[1][0] == "ok"
    assert f.SEGRATE() == 7.3
    assert len(checks) == 1


def test_repeated_calls_use_the_cache():
    for _ in range(3):
        f.SEGPROFIT("Mining", 2024)
        f.SEGREVENUE("mining", 2023.0)
    assert session.CACHE.loads == 1


def test_a_crash_becomes_one_line_of_text(monkeypatch):
    monkeypatch.setattr(Index, "profit_items", lambda self: 1 / 0)
    assert f.SEGPROFIT("Mining", 2024) == "#SEG! ZeroDivisionError: division by zero"
