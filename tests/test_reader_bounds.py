"""Every input kind, workbooks included, is refused over the size limit by its size alone,
before a reader reads it; and the HTML reader's work grows with the number of tables, not with its square."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from xlsegment import limits
from xlsegment.api import check
from xlsegment.errors import InputError, XlsegmentError
from xlsegment.readers import HEAD_BYTES, decoding, htmldoc

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


TEMPLATE = Path(__file__).resolve().parents[1] / "workbook" / "template.xlsx"


class _Unread:
    """Fails a test that reads more of a file than the first look at its head."""

    def __init__(self, real):
        self.real = real

    def __call__(self, file, mode="r", *args, **kwargs):
        handle = self.real(file, mode, *args, **kwargs)
        if "b" not in mode or not str(file).endswith((".xlsx", ".xlsm")):
            return handle
        read = handle.read

        def bounded(size=-1):
            if size < 0 or size > HEAD_BYTES:
                raise AssertionError(f"{file} was read whole before its size was judged")
            return read(size)

        handle.read = bounded
        return handle


def _share(path, out):
    from xlsegment.udfs.share import share

    return share(path, out)


def _udf_source(path, _out):
    from xlsegment.udfs.sources import FileSource

    return FileSource(path).load()


def _refresh(path, out):
    from xlsegment.workbook.api import refresh

    return refresh(path, out)


def _fill(path, out):
    from xlsegment.workbook.api import fill

    return fill(path, out)


WORKBOOK_ENTRIES = {
    "check": lambda path, _out: check(path),
    "fill from its Data table": _fill,
    "refresh": _refresh,
    "refresh in place": lambda path, _out: _refresh(path, None),
    "share": _share,
    "a function's source": _udf_source,
}


@pytest.mark.parametrize(
    ("entry", "suffix"),
    # a macro workbook is refreshed only into a new file (refused in place by its kind)
    [
        (e, s)
        for e in sorted(WORKBOOK_ENTRIES)
        for s in (".xlsx", ".xlsm")
        if (e, s) != ("refresh in place", ".xlsm")
    ],
)
def test_a_workbook_over_the_limit_is_refused_by_its_size_unread(entry, suffix, tmp_path, monkeypatch):
    import builtins
    import zipfile

    path = tmp_path / f"book{suffix}"
    path.write_bytes(TEMPLATE.read_bytes())
    monkeypatch.setattr(limits, "WORKBOOK_BYTES", 1000)

    def read_whole(*_args, **_kwargs):
        raise AssertionError(f"{path.name} was opened as a package before its size was judged")

    monkeypatch.setattr(Path, "read_bytes", read_whole)
    monkeypatch.setattr(zipfile, "ZipFile", read_whole)
    monkeypatch.setattr(builtins, "open", _Unread(builtins.open))
    refused = rf"book\{suffix}: is \d+\.\d KB; workbooks larger than 1000 bytes are refused"
    with pytest.raises(XlsegmentError, match=refused):
        WORKBOOK_ENTRIES[entry](path, tmp_path / f"out{suffix}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_batch_hashes_no_file_larger_than_any_reader_reads(tmp_path, monkeypatch):
    from xlsegment.batch import sources

    small, large = tmp_path / "note.txt", tmp_path / "book.xlsx"
    small.write_bytes(b"x" * 900)
    large.write_bytes(b"x" * 1100)
    monkeypatch.setattr(limits, "NOTE_BYTES", 1000)
    monkeypatch.setattr(limits, "WORKBOOK_BYTES", 1000)
    hashed = []
    real = sources.hashlib.sha256

    def sha256(data=b""):
        digest = real(data)
        update = digest.update
        return type(
            "Counted",
            (),
            {
                "update": lambda _s, d: hashed.append(len(d)) or update(d),
                "hexdigest": lambda _s: digest.hexdigest(),
            },
        )()

    monkeypatch.setattr(sources.hashlib, "sha256", sha256)
    sources.content_hash(str(small))
    sources.content_hash(str(large))
    assert hashed == [900]


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


def _walked_section(doc: htmldoc.Document, start: int) -> list[htmldoc.Block]:
    """The note under the heading at ``start`` as the reader found it by walking the blocks
    from each heading: the reference the one-pass index must agree with."""
    own = htmldoc._NUMBERING.match(doc.blocks[start].text.strip())
    out = []
    for b in doc.blocks[start + 1 :]:
        if b.kind == "table" and htmldoc._is_heading_table(b):
            break
        if b.kind == "table":
            out.append(b)
        elif htmldoc._numbered_heading(b.text) and "continued" not in b.text.lower():
            if own and b.text.strip().lower().startswith(own.group(0).strip().lower()):
                continue
            break
    return [t for t in out if htmldoc._has_figures(t)]


_FIGURES = "<table><tr><td>Revenue</td><td>1,234</td></tr></table>"
_WORDS = "<table><tr><td>Revenue</td><td>n/a</td></tr></table>"
_MIXED = (
    "<p>Note 4. Leases</p>" + _FIGURES
    + "<p>Note 5. Segment Information</p>" + _FIGURES + _WORDS
    + "<p>Note 5. Segment Information (continued)</p>" + _FIGURES
    + "<p>Note 5. Segment Information</p>" + _FIGURES  # repeated on the next page
    + "<p>Segment Information</p>" + _FIGURES
    + "<table><tr><td>Item 9. Changes in accountants</td></tr></table>" + _FIGURES
    + "<p>Note 6. Income Taxes</p>" + _FIGURES
    + "<p>6. Segment data</p>" + _FIGURES
    + "<p>Note 5. Segment Information</p>" + _FIGURES
)  # fmt: skip


@pytest.mark.parametrize("order", ["in document order", "last heading first"])
def test_each_heading_has_the_note_the_walk_from_it_finds(tmp_path, order):
    path = tmp_path / "mixed.htm"
    path.write_bytes(f"<html><body>{_MIXED}</body></html>".encode())
    doc = htmldoc.parse(path)
    starts = [i for i, b in enumerate(doc.blocks) if b.kind == "text"]
    assert len(starts) == 8
    for i in starts if order == "in document order" else starts[::-1]:
        assert doc.sections.tables(i) == _walked_section(doc, i), doc.blocks[i].text
        assert doc.sections.count(i) == len(_walked_section(doc, i)), doc.blocks[i].text
    counts = [doc.sections.count(i) for i in starts]
    assert counts == [1, 4, 3, 2, 1, 1, 1, 1]


def test_each_table_is_judged_once_however_many_headings_it_lies_under(tmp_path, monkeypatch):
    """A segment heading over each of n tables: every heading's note runs to the end of the
    file. Walking from each heading judged n²/2 tables; the reader judges each once."""
    n = 400
    path = tmp_path / "headings.htm"
    path.write_bytes(
        b"<html><body>"
        + b"".join(b"<p>Segment Information</p>" + _FIGURES.encode() for _ in range(n))
        + b"</body></html>"
    )
    doc = htmldoc.parse(path)
    judged = []
    real = htmldoc.visible_text
    monkeypatch.setattr(htmldoc, "visible_text", lambda el: judged.append(el) or real(el))
    located = htmldoc.locate(doc)
    assert len(located.tables) == n and located.tables == doc.tables
    # A table's text is read once to see whether it is a heading, once for its figures.
    assert len(judged) <= 2 * len(doc.tables)


class _CountingList(list):
    """The document's blocks, counting how many a caller looks at (a slice counts its length)."""

    looked = 0

    def __getitem__(self, key):
        got = super().__getitem__(key)
        _CountingList.looked += len(got) if isinstance(key, slice) else 1
        return got


def test_the_lead_in_of_every_table_looks_at_a_few_blocks_each(tmp_path):
    path = tmp_path / "many.htm"
    path.write_bytes(_tables(2000))
    doc = htmldoc.parse(path)
    doc.blocks = _CountingList(doc.blocks)
    _CountingList.looked = 0
    leads = [htmldoc.lead_in(doc, t, 3) for t in doc.tables]
    assert leads[0] == "Note 0" and leads[-1] == "Note 1999"
    # The table itself, its lead-in and the table before: a slice of every block before
    # each table looked at n²/2.
    assert _CountingList.looked <= 4 * len(doc.tables)


@pytest.mark.parametrize(
    ("name", "head", "bound"),
    [
        ("filing.htm", BODIES["filing.htm"], "notes larger than 64.0 MB are refused"),
        ("book.xlsx", b"PK\x03\x04", "workbooks larger than 512.0 MB are refused"),
    ],
)
def test_the_command_refuses_a_3_gb_file_in_one_line_naming_it(name, head, bound, tmp_path):
    """A sparse file: 3 GB by its size, a few bytes on disk."""
    import subprocess
    import sys

    path = tmp_path / name
    path.write_bytes(head)
    os.truncate(path, 3 * 2**30)
    run = subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr == f"xlsegment: {path}: is 3.0 GB; {bound}" + (
        " (is it the right file?)\n" if name.endswith(".htm") else "\n"
    )
