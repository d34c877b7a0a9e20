"""Cases from a user review of the workbook side: duplicates, blank rates, .xlsm checks."""

from __future__ import annotations

import openpyxl
import pytest

from xlsegment.workbook.api import check_workbook, fill


def _append_copy_of_data_row(path, match) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Data"]
    table = ws.tables["Data"]
    first, last = table.ref.split(":")
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    source = next(r for r in rows if match(dict(zip(header, r, strict=False))))
    new_row = ws.max_row + 1
    for col, value in enumerate(source, start=1):
        ws.cell(new_row, col, value)
    end_col = "".join(ch for ch in last if ch.isalpha())
    table.ref = f"{first}:{end_col}{new_row}"
    wb.save(path)


def test_a_row_stated_twice_in_data_is_an_error(seed_path, tmp_path):
    path = fill(seed_path, tmp_path / "dup.xlsx")
    _append_copy_of_data_row(
        path,
        lambda r: r["line"] == "Revenue" and r["segment"] == "Corporate" and str(r["period"]) == "2024",
    )
    result = check_workbook(path)
    [dup] = [f for f in result.findings if f.code == "seg.duplicate"]
    assert dup.severity == "error" and "twice" in dup.message


@pytest.mark.slow
def test_a_blank_rate_leaves_every_tolerance_a_number(seed_path, tmp_path):
    """With no convenience rate the translated sums are still checked as sums: no
    tolerance cell may turn into an error value (LibreOffice recalculates)."""
    from xlsegment.workbook.engines import libreoffice

    path = fill(seed_path, tmp_path / "norate.xlsx")
    wb = openpyxl.load_workbook(path)
    sheet, ref = next(iter(wb.defined_names["xls_FxRate"].destinations))
    wb[sheet][ref.replace("$", "")].value = None
    wb.save(path)
    values = libreoffice.recalculated_values(path, tmp_path / "lo")
    errors = {
        (s, cell): v
        for s, cells in values.items()
        for cell, v in cells.items()
        if isinstance(v, str) and v.startswith("#")
    }
    assert errors == {}


@pytest.mark.slow
def test_share_refuses_a_copy_calculated_without_the_functions(tmp_path):
    """LibreOffice knows no SEG* functions: it saves #NAME? (and may name them _xludf.),
    which must not be handed on as the shared figures."""
    import pytest

    from xlsegment.errors import XlsegmentError
    from xlsegment.udfs.share import UDF_CALL, share
    from xlsegment.workbook.engines import libreoffice

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calc"
    ws["B3"] = '=SEGPROFIT("Corporate",2024)'
    ws["B4"] = "=SUM(1,2)"
    wb.save(tmp_path / "udf.xlsx")
    [calculated] = libreoffice.convert([tmp_path / "udf.xlsx"], tmp_path / "lo")
    with pytest.raises(XlsegmentError, match="#NAME"):
        share(calculated, tmp_path / "shared.xlsx")
    assert not (tmp_path / "shared.xlsx").exists()
    assert UDF_CALL.search('=_xludf.SEGTOTAL("Revenue",2024)')


def _setting(path, name):
    wb = openpyxl.load_workbook(path)
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][ref.replace("$", "")].value


def test_an_inferred_rate_is_not_passed_off_as_the_stated_one(seed_path, tmp_path):
    inferred = fill(seed_path, tmp_path / "inferred.xlsx")
    assert "inferred from the translated figures" in _setting(inferred, "xls_FxNote")
    stated = fill(seed_path, tmp_path / "stated.xlsx", rate="7.2993")
    assert _setting(stated, "xls_FxNote") == "Note 3"
    assert _setting(stated, "xls_FxRate") == 7.2993


def test_a_macro_workbook_can_be_checked_and_refreshed_into_a_new_xlsx(seed_path, tmp_path):
    import shutil

    import pytest

    from xlsegment.workbook.api import refresh
    from xlsegment.workbook.engines.base import WorkbookError

    filled = fill(seed_path, tmp_path / "book.xlsx", rate="7.2993")
    macro = tmp_path / "book.xlsm"
    shutil.copyfile(filled, macro)
    assert check_workbook(macro).summary["errors"] == 0
    with pytest.raises(WorkbookError, match="with -o"):
        refresh(macro)
    out = tmp_path / "copy.xlsx"
    assert refresh(macro, out=out).summary["errors"] == 0
    assert check_workbook(out).summary["checks"] == 86


@pytest.mark.slow
def test_fill_refresh_and_check_report_the_same_warnings(seed_path, tmp_path):
    from xlsegment.api import check
    from xlsegment.workbook.api import refresh

    path = fill(seed_path, tmp_path / "book.xlsx", rate="7.2993")
    text_codes = sorted(f.code for f in check(seed_path, rate="7.2993").findings if f.severity == "warning")
    for result in (check_workbook(path), refresh(path), refresh(path), check_workbook(path)):
        codes = sorted(f.code for f in result.findings if f.severity == "warning")
        assert codes == text_codes == ["seg.header.currency", "seg.label.date"]


def test_a_unit_that_is_no_unit_is_refused_naming_the_cell(seed_path, tmp_path):
    import pytest

    from xlsegment.workbook.engines.base import WorkbookError

    path = fill(seed_path, tmp_path / "book.xlsx", rate="7.2993")
    wb = openpyxl.load_workbook(path)
    sheet, ref = next(iter(wb.defined_names["xls_Unit"].destinations))
    wb[sheet][ref.replace("$", "")].value = 7.2993
    wb.save(path)
    with pytest.raises(WorkbookError, match=r"Settings!B\d+: the unit 7.2993 is not one of"):
        check_workbook(path)
