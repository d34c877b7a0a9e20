"""``xlsegment share``: UDF formulas become their saved values; everything else stays."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.formula import ArrayFormula

from xlsegment.cli import cli
from xlsegment.udfs.share import share, udf_cells

# What Excel would have saved: the formulas and, for each, its last computed value.
CACHED = {"B2": 57716, "C2": 115432, "D2": -116480, "A5": "Segment profit (loss)"}


def excel_saved(path: Path, cached: dict[str, object]) -> Path:
    """A workbook as Excel saves it: UDF formulas with cached values, a spilled range,
    a native formula, a conditional format and a Settings sheet."""
    wb = openpyxl.Workbook()
    settings = wb.active
    settings.title = "Settings"
    settings.append(["Company", "Bit Origin"])
    ws = wb.create_sheet("Schedules")
    ws["B2"] = '=SEGPROFIT("Cryptocurrency Mining",2024)'
    ws["C2"] = "=B2*2"  # native: stays a formula
    ws["D2"] = "='xlsegment.xlam'!segprofit(\"corporate\", 2024)"
    ws["A5"] = ArrayFormula("A5:B6", "=SEGRECON(2023)")
    ws["B5"], ws["A6"], ws["B6"] = -317753, "Net income", 12576  # the spilled cells
    ws.conditional_formatting.add(
        "B2:B9", FormulaRule(formula=["B2<>C2/2"], fill=PatternFill("solid", bgColor="F8CBAD"))
    )
    wb.save(path)
    _put_cached_values(path, cached)
    return path


def _put_cached_values(path: Path, cached: dict[str, object], sheet: int = 2) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = f"xl/worksheets/sheet{sheet}.xml"
    xml = parts[name].decode()
    for ref, value in cached.items():
        kind = ' t="str"' if isinstance(value, str) else ""
        # openpyxl writes an empty <v/> without lxml and <v></v> with it
        xml = re.sub(rf'<c r="{ref}"([^>]*)>(<f[^<]*</f>)(?:<v ?/>|<v></v>)',
                     rf'<c r="{ref}"\1{kind}>\2<v>{value}</v>', xml)  # fmt: skip
    parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_the_copy_has_no_udf_formulas_and_the_same_values(tmp_path):
    source = excel_saved(tmp_path / "report.xlsx", CACHED)
    assert len(udf_cells(openpyxl.load_workbook(source))) == 3
    result = share(source, tmp_path / "shared.xlsx")
    assert result.replaced == ["Schedules!B2", "Schedules!D2", "Schedules!A5"]
    copy = openpyxl.load_workbook(result.target)
    assert udf_cells(copy) == []
    ws = copy["Schedules"]
    values = {ref: ws[ref].value for ref in ("B2", "D2", "A5", "B5", "A6", "B6")}
    assert values == {"B2": 57716, "D2": -116480, "A5": "Segment profit (loss)", "B5": -317753,
                      "A6": "Net income", "B6": 12576}  # fmt: skip
    assert ws["C2"].value == "=B2*2"
    assert [str(r.sqref) for r in ws.conditional_formatting] == ["B2:B9"]
    # Only the function cells change: Settings is the original's, row for row.
    rows = [tuple(r) for r in copy["Settings"].iter_rows(values_only=True)]
    assert rows == [("Company", "Bit Origin")]


def test_a_workbook_never_calculated_in_excel_is_refused(tmp_path):
    source = excel_saved(tmp_path / "filled.xlsx", {})
    runner = CliRunner()
    out = runner.invoke(cli, ["share", str(source), "-o", str(tmp_path / "s.xlsx")])
    assert out.exit_code == 2
    assert out.output.strip().splitlines() == [
        f"xlsegment: {source}: no saved value for Schedules!B2, Schedules!D2, Schedules!A5; "
        "open it in Excel, let it calculate, save it, then share again"
    ]
    assert not (tmp_path / "s.xlsx").exists()


def test_cli_writes_the_copy_and_refuses_to_overwrite_the_original(tmp_path):
    source = excel_saved(tmp_path / "report.xlsx", CACHED)
    runner = CliRunner()
    out = runner.invoke(cli, ["share", str(source), "-o", str(tmp_path / "shared.xlsx")])
    assert out.exit_code == 0, out.output
    assert "3 function cells replaced by values" in out.output
    same = runner.invoke(cli, ["share", str(source), "-o", str(source)])
    assert same.exit_code == 2 and "must be a new file" in same.output


@pytest.mark.parametrize(
    ("formula", "ours"),
    [("=SEGPROFITS(1)", False), ("=MYSEGRATE()", False), ('="SEGRATE"', False),
     ("=segrate()", True), ("=ROUND([1]!SEGFX(B2, 7.2993), 0)", True)],
)  # fmt: skip
def test_only_calls_of_our_functions_count(formula, ours):
    wb = openpyxl.Workbook()
    wb.active["A1"] = formula
    assert udf_cells(wb) == ([("Sheet", "A1", formula)] if ours else [])


def _linked(path: Path, targets: list[str]) -> Path:
    """A workbook whose UDF call goes through an external link to the add-in, as Excel
    saves a call of an add-in function."""
    from openpyxl.packaging.relationship import Relationship
    from openpyxl.workbook.external_link.external import ExternalBook, ExternalLink

    wb = openpyxl.Workbook()
    wb.active["A1"] = "=[1]!SEGRATE()"
    for target in targets:
        link = ExternalLink(externalBook=ExternalBook(id="rId1"))
        link.file_link = Relationship(type="externalLinkPath", Target=target,
                                      TargetMode="External", Id="rId1")  # fmt: skip
        wb._external_links.append(link)
    wb.save(path)
    _put_cached_values(path, {"A1": 7.2993}, sheet=1)
    return path


@pytest.mark.parametrize(
    ("targets", "kept"),
    [(["file:///C:/XLSTART/xlsegment.xlam"], 0),
     (["file:///C:/XLSTART/xlsegment.xlam", "file:///C:/data/other.xlsx"], 2)],
)  # fmt: skip
def test_links_to_the_addin_go_when_nothing_else_is_linked(tmp_path, targets, kept):
    result = share(_linked(tmp_path / "linked.xlsx", targets), tmp_path / "shared.xlsx")
    copy = openpyxl.load_workbook(result.target)
    assert copy.active["A1"].value == 7.2993
    assert len(copy._external_links) == kept
    with zipfile.ZipFile(result.target) as z:
        parts = [n for n in z.namelist() if n.startswith("xl/externalLinks/externalLink")]
    assert len(parts) == kept


def _cell_xml(path: Path, sheet: str, ref: str):
    """The <c> element of one cell, read namespace-aware from the sheet's part."""
    from tests.xlsx_parts import MAIN, Package, xml

    part = Package(path).sheet_part(sheet)
    return next(c for c in xml(path, part).iter(f"{{{MAIN}}}c") if c.get("r") == ref)


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example/","click")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2+3"],
)
def test_a_cached_string_is_written_as_text_whatever_its_first_character(tmp_path, text):
    from tests.xlsx_parts import MAIN

    cached = {**CACHED, "D2": text.replace('"', "&quot;")}
    source = excel_saved(tmp_path / "report.xlsx", cached)
    result = share(source, tmp_path / "shared.xlsx")
    cell = _cell_xml(result.target, "Schedules", "D2")
    assert cell.find(f"{{{MAIN}}}f") is None  # no formula of any kind
    assert cell.get("t") in ("inlineStr", "str", "s")
    assert "".join(cell.itertext()) == text
    copy = openpyxl.load_workbook(result.target)["Schedules"]["D2"]
    assert copy.data_type == "s" and copy.value == text


def test_native_formulas_keep_their_cached_values(tmp_path):
    from tests.xlsx_parts import MAIN

    source = excel_saved(tmp_path / "report.xlsx", {**CACHED, "C2": 115432})
    result = share(source, tmp_path / "shared.xlsx")
    cell = _cell_xml(result.target, "Schedules", "C2")
    assert cell.findtext(f"{{{MAIN}}}f") == "B2*2" and cell.findtext(f"{{{MAIN}}}v") == "115432"
    values = openpyxl.load_workbook(result.target, data_only=True)["Schedules"]
    assert values["C2"].value == 115432 and values["B2"].value == 57716


@pytest.mark.slow
def test_a_shared_copy_opens_in_libreoffice_with_the_values(tmp_path):
    from xlsegment.workbook.engines import libreoffice

    source = excel_saved(tmp_path / "report.xlsx", {**CACHED, "C2": 115432})
    result = share(source, tmp_path / "shared.xlsx")
    values = libreoffice.recalculated_values(result.target, tmp_path / "lo")["Schedules"]
    assert values["B2"] == 57716 and values["C2"] == 115432
