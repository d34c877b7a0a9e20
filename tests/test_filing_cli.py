"""check, parse and fill on EDGAR filings through the reader registry and reading options."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlsegment.cli import cli
from xlsegment.readers import reader_for

DATA = Path(__file__).parent / "data"
AMZN = DATA / "xbrl" / "amzn-10-k-2025-02-07.ixbrl.html"
NETFLIX = DATA / "corpus2" / "34_netflix_2024.html"


def test_the_registry_picks_the_filing_readers():
    assert reader_for(AMZN)[0].name == "HTML filing"
    assert reader_for(DATA / "xbrl" / "aapl-20230930_htm.xml")[0].name == "XBRL instance"
    assert reader_for(DATA / "corpus2" / "34_netflix_2024.txt")[0].name == "filing text"


@pytest.mark.slow
def test_check_a_whole_ixbrl_filing_as_json():
    result = CliRunner().invoke(cli, ["check", str(AMZN), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["summary"]["errors"] == 0 and doc["summary"]["checks"] == 48
    assert [t["name"] for t in doc["tables"]][:1] == ["Segment profit or loss"]
    assert doc["summary"]["figures"] == doc["summary"]["covered"] == 147


@pytest.mark.slow
def test_check_picks_tables_by_number():
    result = CliRunner().invoke(cli, ["check", str(AMZN), "--tables", "72,73"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith(": 2 tables, USD millions")


def test_parse_writes_tidy_facts_with_their_html_lines(tmp_path):
    out = tmp_path / "netflix.csv"
    result = CliRunner().invoke(cli, ["parse", str(NETFLIX), "--csv", str(out)])
    assert result.exit_code == 0 and "36 facts from 1 tables" in result.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    revenue = {r["period"]: r["value"] for r in rows if r["line"] == "Revenues"}
    assert revenue == {"2024": "39000966", "2023": "33723297", "2022": "31615550"}
    assert all(r["source_line"] for r in rows if not r["finding"])  # facts, not the reader's findings


def test_fill_a_workbook_from_an_html_note(tmp_path):
    out = tmp_path / "netflix.xlsx"
    result = CliRunner().invoke(cli, ["fill", str(NETFLIX), "-o", str(out), "--tables", "1"])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output
    data = [row for row in openpyxl.load_workbook(out)["Data"].iter_rows(values_only=True)]
    assert any(8711631 in row for row in data)  # net income 2024, thousands


def test_list_tables_of_a_whole_filing():
    result = CliRunner().invoke(cli, ["parse", str(AMZN), "--csv", "unused.csv", "--list-tables"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 91
    assert lines[68].split()[0] == "69" and lines[68].endswith("is as follows (in millions):")
    # a long lead-in is cut at a word, and says so
    assert "  …to consolidated net income (loss)" in lines[68]
    assert not Path("unused.csv").exists()


def test_html_tables_are_named_by_their_number_and_read_once():
    """A table from an HTML filing is reported by its number there, as --list-tables and
    --tables name it (a whole filing sits on a few long lines); a number given twice is
    read once, not tied to itself."""
    filing = DATA / "xbrl" / "amzn-10-k-2025-02-07.ixbrl.html"
    result = CliRunner().invoke(cli, ["check", str(filing), "--tables", "69,69"])
    assert result.exit_code == 0
    assert "T1 Segment profit or loss (table 69): 24 checks" in result.output
    assert "1 table," in result.output.splitlines()[0]
