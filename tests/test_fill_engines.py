"""A workbook filled through XlsxWriter is the workbook openpyxl fills: the same findings
from ``check``, and the contract of docs/workbook.md (sheets, defined names, Excel tables,
the named cell style and the look of every cell), on the seed and corpus notes."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CORPUS, SEED
from xlsegment.workbook import api
from xlsegment.workbook.engines import registry

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_fill import synthetic_note  # noqa: E402

NOTES = ("01_amazon_2024", "10_boeing_2024", "14_general_motors_2023")
SOURCES = [SEED, *(CORPUS / f"{n}.txt" for n in NOTES)]


def _findings(result) -> Counter:
    return Counter(
        (f.code, f.severity, f.sheet, f.cell, f.table, f.period, f.line_item, f.segment, f.message)
        for f in result.findings
    )


def _contract(path) -> dict:
    """What a user and a refresh rely on, as openpyxl reads it: each cell's value, named
    style, number format, font, fill, alignment and borders; names, tables, print setup."""
    book = openpyxl.load_workbook(path)
    cells = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                font, al, border = cell.font, cell.alignment, cell.border
                cells[(ws.title, cell.coordinate)] = (
                    cell.value,
                    cell.style,
                    cell.number_format,
                    (bool(font.b), bool(font.i), font.sz, _rgb(font.color)),
                    _rgb(cell.fill.fgColor) if cell.fill.fill_type == "solid" else None,
                    _alignment(al),
                    (_edge(border.top), _edge(border.bottom)),
                )
    return {
        "sheets": book.sheetnames,
        "active": book.active.title,
        "names": {n: d.attr_text for n, d in book.defined_names.items()},
        "styles": sorted(book.named_styles),
        "tables": {
            (ws.title, t.displayName): (t.ref, t.tableStyleInfo.name, [c.name for c in t.tableColumns])
            for ws in book.worksheets
            for t in ws.tables.values()
        },
        "pages": {
            ws.title: (
                ws.freeze_panes,
                ws.print_area,
                ws.print_title_rows,
                ws.print_title_cols,
                ws.page_setup.orientation,
                ws.oddHeader.center.text,
                ws.oddFooter.center.text,
                sorted(map(str, ws.merged_cells.ranges)),
                _columns(ws),
            )
            for ws in book.worksheets
        },
        "notes": {
            (ws.title, c.coordinate): (c.comment.author, c.comment.text)
            for ws in book.worksheets
            for row in ws.iter_rows()
            for c in row
            if c.comment
        },
        "rules": {
            ws.title: [(str(cf.sqref), [r.formula for r in cf.rules]) for cf in ws.conditional_formatting]
            for ws in book.worksheets
        },
        "cells": cells,
    }


def _columns(ws) -> dict:
    """Width and hiding of each column; a run of alike columns may be stored as one, and a
    hidden column's width is whatever the writer's default is."""
    return {
        col: (None if d.hidden else round(d.width, 2), bool(d.hidden))
        for d in ws.column_dimensions.values()
        if d.width or d.hidden
        for col in range(d.min, d.max + 1)
    }


def _alignment(al) -> tuple:
    """Alignment as Excel shows it: bottom is the default, and an indent aligns left."""
    horizontal = al.horizontal or ("left" if al.indent else None)
    return (horizontal, al.vertical or "bottom", al.indent, bool(al.wrap_text))


def _rgb(colour) -> str | None:
    rgb = getattr(colour, "rgb", None)
    return rgb[-6:].upper() if isinstance(rgb, str) else None


def _edge(side) -> tuple | None:
    return (side.style, _rgb(side.color)) if side is not None and side.style else None


def _same_checks(source, tmp_path) -> None:
    """fill reports, and check finds, the same on the workbooks the two engines write."""
    by_openpyxl = api.fill_checked(source, tmp_path / "openpyxl.xlsx", engine="openpyxl")
    by_xlsxwriter = api.fill_checked(source, tmp_path / "xlsxwriter.xlsx", engine="xlsxwriter")
    assert _findings(by_openpyxl) == _findings(by_xlsxwriter)
    checked = [api.check_workbook(tmp_path / f"{e}.xlsx") for e in ("openpyxl", "xlsxwriter")]
    assert _findings(checked[0]) == _findings(checked[1])
    assert checked[0].summary == checked[1].summary
    assert checked[0].summary["checks"] > 0


def _same_contract(tmp_path) -> None:
    contracts = [_contract(tmp_path / f"{e}.xlsx") for e in ("openpyxl", "xlsxwriter")]
    for part in contracts[0]:
        assert contracts[0][part] == contracts[1][part], part


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_both_engines_write_the_same_workbook(source, tmp_path):
    _same_checks(source, tmp_path)
    _same_contract(tmp_path)


def test_both_engines_write_the_same_synthetic_workbook(tmp_path):
    _same_checks(synthetic_note(12, 10, 3), tmp_path)
    _same_contract(tmp_path)


@pytest.mark.slow
def test_check_finds_the_same_on_the_benchmarks_big_workbook_from_either_engine(tmp_path):
    _same_checks(synthetic_note(50, 40, 12), tmp_path)


def test_fill_writes_through_xlsxwriter_unless_given_a_template_of_ones_own(tmp_path):
    assert registry.writer() == "xlsxwriter"
    assert registry.writer(api.TEMPLATE) == "xlsxwriter"
    own = tmp_path / "own.xlsx"
    own.write_bytes(api.TEMPLATE.read_bytes())
    assert registry.writer(own) == "openpyxl"
    with pytest.raises(api.WorkbookError, match="no workbook engine named 'nope'"):
        registry.new_workbook("nope")
