"""Refresh in place keeps what openpyxl cannot: the package is spliced, not re-saved.

Each workbook here is the filled seed plus a sheet of the user's (openpyxl's output), with
one kind of content injected as the XML parts Excel writes for it: the kinds refresh in
place refused before (sparklines, slicers, threaded comments, form controls, dynamic-array
metadata, customXml, a text box, web extensions, formatted notes) and the two it once
dropped without a word (printer settings, rich-text runs). After a refresh in place every
part refresh does not redraw is byte for byte what it was, `check` finds what it found
before, and a second refresh changes no part at all.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment

from tests.test_package_losses import PRINTER, sparklines, with_text_box
from tests.xlsx_parts import MAIN, OFFICE, REL, X14, Package, assert_kept, parts, redrawn_parts, related, xml
from xlsegment.cli import cli
from xlsegment.workbook.api import check_workbook, fill, refresh
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.package import lossy_parts
from xlsegment.workbook.splicestyles import StyleMerge

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
SHEET = "My analysis"
MS = "http://schemas.microsoft.com/office/"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
THREADED = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The filled seed plus the user's sheet: figures, a chart and a note."""
    path = fill(SEED, tmp_path_factory.mktemp("splice") / "seed.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book.create_sheet(SHEET)
    ws.append(["Segment", "Revenue"])
    ws.append(["Cryptocurrency Mining", 110739])
    ws.append(["Corporate", 975])
    ws["A1"].comment = Comment("Reviewed by audit", "Auditor")
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    ws.add_chart(chart, "E2")
    book.save(path)
    return path


@pytest.fixture
def book(base, tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(base.read_bytes())
    return path


# ---------------------------------------------------------------- each kind, as Excel writes it


def sheet_ext(pkg: Package, ext: str) -> None:
    """Add an <ext> to the user's sheet's extLst (made when missing)."""
    sheet = pkg.sheet_part(SHEET)
    if b"<extLst>" in pkg.contents[sheet]:
        pkg.edit(sheet, lambda x: x.replace(b"</extLst>", ext.encode() + b"</extLst>"))
    else:
        pkg.insert_in_sheet(sheet, f"<extLst>{ext}</extLst>")


def add_sparklines(pkg: Package) -> str:
    sheet_ext(pkg, sparklines(False)[len("<extLst>") : -len("</extLst>")])
    return "sparklines"


def add_slicer(pkg: Package) -> str:
    pkg.add(
        "xl/slicers/slicer1.xml",
        f'<slicers xmlns="{X14}"><slicer name="Segment" cache="Slicer_Segment" '
        'caption="Segment" rowHeight="241300"/></slicers>'.encode(),
        "application/vnd.ms-excel.slicer+xml",
    )
    rel = pkg.relate(pkg.sheet_part(SHEET), MS + "2007/relationships/slicer", "xl/slicers/slicer1.xml")
    sheet_ext(
        pkg,
        f'<ext xmlns:x14="{X14}" uri="{{A8765BA9-456A-4dab-B4F3-ACF838C121DE}}"><x14:slicerList>'
        f'<x14:slicer xmlns:r="{REL}" r:id="{rel}"/></x14:slicerList></ext>',
    )
    pkg.add(
        "xl/slicerCaches/slicerCache1.xml",
        f'<slicerCacheDefinition xmlns="{X14}" name="Slicer_Segment" sourceName="Segment"/>'.encode(),
        "application/vnd.ms-excel.slicerCache+xml",
    )
    pkg.relate("xl/workbook.xml", MS + "2007/relationships/slicerCache", "xl/slicerCaches/slicerCache1.xml")
    return "slicers"  # fmt: skip


def add_threaded_comment(pkg: Package) -> str:
    person = "{6B7A3E1C-2B0D-4C8E-9C53-2D1F0C1E7A11}"
    pkg.add(
        "xl/threadedComments/threadedComment1.xml",
        f'<ThreadedComments xmlns="{THREADED}"><threadedComment '
        f'ref="B2" dT="2026-01-05T10:00:00.00" personId="{person}" '
        'id="{0A1B2C3D-0000-4000-8000-000000000001}">'
        "<text>Ties to the 10-K?</text></threadedComment></ThreadedComments>".encode(),
        "application/vnd.ms-excel.threadedcomments+xml",
    )
    pkg.relate(
        pkg.sheet_part(SHEET),
        MS + "2017/10/relationships/threadedComment",
        "xl/threadedComments/threadedComment1.xml",
    )
    pkg.add(
        "xl/persons/person.xml",
        f'<personList xmlns="{THREADED}"><person displayName="Ana Auditor" '
        f'id="{person}" userId="ana" providerId="None"/></personList>'.encode(),
        "application/vnd.ms-excel.person+xml",
    )
    pkg.relate("xl/workbook.xml", MS + "2017/10/relationships/person", "xl/persons/person.xml")
    return "threaded comments"  # fmt: skip


def add_form_control(pkg: Package) -> str:
    sheet = pkg.sheet_part(SHEET)
    pkg.add(
        "xl/ctrlProps/ctrlProp1.xml",
        f'<formControlPr xmlns="{X14}" objectType="CheckBox" checked="Checked"/>'.encode(),
        "application/vnd.ms-excel.controlproperties+xml",
    )
    rel = pkg.relate(sheet, OFFICE + "ctrlProp", "xl/ctrlProps/ctrlProp1.xml")
    control = (
        f'<mc:AlternateContent xmlns:mc="{MC}" xmlns:x14="{X14}"><mc:Choice Requires="x14"><controls>'
        f'<control xmlns:r="{REL}" shapeId="1025" r:id="{rel}" name="Check Box 1"/></controls></mc:Choice>'
        "</mc:AlternateContent>"
    )
    pkg.insert_in_sheet(sheet, control, ("webPublishItems", "tableParts", "extLst"))
    return "content only newer Excel reads"  # fmt: skip


METADATA = (
    f'<metadata xmlns="{MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
    '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" '
    'pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" '
    'coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst>'
    '<ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
    '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>'
    '</ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>'
    "</metadata>"
)


def add_spill(pkg: Package) -> str:
    """A dynamic-array formula spilling over D2:D3, as Excel 365 writes it."""
    pkg.add(
        "xl/metadata.xml",
        METADATA.encode(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml",
    )
    pkg.relate("xl/workbook.xml", OFFICE + "sheetMetadata", "xl/metadata.xml")
    spill = {
        2: '<c r="D2" cm="1"><f t="array" ref="D2:D3">B2:B3*2</f><v>221478</v></c>',
        3: '<c r="D3"><v>1950</v></c>',
    }
    for row, cell in spill.items():
        pattern = re.compile(rf'(<row r="{row}"[^>]*>.*?)(</row>)'.encode(), re.S)
        pkg.edit(
            pkg.sheet_part(SHEET),
            lambda x, c=cell, p=pattern: p.sub(lambda m: m[1] + c.encode() + m[2], x, 1),
        )
    return "dynamic-array formula metadata"  # fmt: skip


def add_custom_xml(pkg: Package) -> str:
    pkg.add(
        "customXml/item1.xml",
        b'<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'bibliography" SelectedStyle=""/>',
    )
    pkg.add(
        "customXml/itemProps1.xml",
        b'<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/customXml" ds:itemID="{5C1D2E3F-0000-4000-8000-000000000002}"/>',
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    )
    pkg.relate("customXml/item1.xml", OFFICE + "customXmlProps", "customXml/itemProps1.xml")
    pkg.relate("xl/workbook.xml", OFFICE + "customXml", "customXml/item1.xml")
    return "customXml parts"  # fmt: skip


def add_web_extension(pkg: Package) -> str:
    pkg.add(
        "xl/webextensions/taskpanes.xml",
        b'<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"/>',
        "application/vnd.ms-office.webextensiontaskpanes+xml",
    )
    pkg.relate("", MS + "2011/relationships/webextensiontaskpanes", "xl/webextensions/taskpanes.xml")
    return "web extensions"  # fmt: skip


def add_note_formatting(pkg: Package) -> str:
    comments = next(t for _, kind, t in pkg.related(pkg.sheet_part(SHEET)) if kind == OFFICE + "comments")
    runs = b'<text><r><rPr><b/></rPr><t>Auditor:</t></r><r><rPr><sz val="9"/></rPr><t xml:space="preserve">'
    runs += b" reviewed</t></r></text>"
    pkg.edit(comments, lambda x: re.sub(rb"<text>.*?</text>", runs, x, count=1, flags=re.S))
    return "formatting in cell notes"


def add_text_box(pkg: Package) -> str:
    return "shapes and text boxes"  # added to the saved file by with_text_box (Settings)


def add_printer_settings(pkg: Package) -> None:
    """On the user's sheet and on Schedules (which refresh redraws: its settings go along)."""
    pkg.default("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings")
    for n, name in enumerate((SHEET, "Schedules"), start=1):
        sheet, part = pkg.sheet_part(name), f"xl/printerSettings/printerSettings{n}.bin"
        pkg.add(part, PRINTER)
        rel = pkg.relate(sheet, OFFICE + "printerSettings", part)
        pkg.edit(sheet, lambda x, r=rel: re.sub(rb"<pageSetup\b[^>]*?/>", b"", x))
        setup = f'<pageSetup xmlns:r="{REL}" orientation="landscape" r:id="{rel}"/>'
        pkg.insert_in_sheet(
            sheet, setup, ("headerFooter", "rowBreaks", "drawing", "legacyDrawing", "tableParts")
        )


def add_rich_text(pkg: Package) -> None:
    strings = (
        f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><r><rPr><b/><color rgb="FFC00000"/></rPr>'
        '<t>Restated</t></r><r><t xml:space="preserve"> for the 2024 change</t></r></si></sst>'
    )
    pkg.add(
        "xl/sharedStrings.xml",
        strings.encode(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    )
    pkg.relate("xl/workbook.xml", OFFICE + "sharedStrings", "xl/sharedStrings.xml")
    row = b'<row r="9"><c r="A9" t="s"><v>0</v></c></row></sheetData>'
    pkg.edit(pkg.sheet_part(SHEET), lambda x: x.replace(b"</sheetData>", row))  # fmt: skip


KINDS = {
    "sparklines": add_sparklines,
    "slicers": add_slicer,
    "threaded comments": add_threaded_comment,
    "form controls": add_form_control,
    "dynamic-array metadata": add_spill,
    "customXml parts": add_custom_xml,
    "web extensions": add_web_extension,
    "note formatting": add_note_formatting,
    "text box": add_text_box,
    "printer settings": add_printer_settings,  # once dropped without a word
    "rich-text runs": add_rich_text,  # once dropped without a word
}


def inject(path: Path, kinds) -> list[str]:
    """Add the content ``kinds`` to the workbook at ``path``; the losses openpyxl's save
    would have of them."""
    losses = []
    if "text box" in kinds:
        with_text_box(path, "xdr")
    pkg = Package(path)
    for kind in kinds:
        loss = KINDS[kind](pkg)
        if loss:
            losses.append(loss)
    pkg.save(path)
    return losses


def findings(path: Path) -> list[tuple]:
    result = check_workbook(path)
    return [(f.code, f.severity, f.sheet, f.cell, f.message) for f in result.findings]


@pytest.mark.parametrize("kind", list(KINDS))
def test_refresh_in_place_keeps_each_kind_of_content(book, kind):
    losses = inject(book, [kind])
    found = lossy_parts(book)
    for loss in losses:  # what an openpyxl save would have dropped, refused in place before
        assert any(loss in f for f in found), found
    checked = findings(book)
    before, redrawn = parts(book), redrawn_parts(book)
    result = CliRunner().invoke(cli, ["refresh", str(book)])
    assert result.exit_code == 0, result.output
    assert_kept(before, book, redrawn)
    assert findings(book) == checked
    openpyxl.load_workbook(book)  # the spliced package reads as a workbook
    refreshed = parts(book)
    refresh(book)
    assert parts(book) == refreshed  # a second refresh changes nothing, not even a format


def test_printer_settings_of_a_redrawn_sheet_go_with_it(book):
    inject(book, ["printer settings"])
    refresh(book)
    sheet = Package(book).sheet_part("Schedules")
    setup = xml(book, sheet).find(f"{{{MAIN}}}pageSetup")
    assert setup.get("orientation") == "landscape"  # refresh's own page setup
    rels = {i: (t, target) for i, t, target in related(book, sheet)}
    rel_type, target = rels[setup.get(f"{{{REL}}}id")]
    assert rel_type == OFFICE + "printerSettings" and parts(book)[target] == PRINTER


# ---------------------------------------------------------------- all at once


@pytest.fixture
def everything(book):
    inject(book, list(KINDS))
    return book


def formats(path: Path, sheets=("Schedules", "Checks")) -> dict[tuple, tuple]:
    """Each cell's value and look as openpyxl resolves it through styles.xml."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for name in sheets:
        for row in wb[name].iter_rows():
            for c in row:
                out[(name, c.coordinate)] = (
                    c.value, c.style, c.number_format, c.font.b, c.font.i, c.font.color and c.font.color.rgb,
                    c.fill.fill_type, c.fill.fgColor.rgb, c.border.top and c.border.top.style,
                    c.border.bottom and c.border.bottom.style,
                    c.alignment.horizontal, c.alignment.wrap_text, c.comment and c.comment.text,
                )  # fmt: skip
    return out


def children(path: Path, part: str) -> dict[str, list[bytes]]:
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read(part))
    return {etree.QName(el).localname: [etree.tostring(c) for c in el] for el in root}


def test_the_spliced_workbook_looks_as_openpyxls_save_and_only_appends_formats(everything, tmp_path):
    broken = Package(everything)  # a broken total: highlights with a fill no format had before
    data = broken.sheet_part("Data")
    broken.edit(data, lambda x: x.replace(b"<v>110739</v>", b"<v>110749</v>", 1))
    broken.save(everything)
    styles_before = children(everything, "xl/styles.xml")
    names_before = children(everything, "xl/workbook.xml")
    copy = tmp_path / "copy.xlsx"
    refresh(everything, out=copy)  # openpyxl's own save, the reference
    refresh(everything)
    assert formats(everything) == formats(copy)
    styles = children(everything, "xl/styles.xml")
    for name, entries in styles_before.items():  # the user's formats keep their indices
        assert styles[name][: len(entries)] == entries, name
    assert len(styles["cellXfs"]) > len(styles_before["cellXfs"])  # the highlight's fill
    names = children(everything, "xl/workbook.xml")
    assert {k: v for k, v in names.items() if k not in ("definedNames", "calcPr")} == {
        k: v for k, v in names_before.items() if k not in ("definedNames", "calcPr")
    }


@pytest.mark.slow
def test_libreoffice_opens_and_recalculates_the_spliced_workbook(everything, tmp_path):
    copy = tmp_path / "copy.xlsx"
    refresh(everything, out=copy)
    refresh(everything)
    spliced, saved = libreoffice.convert([everything, copy], tmp_path / "lo")
    ours, reference = libreoffice.read_values(spliced), libreoffice.read_values(saved)
    for sheet in ("Schedules", "Checks", "Data", "Settings"):
        assert ours[sheet] == reference[sheet], sheet
        errors = [v for v in ours[sheet].values() if isinstance(v, str) and v.startswith(("#", "Err:"))]
        assert errors == [], (sheet, errors[:5])
    assert ours[SHEET]["B2"] == 110739 and ours[SHEET]["A9"] == "Restated for the 2024 change"
    assert ours["Schedules"]["D7"] == 111714  # a reported total, recalculated from Data


# ---------------------------------------------------------------- bad input


def test_a_damaged_part_refresh_never_parsed_is_refused_in_one_line(book):
    with zipfile.ZipFile(book) as zf:
        info = zf.getinfo("docProps/app.xml")  # openpyxl writes it anew, so never reads it
    data = bytearray(book.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 8] = b"\xff" * 8
    book.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["refresh", str(book)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and "docProps/app.xml" in result.output
    assert book.read_bytes() == bytes(data)
    assert not list(book.parent.glob(".~xlsegment*"))


# ---------------------------------------------------------------- formats matched by what they are

USER_STYLES = f"""<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="170" formatCode="0.0%"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>
<font><i/><sz val="9"/><name val="Arial"/></font>
<font><b val="1"/><sz val="10"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="170" fontId="1" fillId="0" borderId="0" xfId="1"/></cellXfs>
<cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/>
<cellStyle name="xls Total" xfId="1"/></cellStyles>
<dxfs count="0"/></styleSheet>"""
SAVED_STYLES = f"""<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0"/></numFmts>
<fonts count="2"><font><name val="Calibri"/><sz val="11"/></font>
<font><name val="Calibri"/><b val="1"/><sz val="10"/></font></fonts>
<fills count="3"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFFFEB9C"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>
<xf numFmtId="164" fontId="1" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>
<xf numFmtId="164" fontId="1" fillId="2" borderId="0" pivotButton="0" quotePrefix="0" xfId="1"/>
<xf numFmtId="164" fontId="1" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="1"/></cellXfs>
<cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/>
<cellStyle name="xls Number" xfId="1"/></cellStyles>
<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FFF8CBAD"/></patternFill></fill></dxf></dxfs>
</styleSheet>"""


def test_formats_are_matched_by_what_they_say_and_appended_once():
    merge = StyleMerge(USER_STYLES.encode(), SAVED_STYLES.encode(), "xl/styles.xml", "book.xlsx")
    assert merge.xf(0) == 0  # the same default, in another spelling
    assert (merge.xf(1), merge.xf(2), merge.dxf(0)) == (2, 3, 0)
    merged = merge.xml()
    again = StyleMerge(merged, SAVED_STYLES.encode(), "xl/styles.xml", "book.xlsx")
    assert (again.xf(0), again.xf(1), again.xf(2), again.dxf(0)) == (0, 2, 3, 0)
    assert again.xml() is None  # everything found: styles.xml stays as it is
    root = children_of(merged)
    assert root["numFmts"][-1] == b'<numFmt xmlns="%s" numFmtId="171" formatCode="#,##0"/>' % MAIN.encode()
    xfs = root["cellXfs"]
    assert b'fontId="2"' in xfs[2] and b'fillId="2"' in xfs[2] and b'numFmtId="171"' in xfs[2]
    assert b'fontId="2"' in xfs[3] and b'fillId="0"' in xfs[3]
    assert b'xfId="2"' in xfs[2]  # "xls Number" added as a cell style, by name
    assert root["cellStyles"][-1].endswith(b'name="xls Number" xfId="2"/>')
    assert len(root["fonts"]) == 3 and len(root["fills"]) == 3  # the bold font was there already


def children_of(data: bytes) -> dict[str, list[bytes]]:
    from lxml import etree

    root = etree.fromstring(data)
    return {etree.QName(el).localname: [etree.tostring(c) for c in el] for el in root}


def test_a_data_source_in_settings_redraws_the_data_sheet_and_keeps_the_rest(book):
    from xlsegment.api import parse
    from xlsegment.readers.tidy import write_tidy_csv

    source = book.with_name("facts.csv")
    with source.open("w", newline="", encoding="utf-8") as fh:
        write_tidy_csv(parse(SEED), fh)
    source.write_text(source.read_text(encoding="utf-8").replace(",110739,", ",110749,", 1), encoding="utf-8")
    wb = openpyxl.load_workbook(book)
    sheet, cell = wb.defined_names["xls_Source"].attr_text.replace("$", "").split("!")
    wb[sheet.strip("'")][cell] = source.name
    wb.save(book)
    inject(book, ["sparklines", "threaded comments"])
    redrawn = ("Schedules", "Checks", "Data")
    before, parts_redrawn = parts(book), redrawn_parts(book, redrawn)
    refresh(book)
    assert_kept(before, book, parts_redrawn | redrawn_parts(book, redrawn))
    data = Package(book).sheet_part("Data")
    assert parts(book)[data] != before[data] and b"110749" in parts(book)[data]
