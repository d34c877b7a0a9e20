"""A real 10-K's schedules as they print: the filing's figures with their captions, units
and sources, without the workbook's Computed grid beside them (which halved the print)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xlsegment.workbook.api import fill
from xlsegment.workbook.engines import libreoffice

pytestmark = pytest.mark.slow  # LibreOffice renders a workbook

NOTE = Path(__file__).parent / "data" / "corpus" / "04_unitedhealth_2024.txt"  # nine columns wide
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


@pytest.fixture(scope="module")
def schedule_pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("print")
    book = fill(NOTE, tmp / "unh.xlsx", company="Filer")
    [pdf] = libreoffice.convert([book], tmp / "pdf", fmt="pdf")
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext is needed: apt-get install poppler-utils"
    boxes = subprocess.run([exe, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [WORD.findall(p) for p in boxes.split("<page ")[1:]]
    return [p for p in pages if " ".join(w[2] for w in p[:4]).startswith("Filer: Segment information")]


def test_the_schedules_print_without_the_computed_grid(schedule_pages):
    assert schedule_pages
    words = [w[2] for page in schedule_pages for w in page]
    # Only the subtitle's sentence names it ("... Computed figures are formulas."); each
    # table's Computed grid heading is off the page.
    assert words.count("Computed") == 1
    assert "Source" in words and "millions" in words  # the unit over the columns


def test_the_schedules_print_larger_than_before(schedule_pages):
    """Word boxes (pdftotext) of the printed schedules: the tenth smallest percentile was
    2.7 pt with the Computed grid beside the figures; with the figures, their sources and
    the review columns only, it is 4 pt (the issue's goal of 8 pt is not reached yet)."""
    heights = sorted(float(y1) - float(y0) for page in schedule_pages for y0, y1, _ in page)
    assert heights[len(heights) // 10] > 3.8
