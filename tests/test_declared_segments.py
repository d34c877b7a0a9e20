"""The segments a note's prose declares (readers/declared.py), and what they make of a
heading over rows: under a declared segment's name the rows are its lines (products,
costs), not segments of their own (ASC 280-10-50-21, IFRS 8.22)."""

from __future__ import annotations

import pytest

from xlsegment.api import parse
from xlsegment.readers.declared import declared_segments, single_segment
from xlsegment.readers.text import read_string


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("We have two reportable segments, Water Technologies and Climate Solutions. Other text.",
         ("Water Technologies", "Climate Solutions")),
        ("We operate three reportable segments: Clubs, warehouse stores; Markets, small stores; and "
         "Fuel & Convenience, fuel stations. Next.", ("Clubs", "Markets", "Fuel & Convenience")),
        ("The Company has three reportable segments: Americas, EMEA and Asia Pacific. We",
         ("Americas", "EMEA", "Asia Pacific")),
        ("Our reportable segments are U.S. Retail, International and Corporate. We",
         ("U.S. Retail", "International", "Corporate")),
        ("We have 2 operating segments: Mining and Games (see Note 2).", ("Mining", "Games")),
        # each name followed by a clause that describes it
        ("We have two reportable segments: Companion Animal, which sells medicines for dogs, cats and "
         "horses, and Livestock, which serves cattle, swine and poultry producers. Our",
         ("Companion Animal", "Livestock")),
        ("We have three reportable segments: Clubs, which sell memberships; Markets, which are small; "
         "and Fuel, which sells gas.", ("Clubs", "Markets", "Fuel")),
        ("The Company has two reportable segments, Rail, whose customers ship freight, and Port.",
         ("Rail", "Port")),
        # a count that disagrees with the names found, or no names at all: nothing declared
        ("We have three reportable segments: Mining and Games.", ()),
        ("We have three reportable segments, each of which is managed separately.", ()),
        ("Segment information is presented below.", ()),
    ],
)  # fmt: skip
def test_grid_the_names_a_sentence_declares(sentence, names):
    assert declared_segments(sentence) == names


LEAD = "We have two reportable segments, Water Technologies and Climate Solutions."
ROWS = [
    ("Water Technologies:", ()),
    ("Residential filtration", (412, 398)),
    ("Commercial systems", (287, 271)),
    ("Total Water Technologies", (699, 669)),
    ("Climate Solutions:", ()),
    ("HVAC equipment", (503, 476)),
    ("Controls", (121, 115)),
    ("Total Climate Solutions", (624, 591)),
    ("Total net revenue", (1323, 1260)),
]


def _note(kind: str, tmp_path, lead: str):
    if kind == "text":
        lines = [lead, "The following table disaggregates net revenue by product line:", "2025", "2024"]
        for label, values in ROWS:
            lines += [label, *(f"{v:,}" for v in values)]
        return read_string("\n".join(lines) + "\n")
    body = "".join(
        f"<tr><td>{label}</td>" + "".join(f"<td>{v:,}</td>" for v in values) + "</tr>"
        for label, values in ROWS
    )
    path = tmp_path / "note.htm"
    path.write_text(
        f"<html><body><p>{lead} The following table disaggregates net revenue by product line:</p>"
        f"<table><tr><td></td><td>2025</td><td>2024</td></tr>{body}</table></body></html>"
    )
    return parse(path)


@pytest.mark.parametrize("kind", ["text", "html"])
def test_rows_under_a_declared_segment_are_its_lines(kind, tmp_path):
    facts = {f.value: f for f in _note(kind, tmp_path, LEAD).facts}
    assert (facts[412].segment, facts[412].line_item) == ("Water Technologies", "Residential filtration")
    assert (facts[121].segment, facts[121].line_item) == ("Climate Solutions", "Controls")
    assert facts[699].segment == "Water Technologies"
    assert facts[1323].segment == "Total"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_without_a_declaration_the_rows_under_a_heading_are_read_as_before(kind, tmp_path):
    """'Oral, Personal and Home Care' over its regions, and no sentence naming segments:
    the rows stay the segments of the group, as the reader read them before."""
    facts = {f.value: f for f in _note(kind, tmp_path, "Revenue is reported by product line.").facts}
    assert facts[412].segment == "Residential filtration"


def test_a_declared_list_ends_where_the_sentence_goes_on():
    sentence = (
        "The Executive Board reviews the Company's two operating segments, Port Terminals and Rail "
        "Freight, and allocates resources to them."
    )
    assert declared_segments(sentence) == ("Port Terminals", "Rail Freight")


def test_a_declared_name_in_pieces_leaves_the_columns_unnamed():
    """'Port' and 'Rail' over 'Terminals' and 'Freight', given line by line and joined
    wrongly ('Corporate and Terminals'): no column is named, none is given to the entity."""
    text = (
        "We have two reportable segments, Port Terminals and Rail Freight.\n"
        "Port\nRail\nCorporate and\nTerminals\nFreight\neliminations\nTotal\n"
        "2023\n2024\n2023\n2024\n2023\n2024\n2023\n2024\n"
        "Revenue\n100\n110\n50\n60\n(10)\n(12)\n140\n158\n"
    )
    note = read_string(text)
    assert not [f for f in note.facts if f.segment in ("", "Total", "Corporate and Terminals")]
    assert any(f.code == "seg.layout.columns" for f in note.findings)


@pytest.mark.parametrize("clause", [", which makes snacks,", ""])
def test_declared_names_in_pieces_under_dated_bands_give_nothing_to_the_entity(clause):
    """'Packaged | Ingredient' then 'Foods | Solutions | Total' once per year, under two
    'Fiscal Year Ended' dates: the first columns are no periods of the entity."""
    text = (
        f"We have two reportable segments: Packaged Foods{clause} and Ingredient Solutions.\n"
        "Fiscal Year Ended June 28, 2025\nFiscal Year Ended June 29, 2024\n"
        "Packaged\nIngredient\nPackaged\nIngredient\nFoods\nSolutions\nTotal\nFoods\nSolutions\nTotal\n"
        "Net revenue\n184\n96\n280\n171\n82\n253\n"
    )
    note = read_string(text)
    assert not [f for f in note.facts if f.segment in ("", "Total")]
    assert any(f.code == "seg.layout.columns" for f in note.findings)


@pytest.mark.parametrize(
    ("sentence", "single"),
    [
        ("The Company operates as one operating segment, which is also its one reportable segment.", True),
        ("The Company operates as one operating and reportable segment, which develops therapies.", True),
        ("We manage our business as a single reportable segment.", True),
        ("The CODM assesses performance for the single segment.", True),
        ("We have two reportable segments, Mining and Games.", False),
        ("No single customer accounted for 10% of revenue in any segment.", False),
        ("Sales from one segment to another are eliminated.", False),
    ],
)
def test_grid_a_note_of_one_segment(sentence, single):
    assert single_segment(sentence) is single


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize("heading", ["Research and development:", "Selling, general and administrative:"])
def test_under_a_heading_a_single_segment_notes_rows_are_its_lines(tmp_path, kind, heading):
    """ASU 2023-07 notes of one segment break an expense down under its heading: the
    parts are the entity's lines, never segments."""
    rows = [("Revenue", 500, 400), (heading, None, None), ("Clinical programs", 96, 88), ("Other", 20, 19)]
    rows += [(f"Total {heading.rstrip(':').lower()}", 116, 107), ("Net income", 384, 293)]
    lead = "The Company operates as one operating and reportable segment. Segment results were as follows:"
    if kind == "text":
        cells = [lead, "(in thousands)", "2025", "2024"]
        for label, a, b in rows:
            cells += [label] + ([f"{a:,}", f"{b:,}"] if a is not None else [])
        path = tmp_path / "note.txt"
        path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    else:
        body = "".join(
            f"<tr><td>{label}</td><td>{'' if a is None else a}</td><td>{'' if b is None else b}</td></tr>"
            for label, a, b in rows
        )
        head = "<tr><td>(in thousands)</td><td>2025</td><td>2024</td></tr>"
        path = tmp_path / "note.htm"
        path.write_text(
            f"<html><body><p>{lead}</p><table>{head}{body}</table></body></html>", encoding="utf-8"
        )
    facts = {f.value: f for f in parse(path).facts}
    assert facts[96].segment in ("", "Total") and "clinical programs" in facts[96].label.lower()
    assert not any(f.segment == "Clinical programs" for f in facts.values())
