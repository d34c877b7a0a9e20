"""The filled seed as it prints: LibreOffice renders it to PDF, poppler reads the text back.

What a reader sees on paper is what these tests look at: titles with the company, whole
pages, a Checks sheet whose counts say how they relate to `xlsegment check`, no severity
on a passing check, years as years, no header doubled, no value clipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import openpyxl
import pytest
from click.testing import CliRunner

from tests.test_workbook_refresh import set_data_value
from xlsegment.cli import cli
from xlsegment.workbook import contract as c
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.engines import libreoffice

pytestmark = pytest.mark.slow  # LibreOffice renders two workbooks

COMPANY = "Acme & Co"  # an "&" must print as itself, not as a page-header code
RATE_SOURCE = "inferred from the translated figures (any rate from 7.299269 to 7.299454 fits); Note 3"
EDIT = ("Segment profit or loss", "2024", "Revenue", "Cryptocurrency Mining", "CNY")


def pages(pdf) -> list[str]:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext is needed: apt-get install poppler-utils"
    text = subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def sheet_of(page: str) -> str:
    """The sheet a printed page belongs to, from its page header."""
    header = page.strip().splitlines()[0].strip()
    assert header.startswith(f"{COMPANY}: "), header
    return header.removeprefix(f"{COMPANY}: ")


@pytest.fixture(scope="module")
def printed(seed_path, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("print")
    clean = fill(seed_path, tmp / "clean.xlsx", company=COMPANY)
    broken = fill(seed_path, tmp / "broken.xlsx", company=COMPANY)
    set_data_value(broken, EDIT, 10)  # one reported figure edited: its totals break
    refresh(broken)
    pdfs = libreoffice.convert([clean, broken], tmp / "pdf", fmt="pdf")
    return {p.stem: pages(p) for p in pdfs}, clean


def by_sheet(all_pages: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for page in all_pages:
        out.setdefault(sheet_of(page), []).append(page)
    return out


def test_every_page_is_titled_with_the_company_and_numbered(printed):
    clean = printed[0]["clean"]
    sheets = by_sheet(clean)
    assert list(sheets) == ["Settings", "Data", "Segment information", "Checks"]
    assert [page.strip().splitlines()[-1].strip() for page in clean] == [
        f"Page {n} of {len(clean)}" for n in range(1, len(clean) + 1)
    ]
    book = openpyxl.load_workbook(printed[1])
    assert book[c.SCHEDULES]["A1"].value == f"{COMPANY}: Segment information"
    assert book[c.CHECKS]["A1"].value == f"{COMPANY}: Checks"


def test_every_sheet_prints_on_whole_pages(printed):
    sheets = by_sheet(printed[0]["clean"])
    assert len(sheets["Settings"]) == 1  # it printed on two: the Notes column on a page of its own
    # Each page is the sheet's whole width, its header row repeated on every page.
    assert all(re.search(r"^table +period +line .* source_line$", p, re.M) for p in sheets["Data"])
    assert all(re.search(r"^id +code +severity +check .* status$", p, re.M) for p in sheets["Checks"])
    # The schedules print the filing's figures with their sources; the Computed grid stays
    # on screen (printed beside them it halved the print's size).
    printed_schedules = "\n".join(sheets["Segment information"])
    assert "Source" in printed_schedules
    # The subtitle's sentence only ("... Computed figures are formulas.", wrapped, and
    # repeated with column A on each page across): no Computed grid heading.
    assert printed_schedules.count("Computed") == printed_schedules.count("formulas.") >= 1
    book = openpyxl.load_workbook(printed[1])
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        if ws.page_setup.scale is None:  # one page wide
            # fitToWidth left out is 1, its default in the schema (XlsxWriter leaves it out).
            fit_width = 1 if ws.page_setup.fitToWidth is None else ws.page_setup.fitToWidth
            assert ws.sheet_properties.pageSetUpPr.fitToPage and fit_width == 1, ws.title
            assert ws.page_setup.fitToHeight == 0, ws.title
        else:  # too wide for one page at 8 pt: the labels repeat on every page across
            assert ws.page_setup.scale * 10 / 100 >= 8 and ws.print_title_cols == "$A:$A", ws.title


def test_the_rate_source_prints_whole(printed):
    [settings] = by_sheet(printed[0]["clean"])["Settings"]
    line = next(line for line in settings.splitlines() if line.startswith("Rate source"))
    assert RATE_SOURCE in line  # it printed as "69 to 7.299454 fits); Note 3"
    assert f"Company  {COMPANY}" in re.sub(r" {2,}", "  ", settings)


def checks_rows(all_pages: list[str]) -> dict[str, str]:
    """Printed Checks rows by id (C1, P1, R1...)."""
    rows = {}
    for page in by_sheet(all_pages)["Checks"]:
        for line in page.splitlines():
            m = re.match(r"([CPR]\d+) ", line)
            if m:
                rows[m.group(1)] = line
    return rows


def test_a_passing_check_shows_no_severity_and_a_break_shows_error(printed):
    clean, broken = checks_rows(printed[0]["clean"]), checks_rows(printed[0]["broken"])
    live = {k: v for k, v in clean.items() if k.startswith("C")}
    assert len(live) == 89
    assert all(line.split()[-1] in ("OK", "—") for line in live.values())
    assert not any(re.search(r"\berror\b", line) for line in live.values())
    breaks = {k: v for k, v in broken.items() if k.startswith("C") and v.split()[-1] == "BREAK"}
    assert breaks and all(v.split()[2] == "error" for v in breaks.values())
    passing = [v for k, v in broken.items() if k.startswith("C") and v.split()[-1] == "OK"]
    assert passing and not any(re.search(r"\berror\b", v) for v in passing)


def test_years_print_as_years(printed):
    rows = checks_rows(printed[0]["clean"])
    [typo] = [line for line in rows.values() if "seg.label.date" in line]
    assert re.search(r"\b2024\s+1024\s+WARNING$", typo), typo
    assert "2,024" not in typo and "1,024" not in typo


def test_the_counts_say_how_they_relate_to_the_cli(printed):
    first = by_sheet(printed[0]["clean"])["Checks"][0]
    text = re.sub(r"\s+", " ", first)
    assert "89 live checks (C rows, formulas that follow every edit): 0 break now" in text
    assert "C rows are the 86 checks that xlsegment check counts and 3 ties to the consolidated" in text
    assert "At the last refresh: 0 errors, 2 warnings, 8 infos: 4 from the checks (P rows), " in text
    assert "6 noticed by the reader at fill time (R rows)" in text
    cli_json = CliRunner().invoke(cli, ["check", str(printed[1]), "--json"])
    doc = json.loads(cli_json.stdout)
    assert doc["summary"] | {"figures": 0, "covered": 0} == {
        "checks": 86, "errors": 0, "warnings": 2, "infos": 8, "figures": 0, "covered": 0
    }  # fmt: skip
    rows = checks_rows(printed[0]["clean"])
    assert sum(1 for k in rows if k[0] in "PR") == len(doc["findings"]) == 10
    broken = re.sub(r"\s+", " ", by_sheet(printed[0]["broken"])["Checks"][0])
    breaks = sum(1 for v in checks_rows(printed[0]["broken"]).values() if v.split()[-1] == "BREAK")
    assert f"89 live checks (C rows, formulas that follow every edit): {breaks} break now" in broken


def test_no_column_header_is_doubled(printed):
    schedules = "\n".join(by_sheet(printed[0]["clean"])["Segment information"]).splitlines()
    # The row under the column names: each column's currency with the note's unit.
    currency_rows = [
        i for i, line in enumerate(schedules) if {"CNY", "USD", "thousands"} <= set(line.split())
    ]
    assert len(currency_rows) == 3  # T1, T6 and T7 carry the USD convenience column
    for i in currency_rows:
        above = next(line for line in reversed(schedules[:i]) if line.strip())
        assert "USD" not in above, above  # the translated column's label is its source's
    # "Cryptocurrency Mining" wraps: its second line stands alone above the currency row.
    t1_labels = next(line for line in reversed(schedules[: currency_rows[0]]) if "Corporate" in line)
    assert t1_labels.split().count("Total") == 2  # RMB and USD (the computed grid does not print)
