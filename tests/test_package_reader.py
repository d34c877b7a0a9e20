"""The read-only engine (calamine values, formulas from the sheet XML) reads every workbook
as the openpyxl engine does: ``check`` gives the same findings through either, on the
seed's and the corpus notes' workbooks and on a big one, and its refusals are one line."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CORPUS, CORPUS2, notes_in
from tests.xlsx_parts import Package
from xlsegment import report
from xlsegment.workbook import api
from xlsegment.workbook.engines import package_reader
from xlsegment.workbook.engines.base import Formula, WorkbookError
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook
from xlsegment.workbook.engines.package_reader import PackageWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_fill import synthetic_note  # noqa: E402

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _checked_with(engine, path: Path, monkeypatch) -> str:
    with monkeypatch.context() as m:
        m.setattr(api, "reading_engine", lambda: engine)
        return report.to_json(api.check_workbook(path))


def _same_findings(path: Path, monkeypatch) -> None:
    fast = _checked_with(PackageWorkbook, path, monkeypatch)
    assert fast == _checked_with(OpenpyxlWorkbook, path, monkeypatch)


def test_check_reads_with_calamine_where_it_is_installed():
    assert package_reader.available() and api.reading_engine() is PackageWorkbook


def test_without_calamine_the_workbook_is_read_by_openpyxl(monkeypatch):
    monkeypatch.setattr(package_reader, "available", lambda: False)
    assert api.reading_engine() is OpenpyxlWorkbook


@pytest.fixture(scope="module")
def broken(seed_path, tmp_path_factory) -> Path:
    """The seed's workbook with a Data figure 30 too high and a number typed over a
    schedule formula: errors of both kinds, each on its cell."""
    path = api.fill(seed_path, tmp_path_factory.mktemp("reader") / "seed.xlsx")
    book = openpyxl.load_workbook(path)
    data = book["Data"]
    header = [c.value for c in data[1]]
    data.cell(2, header.index("value") + 1).value += 30
    sheet = book["Schedules"]
    cell = next(c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=SUMIFS"))
    cell.value = 12345
    book.save(path)
    return path


def test_a_broken_workbook_gives_the_same_findings_through_both_engines(broken, monkeypatch):
    found = _checked_with(PackageWorkbook, broken, monkeypatch)
    assert '"seg.typed"' in found and '"error"' in found
    _same_findings(broken, monkeypatch)


@pytest.mark.parametrize("name", notes_in(CORPUS, 21)[:6] + notes_in(CORPUS2, 11)[:4])
def test_corpus_workbooks_give_the_same_findings_through_both_engines(name, tmp_path, monkeypatch):
    folder = CORPUS if (CORPUS / f"{name}.txt").exists() else CORPUS2
    path = api.fill(folder / f"{name}.txt", tmp_path / f"{name}.xlsx")
    _same_findings(path, monkeypatch)


def test_a_big_workbook_gives_the_same_findings_through_both_engines(tmp_path, monkeypatch):
    path = api.fill(synthetic_note(12, 10, 3), tmp_path / "big.xlsx")
    _same_findings(path, monkeypatch)


@pytest.mark.slow
def test_the_benchmarks_big_workbook_gives_the_same_findings(tmp_path, monkeypatch):
    path = api.fill(synthetic_note(50, 40, 12), tmp_path / "big.xlsx")
    _same_findings(path, monkeypatch)


def _sheet_xml(rows: str) -> bytes:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()


@pytest.fixture
def plain(tmp_path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "S"
    book.active["A1"] = "x"
    book.save(tmp_path / "plain.xlsx")
    return tmp_path / "plain.xlsx"


def _with_sheet(plain: Path, xml: bytes, out: Path) -> Path:
    pkg = Package(plain)
    pkg.edit("xl/worksheets/sheet1.xml", lambda _: xml)
    return pkg.save(out)


def test_shared_formulas_read_as_each_cell_states_them(plain, tmp_path):
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c>'
        '<c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>'
        '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>'
        '<row r="3"><c r="A3"><v>3.5</v></c><c r="B3"><f t="shared" si="0"/><v>7</v></c></row>'
    )
    path = _with_sheet(plain, _sheet_xml(rows), tmp_path / "shared.xlsx")
    fast, slow = PackageWorkbook.open(path), OpenpyxlWorkbook.open(path)
    assert fast.used_range("S") == slow.used_range("S") == "A1:B3"
    block = fast.read_block("S", "A1:B3")
    assert block == slow.read_block("S", "A1:B3")
    assert block[2] == [3.5, "=A3*2"] and isinstance(block[2][1], Formula)


def test_a_sheet_that_starts_away_from_a1_reads_in_place(plain, tmp_path):
    rows = '<row r="5"><c r="C5" t="inlineStr"><is><t>Revenue</t></is></c><c r="D5"><v>10</v></c></row>'
    path = _with_sheet(plain, _sheet_xml(rows), tmp_path / "offset.xlsx")
    fast, slow = PackageWorkbook.open(path), OpenpyxlWorkbook.open(path)
    assert fast.used_range("S") == slow.used_range("S") == "A1:D5"  # before openpyxl's reads add cells
    assert fast.read_block("S", "A4:E6") == slow.read_block("S", "A4:E6")
    assert fast.read_block("S", "C5:D5") == [["Revenue", 10]]


def test_formula_cells_without_a_cached_value_widen_the_used_range(plain, tmp_path):
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="9"><c r="F9"><f>SUM(A1:A2)</f></c></row>'
    path = _with_sheet(plain, _sheet_xml(rows), tmp_path / "formula.xlsx")
    assert PackageWorkbook.open(path).used_range("S") == "A1:F9"


def test_a_sheet_declaring_a_dtd_is_refused_in_one_line(plain, tmp_path):
    xml = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>' + _sheet_xml(
        '<row r="1"><c r="A1"><f>1+1</f></c></row>'
    )
    path = _with_sheet(plain, xml, tmp_path / "dtd.xlsx")
    with pytest.raises(
        WorkbookError, match=r"dtd\.xlsx: part xl/worksheets/sheet1\.xml declares a DTD"
    ) as exc:
        PackageWorkbook.open(path).read_block("S", "A1:A1")
    assert "\n" not in str(exc.value)


def test_a_corrupt_sheet_is_refused_in_one_line_naming_the_file(plain, tmp_path):
    path = _with_sheet(plain, _sheet_xml('<row r="1"><c r="A1"><f>1+1</f></c>'), tmp_path / "bad.xlsx")
    with pytest.raises(WorkbookError, match=r"bad\.xlsx") as exc:
        book = PackageWorkbook.open(path)
        book.read_block("S", "A1:A1")
    assert "\n" not in str(exc.value)


def test_the_reading_engine_refuses_every_write_naming_the_file(plain):
    book = PackageWorkbook.open(plain)
    with pytest.raises(
        WorkbookError, match=r"plain\.xlsx: opened for reading values only; cannot write cells"
    ):
        book.write_block("S", "A1", [[1]])
    with pytest.raises(WorkbookError, match="cannot save"):
        book.save()
