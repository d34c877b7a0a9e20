"""Regenerate the documentation pictures: ``python -m xlsegment.workbook.build.docs_images [DIR]``.

Fills the bundled seed note, renders its Schedules sheet through LibreOffice, then edits one
reported figure in the Data table, refreshes, and renders again to show a broken total and
the Checks sheet that lists it. Fills a real 10-K's note (Boeing 2024, from the test data)
and renders its schedules too, as they print.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.engines.base import col_letter
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook

SAMPLE = Path(__file__).resolve().parents[2] / "xlsegment" / "data" / "sample_note.txt"
TEN_K = Path(__file__).resolve().parents[2] / "tests" / "data" / "corpus" / "10_boeing_2024.txt"
EDIT = (("period", "2024"), ("line", "Revenue"), ("segment", "Cryptocurrency Mining"))


def _edit_one_figure(path: Path, delta: int) -> None:
    wb = OpenpyxlWorkbook.open(path)
    sheet, header, rows = wb.read_table(c.DATA_TABLE)
    for n, row in enumerate(rows, start=2):
        rec = dict(zip(header, row, strict=False))
        if all(rec[k] == v for k, v in EDIT) and rec["currency"] != "USD":
            col = header.index("value") + 1
            wb.write_block(sheet, f"{col_letter(col)}{n}", [[rec["value"] + delta]])
            break
    wb.save()


def main(folder: Path) -> list[Path]:
    # The top of the first page, below the page header: title, subtitle, the first table.
    crop = {"sheet": c.SCHEDULES, "dpi": 150, "top": 0.07, "height": 0.42}
    checks = {"sheet": c.CHECKS, "dpi": 150, "top": 0.07, "height": 0.3}
    with tempfile.TemporaryDirectory() as tmp:
        clean = fill(SAMPLE, Path(tmp, "segment_report.xlsx"))
        first = libreoffice.render_png(clean, folder / "segment_report.png", **crop)
        _edit_one_figure(clean, +10)
        refresh(clean)
        second = libreoffice.render_png(clean, folder / "segment_report_break.png", **crop)
        third = libreoffice.render_png(clean, folder / "checks_sheet.png", **checks)
        outputs = [first, second, third]
        if TEN_K.exists():  # the test data travels with the source tree, not the wheel
            ten_k = fill(TEN_K, Path(tmp, "boeing.xlsx"), company="The Boeing Company")
            crop = {"sheet": c.SCHEDULES, "dpi": 150, "top": 0.05, "height": 0.6}
            outputs.append(libreoffice.render_png(ten_k, folder / "ten_k_schedules.png", **crop))
    return outputs


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[2] / "docs" / "img"
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else here):
        print(path)
