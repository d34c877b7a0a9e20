"""Refresh decides what a save would lose by reading the package, namespace-aware: each case
is built part by part in the zip, and the result is checked part by part.

Content an openpyxl save would lose is named; refresh in place keeps it (every part it does
not redraw stays byte for byte), and refuses, naming it, only when it sits on a sheet that
refresh redraws. What openpyxl can keep (rich text) or we copy across (printer settings,
chart style and colour parts, the workbook's extLst) comes out in a refreshed new file too,
checked in its parts.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.chart import BarChart, Reference

from tests.xlsx_parts import (
    MAIN,
    OFFICE,
    REL,
    X14,
    XDR,
    XM,
    Package,
    assert_kept,
    content_type,
    parts,
    redrawn_parts,
    related,
    xml,
)
from xlsegment.cli import cli
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.engines.base import WorkbookError
from xlsegment.workbook.package import inventory, lossy_parts

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"
SHEET = "My analysis"
MS = "http://schemas.microsoft.com/office/2006/relationships/"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The filled seed plus a sheet of the user's with a chart."""
    path = fill(SEED, tmp_path_factory.mktemp("losses") / "seed.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book.create_sheet(SHEET)
    ws.append(["Segment", "Revenue"])
    ws.append(["Cryptocurrency Mining", 110739])
    ws.append(["Corporate", 975])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    ws.add_chart(chart, "E2")
    book.save(path)
    return path


@pytest.fixture
def book(base, tmp_path):
    path = tmp_path / "book.xlsx"
    shutil.copyfile(base, path)
    return path


def kept_in_place(path: Path, loss: str) -> None:
    """The loss is named for a save by openpyxl; refresh in place keeps it, every part it
    does not redraw byte for byte, and a refresh into a new file says it was not carried."""
    assert any(loss in found for found in lossy_parts(path)), lossy_parts(path)
    copy = path.with_name("copy.xlsx")
    result = CliRunner().invoke(cli, ["refresh", str(path), "-o", str(copy)])
    assert result.exit_code == 0, result.output
    assert f"not carried over from {path}" in result.output and loss in result.output
    before, redrawn = parts(path), redrawn_parts(path)
    result = CliRunner().invoke(cli, ["refresh", str(path)])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert_kept(before, path, redrawn)


def refused_in_place(path: Path, loss: str) -> None:
    """The loss is on a sheet refresh redraws (or breaks a signature): refresh refuses in
    place, naming it, and leaves every part as it was."""
    assert any(loss in found for found in lossy_parts(path)), lossy_parts(path)
    before = parts(path)
    with pytest.raises(WorkbookError, match="saving in place would drop .*" + re.escape(loss)):
        refresh(path)
    assert parts(path) == before
    result = CliRunner().invoke(cli, ["refresh", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert parts(path) == before


# ---------------------------------------------------------------- losses, any spelling


def text_box(prefix: str) -> bytes:
    """A drawing holding one text box, with the drawing namespace bound to ``prefix``."""
    p = f"{prefix}:" if prefix else ""
    bind = f"xmlns:{prefix}" if prefix else "xmlns"
    return (
        f'<{p}wsDr {bind}="{XDR}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"<{p}twoCellAnchor><{p}from><{p}col>1</{p}col><{p}colOff>0</{p}colOff><{p}row>6</{p}row>"
        f"<{p}rowOff>0</{p}rowOff></{p}from><{p}to><{p}col>4</{p}col><{p}colOff>0</{p}colOff>"
        f"<{p}row>9</{p}row><{p}rowOff>0</{p}rowOff></{p}to>"
        f'<{p}sp macro="" textlink=""><{p}nvSpPr><{p}cNvPr id="2" name="TextBox 1"/><{p}cNvSpPr txBox="1"/>'
        f"</{p}nvSpPr><{p}spPr/><{p}txBody><a:bodyPr/><a:p><a:r><a:t>Reviewed: ties to the 10-K</a:t></a:r>"
        f"</a:p></{p}txBody></{p}sp><{p}clientData/></{p}twoCellAnchor></{p}wsDr>"
    ).encode()


def with_text_box(path: Path, prefix: str, sheet: str = "Settings") -> Path:
    pkg = Package(path)
    sheet = pkg.sheet_part(sheet)  # a sheet with no drawing yet
    pkg.add("xl/drawings/drawing9.xml", text_box(prefix), DRAWING_TYPE)
    rel = pkg.relate(sheet, OFFICE + "drawing", "xl/drawings/drawing9.xml")
    pkg.insert_in_sheet(sheet, f'<drawing xmlns:r="{REL}" r:id="{rel}"/>', ("legacyDrawing", "tableParts"))
    return pkg.save(path)


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "xdr", "q"], ids=["default namespace", "xdr:", "q:"])
def test_a_text_box_is_a_loss_in_any_namespace_spelling(book, prefix):
    with_text_box(book, prefix)
    # The byte strings a scanner without namespaces would look for are not there.
    assert (b"<xdr:sp " in parts(book)["xl/drawings/drawing9.xml"]) == (prefix == "xdr")
    kept_in_place(book, "shapes and text boxes (sheet 'Settings')")


def test_a_text_box_on_a_sheet_refresh_redraws_is_refused_in_place(book):
    with_text_box(book, "xdr", "Schedules")
    refused_in_place(book, "shapes and text boxes (sheet 'Schedules')")


def sparklines(default_namespace: bool) -> str:
    if default_namespace:
        group = f'<sparklineGroups xmlns="{X14}"><sparklineGroup><sparklines><sparkline>'
        group += f'<f xmlns="{XM}">\'{SHEET}\'!B2:B3</f><sqref xmlns="{XM}">C2</sqref>'
        group += "</sparkline></sparklines></sparklineGroup></sparklineGroups>"
    else:
        group = f'<x14:sparklineGroups xmlns:x14="{X14}" xmlns:xm="{XM}"><x14:sparklineGroup>'
        group += f"<x14:sparklines><x14:sparkline><xm:f>'{SHEET}'!B2:B3</xm:f><xm:sqref>C2</xm:sqref>"
        group += "</x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups>"
    return f'<extLst><ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}">{group}</ext></extLst>'


@pytest.mark.parametrize("default_namespace", [True, False], ids=["default namespace", "x14:"])
def test_sparklines_are_a_loss_in_any_namespace_spelling(book, default_namespace):
    pkg = Package(book)
    pkg.insert_in_sheet(pkg.sheet_part(SHEET), sparklines(default_namespace))
    pkg.save(book)
    assert b"<x14:" not in parts(book)[Package(book).sheet_part(SHEET)] or not default_namespace
    kept_in_place(book, f"sparklines (sheet '{SHEET}')")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "rel_type", "part", "loss"),
    [
        ("", MS + "ui/extensibility", "customUI/customUI.xml", "a custom ribbon"),
        ("xl/workbook.xml", MS + "vbaProject", "xl/vbaProject.bin", "VBA macros"),
        ("xl/workbook.xml", OFFICE + "customXml", "customXml/item1.xml", "customXml parts"),
        ("xl/workbook.xml", OFFICE + "sheetMetadata", "xl/metadata.xml", "dynamic-array formula metadata"),
        ("xl/workbook.xml", OFFICE + "connections", "xl/connections.xml", "data connections"),
        ("xl/workbook.xml", "http://example.com/relationships/something-new", "xl/new.xml",
         "part xl/new.xml (something-new)"),
    ],
)  # fmt: skip
def test_parts_a_save_would_drop_are_found_through_their_relationships(book, where, rel_type, part, loss):
    pkg = Package(book)
    pkg.add(part, b"<x/>" if part.endswith(".xml") else b"\0")
    pkg.relate(where, rel_type, part)
    pkg.save(book)
    kept_in_place(book, loss)


def test_a_signed_workbook_is_not_refreshed_in_place(book):
    # Any change breaks a signature: kept, it would vouch for what it never signed.
    pkg = Package(book)
    pkg.add("_xmlsignatures/origin.sigs", b"\0")
    pkg.relate("", "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin",
               "_xmlsignatures/origin.sigs")  # fmt: skip
    pkg.save(book)
    refused_in_place(book, "a digital signature")


def test_an_unreferenced_part_is_no_loss(book):
    # Excel itself drops a part nothing refers to; so does openpyxl, and nothing is lost.
    pkg = Package(book)
    pkg.add("customXml/orphan.xml", b"<x/>")
    pkg.save(book)
    assert lossy_parts(book) == []


def test_phonetic_guides_and_chart_extensions_are_losses(book):
    pkg = Package(book)
    strings = (
        f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>東京</t>'
        '<rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>'
    )
    pkg.add(
        "xl/sharedStrings.xml",
        strings.encode(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    )
    pkg.relate("xl/workbook.xml", OFFICE + "sharedStrings", "xl/sharedStrings.xml")
    pkg.edit(
        "xl/charts/chart1.xml",
        lambda x: x.replace(
            b"</chartSpace>",  # openpyxl writes charts in the default namespace
            b'<extLst><ext uri="{781A3756-C4B2-4CAC-9D66-4F8BD8637D16}"/></extLst></chartSpace>',
        ),
    )
    pkg.save(book)
    found = lossy_parts(book)
    assert "phonetic guides (furigana)" in " ".join(found)
    assert any("chart extensions ({781A3756-C4B2-4CAC-9D66-4F8BD8637D16})" in f for f in found), found


def test_a_part_with_a_dtd_is_refused_in_one_line(book):
    pkg = Package(book)
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    pkg.add("xl/custom.xml", bomb)
    pkg.relate("xl/workbook.xml", OFFICE + "styles", "xl/custom.xml")  # a kept kind: it is read
    pkg.save(book)
    with pytest.raises(WorkbookError, match=r"part xl/custom\.xml declares a DTD"):
        inventory(book.read_bytes(), book)


def test_a_corrupt_member_is_refused_by_refresh_in_one_line(book):
    data = bytearray(book.read_bytes())
    import zipfile

    with zipfile.ZipFile(book) as zf:
        info = zf.getinfo("xl/styles.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10 : start + 40] = b"\xff" * 30  # garble its deflate stream
    book.write_bytes(bytes(data))
    for command in (["refresh", str(book)], ["check", str(book)]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
        assert str(book) in result.output


# ---------------------------------------------------------------- kept and carried over


def test_rich_text_runs_in_cells_are_kept(book):
    pkg = Package(book)
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
    sheet = pkg.sheet_part(SHEET)
    pkg.edit(
        sheet,
        lambda x: x.replace(b"</sheetData>", b'<row r="9"><c r="A9" t="s"><v>0</v></c></row></sheetData>'),
    )
    pkg.save(book)
    assert lossy_parts(book) == []
    before = parts(book)
    refresh(book)
    # In place the sheet and its strings are not rewritten at all.
    assert parts(book)[sheet] == before[sheet]
    assert parts(book)["xl/sharedStrings.xml"] == strings.encode()
    # Into a new file, openpyxl writes the runs inline, formatting and all.
    copy = book.with_name("copy.xlsx")
    refresh(book, out=copy)
    cell = next(c for c in xml(copy, sheet).iter(f"{{{MAIN}}}c") if c.get("r") == "A9")
    runs = cell.findall(f"{{{MAIN}}}is/{{{MAIN}}}r")
    assert [r.findtext(f"{{{MAIN}}}t") for r in runs] == ["Restated", " for the 2024 change"]
    assert runs[0].find(f"{{{MAIN}}}rPr/{{{MAIN}}}b") is not None
    assert runs[0].find(f"{{{MAIN}}}rPr/{{{MAIN}}}color").get("rgb") == "FFC00000"


CALC = "http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures"


def test_the_workbook_extlst_is_carried_over(book):
    pkg = Package(book)
    ext = (
        f'<extLst><ext uri="{{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}}" xmlns:xcalcf="{CALC}">'
        '<xcalcf:calcFeatures><xcalcf:feature name="microsoft.com:RD"/>'
        '<xcalcf:feature name="microsoft.com:LET_WF"/>'
        "</xcalcf:calcFeatures></ext></extLst>"
    )
    pkg.edit("xl/workbook.xml", lambda x: x.replace(b"</workbook>", ext.encode() + b"</workbook>"))
    pkg.save(book)
    assert lossy_parts(book) == []
    refresh(book)
    root = xml(book, "xl/workbook.xml")
    assert root[-1].tag == f"{{{MAIN}}}extLst"
    (carried,) = root[-1]
    assert carried.get("uri") == "{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}"
    assert [f.get("name") for f in carried.iter(f"{{{CALC}}}feature")] == [
        "microsoft.com:RD",
        "microsoft.com:LET_WF",
    ]
    refresh(book)  # and again: carried once, not twice
    assert len(xml(book, "xl/workbook.xml").findall(f"{{{MAIN}}}extLst/{{{MAIN}}}ext")) == 1


def test_a_workbook_extension_that_points_at_parts_is_a_loss(book):
    pkg = Package(book)
    ext = (
        f'<extLst><ext uri="{{876F7934-8845-4945-9796-88D515C7AA90}}" '
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        f'<x15:pivotCaches><pivotCache xmlns:r="{REL}" cacheId="7" r:id="rId99"/>'
        "</x15:pivotCaches></ext></extLst>"
    )
    pkg.edit("xl/workbook.xml", lambda x: x.replace(b"</workbook>", ext.encode() + b"</workbook>"))
    pkg.save(book)
    kept_in_place(book, "a workbook extension that refers to other parts")


STYLE_TYPE = "http://schemas.microsoft.com/office/2011/relationships/chartStyle"
COLORS_TYPE = "http://schemas.microsoft.com/office/2011/relationships/chartColorStyle"
CS = b"http://schemas.microsoft.com/office/drawing/2012/chartStyle"
STYLE = b'<cs:chartStyle xmlns:cs="' + CS + b'" id="201"/>'
COLORS = b'<cs:colorStyle xmlns:cs="' + CS + b'" meth="cycle" id="10"/>'


def test_chart_style_and_colour_parts_are_carried_over(book):
    pkg = Package(book)
    pkg.add("xl/charts/style1.xml", STYLE, "application/vnd.ms-office.chartstyle+xml")
    pkg.add("xl/charts/colors1.xml", COLORS, "application/vnd.ms-office.chartcolorstyle+xml")
    pkg.relate("xl/charts/chart1.xml", STYLE_TYPE, "xl/charts/style1.xml")
    pkg.relate("xl/charts/chart1.xml", COLORS_TYPE, "xl/charts/colors1.xml")
    pkg.save(book)
    assert lossy_parts(book) == []
    refresh(book)
    refresh(book)  # twice: still one of each
    after = parts(book)
    (chart,) = [n for n in after if n.startswith("xl/charts/chart")]
    rels = {t: target for _, t, target in related(book, chart)}
    assert set(rels) == {STYLE_TYPE, COLORS_TYPE}
    assert after[rels[STYLE_TYPE]] == STYLE and after[rels[COLORS_TYPE]] == COLORS
    assert content_type(book, rels[STYLE_TYPE]) == "application/vnd.ms-office.chartstyle+xml"
    assert content_type(book, rels[COLORS_TYPE]) == "application/vnd.ms-office.chartcolorstyle+xml"
    assert len([n for n in after if n.startswith(("xl/charts/style", "xl/charts/colors"))]) == 2


PRINTER = b"\x00\x01printer driver settings\x00" * 40


def test_printer_settings_are_carried_over(book):
    pkg = Package(book)
    sheet = pkg.sheet_part(SHEET)
    pkg.add("xl/printerSettings/printerSettings1.bin", PRINTER)
    pkg.default("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings")
    rel = pkg.relate(sheet, OFFICE + "printerSettings", "xl/printerSettings/printerSettings1.bin")
    setup = f'<pageSetup xmlns:r="{REL}" orientation="landscape" r:id="{rel}"/>'
    pkg.insert_in_sheet(sheet, setup, ("headerFooter", "rowBreaks", "drawing", "legacyDrawing", "tableParts"))
    pkg.save(book)
    assert lossy_parts(book) == []
    refresh(book)
    refresh(book)
    out = Package(book)
    sheet = out.sheet_part(SHEET)
    page_setup = xml(book, sheet).find(f"{{{MAIN}}}pageSetup")
    assert page_setup.get("orientation") == "landscape"
    rels = {i: (t, target) for i, t, target in related(book, sheet)}
    rel_type, target = rels[page_setup.get(f"{{{REL}}}id")]
    assert rel_type == OFFICE + "printerSettings" and parts(book)[target] == PRINTER
    assert (
        content_type(book, target)
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"
    )
    assert len([n for n in parts(book) if n.startswith("xl/printerSettings/")]) == 1


@pytest.mark.slow
def test_a_carried_workbook_opens_in_libreoffice(book, tmp_path):
    test_printer_settings_are_carried_over(book)
    pkg = Package(book)
    pkg.add("xl/charts/style9.xml", STYLE, "application/vnd.ms-office.chartstyle+xml")
    chart = next(n for n in pkg.contents if n.startswith("xl/charts/chart"))
    pkg.relate(chart, STYLE_TYPE, "xl/charts/style9.xml")
    pkg.save(book)
    refresh(book)
    values = libreoffice.recalculated_values(book, tmp_path / "lo")
    assert values[SHEET]["B2"] == 110739


# ---------------------------------------------------------------- what Excel writes in every file


X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"
X15AC = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def excel_saved(path: Path) -> Path:
    """What Excel 365 adds to a workbook it saves, none of it the user's content: revision
    ids, the last save's folder, row descent hints, default slicer style names, a
    calculation chain, application statistics, a preview picture."""
    pkg = Package(path)
    head = (
        f'<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/>'
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="x15">'
        f'<x15ac:absPath xmlns:x15ac="{X15AC}" url="C:\\Users\\ana\\Reports\\"/>'
        "</mc:Choice></mc:AlternateContent>"
        f'<xr:revisionPtr xmlns:xr="{XR}" revIDLastSave="0" documentId="8_{{9D2F}}"/>'
    )
    pkg.edit("xl/workbook.xml", lambda x: x.replace(b"<workbookPr", head.encode() + b"<workbookPr", 1))
    sheet = pkg.sheet_part(SHEET)
    pkg.edit(
        sheet,
        lambda x: x.replace(
            b'<row r="1"', f'<row xmlns:x14ac="{X14AC}" x14ac:dyDescent="0.25" r="1"'.encode(), 1
        ),
    )
    styles_ext = (
        f'<extLst><ext uri="{{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}}" xmlns:x14="{X14}">'
        '<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>'
        '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" '
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        '<x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst>'
    )
    pkg.edit("xl/styles.xml", lambda x: x.replace(b"</styleSheet>", styles_ext.encode() + b"</styleSheet>"))
    pkg.add(
        "xl/calcChain.xml",
        f'<calcChain xmlns="{MAIN}"><c r="B7" i="3"/></calcChain>'.encode(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
    )
    pkg.relate("xl/workbook.xml", OFFICE + "calcChain", "xl/calcChain.xml")
    pkg.add("docProps/thumbnail.jpeg", b"\xff\xd8\xff\xe0 preview", "image/jpeg")
    pkg.relate("", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
               "docProps/thumbnail.jpeg")  # fmt: skip
    return pkg.save(path)


def test_what_excel_writes_into_every_file_is_no_loss(book):
    excel_saved(book)
    assert lossy_parts(book) == []
    refresh(book)
    assert openpyxl.load_workbook(book)[SHEET]["B2"].value == 110739


def test_a_hyperlink_to_a_website_is_kept(book):
    pkg = Package(book)
    sheet = pkg.sheet_part(SHEET)
    rel = pkg.relate(sheet, OFFICE + "hyperlink", "https://www.sec.gov/", external=True)
    pkg.insert_in_sheet(
        sheet,
        f'<hyperlinks><hyperlink xmlns:r="{REL}" ref="A1" r:id="{rel}"/></hyperlinks>',
        ("printOptions", "pageMargins", "pageSetup", "drawing", "tableParts"),
    )
    pkg.save(book)
    assert lossy_parts(book) == []
    refresh(book)
    assert openpyxl.load_workbook(book)[SHEET]["A1"].hyperlink.target == "https://www.sec.gov/"
