"""The HTML reader on the eleven corpus2 notes, against the reading of their .txt twins.

Every stated total in corpus2 ties (corpus2/README.md), so any error is a false alarm.
Where the two readings differ, the case below says which one is right, from the numbers.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsegment.api import check
from xlsegment.cli import cli
from xlsegment.readers import read

CORPUS2 = Path(__file__).parent / "data" / "corpus2"


def values(table) -> Counter:
    return Counter(f.value for f in table.cells.values())


# note: (tables, figures read from the HTML, errors of the .txt reading today, why they differ)
SAME = {
    "31_apple_fy2024": (4, 62, 0, ""),
    "32_adobe_fy2024": (
        6,
        75,
        1,
        # Same figures. The .txt reading names T2/T3's columns 'Column 1..4' (the header is
        # above the first period block only) and ties 'Total Americas' (12,891) to total
        # revenue (21,505): a false error. The HTML reading keeps the header over all three
        # blocks and reads 'Total Americas' as the Americas subtotal under 'Americas:'.
        "",
    ),
    "34_netflix_2024": (1, 36, 0, ""),
    "36_abbvie_2024": (4, 263, 0, ""),
    "37_abbott_2023": (
        5,
        151,
        5,
        # Same figures. The .txt reading takes 'Depreciation | Additions | Total Assets' for
        # segment columns and ties Total Assets to depreciation (1,277 against 2,209): false.
        # The HTML reading reads them as measures of each segment row: right.
        "",
    ),
    "39_colgate_palmolive_2023": (6, 129, 0, ""),
    "40_comcast_2023": (
        3,
        120,
        34,
        # Same figures, different periods: the .txt reading takes the Adjusted EBITDA columns
        # for three convenience columns of 2021; the HTML header says 'Revenue | Adjusted
        # EBITDA' under each of 2023, 2022, 2021. The HTML reading is right: every
        # business line adds to its segment in every column (71,946 + 9,255 = 81,201).
        "",
    ),
    "42_general_dynamics_2023": (
        3,
        132,
        6,
        # Same figures. 'Total North America' (37,121) is the subtotal of the region under
        # 'North America', not total revenue (42,272): the .txt reading's ties are false.
        "",
    ),
    "44_intel_2023": (2, 69, 0, ""),
}


@pytest.mark.parametrize("stem", sorted(SAME))
def test_html_finds_the_same_tables_and_figures_as_the_text(stem):
    n_tables, n_figures, text_errors, _ = SAME[stem]
    html = read(CORPUS2 / f"{stem}.html")
    text = read(CORPUS2 / f"{stem}.txt")
    assert len(html.tables) == len(text.tables) == n_tables
    assert len(html.facts) == len(text.facts) == n_figures
    for h, t in zip(html.tables, text.tables, strict=True):
        assert values(h) == values(t), h.id
    html_result, text_result = check(html), check(text)
    assert text_result.summary["errors"] <= text_errors  # the text reading's false alarms, going down
    assert html_result.summary["errors"] == 0


def test_johnson_johnson_percent_changes_are_not_amounts():
    """J&J's sales tables carry '% Change' columns. The '%' survives in the text only on a
    table's first figure, but the header names the columns ("% Change", "'24 vs. '23"), so
    both readings leave the percentage changes out, and read the same figures: where the
    text has '*' for one change (OTHER ONCOLOGY, U.S.), the row's other change, 49.3, shows
    more decimals than the table's amounts and comes last, so it is no amount. T7's header
    names nine columns (three segments over three years) while most of its rows fill six:
    both read all nine, and T7's segment income before tax for 2022 ties (15,647 + 4,447 = 20,094)."""
    html = read(CORPUS2 / "33_johnson_johnson_2024.html")
    text = read(CORPUS2 / "33_johnson_johnson_2024.txt")
    assert len(html.tables) == len(text.tables) == 10
    only_text = Counter(f.value for f in text.facts) - Counter(f.value for f in html.facts)
    only_html = Counter(f.value for f in html.facts) - Counter(f.value for f in text.facts)
    assert not only_text
    assert not only_html
    assert Decimal("49.3") not in {f.value for f in text.facts}
    t7 = {f.segment: f.value for f in html.tables[6].cells.values() if f.period == "2022"
          and f.line_item == "Segment income before tax"}  # fmt: skip
    assert t7 == {"Innovative Medicine": 15647, "MedTech": 4447, "Total": 20094}
    assert any(f.code == "seg.layout.percent" for f in html.findings)
    assert check(text).summary["errors"] == 0
    assert check(html).summary["errors"] == 0


def test_facts_point_at_their_table_row_and_column():
    note = read(CORPUS2 / "31_apple_fy2024.html")
    fact = next(f for f in note.facts if f.value == 167045)
    assert (fact.source.table, fact.source.row, fact.source.col) == (1, 4, 5)
    assert str(fact.source) == "table 1, row 4, column 5"
    assert fact.source.file.endswith("31_apple_fy2024.html") and fact.source.line == 5
    assert (fact.segment, fact.line_item, fact.period) == ("Americas", "Net sales", "2024")


def test_fragments_say_their_tags_need_the_whole_filing():
    note = read(CORPUS2 / "31_apple_fy2024.html")
    assert [f.code for f in note.findings] == ["seg.xbrl.fragment"]
    assert note.tags == () and all(f.tag is None for f in note.facts)


def test_aegon_fixed_width_pre_is_refused_in_one_line():
    result = CliRunner().invoke(cli, ["check", str(CORPUS2 / "53_aegon_2000.html")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "53_aegon_2000.html:4: the note is fixed-width text in <pre>" in lines[0]
