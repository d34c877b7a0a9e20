"""A real 10-K's schedules and checks as they print: the filing's figures with their
captions, units and sources, without the workbook's Computed grid beside them (which
halved the print), and every word at 8 pt or more."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xlsegment.workbook.api import fill
from xlsegment.workbook.engines import libreoffice
from xlsegment.workbook.sheets.pages import SMALLEST_PRINT_PT

pytestmark = pytest.mark.slow  # LibreOffice renders a workbook

NOTE = Path(__file__).parent / "data" / "corpus" / "04_unitedhealth_2024.txt"  # nine columns wide
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def _word_boxes(pdf: Path) -> list[list[tuple[str, str, str]]]:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext is needed: apt-get install poppler-utils"
    boxes = subprocess.run([exe, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [WORD.findall(p) for p in boxes.split("<page ")[1:]]


def _at_8_pt(path: Path) -> Path:
    """A sheet of words set in the sheets' font at 8 pt, printed at 100%: pdftotext's word
    box is taller than the type (ascent plus descent), so the printed schedules are held
    against the box of real 8 pt text, not against the number 8."""
    import openpyxl
    from openpyxl.styles import Font

    from xlsegment.workbook.engines.styles import FONT

    book = openpyxl.Workbook()
    ws = book.active
    for r, word in enumerate(["Calibrate", "Segment", "(1,234)", "Total"], start=1):
        ws.cell(r, 1, word).font = Font(name=FONT, size=SMALLEST_PRINT_PT)
    ws.page_setup.scale = 100
    book.save(path)
    return path


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("print")
    book = fill(NOTE, tmp / "unh.xlsx", company="Filer")
    pdf, calibration = libreoffice.convert([book, _at_8_pt(tmp / "eight.xlsx")], tmp / "pdf", fmt="pdf")
    eight = [float(y1) - float(y0) for page in _word_boxes(calibration) for y0, y1, _ in page]
    return _word_boxes(pdf), min(eight)


def _titled(pages, title: str):
    return [p for p in pages if " ".join(w[2] for w in p[:4]).startswith(title)]


@pytest.fixture(scope="module")
def schedule_pages(printed):
    return _titled(printed[0], "Filer: Segment information")


def test_the_schedules_print_without_the_computed_grid(schedule_pages):
    assert schedule_pages
    words = [w[2] for page in schedule_pages for w in page]
    # Only the subtitle's sentence names it ("... Computed figures are formulas.", repeated
    # with column A on each page across); each table's Computed grid heading is off the page.
    named = [words[i + 1] for i, w in enumerate(words) if w == "Computed"]
    assert named and set(named) == {"figures"}
    assert "Source" in words and "millions" in words  # the unit over the columns


def test_the_smallest_printed_text_of_the_schedules_is_8_pt_or_more(printed, schedule_pages):
    """Word boxes (pdftotext) of the printed schedules, against the box of 8 pt text in the
    same font. They were 2.7 pt at the tenth percentile with the Computed grid beside the
    figures, and 4 pt fitted to one page wide; printed at the smallest readable scale, no
    word is smaller than 8 pt."""
    heights = [float(y1) - float(y0) for page in schedule_pages for y0, y1, _ in page]
    assert min(heights) >= printed[1] * 0.99  # within a hundredth: the renderer's rounding


def test_every_printed_schedule_page_carries_the_row_labels(schedule_pages):
    """Nine segments do not fit one page at 8 pt: the columns run on, and every page
    repeats the labels of its rows (column A)."""
    assert len(schedule_pages) >= 2
    for page in schedule_pages:
        words = {w[2] for w in page}
        assert {"Total", "revenues"} <= words or {"Premiums"} <= words or {"Depreciation"} <= words


def test_the_checks_print_one_page_wide_at_8_pt_or_more(printed):
    """The check text wraps in its column (each row as tall as its lines), so the Checks
    table fits a landscape page without shrinking: it printed at 5.5 pt before."""
    pages = _titled(printed[0], "Filer: Checks")
    assert pages
    heights = [float(y1) - float(y0) for page in pages for y0, y1, _ in page]
    assert min(heights) >= printed[1] * 0.99
    for page in pages:  # every column on every page, the status last
        words = [w[2] for w in page]
        assert "id" in words and "status" in words
