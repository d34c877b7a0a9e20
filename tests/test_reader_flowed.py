"""Flowed text (a row's label and cells on one line, as PDF text has them), scrambled text
that must be refused, and a note with nothing to check."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from xlsegment.api import check
from xlsegment.errors import InputError
from xlsegment.numbers import parse_cell
from xlsegment.readers.flowed import is_flowed, unflow
from xlsegment.readers.text import read_string
from xlsegment.report import to_text

SEED = Path(__file__).parent / "data" / "seeds" / "000_fa2b530666297a11.txt"


def items(text: str) -> list[str]:
    return [item for _, item in unflow(text.strip("\n").splitlines()) if item.strip()]


def flow(text: str) -> str:
    """One cell per line made into rows: each run of figures joins the line before it."""
    out: list[str] = []
    for line in text.splitlines():
        if out and out[-1].strip() and parse_cell(line.strip()) is not None:
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_a_row_on_one_line_is_split_into_its_label_and_cells():
    assert items("Revenue 110,739 975 111,714 15,305") == ["Revenue", "110,739", "975", "111,714", "15,305"]
    assert items("Revenue $28,167 $ 25,098 $22,237") == ["Revenue", "$28,167", "25,098", "$22,237"]


def test_a_footnote_mark_stays_with_its_label():
    rows = """
Revenue 1,000 2,000 3,000
Research and development (1) 306 412 518
Total revenues - affiliated customers 9 8 7
"""
    assert items(rows)[4:] == ["Research and development (1)", "306", "412", "518"] + [
        "Total revenues - affiliated customers",
        "9",
        "8",
        "7",
    ]


def test_a_negative_amount_in_parentheses_is_not_a_footnote_mark():
    # rows of three figures: "(3)" is the first amount, not a footnote of the label
    rows = """
Revenue 1,000 2,000 3,000
Equity-method investment activity (3) (12) (101)
Rest of the world (1) 18,790 17,941
"""
    got = items(rows)
    assert got[4:8] == ["Equity-method investment activity", "(3)", "(12)", "(101)"]
    # in a row of two figures among rows of three the "(1)" could be either: the label keeps
    # it only where the rows around it are as wide without it
    two = items("United States 117,478 91,940\nRest of the world (1) 18,790 17,941")
    assert two[3:] == ["Rest of the world (1)", "18,790", "17,941"]


def test_a_flattened_superscript_digit_is_part_of_the_label():
    rows = """
Income tax expense 2,380 2,444 1,802
Other segment items 1 1,787 1,319 1,307
"""
    assert items(rows)[4:] == ["Other segment items 1", "1,787", "1,319", "1,307"]
    # where the rows around it hold four figures, the digit is an amount
    wide = "Revenue 5 6 7 8\nOther segment items 1 1,787 1,319 1,307"
    assert items(wide)[5:] == ["Other segment items", "1", "1,787", "1,319", "1,307"]


def test_prose_with_figures_and_page_numbers_is_not_a_row():
    lines = [
        "Equity earnings were $ 293 million in the year ended December 31, 2023. 98 Table of Contents",
        "Amounts in millions of dollars except per share amounts or as otherwise specified. 44 The Company",
        "Less: Mandatory convertible preferred stock dividends accumulated during the period 58",
    ]
    got = unflow(lines)
    assert got[0] == (1, lines[0]) and got[1] == (2, lines[1])
    # a long label after "Less:" is still a row with its figure
    assert [item for n, item in got if n == 3][-1] == "58"


def test_dates_and_note_references_in_a_label_are_words():
    assert items("Assets at December 31, 2024 (Note 3) 1,200 1,100") == [
        "Assets at December 31, 2024 (Note 3)",
        "1,200",
        "1,100",
    ]


def test_one_cell_per_line_is_not_flowed_and_rows_of_figures_are():
    one_per_line = SEED.read_text(encoding="utf-8").splitlines()
    assert not is_flowed(one_per_line)
    assert is_flowed(flow(SEED.read_text(encoding="utf-8")).splitlines())


def test_the_seed_flowed_reads_the_same_figures_and_checks():
    text = SEED.read_text(encoding="utf-8")
    plain = check(read_string(text, "seed.txt"))
    flowed = check(read_string(flow(text), "seed.txt"))
    assert Counter(f.value for f in flowed.note.facts) == Counter(f.value for f in plain.note.facts)
    assert flowed.summary == plain.summary
    assert flowed.summary["errors"] == 0


def test_scrambled_cells_are_refused_in_one_line_naming_the_file():
    scrambled = "(in millions)\n2024\n2023\n1,200\n1,100\n300\n250\nRevenue\nCosts\nTotal\n"
    with pytest.raises(InputError) as err:
        read_string(scrambled, "scrambled.txt")
    message = str(err.value)
    assert message.startswith("scrambled.txt:")
    assert "out of order" in message and "\n" not in message


def test_a_note_with_nothing_to_check_says_so_first():
    text = "(in millions)\n2024\n2023\nRevenue\n1,200\n1,100\nCosts\n300\n250\n"
    result = check(read_string(text, "flat.txt"))
    assert result.checks == 0
    lines = to_text(result).splitlines()
    assert lines[1].startswith("WARNING: no stated total was found to check")
    # with checks, no such warning
    seed = check(read_string(SEED.read_text(encoding="utf-8"), "seed.txt"))
    assert not any("no stated total" in line for line in to_text(seed).splitlines())
