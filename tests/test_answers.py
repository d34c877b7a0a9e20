"""The functions answer the question asked, on every note of the corpus and the seed.

The truth is written by hand from the notes (tests/data/answers/, see its README); the
judge is tests/answers.py, which asks the same index the Excel functions use:
SEGPROFIT for each segment and period, SEGTOTAL("Revenue") for each period, and
SEGRECON's start, end and reconciling items in order.
"""

from __future__ import annotations

import json

import pytest

from tests.answers import TRUTH, answers, note_path, truth_files

TRUTHS = [json.loads(p.read_text(encoding="utf-8")) for p in truth_files()]

# Answers still not right, at most, so that a change can only lower them. Each is a
# layout the functions do not yet answer from:
# - one segment whose name the note does not print (Union Pacific, Mastercard, Netflix):
#   its figures are the entity's, asked for by a name the note never states;
# - a reconciliation printed from the consolidated figure up to the segments' total
#   (Palantir);
# - a reconciliation that starts from revenue because no segment states a profit (Riot);
# - AEGON's flattened fixed-width text, whose columns are unnamed.
KNOWN_GAPS = {
    "53_aegon_2000": 12,
}


def test_the_truth_covers_the_seed_and_every_corpus_note():
    names = {t["note"] for t in TRUTHS}
    assert "000_fa2b530666297a11" in names
    assert len(names) == 33  # the seed, 21 corpus and 11 corpus2 notes
    assert sum(len(t["profit"]["figures"]) for t in TRUTHS) >= 250


@pytest.mark.parametrize("truth", TRUTHS, ids=[t["note"] for t in TRUTHS])
def test_the_functions_answer_as_the_note_states(truth):
    found = answers(truth)
    wrong = [str(a) for a in found if not a.right]
    assert len(wrong) <= KNOWN_GAPS.get(truth["note"], 0), wrong


def test_every_truth_figure_is_printed_on_its_line():
    """The truth was written from the notes: each figure stands on the line it names."""
    for truth in TRUTHS:
        lines = note_path(truth).read_text(encoding="utf-8").splitlines()
        for fig in truth["profit"]["figures"] + truth["revenue"]:
            text = lines[fig["source_line"] - 1].replace(",", "").replace("$", "").strip()
            shown = text.strip("()").strip()
            assert shown and abs(float(shown)) == abs(float(fig["value"])), (truth["note"], fig, TRUTH)
