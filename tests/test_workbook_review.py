"""Cases from a user review of the workbook side: duplicates, blank rates, .xlsm checks."""

from __future__ import annotations

import openpyxl

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


def test_a_blank_rate_leaves_every_tolerance_a_number(seed_path, tmp_path):
    """With no convenience rate the translated sums are still checked as sums: no
    tolerance cell may turn into an error value (LibreOffice recalculates)."""
    from xlsegment.workbook import libreoffice

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
