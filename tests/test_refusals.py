"""Files of another kind get one clear line saying what to do; --note opens the note the
user names, not the first mention of its words."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsegment.api import check, parse
from xlsegment.cli import cli
from xlsegment.readers import REFUSALS, ReadOptions


def _one_line_exit_2(path: Path) -> str:
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    return result.output


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        (
            "10-K.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            "PDF is not read",
        ),
        # a PDF saved under another name is still told by its bytes
        ("note.txt", b"%PDF-1.4\n\x9c\x00\x01binary", "pdftotext -layout"),
        ("book.xlsx", b"Segment information\nRevenue\n1,000\n", "not an xlsx workbook (not a zip package)"),
        ("book.xlsm", b"\x00\x01\x02 broken", "not an xlsx workbook (not a zip package)"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "save it as .xlsx"),
        ("note.docx", b"PK\x03\x04" + b"\x00" * 64, "Word document is not read"),
    ],
)
def test_a_file_of_another_kind_is_refused_in_one_line(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    out = _one_line_exit_2(path)
    assert says in out and name in out


def test_every_refusal_has_a_test():
    assert {r.kind for r in REFUSALS} == {"PDF", "broken workbook", "legacy workbook", "Word document"}


SEGMENT_TABLE = (
    "<table><tr><td></td><td>2024</td><td>2023</td></tr>"
    "<tr><td>Mining</td><td>600</td><td>500</td></tr>"
    "<tr><td>Games</td><td>400</td><td>300</td></tr>"
    "<tr><td>Total revenue</td><td>1,000</td><td>800</td></tr></table>"
)
CONTRACT_TABLE = (
    "<table><tr><td></td><td>2024</td><td>2023</td></tr>"
    "<tr><td>Contract liabilities</td><td>77</td><td>66</td></tr>"
    "<tr><td>Revenue recognized</td><td>12</td><td>11</td></tr></table>"
)
FILING = (
    "<p>Table of Contents</p><p>Note 9 Revenue</p><p>Segment Information</p>"
    "<p>Note 9. Revenue</p>"
    "<p>Contract liabilities are described in Note 17, Segment Information, by segment.</p>"
    + CONTRACT_TABLE
    + "<p>Note 17. Segment Information</p><p>Revenue by segment (in millions):</p>"
    + SEGMENT_TABLE
    + "<p>Note 18. Subsequent Events</p><p>None.</p>"
)


@pytest.mark.parametrize("asked", ["Segment Information", "segment information", "Note 17"])
def test_note_opens_the_heading_that_matches_best_and_says_what_else_matched(tmp_path, asked):
    path = tmp_path / "10-K.html"
    path.write_text(f"<html><body>{FILING}</body></html>", encoding="utf-8")
    note = parse(path, ReadOptions(note=asked))
    assert {f.value for f in note.facts} >= {600, 400, 1000}
    assert not {77, 66, 12, 11} & {f.value for f in note.facts}
    said = [f for f in check(note).findings if f.code == "seg.note.matched"]
    assert len(said) == 1 and "Note 17. Segment Information" in said[0].message
    if asked.lower() == "segment information":
        assert "also matched" in said[0].message  # the table of contents and the mention


SEED = Path(__file__).parent / "data" / "seeds" / "000_fa2b530666297a11.txt"


@pytest.mark.parametrize("command", ["check", "refresh", "share"])
@pytest.mark.parametrize("damage", ["truncated", "zip header then garbage"])
def test_a_damaged_workbook_is_refused_as_one_by_every_command(tmp_path, command, damage):
    """A workbook cut short, or bytes that start like a zip and are none, is 'not an xlsx
    workbook (not a zip package)' to check, refresh and share alike; before, refresh and
    share passed on the zip library's own words ('File is not a zip file')."""
    from xlsegment.workbook.api import fill

    book = fill(SEED, tmp_path / "book.xlsx")
    data = book.read_bytes()
    book.write_bytes(data[: len(data) // 3] if damage == "truncated" else b"PK\x03\x04" + b"garbage" * 40)
    before = book.read_bytes()
    args = [command, str(book)] + (["-o", str(tmp_path / "shared.xlsx")] if command == "share" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "not an xlsx workbook (not a zip package)" in result.output and "Traceback" not in result.output
    assert book.read_bytes() == before  # nothing written


@pytest.mark.parametrize("asked", ["Information by segment", "Segments", "SEGMENT information"])
def test_note_finds_the_heading_in_other_words_and_order(tmp_path, asked):
    """ "Information by segment" found no text, and "Segments" opened a sentence that
    mentions segments (a user review of a 10-K): the words count in any order and
    number, and a numbered note heading beats a mention."""
    path = tmp_path / "10-K.html"
    path.write_text(f"<html><body>{FILING}</body></html>", encoding="utf-8")
    note = parse(path, ReadOptions(note=asked))
    assert {f.value for f in note.facts} >= {600, 400, 1000}
    assert not {77, 66, 12, 11} & {f.value for f in note.facts}
