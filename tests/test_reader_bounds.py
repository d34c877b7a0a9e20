"""Every input kind is refused over the size limit by its size alone, before a reader reads
it; and the HTML reader's work grows with the number of tables, not with its square."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlsegment import limits
from xlsegment.api import check
from xlsegment.errors import InputError
from xlsegment.readers import decoding, htmldoc

BODIES = {
    "filing.htm": b"<html><body><p>Segment Information</p><table><tr><td>Revenue</td><td>1</td></tr></table>",
    "filing.html": b"<html><body><table><tr><td>Revenue</td><td>1</td></tr></table>",
    "note.txt": b"Revenue\n2024\nMining\n1\n",
    "data.csv": b"table,period,line,segment,currency,value\nT,2024,Revenue,Mining,USD,1\n",
    "instance.xml": b'<?xml version="1.0"?><xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">',
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_a_file_over_the_limit_is_refused_by_its_size_unread(name, tmp_path, monkeypatch):
    path = tmp_path / name
    path.write_bytes(BODIES[name] + b" " * (5200 - len(BODIES[name])))
    monkeypatch.setattr(limits, "NOTE_BYTES", 1000)

    def read_whole(*_args):
        raise AssertionError(f"{name} was read whole before its size was judged")

    monkeypatch.setattr(decoding, "read_bytes", read_whole)
    monkeypatch.setattr(Path, "read_bytes", read_whole)
    with pytest.raises(InputError, match=rf"{name}: is 5\.\d KB; notes larger than 1000 bytes are refused"):
        check(path)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "filing.htm"
    path.write_bytes(BODIES["filing.htm"] + b" " * 500)
    monkeypatch.setattr(limits, "NOTE_BYTES", 1000)
    path.write_bytes(path.read_bytes() + b" " * 1000)  # grown since it was judged
    with pytest.raises(InputError, match=r"filing\.htm: is 1\.\d KB"):
        decoding.read_bytes(path)


def _tables(n: int) -> bytes:
    row = b"<p>Note %d</p><table><tr><td>Revenue</td><td>%d</td></tr></table>"
    return b"<html><body>" + b"".join(row % (i, i) for i in range(n)) + b"</body></html>"


def test_every_table_is_numbered_in_order_and_found_without_comparing_blocks(tmp_path, monkeypatch):
    path = tmp_path / "many.htm"
    path.write_bytes(_tables(3000))
    doc = htmldoc.parse(path)
    tables = doc.tables
    assert [t.number for t in tables] == list(range(1, 3001))

    def compared(*_args):
        raise AssertionError("a block was found by comparing it with every other")

    # Finding each table's place by comparing blocks made the reader quadratic.
    monkeypatch.setattr(htmldoc.Block, "__eq__", compared)
    assert [htmldoc.lead_in(doc, t, 1) for t in tables[:3]] == ["Note 0", "Note 1", "Note 2"]
    assert htmldoc.lead_in(doc, tables[-1], 1) == "Note 2999"
