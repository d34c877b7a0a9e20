"""The reader's cell and label patterns were rewritten to run in linear time on long lines;
they must read every short text exactly as the original patterns did.

The original patterns are kept here as oracles, extended as the reader is (a trailing
minus, "1,234-"; digits grouped by spaces, never by a tab). Their speed on long lines is measured by
``bench/bench_long_line.py``, never by a timed test.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from xlsegment import currency
from xlsegment.labels import MONTHS, split_label_date, strip_footnotes
from xlsegment.numbers import CELL_RE, parse_cell

# The marks before a figure come from the one currency table, as the reader's do.
_CURRENCY = r"(?:" + currency.symbol_pattern() + r"|Rs\.?\s?)?"
ORIGINAL_CELL = re.compile(
    r"^\s*(?P<lp>\()?\s*"
    + _CURRENCY
    + r"\s*(?P<minus>[-−–])?\s*(?P<lp2>\()?\s*"
    + _CURRENCY
    + r"\s*(?P<num>\d[\d.,\u0020\u00a0\u202f]*\d|\d)"
    + r"\s*(?P<tminus>-)?(?P<rp>\))?\s*(?P<pct>%)?\s*(?P<rp2>\))?\s*$"
)
ORIGINAL_FOOTNOTE = re.compile(
    r"\s*(\((?:\d{1,2}|[a-z]|[ivx]{1,4}|\*)\)|\[(?:\d{1,2}|[a-z]|[ivx]{1,4})\]|\*+|(?<=[a-z])\s\d)\s*$",
    re.IGNORECASE,
)
ORIGINAL_DATE = re.compile(
    r"\s*,?\s*(?:(?:as\s+of|as\s+at|as|at|for\s+the\s+(?:fiscal\s+)?years?\s+ended)\s+)?"
    r"(?P<month>" + MONTHS + r")\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\s*$",
    re.IGNORECASE,
)


def original_strip(label: str) -> str:
    text = label.strip()
    while True:
        new = ORIGINAL_FOOTNOTE.sub("", text).rstrip(" :")
        if new == text:
            return new
        text = new


def original_split(label: str) -> tuple[str, int | None]:
    m = ORIGINAL_DATE.search(label)
    if not m or m.start() == 0:
        return label, None
    return label[: m.start()].strip(" ,"), int(m["year"])


cell_text = st.text(alphabet=" \t0123456789.,()$-−–%€£USDRMBx", max_size=12)
label_text = st.lists(
    st.sampled_from(
        ["Revenue", "a", " ", "  ", "\t", "(1)", "(12)", "(a)", "(iv)", "(*)", "[2]", "[b]", "*", "**"]
        + [" 1", "1", ":", "(loss)", "(", ")", "x", "\u00a0"]
    ),
    max_size=7,
).map("".join)
date_label = st.lists(
    st.sampled_from(
        ["Total assets", " ", "  ", ",", "as of ", "as at ", "at ", "for the years ended ", "December"]
        + ["for the fiscal year ended ", "Dec.", "Sept", " 31", "31", ", ", " 2024", "2024", "1024", "x"]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(cell_text)
def test_cell_pattern_reads_as_the_original(text):
    new, old = CELL_RE.match(text), ORIGINAL_CELL.match(text)
    assert (new and new.groupdict()) == (old and old.groupdict())


@settings(max_examples=1000, deadline=None)
@given(label_text)
def test_footnote_markers_are_stripped_as_before(label):
    assert strip_footnotes(label) == original_strip(label)


@settings(max_examples=1000, deadline=None)
@given(date_label)
def test_dates_in_labels_are_split_as_before(label):
    assert split_label_date(label) == original_split(label)


def test_long_labels_keep_their_dates_and_markers():
    long = "word " * 200 + "as of December 31, 2024"
    assert split_label_date(long) == (("word " * 200).strip(), 2024)
    spaced = "Total assets" + " " * 1000 + "December 31, 2024"
    assert split_label_date(spaced) == original_split(spaced) == ("Total assets", 2024)
    assert strip_footnotes("Revenue" + " " * 500 + "(1)") == "Revenue"
    assert strip_footnotes("Revenue " + "*" * 500) == "Revenue"


def test_a_long_run_of_spaces_inside_a_number_is_no_number():
    # This shape made the original pattern backtrack for minutes; it must still be refused.
    assert parse_cell("1" + " " * 5000 + "x") is None
    assert parse_cell("1" + " " * 5000 + "2") == parse_cell("12")
