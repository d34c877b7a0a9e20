"""Every figure of the hand-written identity truth is read with its segment, line, period,
duration and currency (tests/identity.py judges; tests/data/identity/README.md says how the
truth was written)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.identity import TRUTH, truth_files, verdicts

STEMS = [p.name.removesuffix(".queries.json") for p in truth_files()]

# Notes whose figures are not all named: how many at most, so that a change can only
# lower them. None may be read wrong (see the test).
KNOWN_GAPS = {
    # A fixed-width header flattened line by line ("The" / "United" / ... / "of"): read
    # as unnamed columns with a warning, never as wrong names.
    "53_aegon_2000": 81,
}


def test_the_truth_covers_the_seed_every_corpus_note_and_the_five_layouts():
    names = set(STEMS)
    assert "000_fa2b530666297a11" in names
    assert {s for s in names if s[:1].isdigit() and "_" in s and len(s.split("_")[0]) == 1} == {
        "1_segment_year_usd", "2_measure_year", "3_title_above", "4_interim", "5_unit_line_es",
    }  # fmt: skip
    assert len([s for s in names if len(s.split("_")[0]) == 2]) == 32  # 21 corpus + 11 corpus2
    for stem in names:
        if len(stem.split("_")[0]) != 1:
            assert len((TRUTH / f"{stem}.queries.json").read_text().split('"source_line"')) > 15, stem


@pytest.mark.parametrize("stem", STEMS)
def test_every_figure_has_its_identity(stem):
    found = verdicts(stem)
    counts = Counter(v.status for v in found)
    assert counts["missing"] == 0, [str(v) for v in found if v.status == "missing"]
    # None is ever read with another segment, measure, period or currency; a figure the
    # reader cannot name is unnamed with a warning, and only where a gap is known.
    assert counts["wrong"] == 0, [str(v) for v in found if v.status == "wrong"]
    allowed = KNOWN_GAPS.get(stem, 0)
    off = [str(v) for v in found if v.status != "right"]
    assert len(off) <= allowed, off
