"""Build ``workbook/template.xlsx``: run ``python -m xlsegment.workbook.build.template``.

The template holds the contract (sheets, the Data and Checks tables, the Settings names and
the named cell styles); fill writes the schedules into it. It is generated, not hand-edited,
so every change to the contract is reviewed as code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.styles import named_styles
from xlsegment.workbook.sheets.blank import build_into

__all__ = ["TEMPLATE", "build", "build_into", "named_styles"]

TEMPLATE = Path(__file__).resolve().parents[1] / "template.xlsx"


def build(path: Path = TEMPLATE) -> Path:
    from xlsegment.workbook.engines.openpyxl_engine import new_workbook

    wb = new_workbook()
    for st in named_styles():
        wb.book.add_named_style(st)
    build_into(wb)
    wb.book.active = wb.sheet_names().index(c.SCHEDULES)
    wb.save(str(path))
    return path


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE)
    print(out)
