"""The UDF module under xlwings' real Windows decorators, on Linux.

``xlwings.udfs`` imports pythoncom, pywintypes and win32com; stub modules stand in for them
so that xlwings' own ``xlfunc``/``xlarg``/``xlret`` decorate our functions and its own
``generate_vba_wrapper`` writes the VBA that ``import_udfs`` would put into the add-in.
Set XLSEGMENT_UPDATE_GOLDEN=1 to rewrite the golden file after an intended change.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import os
import sys
import types
from pathlib import Path

import pytest
import xlwings

from xlsegment.udfs import functions

GOLDEN = Path(__file__).parent / "golden" / "xlsegment_udfs.bas"
MODULE = "xlsegment.udfs.functions"
# Every function ends with the optional ``data`` xlwings Lite needs (SEGDATA's handle), so
# a formula written on any Excel has the same arguments on every other.
UDFS = {
    "SEGPROFIT": ["segment", "period", "measure", "data"],
    "SEGREVENUE": ["segment", "period", "data"],
    "SEGVALUE": ["line_item", "segment", "period", "data"],
    "SEGTOTAL": ["line_item", "period", "data"],
    "SEGRECON": ["period", "measure", "data"],
    "SEGTABLE": ["table", "period", "to_currency", "data"],
    "SEGFX": ["amount", "rate", "data"],
    "SEGRATE": ["data"],
    "SEGCHECK": ["table", "data"],
    "SEGDATA": ["table", "settings", "checks"],
}
STUBS = ("pythoncom", "pywintypes", "win32com", "win32com.client", "xlwings.udfs")


def _stub_windows_modules() -> None:
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = type("com_error", (Exception,), {})
    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")
    client.Dispatch = lambda obj: obj
    win32com.client = client
    sys.modules.update(
        {"pythoncom": pythoncom, "pywintypes": pywintypes, "win32com": win32com,
         "win32com.client": client}
    )  # fmt: skip


@pytest.fixture(scope="module")
def excel():
    """(xlwings.udfs, our UDF module decorated by it); sys.modules restored afterwards."""
    saved = {name: sys.modules.get(name) for name in STUBS}
    saved_attrs = {name: getattr(xlwings, name) for name in ("func", "arg", "ret")}
    try:
        _stub_windows_modules()
        xludfs = importlib.import_module("xlwings.udfs")
        xlwings.func, xlwings.arg, xlwings.ret = xludfs.xlfunc, xludfs.xlarg, xludfs.xlret
        # A fresh copy of our module, so the installed one keeps its Linux decorators.
        spec = importlib.util.spec_from_file_location("xlsegment_udfs_excel", functions.__file__)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield xludfs, module
    finally:
        for name, value in saved_attrs.items():
            setattr(xlwings, name, value)
        for name, value in saved.items():
            if value is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = value
        if hasattr(xlwings, "udfs") and saved["xlwings.udfs"] is None:
            del xlwings.udfs


def _udfs(module) -> dict[str, dict]:
    return {
        name: getattr(module, name).__xlfunc__
        for name in dir(module)
        if hasattr(getattr(module, name), "__xlfunc__")
    }


def test_exactly_the_ten_functions_are_udfs(excel):
    _, module = excel
    assert set(_udfs(module)) == set(UDFS) == set(functions.NAMES)  # share relies on NAMES
    assert not hasattr(functions.SEGPROFIT, "__xlfunc__")  # Linux import stays undecorated


@pytest.mark.parametrize("name", sorted(UDFS))
def test_metadata(excel, name):
    _, module = excel
    meta = getattr(module, name).__xlfunc__
    assert meta["category"] == "xlsegment"
    assert meta["volatile"] is False and meta["sub"] is False
    assert [a["name"] for a in meta["args"]] == UDFS[name]
    for argument in meta["args"]:
        assert not argument["doc"].startswith("Positional argument"), argument
        assert len(argument["doc"]) <= 255
    assert meta["ret"]["doc"] == getattr(functions, name).__doc__
    assert "\n" not in meta["ret"]["doc"] and len(meta["ret"]["doc"]) <= 255


def test_optional_arguments(excel):
    _, module = excel
    optional = {
        (name, a["name"]): a["optional"]
        for name, meta in _udfs(module).items()
        for a in meta["args"]
        if "optional" in a
    }
    data = {(name, "data"): None for name in UDFS if name != "SEGDATA"}
    assert optional == {("SEGTABLE", "to_currency"): None, ("SEGFX", "rate"): None,
                        ("SEGPROFIT", "measure"): None, ("SEGRECON", "measure"): None,
                        ("SEGCHECK", "table"): None, ("SEGDATA", "settings"): None,
                        ("SEGDATA", "checks"): None} | data  # fmt: skip


def _vba(excel) -> str:
    xludfs, module = excel
    out = io.StringIO()
    addin = types.SimpleNamespace(Name="xlsegment.xlam")
    xludfs.generate_vba_wrapper(MODULE, module, out, addin)
    return out.getvalue()


def test_vba_wrappers_match_golden(excel):
    vba = _vba(excel)
    if os.environ.get("XLSEGMENT_UPDATE_GOLDEN"):
        GOLDEN.write_text(vba, newline="")
    assert vba == GOLDEN.read_text()


def test_vba_wrappers_call_our_module_from_the_active_workbook(excel):
    vba = _vba(excel)
    assert "Function SEGTABLE(table, period, Optional to_currency, Optional data)" in vba
    assert 'SEGPROFIT = XLPy.CallUDF("xlsegment.udfs.functions", "SEGPROFIT", ' \
        "Array(segment, period, measure, data), ActiveWorkbook, Application.Caller)" in vba  # fmt: skip
    assert "Application.Volatile" not in vba
