"""A block of translated figures: a lone "US$" (or other currency) row under the local
lines, then the same lines again in that currency (20-F and Taiwanese annual reports).

Read as more local rows, its figures carried the note's currency and were added to the
local totals. Each block line is a translation of the local line it repeats. The grid has
2 to 4 segments, 1 to 3 lines, currency marks and text or HTML. Every figure's currency is
asserted, the translations are checked at the stated rate and no error is found.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from xlsegment.api import check, parse
from xlsegment.readers.text import read_string

SEGMENTS = ["Foundry", "Packaging", "Testing", "Design"]
LINES = ["Net revenue", "Segment income", "Depreciation"]
MARKS = [("NT$", "US$", "TWD", "USD", Decimal("32.5")), ("RMB", "US$", "CNY", "USD", Decimal("7.2"))]


def _figures(segments: int, lines: int, rate: Decimal) -> tuple[list[tuple[str, list[int], list[int]]], dict]:
    rows, want = [], {}
    for i, line in enumerate(LINES[:lines]):
        local = [91_000 + 17_300 * k + 5_100 * i for k in range(segments)]
        local.append(sum(local))
        usd = [int((Decimal(v) / rate).quantize(Decimal(1), ROUND_HALF_UP)) for v in local[:-1]]
        usd.append(sum(usd))  # the translated column foots on its own
        rows.append((line, local, usd))
    return rows, want


def _names(segments: int) -> list[str]:
    return [*SEGMENTS[:segments], "Total"]


def _text(mark, segments: int, lines: int) -> tuple[str, list]:
    own, other, _, _, rate = mark
    rows, _ = _figures(segments, lines, rate)
    out = [f"Segment information for the year ended December 31, 2024 (in millions; US$1 = {own}{rate}):"]
    out += ["2024", *_names(segments), own]
    out += [cell for line, local, _ in rows for cell in (line, *(f"{v:,}" for v in local))]
    out += [other]
    out += [cell for line, _, usd in rows for cell in (line, *(f"{v:,}" for v in usd))]
    return "\n".join(out) + "\n", rows


def _html(tmp_path: Path, mark, segments: int, lines: int) -> tuple[Path, list]:
    own, other, _, _, rate = mark
    rows, _ = _figures(segments, lines, rate)
    width = segments + 1
    head = f"<tr><td></td><td colspan='{width}'>2024</td></tr>"
    head += "<tr><td></td>" + "".join(f"<td>{n}</td>" for n in _names(segments)) + "</tr>"
    body = f"<tr><td>{own}</td></tr>"
    body += "".join(
        f"<tr><td>{line}</td>" + "".join(f"<td>{v:,}</td>" for v in local) + "</tr>"
        for line, local, _ in rows
    )
    body += f"<tr><td>{other}</td></tr>"
    body += "".join(
        f"<tr><td>{line}</td>" + "".join(f"<td>{v:,}</td>" for v in usd) + "</tr>" for line, _, usd in rows
    )
    lead = f"Segment information for the year ended December 31, 2024 (in millions; US$1 = {own}{rate}):"
    path = tmp_path / "note.htm"
    path.write_text(f"<html><body><p>{lead}</p><table>{head}{body}</table></body></html>", encoding="utf-8")
    return path, rows


def _assert_read(note, mark, segments: int, rows) -> None:
    _, _, local_code, other_code, _ = mark
    got = {(f.line_item, f.segment, f.currency): f.value for f in note.facts}
    for line, local, usd in rows:
        for name, v, u in zip(_names(segments), local, usd, strict=True):
            assert got[(line, name, local_code)] == v
            assert got[(line, name, other_code)] == u
    assert len(got) == 2 * len(rows) * (segments + 1)
    result = check(note)
    assert result.summary["errors"] == 0
    assert result.per_kind["T1"]["translation"] == len(rows) * (segments + 1)


GRID = [(s, n) for s in (2, 3, 4) for n in (1, 2, 3)]


@pytest.mark.parametrize(("segments", "lines"), GRID)
@pytest.mark.parametrize("mark", MARKS, ids=[m[2] for m in MARKS])
def test_a_translated_block_in_text_pairs_line_by_line(mark, segments, lines):
    text, rows = _text(mark, segments, lines)
    _assert_read(read_string(text), mark, segments, rows)


@pytest.mark.parametrize(("segments", "lines"), GRID)
@pytest.mark.parametrize("mark", MARKS, ids=[m[2] for m in MARKS])
def test_a_translated_block_in_html_pairs_line_by_line(tmp_path, mark, segments, lines):
    path, rows = _html(tmp_path, mark, segments, lines)
    _assert_read(parse(path), mark, segments, rows)


def test_a_currency_heading_over_other_lines_is_no_translated_block():
    text = (
        "Revenue by region for the year ended December 31, 2024 (in millions):\n2024\nRevenue\n"
        "Europe\n1,200\nAsia\n800\nTotal\n2,000\nUS$\nAmericas\n300\nOther\n100\nTotal\n400\n"
    )
    facts = read_string(text).facts
    assert {f.currency for f in facts} == {"USD"}
