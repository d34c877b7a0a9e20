"""Which dollar a note's "$" is, and currencies named in a unit sentence.

- A bare "$" is the US dollar in a note that writes its dates month first ("June 30,
  2025"), as US filers do. A note that writes them day first ("30 June 2025") is filed
  outside the US, under one of many dollars: unless it names the dollar ("US$", "Australian
  dollars"), its figures carry no currency, with a warning, rather than a guessed USD.
- "All amounts are in millions of Canadian dollars unless otherwise noted": the currency's
  name in CLDR's words, after the unit, names the note's currency.
- ISO codes are read in capitals only: "All" over "other" is a column name, not ALL.

Grid: date style x dollar mark x how the dollar is named, filing text and HTML.
"""

from __future__ import annotations

import pytest

from xlsegment.api import parse
from xlsegment.readers.text import read_string

SEGMENTS = ["Surface Mining", "Underground Tunnelling"]
DATES = {"day_first": "Year ended 30 June {y}", "month_first": "Year ended June 30, {y}"}
MARKS = ["$m", "$'000", "$ millions"]
# how the lead-in names the dollar, and the currency it then is for each date style
NAMED = {
    "unnamed": ("", {"day_first": "", "month_first": "USD"}),
    "us": ("Amounts are in US$ unless otherwise stated.", {"day_first": "USD", "month_first": "USD"}),
    "words": (
        "All amounts are in millions of Australian dollars unless otherwise noted.",
        {"day_first": "AUD", "month_first": "AUD"},
    ),
}


LINES = [("Revenue", 1_842, 1_942), ("Segment profit", 412, 188)]


def _rows(date: str, mark: str) -> list[list[str]]:
    """Segments over the columns, the year under them, then the mark over each figure."""
    rows = [["", *SEGMENTS, "Total"], ["", DATES[date].format(y=2025), "", ""], ["", mark, mark, mark]]
    return rows + [[line, f"{a:,}", f"{b:,}", f"{a + b:,}"] for line, a, b in LINES]


def _text(date: str, mark: str, named: str) -> str:
    rows = _rows(date, mark)
    lines = ["Segment information", NAMED[named][0] or "Segment results are as follows."]
    lines += [*SEGMENTS, "Total", rows[1][1], mark, mark, mark]
    for row in rows[3:]:
        lines += row
    return "\n".join(lines) + "\n"


def _html(date: str, mark: str, named: str) -> str:
    def row(cells):
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    rows = _rows(date, mark)
    rows[1] = ["", f'<span>{rows[1][1]}</span></td><td colspan="2">']
    lead = NAMED[named][0] or "Segment results are as follows."
    return (
        "<html><body><p>Note 2. Segment information</p>"
        f"<p>{lead}</p><table>{''.join(row(r) for r in rows)}</table></body></html>"
    )


@pytest.mark.parametrize("named", list(NAMED))
@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("date", list(DATES))
def test_a_bare_dollar_is_the_us_dollar_only_in_a_us_dated_note(date, mark, named, tmp_path):
    want = NAMED[named][1][date]
    html = tmp_path / "note.htm"
    html.write_text(_html(date, mark, named), encoding="utf-8")
    for note in (read_string(_text(date, mark, named)), parse(html)):
        assert {f.currency for f in note.facts} == {want}, (note.source, date, mark, named)
        warned = [f.code for f in note.findings if f.code == "seg.currency.dollar"]
        assert warned == (["seg.currency.dollar"] if want == "" else []), note.source
        assert sorted({f.segment for f in note.facts}) == sorted([*SEGMENTS, "Total"])


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("All amounts are in millions of Canadian dollars unless otherwise noted.", "CAD"),
        ("Figures are in thousands of Mexican pesos, except per share data.", "MXN"),
        ("(in millions of Swiss francs)", "CHF"),
        ("(in thousands of dollars)", None),  # which dollar is not said
        ("in thousands of the reporting units", None),
    ],
)
def test_a_currency_named_in_words_after_the_unit(sentence, code):
    from xlsegment import labels

    assert labels.unit_currency(sentence) == code


@pytest.mark.parametrize("word", ["All", "Top", "Try"])
def test_a_column_name_that_spells_a_code_in_lower_case_stays_a_name(word):
    text = "\n".join(
        [
            "The table below presents details of our reportable segments and the All Other category.",
            "Compute",
            "Graphics",
            word,
            "other",
            "Consolidated",
            "(In millions)",
            "Year Ended Jan 26, 2025",
            "Revenue",
            "$",
            "100",
            "$",
            "20",
            "$",
            "(5)",
            "$",
            "115",
        ]
    )
    note = read_string(text + "\n")
    assert {f.segment for f in note.facts} == {"Compute", "Graphics", f"{word} other", "Total"}
    assert {f.currency for f in note.facts} == {"USD"}
