"""``xlsegment share`` keeps every part: a workbook holding each kind of content a modern
workbook holds goes through, and only the function cells change.

The workbook is the one ``tests/test_share_copy.py`` builds (functions with the values
Excel saved, a spilled reconciliation, a native formula, a conditional format), with each
of these added as Excel writes it, part and relationship and content type: threaded
comments and their persons, a slicer and its cache, a form control, dynamic-array
metadata (the spill's ``cm``), customXml, xlwings Lite's web extension and task pane,
printer settings, a chart with its style and colours, rich text in a shared string,
an extension list with sparklines, a shape, VBA (the copy of an .xlsm is an .xlsm), and
the calculation chain. Three things are checked: every part but the changed sheet and
the calculation chain is byte for byte the original's; the sheet differs only in the
function cells; LibreOffice opens the copy and shows the values.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.test_share_copy import CACHED, excel_saved
from tests.xlsx_parts import MAIN, OFFICE, Package, parts
from xlsegment.udfs.share import share

MS = "http://schemas.microsoft.com/office/2006/relationships/"
MS17 = "http://schemas.microsoft.com/office/2017/10/relationships/"
MS19 = "http://schemas.microsoft.com/office/2019/04/relationships/"
SHEET = "xl/worksheets/sheet2.xml"  # Schedules, where the functions are
THREADED = (
    b'<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"/>'
)
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
SPARKLINES = (
    f'<extLst><ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" xmlns:x14="{X14}">'
    '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    "<x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>Schedules!B2:D2</xm:f>"
    "<xm:sqref>E2</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup>"
    "</x14:sparklineGroups></ext></extLst>"
)
RICH = (
    f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><r><rPr><b/></rPr><t>Bold</t></r>'
    '<r><t xml:space="preserve"> and plain</t></r></si></sst>'
)


def _kinds(pkg: Package) -> None:
    """Each kind of content, as parts related from where Excel relates them."""
    add = [
        (SHEET, MS17 + "threadedComment", "xl/threadedComments/threadedComment1.xml", THREADED),
        ("xl/workbook.xml", MS17 + "person", "xl/persons/person.xml", b"<personList/>"),
        (SHEET, MS + "slicer", "xl/slicers/slicer1.xml", b"<slicers/>"),
        ("xl/workbook.xml", MS + "slicerCache", "xl/slicerCaches/slicerCache1.xml", b"<slicerCache/>"),
        (SHEET, OFFICE + "ctrlProp", "xl/ctrlProps/ctrlProp1.xml", b"<formControlPr/>"),
        ("xl/workbook.xml", OFFICE + "sheetMetadata", "xl/metadata.xml", b"<metadata/>"),
        ("xl/workbook.xml", OFFICE + "customXml", "customXml/item1.xml", b"<lite-settings/>"),
        ("", "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
         "xl/webextensions/taskpanes.xml", b"<taskpanes/>"),
        (SHEET, OFFICE + "printerSettings", "xl/printerSettings/printerSettings1.bin", b"\0\1driver" * 50),
        (SHEET, OFFICE + "drawing", "xl/drawings/drawing1.xml", b"<wsDr/>"),
        ("xl/workbook.xml", MS + "vbaProject", "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 vba"),
        ("xl/workbook.xml", OFFICE + "sharedStrings", "xl/sharedStrings.xml", RICH.encode()),
        ("xl/drawings/drawing1.xml", OFFICE + "chart", "xl/charts/chart1.xml", b"<chartSpace/>"),
        ("xl/charts/chart1.xml", "http://schemas.microsoft.com/office/2011/relationships/chartStyle",
         "xl/charts/style1.xml", b"<chartStyle/>"),
        ("xl/workbook.xml", MS19 + "richValueRel", "xl/richData/richValueRel.xml", b"<richValueRels/>"),
    ]  # fmt: skip
    for source, rel_type, part, data in add:
        pkg.add(part, data, "application/xml" if part.endswith(".xml") else None)
        pkg.relate(source, rel_type, part)
    pkg.default("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings")
    # A spill with its dynamic-array metadata, sparklines in the sheet's extension list,
    # and a calculation chain listing every formula cell.
    pkg.edit(SHEET, lambda x: x.replace(b'<c r="A5"', b'<c r="A5" cm="1"', 1))
    pkg.insert_in_sheet(SHEET, SPARKLINES)
    _with_calc_chain(pkg, ["B2", "C2", "D2", "A5"])


def _with_calc_chain(pkg: Package, cells: list[str]) -> None:
    """A calculation chain listing ``cells`` of the functions' sheet (sheetId 2)."""
    entries = "".join(f'<c r="{r}" i="2"/>' if k == 0 else f'<c r="{r}"/>' for k, r in enumerate(cells))
    chain = f'<calcChain xmlns="{MAIN}">{entries}</calcChain>'
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"
    pkg.add("xl/calcChain.xml", chain.encode(), content_type)
    pkg.relate("xl/workbook.xml", OFFICE + "calcChain", "xl/calcChain.xml")


@pytest.fixture
def rich_book(tmp_path) -> Path:
    source = excel_saved(tmp_path / "built.xlsx", CACHED)
    pkg = Package(source)
    _kinds(pkg)
    return pkg.save(tmp_path / "report.xlsm")


def _cells_but(root: ET.Element, refs: set[str]) -> list[bytes]:
    """The sheet without the given cells, element by element, canonical."""
    for row in root.iter(f"{{{MAIN}}}row"):
        for c in list(row):
            if c.get("r") in refs:
                row.remove(c)
    return [ET.canonicalize(ET.tostring(root)).encode()]


def test_every_part_but_the_function_cells_is_kept(rich_book, tmp_path):
    result = share(rich_book, tmp_path / "shared.xlsm")
    assert result.replaced == ["Schedules!B2", "Schedules!D2", "Schedules!A5"]
    before, after = parts(rich_book), parts(result.target)
    assert set(after) == set(before)
    changed = {n for n in before if before[n] != after[n]}
    assert changed == {SHEET, "xl/calcChain.xml"}
    # The sheet: the same but for the three function cells, which are values now.
    old, new = ET.fromstring(before[SHEET]), ET.fromstring(after[SHEET])
    assert _cells_but(old, {"B2", "D2", "A5"}) == _cells_but(ET.fromstring(after[SHEET]), {"B2", "D2", "A5"})
    cells = {c.get("r"): c for c in new.iter(f"{{{MAIN}}}c")}
    assert all(
        cells[r].find(f"{{{MAIN}}}f") is None and cells[r].get("cm") is None for r in ("B2", "D2", "A5")
    )
    assert cells["B2"].findtext(f"{{{MAIN}}}v") == "57716" and cells["C2"].findtext(f"{{{MAIN}}}f") == "B2*2"
    assert cells["A5"].get("t") == "inlineStr" and "".join(cells["A5"].itertext()) == "Segment profit (loss)"
    # The chain keeps the one formula left (C2), on the sheet the first entry named.
    chain = ET.fromstring(after["xl/calcChain.xml"])
    assert [(c.get("r"), c.get("i")) for c in chain] == [("C2", "2")]


def test_the_copy_of_a_workbook_without_a_formula_left_drops_the_chain(tmp_path):
    source = excel_saved(tmp_path / "built.xlsx", CACHED)
    pkg = Package(source)
    pkg.edit(SHEET, lambda x: x.replace(b"<f>B2*2</f>", b""))
    _with_calc_chain(pkg, ["B2", "D2"])
    result = share(pkg.save(tmp_path / "report.xlsx"), tmp_path / "shared.xlsx")
    with zipfile.ZipFile(result.target) as z:
        assert "xl/calcChain.xml" not in z.namelist()
        assert b"calcChain" not in z.read("[Content_Types].xml")
        assert b"calcChain" not in z.read("xl/_rels/workbook.xml.rels")


@pytest.mark.slow
def test_libreoffice_opens_the_lossless_copy_with_the_values(rich_book, tmp_path):
    from xlsegment.workbook.engines import libreoffice

    result = share(rich_book, tmp_path / "shared.xlsm")
    values = libreoffice.recalculated_values(result.target, tmp_path / "lo")["Schedules"]
    assert values["B2"] == 57716 and values["D2"] == -116480 and values["A5"] == "Segment profit (loss)"
    assert values["C2"] == 115432  # the native formula, recalculated
