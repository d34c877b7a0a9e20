"""A reconciliation laid out in columns ("IFRS results | adjustments | Core results") holds
the entity's figures on two bases and the adjustments between them: no column is a
segment, and each adjustment or adjusted figure names its basis, so an adjusted operating
income never meets the reported one as the same figure (IFRS 8.28; Regulation G)."""

from __future__ import annotations

import pytest

from xlsegment.api import parse
from xlsegment.readers.text import read_string

LEAD = "The following table reconciles the results to core results for 2024:"
ADJUSTMENTS = ("Amortization of intangible assets", "Restructuring charges")
ROWS = (("Gross profit", (900, 40, 10, 950)), ("Operating income", (300, 40, 25, 365)))


def _text(reported: str, adjusted: str, middle: tuple[str, ...]) -> str:
    head = [reported, *middle, adjusted]
    body = []
    for label, values in ROWS:
        kept = (values[0], *values[1 : 1 + len(middle)], values[0] + sum(values[1 : 1 + len(middle)]))
        body += [label, *(f"{v:,}" for v in kept)]
    return "\n".join([LEAD, "(CHF millions)", *head, *body]) + "\n"


def _html(reported: str, adjusted: str, middle: tuple[str, ...]) -> str:
    head = "".join(f"<td>{h}</td>" for h in ("CHF millions", reported, *middle, adjusted))
    body = ""
    for label, values in ROWS:
        kept = (values[0], *values[1 : 1 + len(middle)], values[0] + sum(values[1 : 1 + len(middle)]))
        body += "<tr><td>" + label + "</td>" + "".join(f"<td>{v:,}</td>" for v in kept) + "</tr>"
    return f"<html><body><p>{LEAD}</p><table><tr>{head}</tr>{body}</table></body></html>"


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize("middle", [ADJUSTMENTS, ADJUSTMENTS[:1]])
@pytest.mark.parametrize(
    ("reported", "adjusted"),
    # "Adjusted" alone qualifies a period ("2023 As adjusted"), so it names no basis here
    [("IFRS results", "Core results"), ("As reported", "Adjusted results"), ("GAAP", "Non-GAAP"),
     ("Reported", "Underlying")],
)  # fmt: skip
def test_grid_the_columns_of_a_reconciliation_are_bases_not_segments(
    tmp_path, kind, middle, reported, adjusted
):
    if kind == "text":
        note = read_string(_text(reported, adjusted, middle))
    else:
        path = tmp_path / "note.htm"
        path.write_text(_html(reported, adjusted, middle), encoding="utf-8")
        note = parse(path)
    facts = [f for f in note.facts if f.value is not None]
    assert len(facts) == len(ROWS) * (len(middle) + 2)
    assert {f.segment for f in facts} <= {"", "Total"}
    assert {f.period for f in facts} == {"2024"}
    lines = {f.line_item for f in facts}
    assert {"Gross profit", "Operating income", f"Operating income ({adjusted})"} <= lines
    assert {f"Gross profit ({m})" for m in middle} <= lines
    assert not [f for f in note.findings if f.severity == "error"]


def test_a_segment_table_is_no_reconciliation_of_bases():
    """Segment columns ending in Total keep their names: the rule needs a basis at each end."""
    note = read_string(f"{LEAD}\n(CHF millions)\nCore\nGames\nTotal\nRevenue\n1,000\n500\n1,500\n")
    assert {f.segment for f in note.facts} == {"Core", "Games", "Total"}
