"""A period heading right above a table states its period: "Year ended 31 March 2025"
between the note's prose and a table headed by segments only (UK and IFRS reports), with
the day before the month or after it, "As at" for instants, "Financial year 2024" as IFRS
reports name a fiscal year, and a duration for interim periods. And the note is found
under IFRS 8 headings as filers abroad word them.

Grid: each heading x 2 to 4 segments x 1 to 2 line items, text and HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xlsegment.api import parse
from xlsegment.readers import htmldoc
from xlsegment.readers.text import read_string

SEGMENTS = ["UK & Ireland", "North America", "Rest of World", "Asia"]
LINES = ["Revenue", "Adjusted operating profit"]
PROSE = (
    "The Group's operating segments are based on the internal reports reviewed by the Executive "
    "Committee. Central costs are not allocated to the segments."
)
HEADINGS = [
    ("Year ended 31 March 2025", "2025"),
    ("Year ended March 31, 2025", "2025"),
    ("For the year ended 31 December 2024", "2024"),
    ("Six months ended 30 June 2025", "6M 2025"),
    ("Three months ended 30 September 2025", "3M 2025"),
    ("Financial year 2024", "2024"),
    ("As at 31 March 2025", "2025"),
    ("Ejercicio 2024", "2024"),
    ("Exercice 2024", "2024"),
    ("Geschäftsjahr 2024", "2024"),
]
GRID = [(s, n) for s in (2, 3, 4) for n in (1, 2)]


def _rows(segments: int, lines: int) -> list[list[str]]:
    rows = []
    for i, line in enumerate(LINES[:lines]):
        values = [1_284 + 311 * k + 97 * i for k in range(segments)]
        rows.append([line, *(f"{v:,}" for v in values), f"{sum(values):,}"])
    return rows


def _names(segments: int) -> list[str]:
    return [*SEGMENTS[:segments], "Group"]


def _text(heading: str, segments: int, lines: int) -> str:
    cells = ["3. Segmental analysis", PROSE, heading, *_names(segments), "£m"]
    cells += [c for r in _rows(segments, lines) for c in r]
    return "\n".join(cells) + "\n"


def _html(
    tmp_path: Path, heading: str, segments: int, lines: int, title: str = "3. Segmental analysis"
) -> Path:
    head = "<tr><td></td>" + "".join(f"<td>{n}</td>" for n in _names(segments)) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in _rows(segments, lines))
    path = tmp_path / "note.htm"
    page = f"<p><b>{title}</b></p><p>{PROSE}</p><p><b>{heading}</b></p><table>{head}{body}</table>"
    path.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    return path


def _assert_periods(note, period: str, segments: int, lines: int) -> None:
    got = {(f.line_item, f.segment): f.period for f in note.facts}
    assert len(got) == lines * (segments + 1)
    assert set(got.values()) == {period}


@pytest.mark.parametrize(("segments", "lines"), GRID)
@pytest.mark.parametrize(("heading", "period"), HEADINGS, ids=[h for h, _ in HEADINGS])
def test_a_period_heading_above_the_table_states_its_period(tmp_path, heading, period, segments, lines):
    _assert_periods(read_string(_text(heading, segments, lines)), period, segments, lines)
    _assert_periods(parse(_html(tmp_path, heading, segments, lines)), period, segments, lines)


def test_prose_above_the_table_states_no_period(tmp_path):
    note = parse(_html(tmp_path, "The figures below are unaudited.", 3, 2))
    assert {f.period for f in note.facts} == {""}


ABROAD = [
    "3. Segmental analysis",
    "Note 4 Segmental information",
    "28. Informações por segmento",
    "Nota 5. Información por segmentos",
    "6. Segmentberichterstattung",
    "Note 3 – Information sectorielle",
    "7. Informativa di settore",
    "5. 分部资料",
    # any numbered note heading of the segment family, where no usual wording names it
    "25. SEGMENTED INFORMATION",
    "3. Segmentation of key figures",
    "29. Information by segment and geographic area",
]


@pytest.mark.parametrize("title", ABROAD)
def test_the_note_is_found_under_ifrs_8_headings_abroad(tmp_path, title):
    assert htmldoc.is_segment_heading(title) or htmldoc.names_segments(title)
    # a whole document: the note's numbered heading among others
    path = _html(tmp_path, "Year ended 31 March 2025", 3, 2, title)
    text = path.read_text(encoding="utf-8").replace(
        "<body>", "<body><p>2. Revenue</p><table><tr><td>x</td></tr></table>"
    )
    path.write_text(text + "<p>29. Subsequent events</p>", encoding="utf-8")
    assert {f.period for f in parse(path).facts} == {"2025"}


@pytest.mark.parametrize("title", ["2. Revenue", "Segment of one", "Information technology costs"])
def test_other_headings_are_not_the_segment_note(title):
    assert not htmldoc.is_segment_heading(title)


def test_a_heading_in_the_usual_words_wins_over_another_of_the_family(tmp_path):
    rows = (
        "<tr><td></td><td>2024</td></tr><tr><td>Alpha</td><td>10</td></tr><tr><td>Total</td><td>10</td></tr>"
    )
    table = f"<table>{rows}</table>"
    page = (
        f"<p>5. Revenue by segment</p>{table}{table}<p>6. Segment information</p>"
        f"<p>Year ended 31 March 2025</p>{table}<p>7. Subsequent events</p>"
    )
    path = tmp_path / "filing.htm"
    path.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    assert htmldoc.locate(htmldoc.parse(path), None, None).how == "under the heading '6. Segment information'"


@pytest.mark.parametrize(
    "title", ["Item 7. Discussion of segment results", "Segment results", "Note: segments are unaudited"]
)
def test_only_a_numbered_note_of_the_family_is_a_candidate(title):
    assert not htmldoc.names_segments(title)
