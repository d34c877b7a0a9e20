"""The text reader on every corpus note rendered in thirteen layouts (tests/layouts.py).

What a layout must not change: the note stays clean (no error on an audited note), the
figures read are the figures the note states, and a broken total is found on the line
that shows it. The notes kept aside differ from the corpus in layout far more than in
arithmetic, so these tests are how generality shows without them.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tests.layouts import RATE, TRANSLATED, TRANSLATED_COLUMN, VARIANTS, figures, load, render, without_dashes
from xlsegment import labels
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
    want += Counter(rendered.added.values())
    got = Counter(Decimal(str(f.value)) for f in result.note.facts)
    assert (want - got, got - want) == (Counter(), Counter())


# Stacked years lose checks on one note: Johnson Controls' assets table has one row with
# an unlabelled subtotal beside its figure, so its one-figure blocks read as two unnamed
# columns (24 of 30 checks, a columns warning per block). No error and no lost figure.
# See README "Limits worth knowing".
# Side by side, the blocks' names head the columns as segments, so the figures no longer
# tie to the unnamed figures of other tables; test_measure_blocks_relate_inside_themselves.
# Total-only rows add a check of their own: test_total_only_rows_are_placed_in_the_total_column.
OWN_CHECKS = ("stacked", "side_by_side", "total_only", *TRANSLATED)
SAME_CHECKS = [v for v in VARIANTS if v not in OWN_CHECKS]


@pytest.mark.slow
def test_every_layout_makes_the_same_checks(note):
    counts = {v: _read(note, v)[1].checks for v in SAME_CHECKS}
    assert len(set(counts.values())) == 1, counts


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
     ("plain", "no_dollar", "flowed", "european", "stacked", "translated", "side_by_side")],
)  # fmt: skip
def test_a_moved_total_is_found_on_its_line(note, variant):
    rendered, result = _read(note, variant)
    relation = next((r for r in result.relations if r.total.source.line), None)
    assert relation is not None
    total = relation.total
    key = next(
        k
        for k, line in rendered.lines.items()
        if line == total.source.line and _value(note, rendered, k) == Decimal(str(total.value))
    )
    # A slip of a few units in the last digit: beyond any rounding the parts' precision
    # allows (half a unit each), small enough to read as a typo, not as other parts.
    delta = Decimal(len(relation.parts) + 2).scaleb(-max(total.decimals or 0, 0))
    moved, broken = _read(note, variant, (*key, delta))
    assert moved.lines[key] == total.source.line
    lines = {f.source_line for f in broken.errors} | {ln for f in broken.errors for ln in f.related_lines}
    assert total.source.line in lines, [f.message for f in broken.errors]


def _blocks(note, rendered) -> dict[int, str]:
    """The measure block ("A" first, "B" second) of each line a side-by-side table shows."""
    width = {t["index"]: max(len(r["cells"]) for r in t["rows"]) for t in note["tables"]}
    beside = {table for table, *_ in rendered.added}
    return {
        line: "B" if col >= width[table] else "A"
        for (table, _, col), line in rendered.lines.items()
        if table in beside
    }


def test_measure_blocks_relate_inside_themselves(note):
    """Two measure blocks side by side over the same years: every relation stays inside one
    block, and the second block, which adds up as the first does, gets the same checks."""
    rendered, result = _read(note, "side_by_side")
    block = _blocks(note, rendered)
    kinds = Counter()
    for relation in result.relations:
        members = [relation.total, *(part for _, part in relation.parts)]
        kinds["".join(sorted({block.get(f.source.line, "-") for f in members}))] += 1
    assert set(kinds) <= {"A", "B", "-"}, kinds
    assert kinds["A"] == kinds["B"]
    assert (kinds["A"] > 0) == bool(rendered.added)


@pytest.mark.slow
def test_a_moved_figure_of_the_second_block_is_found_on_its_line(note):
    rendered, result = _read(note, "side_by_side")
    block = _blocks(note, rendered)
    relation = next((r for r in result.relations if block.get(r.total.source.line) == "B"), None)
    if relation is None:
        assert not rendered.added  # no table with years as columns to set side by side
        return
    key = next(k for k, line in rendered.lines.items() if line == relation.total.source.line)
    delta = Decimal(len(relation.parts) + 2).scaleb(-max(relation.total.decimals or 0, 0))
    moved, broken = _read(note, "side_by_side", (*key, delta))
    lines = {f.source_line for f in broken.errors} | {ln for f in broken.errors for ln in f.related_lines}
    assert moved.lines[key] in lines, [f.message for f in broken.errors]


def test_total_only_rows_are_placed_in_the_total_column(note):
    """Rows with a figure in the consolidated column only, below a table of segment
    columns: each is read in that column (its default place, which no sum may move it
    from), and the pair adds one check per table."""
    rendered, result = _read(note, "total_only")
    at_line = {f.source.line: f for f in result.note.facts}
    tables = {table for table, *_ in rendered.added}
    for table, row, col in rendered.added:
        above = next(k for k in rendered.lines if k[:2] == (table, _last_row(note, table)) and k[2] == col)
        placed, consolidated = at_line[rendered.lines[(table, row, col)]], at_line[rendered.lines[above]]
        assert (placed.segment, placed.period) == (consolidated.segment, consolidated.period)
    assert result.checks == _read(note, "plain")[1].checks + len(tables)


@pytest.mark.slow
def test_a_moved_total_only_figure_is_found_on_its_line(note):
    rendered = render(note, "total_only")
    if not rendered.added:
        return  # no table with segment columns and a consolidated column
    key = min(rendered.added)  # the item: the first row added below a table
    moved, broken = _read(note, "total_only", (*key, 30))
    lines = {f.source_line for f in broken.errors} | {ln for f in broken.errors for ln in f.related_lines}
    assert moved.lines[key] in lines, [f.message for f in broken.errors]


def _last_row(doc, table) -> int:
    t = next(t for t in doc["tables"] if t["index"] == table)
    return max(i for i, r in enumerate(t["rows"]) if r["kind"] == "data")


def _value(doc, rendered, key) -> Decimal:
    if key in rendered.added:
        return rendered.added[key]
    table, row, col = key
    t = next(t for t in doc["tables"] if t["index"] == table)
    return Decimal(str(t["rows"][row]["values"][col]))


# Layouts that keep every figure where a reader finds the same identity for it: the
# side-by-side layout heads the blocks' columns with their names, which become segments.
SAME_IDENTITY = [
    v if v in FAST else pytest.param(v, marks=pytest.mark.slow) for v in VARIANTS if v != "side_by_side"
]
LOCAL_CURRENCY = {"translated": "CNY", "translated_inferred": "EUR"}


def _identities(doc, variant) -> dict[tuple, tuple]:
    """(JSON table, row, column) -> (segment, line item, period, currency) as read."""
    rendered, result = _read(doc, variant)
    at_line: dict[int, list] = {}
    for f in result.note.facts:
        at_line.setdefault(f.source.line, []).append(f)
    out = {}
    for key, line in rendered.lines.items():
        found = at_line.get(line, [])
        if key[2] != TRANSLATED_COLUMN and len(found) == 1:
            f = found[0]
            out[key] = (f.segment, f.line_item, f.period, f.currency)
    return out


@pytest.mark.parametrize("variant", SAME_IDENTITY)
def test_every_layout_gives_each_figure_its_identity(note, variant):
    """A figure is the same segment's, line item's, period's in every layout, in the
    note's currency (the local one where the layout translates the note)."""
    plain = _identities(note, "plain")
    other = _identities(note, variant)
    currency = LOCAL_CURRENCY.get(variant)
    changed = [
        (key, plain[key], got)
        for key, got in other.items()
        if key in plain and not _same_identity(plain[key], got) or (currency and got[3] != currency)
    ]
    assert changed == [], changed[:5]


def _same_identity(want: tuple, got: tuple) -> bool:
    """The same segment (the generator changes the case of wrapped names), period and line
    item under the one vocabulary's key ("Revenues" is "Consolidated revenues"); columns the
    reader says it cannot name are honest unknowns, never a misreading."""
    if re.match(r"^Column \d+$", got[0]):
        return True
    same_line = labels.norm_key(want[1]) == labels.norm_key(got[1])
    return want[0].casefold() == got[0].casefold() and same_line and want[2] == got[2]
