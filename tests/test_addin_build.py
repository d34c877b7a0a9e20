"""The Segments ribbon add-in: built from xlwings' template, current, wired to xlsegment.main."""

from __future__ import annotations

import importlib
import importlib.util
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
XLAM = ROOT / "workbook" / "xlsegment.xlam"
UI = "{http://schemas.microsoft.com/office/2006/01/customui}"
EXTENSIBILITY = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location("xlsegment_addin_build", ROOT / "workbook" /
                                                  "build" / "addin.py")  # fmt: skip
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(name, z.read(name)) for name in z.namelist()]


def test_committed_addin_is_what_the_build_script_makes(builder, tmp_path):
    fresh = builder.build(tmp_path / "xlsegment.xlam")
    assert members(fresh) == members(XLAM), "run: python workbook/build/addin.py"


def test_build_is_reproducible(builder, tmp_path):
    one = builder.build(tmp_path / "a.xlam")
    two = builder.build(tmp_path / "b.xlam")
    assert one.read_bytes() == two.read_bytes()


def test_custom_ui_is_referenced_from_the_package_rels():
    with zipfile.ZipFile(XLAM) as z:
        rels = ET.fromstring(z.read("_rels/.rels"))
        targets = [r.get("Target") for r in rels.iter(f"{PKG}Relationship")
                   if r.get("Type") == EXTENSIBILITY]  # fmt: skip
        assert targets == ["customUI/customUI.xml"]
        assert "customUI/customUI.xml" in z.namelist()


def test_segments_tab_has_a_refresh_button_running_the_xlwings_callback():
    with zipfile.ZipFile(XLAM) as z:
        ui = ET.fromstring(z.read("customUI/customUI.xml"))
    tabs = list(ui.iter(f"{UI}tab"))
    assert [t.get("label") for t in tabs] == ["Segments"]
    buttons = list(tabs[0].iter(f"{UI}button"))
    assert [(b.get("label"), b.get("onAction")) for b in buttons] == [("Refresh", "RibbonMyAddin.RunMain")]


def test_vba_is_xlwings_own_and_unchanged(builder):
    with zipfile.ZipFile(builder.template()) as shipped, zipfile.ZipFile(XLAM) as ours:
        assert ours.read("xl/vbaProject.bin") == shipped.read("xl/vbaProject.bin")
        # everything but the ribbon and the properties is the template's
        for name in shipped.namelist():
            if name not in builder.replacements():
                assert ours.read(name) == shipped.read(name), name


def test_the_file_name_makes_the_button_call_xlsegment_main(monkeypatch):
    # RunMain runs "import <base name>; <base name>.main()"
    assert XLAM.name == "xlsegment.xlam"
    package = importlib.import_module(XLAM.stem)
    calls = []
    monkeypatch.setattr("xlsegment.udfs.ribbon.main", lambda: calls.append("refresh"))
    package.main()
    assert calls == ["refresh"]
