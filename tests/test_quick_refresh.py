"""Refresh in place from the Data table with openpyxl spared the Data sheet's cells
(workbook/quickload.py) writes what the whole load writes: every part byte for byte, the
same result. Where the quick way does not apply, refresh takes the whole load."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlsegment.workbook import quickload
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.engines.package_reader import PackageWorkbook, _has_formula

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"


@pytest.fixture(scope="module", params=["as filled", "a figure typed over in Data"])
def filled(request, tmp_path_factory):
    path = fill(SEED, tmp_path_factory.mktemp("quick") / "seed.xlsx")
    if request.param != "as filled":  # a broken total: findings, highlights and notes
        book = openpyxl.load_workbook(path)
        book["Data"]["F2"].value = book["Data"]["F2"].value + 1000
        book.save(path)
    return path


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_the_quick_refresh_writes_what_the_whole_load_writes(filled, tmp_path, monkeypatch):
    book = tmp_path / "book.xlsx"
    used = []
    prepared = quickload.prepared
    monkeypatch.setattr(quickload, "prepared", lambda *a: used.append(prepared(*a)) or used[-1])
    book.write_bytes(filled.read_bytes())
    fast = refresh(book)
    quick = _parts(book)
    monkeypatch.setattr(quickload, "prepared", lambda *a: None)
    book.write_bytes(filled.read_bytes())
    slow = refresh(book)
    assert used and used[0] is not None  # the quick way was taken
    assert fast.findings == slow.findings and fast.note == slow.note
    assert quick == _parts(book)


def test_the_data_sheet_is_loaded_without_its_cells_and_nothing_else_changes(filled):
    data = filled.read_bytes()
    part = PackageWorkbook.open(filled, data).sheet_part("Data")
    stripped = quickload.without_cells(data, part)
    before = _parts(filled)
    with zipfile.ZipFile(io.BytesIO(stripped)) as zf:
        after = {name: zf.read(name) for name in zf.namelist()}
    assert list(after) == list(before)
    assert {n for n in before if before[n] != after[n]} == {part}
    assert re.search(rb"<sheetData>\s*</sheetData>|<sheetData></sheetData>", after[part])
    assert re.sub(rb"<sheetData>.*</sheetData>", b"", before[part], flags=re.S) == re.sub(
        rb"<sheetData>.*</sheetData>", b"", after[part], flags=re.S
    )


@pytest.mark.parametrize(
    "sheet",
    [
        b"<worksheet><sheetData/></worksheet>",  # nothing to leave out
        b"<worksheet><sheetData><row><c><is><t><![CDATA[</sheetData>]]></t></is></c></row></sheetData></worksheet>",
        b"<worksheet><sheetData><!-- </sheetData> --></sheetData></worksheet>",
        b"<worksheet><data/></worksheet>",
    ],
)
def test_a_sheet_that_is_not_one_plain_sheetdata_takes_the_whole_load(sheet):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    assert quickload.without_cells(out.getvalue(), "xl/worksheets/sheet1.xml") is None


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def test_the_formula_scan_answers_as_the_pattern_does():
    rng = random.Random(20)
    alphabet = [b"<", b"f", b" ", b">", b"/", b":", b"x", b"_", b"-", b".", b"1", b"\n", b"F", b"c"]
    for _ in range(50_000):
        text = b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _has_formula(text) == bool(_FORMULA_TAG.search(text)), text
