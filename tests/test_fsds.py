"""The SEC's Financial Statement Data Sets as a source, and as a truth for the HTML reader.

tests/data/fsds/apple_fy2024 holds one filing's sub, num and pre rows; the same filing's
note is tests/data/corpus2/31_apple_fy2024.html. Every figure the data sets tag on the
operating-segment axis must be a figure the HTML reader reads from the note, with the
same segment, period, kind of line and value; and the data sets, read as a note, must
check clean, and find a figure changed in num.txt.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from xlsegment.api import check, parse
from xlsegment.errors import InputError
from xlsegment.readers.fsds import filings, member_name, read_fsds
from xlsegment.vocabulary import classify

DATA = Path(__file__).parent / "data"
FSDS = DATA / "fsds" / "apple_fy2024"
NOTE = DATA / "corpus2" / "31_apple_fy2024.html"
ADSH = "0000320193-24-000123"


@pytest.fixture(scope="module")
def pair():
    return read_fsds(FSDS), parse(NOTE)


def test_every_segment_figure_of_the_data_sets_is_read_from_the_note(pair):
    fsds, note = pair
    read = {
        (f.segment.casefold(), f.period, classify(f.line_item).kind, Decimal(f.value)) for f in note.facts
    }
    segment_facts = [f for f in fsds.facts if f.table == "Segment information"]
    # five segments x two lines x three years, and each line's Total per year
    assert len(segment_facts) == 36
    missing = [
        (f.segment, f.line_item, f.period, f.value)
        for f in segment_facts
        if (f.segment.casefold(), f.period, classify(f.line_item).kind, Decimal(f.value)) not in read
        # the data sets' Total of operating income is the segments' total, which the note
        # names "Segment operating income"
        and not (f.segment == "Total" and (f.segment.casefold(), f.period, Decimal(f.value)) in _loose(note))
    ]
    assert missing == []
    assert fsds.unit == note.unit == "millions" and fsds.presentation_currency == note.presentation_currency


def _loose(note):
    return {(f.segment.casefold(), f.period, Decimal(f.value)) for f in note.facts}


def test_every_geographic_figure_of_the_data_sets_is_in_the_note(pair):
    fsds, note = pair
    geography = [f for f in fsds.facts if f.table == "Revenue by geography"]
    assert len(geography) == 9
    stated = {
        (f.period, Decimal(f.value))
        for f in note.facts
        if classify(f.line_item).kind == classify("Net sales").kind
    }
    assert [
        (f.segment, f.period, f.value) for f in geography if (f.period, Decimal(f.value)) not in stated
    ] == []


def test_the_data_sets_as_a_source_check_clean():
    result = check(FSDS)
    assert result.summary["errors"] == 0
    assert result.summary["checks"] == 6  # net sales and operating income x three years
    assert read_fsds(Path(f"{FSDS}#{ADSH}")).facts == read_fsds(FSDS).facts
    assert filings(FSDS) == [ADSH]


def test_a_changed_figure_in_num_txt_breaks_its_total(tmp_path):
    folder = tmp_path / "apple"
    shutil.copytree(FSDS, folder)
    num = folder / "num.txt"
    lines = num.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(
        i
        for i, line in enumerate(lines)
        if "\tRevenueFromContractWithCustomerExcludingAssessedTax\t" in line
        and "BusinessSegments=JapanSegment;" in line
        and "\t20240930\t" in line
    )
    # 100 million off: more than the rounding of five figures stated in millions allows
    lines[at] = lines[at].replace("25052000000.0000", "25152000000.0000")
    num.write_text("".join(lines), encoding="utf-8")
    result = check(folder)
    assert len(result.errors) == 1 and "Net sales" in result.errors[0].message
    # the finding points at the line of num.txt that states the broken total: 2024's
    # undimensioned net sales
    total = lines[result.errors[0].source_line - 1].split("\t")
    revenue = "RevenueFromContractWithCustomerExcludingAssessedTax"
    assert (total[1], total[3], total[6]) == (revenue, "20240930", "")


def test_the_command_line_reads_the_folder():
    done = subprocess.run(
        [sys.executable, "-m", "xlsegment.cli", "check", str(FSDS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "9 tables, USD millions" in done.stdout


def test_a_folder_of_several_filings_asks_for_one(tmp_path):
    folder = tmp_path / "two"
    shutil.copytree(FSDS, folder)
    sub = folder / "sub.txt"
    head, row = sub.read_text(encoding="utf-8").splitlines()[:2]
    sub.write_text(f"{head}\n{row}\n{row.replace(ADSH, '0000000001-24-000001')}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"holds 2 filings; name one as FOLDER#ADSH"):
        read_fsds(folder)
    with pytest.raises(InputError, match="no figure on a segment axis"):
        read_fsds(Path(f"{folder}#0000000001-24-000001"))


def test_a_broken_row_is_one_line_naming_file_and_line(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(FSDS, folder)
    num = folder / "num.txt"
    lines = num.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "\t4\tUSD\t" in line)
    lines[at] = lines[at].replace("\t4\tUSD\t", "\tfour\tUSD\t", 1)
    num.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_fsds(folder)
    assert str(raised.value).startswith(f"{num}:{at + 1}: ")


@pytest.mark.parametrize(
    ("member", "name"),
    [
        ("AmericasSegment", "Americas"),
        ("RestOfAsiaPacificSegment", "Rest of Asia Pacific"),
        ("GreaterChinaSegment", "Greater China"),
        ("CloudAndLicenseMember", "Cloud and License"),
        ("US", "US"),
        ("IPhone", "IPhone"),
    ],
)
def test_member_names_as_a_note_writes_them(member, name):
    assert member_name(member) == name
