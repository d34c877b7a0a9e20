"""The text reader on synthetic segment tables in every header arrangement it must read.

``tests/layouts.py`` (``render_header_layout``) renders a small table one cell per line
in one header arrangement: segment x year group-major with RMB marks and a US$ column,
year x segment year-major, measure x year with a margin block, a period caption over the
years, balance instants, three/six/nine-month blocks, a title or a unit line in another
language above the header. It states what each figure is, so the grids below ask more
than the value: every figure must come back with the segment, line item, period,
duration and currency the generator put there (judged by ``tests/identity.py``), nothing
else may be read as a figure, the table must check clean, and a total moved by 30 must
be an error on its own line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import fields

import pytest

from tests.header_layouts import (
    HEADER_ARRANGEMENTS,
    UNIT_LINES,
    HeaderSpec,
    header_totals,
    render_header_layout,
)
from tests.identity import describe, identity_ok
from xlsegment.api import check, parse

SEGMENTS = (2, 3, 4)
YEARS = (1, 2, 3)
BOTH = (False, True)


def _specs(arrangement: str, **axes) -> list[HeaderSpec]:
    """Every combination of ``axes`` (field -> values), less the ones that repeat another:
    with one year, the years' order and names given once change nothing."""
    specs = []
    for values in itertools.product(*axes.values()):
        spec = HeaderSpec(arrangement, **dict(zip(axes, values, strict=True)))
        if spec.years == 1 and (spec.ascending or spec.names_once):
            continue
        if "USD" in spec.marks and not spec.total:
            continue  # the US$ column translates the Consolidated column
        specs.append(spec)
    return specs


def _group_major(style: str) -> dict:
    """group_major's currency style: none, "$" cells, RMB marks, RMB marks and US$."""
    return {"dollar": style == "$", "marks": style if style != "$" else ""}


GRID = [
    *(
        HeaderSpec("group_major", segments=s, years=y, total=t, ascending=a, **_group_major(style))
        for s, y, t, a, style in itertools.product(SEGMENTS, YEARS, BOTH, BOTH, ("", "$", "RMB", "RMB+USD"))
        if not (y == 1 and a) and not (style == "RMB+USD" and not t)
    ),
    *_specs(
        "year_major", segments=SEGMENTS, years=YEARS, total=BOTH, names_once=BOTH, dollar=BOTH, ascending=BOTH
    ),  # fmt: skip
    *_specs("measure_year", segments=SEGMENTS, years=YEARS, total=BOTH, dollar=BOTH),
    # a change column closing the first measure's years, in English and French words, in
    # percent or money, under a title line or not
    *_specs(
        "measure_year",
        change=("% Change", "Variation", "$ Change"),
        title=BOTH,
        segments=SEGMENTS,
        years=(2, 3),
        total=BOTH,
    ),  # fmt: skip
    *_specs("caption", segments=SEGMENTS, years=YEARS, total=BOTH, dollar=BOTH),
    *_specs(
        "instant",
        caption=("At December 31,", "As of December 31,"),
        segments=SEGMENTS,
        years=YEARS,
        total=BOTH,
    ),  # fmt: skip
    *_specs(
        "interim",
        durations=(("3M", "6M"), ("3M", "9M"), ("6M",)),
        segments=SEGMENTS,
        years=YEARS,
        total=BOTH,
        dollar=BOTH,
    ),  # fmt: skip
    *(
        spec
        for spec in _specs(
            "unit_line", unit=("", "es", "zh"), title=BOTH, segments=SEGMENTS, years=YEARS, total=BOTH
        )
        if spec.unit or spec.title  # neither is year_major's grid
    ),
]


def test_the_grids_cover_every_arrangement():
    assert sorted({spec.arrangement for spec in GRID}) == sorted(HEADER_ARRANGEMENTS)


def _id(spec: HeaderSpec) -> str:
    """The arrangement and the fields that differ from their defaults: "interim-s3-y2-dollar"."""
    parts = [spec.arrangement, f"s{spec.segments}", f"y{spec.years}"]
    for f in fields(spec):
        value = getattr(spec, f.name)
        if f.name in ("arrangement", "segments", "years") or value == f.default:
            continue
        if isinstance(value, bool):
            parts.append(f.name if value else f"no_{f.name}")
        else:
            parts.append(f"{f.name}={'+'.join(value) if isinstance(value, tuple) else value}")
    return "-".join(parts).replace(" ", "_")


def _write(spec: HeaderSpec, tmp_path):
    """The table as a note file, read the way ``xlsegment parse FILE`` reads it."""
    text, expected = render_header_layout(spec)
    path = tmp_path / f"{_id(spec)[:80]}.txt"
    path.write_text(text, encoding="utf-8")
    return path, expected


@pytest.mark.parametrize("spec", GRID, ids=_id)
def test_every_figure_is_read_with_the_identity_the_layout_gives_it(spec, tmp_path):
    path, expected = _write(spec, tmp_path)
    facts = parse(path).facts
    wrong = []
    for line, query in expected.items():
        found = [f for f in facts if f.source.line == line and f.value == query["value"]]
        if not any(identity_ok(query, f) for f in found):
            read = "; ".join(describe(f) for f in found) or "nothing"
            want = " ".join(str(query[k]) for k in ("segment", "line", "period", "duration", "currency"))
            wrong.append(f"line {line} {query['value']}: want {want} | read {read}")
    assert wrong == []


# Header and caption text that must never end up in a figure's segment: a title, a unit
# line, a period caption or a measure name read as a column name.
NOT_SEGMENTS = ("segment information", "months ended", "december", "dollars", "margin", "net sales")


@pytest.mark.parametrize("spec", GRID, ids=_id)
def test_nothing_else_is_read_as_a_figure(spec, tmp_path):
    """Years, captions, a title, a unit line and margins ("20.0%") are not amounts: every
    figure read is one the generator put on that line, and no header text names a column."""
    path, expected = _write(spec, tmp_path)
    facts = parse(path).facts
    assert sorted({f.source.line for f in facts} - set(expected)) == []
    bad = [*NOT_SEGMENTS, *(u.strip("()（）").lower() for u in UNIT_LINES.values())]
    named = [describe(f) for f in facts if any(word in f.segment.lower() for word in bad)]
    assert named == []


@pytest.mark.parametrize("spec", GRID, ids=_id)
def test_the_table_checks_clean(spec, tmp_path):
    """Segments add up to the total and each stack to its last row: no error, and where
    the table states a total, it is checked."""
    path, _ = _write(spec, tmp_path)
    result = check(path)
    assert [f.message for f in result.errors] == []
    assert (result.checks > 0) == bool(header_totals(spec))


MOVED = [
    pytest.param(HeaderSpec(**{**vars(spec), "move": 30, "moved": kind}), id=f"{_id(spec)}-{kind}")
    for spec in GRID
    for kind in header_totals(spec)
]


@pytest.mark.parametrize("spec", MOVED)
def test_a_moved_total_is_an_error_on_its_line(spec, tmp_path):
    """A total off by 30 (the stack's last row, the segments' total, the US$ figure): an
    error whose source line is the moved figure's own."""
    _, clean = render_header_layout(HeaderSpec(**{**vars(spec), "move": 0}))
    path, moved = _write(spec, tmp_path)
    lines = [line for line in moved if moved[line]["value"] != clean[line]["value"]]
    assert len(lines) == 1  # the generator moved one figure
    errors = check(path).errors
    assert lines[0] in {f.source_line for f in errors}, [(f.source_line, f.message) for f in errors]


@pytest.mark.parametrize("spec", GRID[::7], ids=_id)
def test_the_generator_states_the_figures_it_prints(spec):
    """The truth itself: each expected line holds its figure as printed, and no other line
    holds an amount, so a failure above is the reader's, not the generator's."""
    text, expected = render_header_layout(spec)
    lines = text.splitlines()
    # a figure of four digits or more prints a separator, so a bare "2025" is a year
    amount, year = re.compile(r"\(?[\d.,]+\)?"), re.compile(r"\d{4}")
    amounts = {i for i, line in enumerate(lines, 1) if amount.fullmatch(line) and not year.fullmatch(line)}
    assert amounts == set(expected)
    for line, query in expected.items():
        printed = lines[line - 1]
        digits = printed.strip("()").replace(",", "").replace(".", "")
        assert int(digits) * (-1 if printed.startswith("(") else 1) == query["value"]
