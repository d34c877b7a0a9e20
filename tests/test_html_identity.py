"""The HTML reader gives figures their identity too: the corpus2 filings' own HTML against
the hand-written truth (matched by value, as HTML has no lines), and the header bands a
grid states with its spans."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.identity import html_source, truth_files, verdicts
from xlsegment.api import parse

HTML_STEMS = [p.name.removesuffix(".queries.json") for p in truth_files() if html_source(p.name[:-13])]

# Figures the HTML leaves unnamed at most (a change may only lower them): none today.
HTML_GAPS: dict[str, int] = {}


@pytest.mark.parametrize("stem", HTML_STEMS)
def test_every_figure_of_the_html_has_its_identity(stem):
    found = verdicts(stem, html_source(stem))
    counts = Counter(v.status for v in found)
    assert counts["missing"] == 0, [str(v) for v in found if v.status == "missing"]
    assert len(found) - counts["right"] <= HTML_GAPS.get(stem, 0), [
        str(v) for v in found if v.status != "right"
    ]


def _html(tmp_path, head: str, rows: str, lead_in: str = "<p>Segment information (dollars in millions):</p>"):
    path = tmp_path / "note.html"
    path.write_text(f"<html><body>{lead_in}<table>{head}{rows}</table></body></html>")
    return parse(path)


ROWS = (
    "<tr><td>Revenue:</td><td></td><td></td><td></td><td></td></tr>"
    "<tr><td>Software</td><td>$ 7,000</td><td>$ 6,500</td><td>$ 13,500</td><td>$ 12,400</td></tr>"
    "<tr><td>Consulting</td><td>5,000</td><td>5,100</td><td>9,900</td><td>10,000</td></tr>"
    "<tr><td>Total revenue</td><td>$ 12,000</td><td>$ 11,600</td><td>$ 23,400</td><td>$ 22,400</td></tr>"
)


@pytest.mark.parametrize(("three", "six"), [("Three Months Ended June 30,", "Six Months Ended June 30,"),
                                            ("Quarter Ended", "Twenty-six Weeks Ended")])  # fmt: skip
def test_durations_over_years_name_each_period(tmp_path, three, six):
    head = (
        f'<tr><td></td><td colspan="2">{three}</td><td colspan="2">{six}</td></tr>'
        "<tr><td></td><td>2025</td><td>2024</td><td>2025</td><td>2024</td></tr>"
    )
    note = _html(tmp_path, head, ROWS)
    software = {f.period: f.value for f in note.facts if f.segment == "Software"}
    assert software == {"3M 2025": 7000, "3M 2024": 6500, "6M 2025": 13500, "6M 2024": 12400}
    assert {f.line_item for f in note.facts if f.segment == "Software"} == {"Revenue"}


def test_a_unit_line_in_spanish_gives_currency_scale_and_number_format(tmp_path):
    head = (
        '<tr><td></td><td colspan="3">(en miles de euros)</td></tr>'
        "<tr><td></td><td>2024</td><td></td><td></td></tr>"
        "<tr><td></td><td>Minería</td><td>Corporativo</td><td>Total</td></tr>"
    )
    rows = (
        "<tr><td>Ingresos</td><td>1.000</td><td>500</td><td>1.500</td></tr>"
        "<tr><td>Costes</td><td>(400)</td><td>(300)</td><td>(700)</td></tr>"
        "<tr><td>Beneficio del segmento</td><td>600</td><td>200</td><td>800</td></tr>"
    )
    note = _html(tmp_path, head, rows, lead_in="<p>Información por segmentos:</p>")
    assert (note.presentation_currency, note.unit) == ("EUR", "thousands")
    assert {f.segment: f.value for f in note.facts if f.line_item == "Ingresos"} == {
        "Minería": 1000, "Corporativo": 500, "Total": 1500,
    }  # fmt: skip
    assert {f.period for f in note.facts} == {"2024"}


def test_a_period_stated_only_in_the_introducing_sentence(tmp_path):
    path = tmp_path / "note.html"
    path.write_text(
        "<html><body><p>The following table presents segment information for the nine months ended "
        "September 30, 2025 (in millions):</p><table>"
        "<tr><td></td><td>Mining</td><td>Games</td><td>Total</td></tr>"
        "<tr><td>Revenue</td><td>$ 1,000</td><td>$ 500</td><td>$ 1,500</td></tr>"
        "<tr><td>Segment profit</td><td>600</td><td>200</td><td>800</td></tr></table></body></html>"
    )
    assert {f.period for f in parse(path).facts} == {"9M 2025"}
