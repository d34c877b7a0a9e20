"""A translated note in flowed text: the prose lists its segments in lower case after a
colon and a count ("three reportable segments: power battery systems, energy storage
systems and battery materials"), each table is headed "Unit: Yuan Currency: RMB" and
"Current year (2025)", and its names run together in sentence case after "Item"
("Item Power battery systems Energy storage systems ... Inter-segment offset Total").
The names are one per column, the year in brackets is the table's period (never the
figure -2025), the currency is RMB. Grid: 2 or 3 segments x "Item" or not x 2 captions;
controls: a lower-case list without a colon, or with a count that disagrees, declares
nothing."""

from __future__ import annotations

import pytest

from xlsegment.readers.declared import declared_segments
from xlsegment.readers.text import read_string

NAMES = ["power battery systems", "energy storage systems", "battery materials"]
ROWS = {"Operating revenue": (21718.77, 7902.03, 6222.05), "Total profit": (2418.12, 904.70, 286.33),
        "Total assets": (48612.36, 18406.04, 12918.71)}  # fmt: skip
WORDS = {2: "two", 3: "three"}


def _note(segments: int, item: bool, caption: str) -> str:
    names = NAMES[:segments]
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    head = ("Item " if item else "") + " ".join(n.capitalize() for n in names) + " Inter-segment offset Total"
    lines = [
        f"The chief operating decision maker reviews {WORDS[segments]} reportable segments: {listed}.",
        "Unit: Yuan Currency: RMB",
        caption,
        head,
    ]
    for label, values in ROWS.items():
        cut = values[:segments]
        lines.append(f"{label} " + " ".join(f"{v:,.2f}" for v in (*cut, -10.0, round(sum(cut) - 10.0, 2))))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("segments", [2, 3])
@pytest.mark.parametrize("item", [True, False], ids=["Item first", "names only"])
@pytest.mark.parametrize("caption", ["Current year (2025)", "For the year ended 31 December 2025"])
def test_grid_sentence_case_names_run_together(segments, item, caption):
    note = read_string(_note(segments, item, caption))
    read = {(f.segment, f.line_item): f for f in note.facts}
    fact = read[("Energy storage systems", "Total profit")]
    assert str(fact.value) == "904.70" and fact.period == "2025" and fact.currency == "CNY"
    assert {f.segment for f in note.facts} == {
        *(n.capitalize() for n in NAMES[:segments]),
        "Inter-segment offset",
        "Total",
    }
    assert -2025 not in {f.value for f in note.facts}


@pytest.mark.parametrize(
    "sentence",
    [
        "We have two segments, based on geography and products.",
        "We have three reportable segments: power battery systems and battery materials.",
    ],
)
def test_a_lower_case_list_declares_nothing_without_a_colon_and_its_count(sentence):
    assert declared_segments(sentence) == ()
