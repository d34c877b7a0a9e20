"""The reference note: every table read, every stated total checked, the known flags raised."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import FINDING_FIELDS
from xlsegment.api import check, parse
from xlsegment.model import Severity
from xlsegment.readers.text import read_string


def value(note, table, period, line, segment, currency="CNY"):
    hits = [
        f.value
        for f in note.facts
        if f.table == table
        and f.period == period
        and f.line_item == line
        and f.segment == segment
        and f.currency == currency
    ]
    assert len(hits) == 1, (table, period, line, segment, hits)
    return hits[0]


def test_seed_reads_all_tables(seed_path):
    note = parse(seed_path)
    names = [t.name for t in note.tables]
    assert names == [
        "Segment profit or loss",
        "Segment profit or loss",
        "Segment profit or loss",
        "Segment assets",
        "Depreciation and amortization",
        "Revenue by geography",
        "Long-lived assets by geography",
    ]
    assert note.presentation_currency == "CNY"
    assert note.convenience_currency == "USD"
    assert note.unit == "thousands"
    assert note.rate_note == "Note 3"


@pytest.mark.parametrize(
    ("table", "period", "line", "segment", "expected"),
    [
        ("Segment profit or loss", "2024", "Segment profit (loss)", "Cryptocurrency Mining", 57716),
        ("Segment profit or loss", "2024", "Segment profit (loss)", "Corporate", -116480),
        ("Segment profit or loss", "2024", "Segment profit (loss)", "Total", -58764),
        ("Segment profit or loss", "2023", "Net loss", "Total", 12576),
        ("Segment profit or loss", "2022", "Net loss", "Total", -979492),
        ("Segment assets", "2024", "Total assets", "Total", 642024),
        ("Segment assets", "2023", "Total assets", "Total", 363725),
        ("Revenue by geography", "2024", "Revenue", "Total", 111714),
        ("Revenue by geography", "2022", "Revenue", "Greater China", 655),
        (
            "Depreciation and amortization",
            "2023",
            "Depreciation and amortization expenses",
            "Corporate",
            7792,
        ),
        ("Long-lived assets by geography", "2023", "Long-lived assets", "Total", 101198),
    ],
)
def test_seed_values(seed_path, table, period, line, segment, expected):
    assert value(parse(seed_path), table, period, line, segment) == expected


def test_seed_usd_column_is_the_convenience_translation(seed_path):
    note = parse(seed_path)
    assert value(note, "Segment profit or loss", "2024", "Revenue", "Total", "USD") == 15305
    assert value(note, "Revenue by geography", "2024", "Revenue", "Total", "USD") == 15305


def test_seed_has_no_errors_and_relations_are_found(seed_path):
    result = check(seed_path)
    assert result.summary["errors"] == 0, [f.message for f in result.errors]
    kinds = {str(r.kind) for r in result.relations}
    assert {"crossfoot", "foot", "reconciliation", "tie"} <= kinds
    recon = [r for r in result.relations if str(r.kind) == "reconciliation"]
    assert {r.total.value for r in recon if r.total.currency == "CNY"} == {
        -73642,
        12576,
        -979492,
    }
    # geographic revenue total ties to the segment revenue total for each year
    ties = {(r.total.period, r.total.value) for r in result.relations if str(r.kind) == "tie"}
    assert {("2022", 104929), ("2023", 174045), ("2024", 111714)} <= ties


def test_seed_renamed_line_items_are_matched(seed_path):
    note = parse(seed_path)
    assert (
        "Realized gain on exchange digital assets"
        in note.aliases["Realized gain on exchange cryptocurrencies"]
    )
    assert "Net income" in note.aliases["Net loss"]
    # the 2023 fact is filed under the one line item
    assert (
        value(
            note,
            "Segment profit or loss",
            "2023",
            "Realized gain on exchange cryptocurrencies",
            "Cryptocurrency Mining",
        )
        == 42836
    )
    codes = [f.code for f in check(seed_path).findings]
    assert codes.count("seg.alias") >= 3


def test_stated_rate_7_2993_is_consistent(seed_path):
    result = check(seed_path, rate="7.2993")
    assert result.rate.stated and result.rate.rate == Decimal("7.2993")
    assert not [f for f in result.findings if f.code == "seg.fx.figure"]
    assert result.summary["errors"] == 0


def test_rate_7_is_not(seed_path):
    result = check(seed_path, rate="7.0")
    bad = [f for f in result.findings if f.code == "seg.fx.figure"]
    assert len(bad) >= 20
    revenue = next(f for f in bad if f.source_line == 19)
    assert (revenue.actual, revenue.expected) == (15305, 15959)


def test_inferred_rate_interval_contains_7_2993(seed_path):
    result = check(seed_path)
    assert not result.rate.stated
    assert result.rate.low <= Decimal("7.2993") <= result.rate.high
    assert result.rate.high - result.rate.low < Decimal("0.001")


def test_usd_segment_profit_8050_is_info_not_error(seed_path):
    result = check(seed_path, rate="7.2993")
    sub = [f for f in result.findings if f.code == "seg.fx.subtotal"]
    assert len(sub) == 1
    f = sub[0]
    assert f.severity == Severity.INFO
    assert (f.actual, f.expected, f.source_line) == (-8050, -8051, 65)
    assert "sum of the translated lines" in f.message


def test_date_typo_1024_is_flagged(seed_path):
    result = check(seed_path)
    typo = [f for f in result.findings if f.code == "seg.label.date"]
    assert len(typo) == 1
    assert typo[0].source_line == 298 and typo[0].actual == 1024 and typo[0].expected == 2024


def test_findings_carry_the_json_fields(seed_path):
    result = check(seed_path, rate="7.0")
    d = result.findings[-1].to_dict()
    assert set(FINDING_FIELDS) <= set(d)


def _reported_numbers(text: str):
    """(line number, text) of every figure of the note that is not a dash."""
    note = read_string(text)
    lines = text.splitlines()
    return sorted(
        {
            (f.source.line, lines[f.source.line - 1])
            for f in note.facts
            if f.source.line and any(ch.isdigit() for ch in lines[f.source.line - 1])
        }
    )


def _moved(raw: str, delta: int) -> str:
    neg = raw.startswith("(")
    n = int(raw.strip("()").replace(",", "")) * (-1 if neg else 1) + delta
    body = f"{abs(n):,}"
    return f"({body})" if n < 0 else body


@pytest.mark.slow
def test_moving_any_reported_number_by_30_is_an_error_at_that_place(seed_text):
    numbers = _reported_numbers(seed_text)
    assert len(numbers) > 170
    missed = []
    for line, raw in numbers:
        lines = seed_text.splitlines()
        lines[line - 1] = _moved(raw, 30)
        result = check(read_string("\n".join(lines)))
        hit = [f for f in result.errors if f.source_line == line or line in f.related_lines]
        if not hit:
            missed.append((line, raw))
    assert missed == []


def test_tidy_dataframe_export(seed_path):
    frame = parse(seed_path).to_frame()
    assert {"table", "period", "line", "segment", "currency", "value"} <= set(frame.columns)
    row = frame[
        (frame.line == "Segment profit (loss)") & (frame.segment == "Corporate") & (frame.period == "2024")
    ]
    assert row.value.tolist() == [-116480]


def test_translate_helper_rounds_like_excel():
    import pandas as pd

    from xlsegment.translation import translate, translate_table

    assert translate(111714, Decimal("7.2993")) == 15305
    assert translate(-58764, Decimal("7.2993")) == -8051
    assert translate(Decimal("2.5"), 1) == 3 and translate(Decimal("-2.5"), 1) == -3
    frame = pd.DataFrame({"a": [111714, -113318]})
    assert translate_table(frame, Decimal("7.2993"))["a"].tolist() == [15305, -15525]
    assert translate_table({"x": 730}, Decimal("7.3")) == {"x": 100}


def test_date_typo_survives_tidy_data_and_the_workbook(seed_path, tmp_path):
    from xlsegment.readers.tidy import read_tidy
    from xlsegment.workbook.api import check_workbook, fill

    frame = parse(seed_path).to_frame()
    tidy = check(read_tidy(frame))
    assert [f.actual for f in tidy.findings if f.code == "seg.label.date"] == [1024]
    out = fill(seed_path, tmp_path / "seed.xlsx")
    book = check_workbook(out)
    assert [f.actual for f in book.findings if f.code == "seg.label.date"] == [1024]
