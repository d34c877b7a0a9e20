"""Each year translated beside it ("VND billion | US$ million" under each year), at that
year's own rate: the translated columns are the translations of their years, and where
no one rate fits every line but a rate for each table and period fits all of that
group's, each group is checked at its own rate, said in a warning. One wrong line still
breaks its group, and the rates are never pinned in the workbook's Settings.
Grid: one rate or one per year x 3 or 4 segments x a wrong line or none."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from xlsegment.api import check, parse

SEGMENTS = {"Rice and Agri-Products": (24119, 22906), "Seafood Processing": (31406, 35112),
            "Ports and Logistics": (6812, 6204), "Others": (1204, 1118)}  # fmt: skip


def _usd(value: int, rate: Decimal) -> Decimal:
    return (Decimal(value) * 1000 / rate).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _note(rates: tuple[Decimal, Decimal], segments: int, wrong: bool) -> str:
    lines = [
        "Supplementary U.S. dollar amounts are presented for each year for the convenience of readers.",
        "",
        "                                              Year ended 31 December",
        "                                              2025                        2024",
        "                                     VND billion   US$ million   VND billion   US$ million",
        "Revenue",
    ]
    names = list(SEGMENTS)[:segments]
    for k, name in enumerate(names):
        a, b = SEGMENTS[name]
        ua, ub = _usd(a, rates[0]), _usd(b, rates[1])
        if wrong and k == 1:
            ua += Decimal("12.0")
        lines.append(f"  {name:<37}{a:>9,}{ua:>14,}{b:>14,}{ub:>14,}")
    ta, tb = (sum(SEGMENTS[n][i] for n in names) for i in (0, 1))
    lines.append(f"  {'Consolidated':<37}{ta:>9,}{_usd(ta, rates[0]):>14,}{tb:>14,}{_usd(tb, rates[1]):>14,}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("per_year", [False, True], ids=["one rate", "a rate per year"])
@pytest.mark.parametrize("segments", [3, 4])
@pytest.mark.parametrize("wrong", [False, True], ids=["as filed", "one line wrong"])
def test_grid_each_year_at_its_own_rate(tmp_path, per_year, segments, wrong):
    rates = (Decimal("25412"), Decimal("24167") if per_year else Decimal("25412"))
    path = tmp_path / "note.txt"
    path.write_text(_note(rates, segments, wrong), encoding="utf-8")
    note = parse(path)
    usd = {(f.segment, f.period) for f in note.facts if f.currency == "USD"}
    assert ("Others", "2024") in usd or segments == 3
    assert ("Seafood Processing", "2025") in usd and ("Seafood Processing", "2024") in usd
    result = check(note)
    assert (result.summary["errors"] > 0) == wrong
    rate = next(f for f in result.findings if f.code == "seg.fx.rate")
    assert ("a rate for each table and period" in rate.message) == (per_year and not wrong)


def test_per_year_rates_are_inferred_again_from_the_workbook(tmp_path):
    from xlsegment.workbook.api import fill

    path = tmp_path / "note.txt"
    path.write_text(_note((Decimal("25412"), Decimal("24167")), 4, False), encoding="utf-8")
    fill(path, tmp_path / "note.xlsx")
    assert check(tmp_path / "note.xlsx").summary["errors"] == 0
