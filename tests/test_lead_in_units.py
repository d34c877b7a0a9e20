"""A unit stated in parentheses within the lead-in or title: "Segment results (€ million):".

Without a unit line of its own, the note's currency and scale come from the sentence
over the table; missed, every figure was read as plain units with no currency, wrong by
a factor of a million. Grid: five marks x three sentences, text and HTML.
"""

from __future__ import annotations

import pytest

from tests.test_lead_in_identity import YEARS, _html, _rows, _text
from xlsegment.readers.text import read_string

MARKS = [
    ("(€ million)", "EUR", "millions"),
    ("(£m)", "GBP", "millions"),
    ("(RMB'000)", "CNY", "thousands"),
    ("($ in millions)", "USD", "millions"),
    ("(in thousands of euros)", "EUR", "thousands"),
]
SENTENCES = [
    "Segment results {mark}:",
    "Revenue by reportable segment {mark} was as follows:",
    "Information by segment {mark}",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize(("mark", "code", "scale"), MARKS)
def test_a_unit_in_the_lead_in_is_the_notes(tmp_path, sentence, mark, code, scale):
    rows, _ = _rows(3, 2)
    lead = sentence.format(mark=mark)
    for note in (read_string(_text(lead, YEARS[:2], rows)), _html(tmp_path, lead, [YEARS[:2]], rows)):
        assert (note.presentation_currency, note.unit) == (code, scale)
        assert {f.currency for f in note.facts} == {code}
