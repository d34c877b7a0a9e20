"""Notes saved as UTF-16 or in the Windows code page are read; bytes no encoding reads are
refused with their line and byte offset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsegment import limits
from xlsegment.api import check, parse
from xlsegment.cli import cli
from xlsegment.errors import InputError

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
TEXT = SEED.read_text(encoding="utf-8")


def facts(note) -> list[tuple]:
    cells = [f for t in note.tables for f in t.cells.values()]
    return [(f.table, f.period, f.line_item, f.segment, f.value) for f in cells]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_note_with_a_byte_order_mark_reads_as_the_utf8_note(tmp_path, codec):
    path = tmp_path / "note.txt"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    path.write_bytes(bom + TEXT.encode(codec))
    note = parse(path)
    assert facts(note) == facts(parse(SEED))
    assert not [f for f in note.findings if f.code == "seg.encoding"]


def test_a_cp1252_note_is_read_with_a_warning_naming_the_encoding(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(TEXT.encode("cp1252"))  # the seed's dashes are byte 0x97 here
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    note = parse(path)
    assert facts(note) == facts(parse(SEED))
    warning = next(f for f in note.findings if f.code == "seg.encoding")
    assert str(warning.severity) == "warning" and "cp1252 (Windows-1252)" in warning.message
    first = next(i for i, line in enumerate(TEXT.splitlines(), 1) if not line.isascii())
    assert warning.source_line == first and f"line {first}" in warning.message
    result = CliRunner().invoke(cli, ["check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    codes = [f["code"] for f in json.loads(result.output)["findings"]]
    assert "seg.encoding" in codes


def test_a_latin1_note_is_named_latin1(tmp_path):
    path = tmp_path / "note.txt"
    plain = "".join(ch if ord(ch) < 0x80 else "-" for ch in TEXT)  # dashes and quotes as "-"
    path.write_bytes(plain.replace("Corporate", "Société").encode("latin-1"))
    note = parse(path)
    warning = next(f for f in note.findings if f.code == "seg.encoding")
    assert "Latin-1 (ISO-8859-1)" in warning.message
    assert any("Société" in f.segment for t in note.tables for f in t.cells.values())


def test_bytes_no_encoding_reads_are_refused_with_line_and_offset(tmp_path):
    path = tmp_path / "note.txt"
    lines = TEXT.encode("utf-8").split(b"\n")
    lines[11] = lines[11] + b" \x81\x8d"  # undefined in cp1252, invalid in UTF-8
    data = b"\n".join(lines)
    path.write_bytes(data)
    offset = data.index(b"\x81")
    with pytest.raises(InputError) as caught:
        parse(path)
    assert str(caught.value) == (
        f"{path}:12: not text in UTF-8, UTF-16 or cp1252 (byte 0x81 at byte offset {offset})"
    )
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_broken_utf16_note_is_refused_naming_utf16(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"\xff\xfe" + "Revenue\n".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    with pytest.raises(InputError, match=r"note\.txt:2: not text in UTF-16 \(byte 0x00 at byte offset 18\)"):
        parse(path)


def test_a_note_larger_than_the_limit_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    monkeypatch.setattr(limits, "NOTE_BYTES", 1000)
    with pytest.raises(InputError, match=r"big\.txt: is .* notes larger than 1000 bytes are refused"):
        check(path)
