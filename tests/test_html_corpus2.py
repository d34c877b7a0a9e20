"""The HTML reader on the eleven corpus2 notes, against the reading of their .txt twins.

Every stated total in corpus2 ties (corpus2/README.md), so any error is a false alarm.
Where the two readings differ, the case below says which one is right, from the numbers.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsegment.api import check
from xlsegment.cli import cli
from xlsegment.model import RelationKind, Role
from xlsegment.readers import read

CORPUS2 = Path(__file__).parent / "data" / "corpus2"


def values(table) -> Counter:
    return Counter(f.value for f in table.cells.values())


# note: (tables, figures); both readings find the same figures, table by table, and both
# are clean. Where the text alone misled earlier readings, the HTML header settled it:
# Adobe's 'Total Americas' is the Americas subtotal under 'Americas:', not total revenue;
# Abbott's 'Depreciation | Additions | Total Assets' are measures of each segment row;
# Comcast's 'Revenue | Adjusted EBITDA' sit side by side under each year; General
# Dynamics' 'Total North America' is a region's subtotal.
SAME = {
    "31_apple_fy2024": (4, 62),
    "32_adobe_fy2024": (6, 75),
    "34_netflix_2024": (1, 36),
    "36_abbvie_2024": (4, 263),
    "37_abbott_2023": (5, 151),
    "39_colgate_palmolive_2023": (6, 129),
    "40_comcast_2023": (3, 120),
    "42_general_dynamics_2023": (3, 132),
    "44_intel_2023": (2, 69),
}


@pytest.mark.parametrize("stem", sorted(SAME))
def test_html_finds_the_same_tables_and_figures_as_the_text(stem):
    n_tables, n_figures = SAME[stem]
    html = read(CORPUS2 / f"{stem}.html")
    text = read(CORPUS2 / f"{stem}.txt")
    assert len(html.tables) == len(text.tables) == n_tables
    assert len(html.facts) == len(text.facts) == n_figures
    for h, t in zip(html.tables, text.tables, strict=True):
        assert values(h) == values(t), h.id
    html_result, text_result = check(html), check(text)
    assert text_result.summary["errors"] == 0
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


def test_aegon_fixed_width_tables_are_read_by_their_column_marks(tmp_path):
    """AEGON's 20-F (2000) is fixed-width text in <pre>, with EDGAR's <TABLE> blocks and
    their <S>/<C> column marks. Read by column position: every figure in its column, the
    names wrapped over two lines ("The" over "Netherlands") joined, and the investments
    tables' segments stated in their own currencies (USD, GBP) beside a total in EUR that
    is no sum of them. The same text saved as a .txt filing reads the same."""
    html_path = CORPUS2 / "53_aegon_2000.html"
    result = check(html_path)
    assert result.summary["errors"] == 0
    assert len(result.note.tables) == 9
    covered, reported = result.coverage
    assert covered >= 0.95 * reported
    t1 = result.note.tables[0]
    assert [c.label for c in t1.columns] == [
        "Americas",
        "The Netherlands",
        "United Kingdom",
        "Hungary",
        "Spain",
        "Other countries",
        "Total",
    ]
    fact = next(f for f in t1.cells.values() if f.value == 1581)
    assert str(fact.source) == "line 13" and html_path.read_text().splitlines()[12].startswith(
        "Traditional Life"
    )
    investments = result.note.tables[6]
    assert [c.currency for c in investments.columns] == ["USD", "EUR", "GBP", "EUR", "EUR"]
    assert all(c.role != Role.CONVENIENCE for c in investments.columns)
    assert not any(r.kind == RelationKind.CROSSFOOT and r.table == investments.id for r in result.relations)
    # the same blocks as a plain-text filing
    raw = html_path.read_text(encoding="utf-8")
    text = "\n".join(html.unescape(m) for m in re.findall(r"<pre>(.*?)</pre>", raw, re.S))
    txt = tmp_path / "aegon.txt"
    txt.write_text(text, encoding="utf-8")
    as_text = check(txt)
    assert Counter(f.value for f in as_text.note.facts) == Counter(f.value for f in result.note.facts)
    assert as_text.summary == result.summary


def test_fixed_width_pre_without_column_marks_is_refused_in_one_line(tmp_path):
    page = tmp_path / "old.html"
    page.write_text("<html><body><pre>Segment information\nRevenue    1,200    800\n</pre></body></html>")
    result = CliRunner().invoke(cli, ["check", str(page)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "old.html:1: the note is fixed-width text in <pre> without EDGAR's" in lines[0]
