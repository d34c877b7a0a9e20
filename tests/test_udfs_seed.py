"""The UDFs on the reference note, parsed by the core: the figures the filing states."""

from __future__ import annotations

import pytest

from xlsegment.api import parse
from xlsegment.udfs import functions as f
from xlsegment.udfs import session
from xlsegment.udfs.cache import IndexCache


@pytest.fixture(scope="module")
def seed_note(seed_path):
    return parse(seed_path)


@pytest.fixture(autouse=True)
def pinned(seed_note, monkeypatch):
    monkeypatch.setattr(session, "CACHE", IndexCache())
    session.use(seed_note)
    yield
    session.use(None)


def test_segment_profit():
    assert f.SEGPROFIT("Cryptocurrency Mining", 2024) == 57716
    assert f.SEGPROFIT("corporate", 2024.0) == -116480
    assert f.SEGPROFIT("TOTAL", "FY2022") == -661532


def test_reconciliation_of_2023_ends_at_net_income():
    recon = f.SEGRECON(2023)
    # The one reportable segment, Corporate beside it, their Total, then the items below.
    assert recon[:3] == [
        ["Cryptocurrency Mining", -163289],
        ["Corporate", -154464],
        ["Segment profit (loss)", -317753],
    ]
    assert recon[-2] == ["Net income", 12576]
    assert recon[0][1] + recon[1][1] == recon[2][1]  # the chain adds up, across
    assert sum(value for _, value in recon[2:-2]) == recon[-2][1]  # and down
    assert recon[-1] == ["Check", "ok"]  # and the core's checks say so


def test_translation_at_the_stated_and_the_inferred_rate():
    assert f.SEGFX(111714, 7.2993) == 15305
    assert f.SEGFX(-58764, "7.2993") == -8051  # direct translation; the note shows (8,050)
    assert 7.299269 <= f.SEGRATE() <= 7.299454  # inferred from the USD column
    assert f.SEGFX(111714) == 15305


def test_revenue_totals_and_aliases_across_years():
    assert f.SEGREVENUE("Cryptocurrency Mining", 2023) == 168324
    assert f.SEGTOTAL("Revenue", 2024) == 111714
    # 2023 calls the line "... digital assets"; either label finds either year
    assert f.SEGVALUE("realized gain on exchange digital assets", "Cryptocurrency Mining",
                      2024) == 60783  # fmt: skip
    assert f.SEGVALUE("Realized gain on exchange cryptocurrencies", "Cryptocurrency Mining",
                      "FY2023") == 42836  # fmt: skip


def test_schedule_spills_in_both_currencies():
    rmb = f.SEGTABLE("T1", 2024)
    assert rmb[0] == ["CNY thousands", "Cryptocurrency Mining", "Corporate", "Total"]
    assert rmb[1] == ["Revenue", 110739, 975, 111714]
    usd = f.SEGTABLE("T1", 2024, "USD")
    assert usd[1][3] == 15305 and usd[0][0].startswith("USD thousands at 7.299")


def test_findings_spill_with_a_header():
    rows = f.SEGCHECK()
    assert rows[0][:2] == ["code", "severity"]
    assert any(r[0] == "seg.fx.subtotal" and r[7] == -8050 for r in rows[1:])


def test_unknown_segment_names_the_ones_that_exist():
    # The segments only: the geographic regions of T6 and T7 are no segments.
    assert f.SEGPROFIT("Mining", 2024) == (
        "#SEG! segment 'Mining' not found; have: Cryptocurrency Mining, Corporate, Total"
    )


def test_a_region_asked_for_as_a_segment_is_named_a_region():
    assert f.SEGPROFIT("Greater China", 2024) == (
        "#SEG! 'Greater China' is a geographic region, not a segment: no 'Segment profit (loss)' "
        "for it in 2024; segments: Cryptocurrency Mining, Corporate, Total"
    )
    assert f.SEGREVENUE("greater china", 2024) == 289  # geographic revenue is there to read


def test_segrecon_of_assets_never_takes_gains_on_assets():
    """'Realized gain on exchange digital assets' is a gain of the period, not a balance
    of assets: SEGRECON of total assets took it (and another such row) as the whole
    reconciliation of 2023's assets."""
    recon = f.SEGRECON(2023, "Total assets")
    assert recon[-2][1] == f.SEGTOTAL("Total assets", 2023) == 363725
    assert [label for label, _ in recon[:-1]] == [
        "Cryptocurrency Mining",
        "Corporate",
        "Total assets as of December 31, 2023",
    ]
