"""The text reader on every corpus note rendered in eleven layouts (tests/layouts.py).

What a layout must not change: the note stays clean (no error on an audited note), the
figures read are the figures the note states, and a broken total is found on the line
that shows it. The notes kept aside differ from the corpus in layout far more than in
arithmetic, so these tests are how generality shows without them.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tests.layouts import RATE, TRANSLATED, TRANSLATED_COLUMN, VARIANTS, figures, load, render, without_dashes
from xlsegment.api import check
from xlsegment.readers.text import read_string

CORPUS = sorted((Path(__file__).parent / "data" / "corpus").glob("*.json"))


def _read(doc, variant, shift=None):
    rendered = render(doc, variant, shift)
    return rendered, check(read_string(rendered.text))


@pytest.fixture(scope="module", params=CORPUS, ids=lambda p: p.stem)
def note(request):
    return load(request.param)


# The fast loop reads three layouts; the full suite reads them all.
FAST = ("plain", "flowed", "translated")
ALL_LAYOUTS = [v if v in FAST else pytest.param(v, marks=pytest.mark.slow) for v in VARIANTS]


def test_rows_without_their_nil_dashes_raise_no_error(note):
    """Nil cells left empty instead of dashed: the short rows are placed by arithmetic, and
    where it cannot tell, the row is a warning, never the basis of an error. (Figures and
    checks may be lost: UnitedHealth's 93 dashes leave 16 of 182 checks.)"""
    result = check(read_string(render(without_dashes(note), "plain").text))
    assert [f.message for f in result.errors] == []


@pytest.mark.parametrize("variant", ALL_LAYOUTS)
def test_no_layout_raises_an_error_on_an_audited_note(note, variant):
    _, result = _read(note, variant)
    assert [f.message for f in result.errors] == []
    assert result.checks > 0


@pytest.mark.slow
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_layout_reads_the_figures_the_note_states(note, variant):
    rendered, result = _read(note, variant)
    want = Counter(v for *_, v in figures(note)) + Counter(rendered.translated.values())
    got = Counter(Decimal(str(f.value)) for f in result.note.facts)
    assert (want - got, got - want) == (Counter(), Counter())


# Stacked years lose checks on one note: Johnson Controls' assets table has one row with
# an unlabelled subtotal beside its figure, so its one-figure blocks read as two unnamed
# columns (24 of 30 checks, a columns warning per block). No error and no lost figure.
# See README "Limits worth knowing".
SAME_CHECKS = [v for v in VARIANTS if v != "stacked" and v not in TRANSLATED]


@pytest.mark.slow
def test_every_layout_makes_the_same_checks(note):
    counts = {v: _read(note, v)[1].checks for v in SAME_CHECKS}
    assert len(set(counts.values())) == 1, counts


@pytest.mark.slow
@pytest.mark.slow
@pytest.mark.parametrize("variant", TRANSLATED)
def test_every_translated_figure_is_checked_at_the_rate(note, variant):
    """The US$ column adds one translation check per translated figure, and keeps every
    check of the note (a total the US$ column states twice adds its tie); the stated rate
    is used as stated, and the inferred one contains the rate used."""
    rendered, result = _read(note, variant)
    plain = _read(note, "plain")[1]
    translations = sum(kinds["translation"] for kinds in result.per_kind.values())
    assert translations == len(rendered.translated)
    assert result.checks >= plain.checks + translations
    if rendered.translated:
        assert result.rate.stated == (variant == "translated")
        if result.rate.stated:
            assert result.rate.rate == RATE
        else:
            assert result.rate.low <= RATE <= result.rate.high


@pytest.mark.slow
@pytest.mark.parametrize("variant", TRANSLATED)
def test_a_moved_translated_figure_is_found_on_its_line(note, variant):
    rendered = render(note, variant)
    if not rendered.translated:
        return  # the note has no table with years as columns to translate
    table, row = sorted(rendered.translated)[len(rendered.translated) // 2]
    moved, broken = _read(note, variant, (table, row, TRANSLATED_COLUMN, 30))
    line = moved.lines[(table, row, TRANSLATED_COLUMN)]
    assert line in {f.source_line for f in broken.errors}, [f.message for f in broken.errors]


@pytest.mark.parametrize(
    "variant",
    [v if v in FAST else pytest.param(v, marks=pytest.mark.slow) for v in
     ("plain", "no_dollar", "flowed", "european", "stacked", "translated")],
)  # fmt: skip
def test_a_moved_total_is_found_on_its_line(note, variant):
    rendered, result = _read(note, variant)
    relation = next((r for r in result.relations if r.total.source.line), None)
    assert relation is not None
    total = relation.total
    key = next(
        k
        for k, line in rendered.lines.items()
        if line == total.source.line and Decimal(str(_value(note, k))) == Decimal(str(total.value))
    )
    # A slip of a few units in the last digit: beyond any rounding the parts' precision
    # allows (half a unit each), small enough to read as a typo, not as other parts.
    delta = Decimal(len(relation.parts) + 2).scaleb(-max(total.decimals or 0, 0))
    moved, broken = _read(note, variant, (*key, delta))
    assert moved.lines[key] == total.source.line
    lines = {f.source_line for f in broken.errors} | {ln for f in broken.errors for ln in f.related_lines}
    assert total.source.line in lines, [f.message for f in broken.errors]


def _value(doc, key):
    table, row, col = key
    t = next(t for t in doc["tables"] if t["index"] == table)
    return t["rows"][row]["values"][col]
