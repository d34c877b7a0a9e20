"""'$ (22)' is a negative figure; 'US$ (3)' over a column is a currency with its footnote.

A cell of a currency symbol and a bracketed number was read as the symbol with a
footnote mark whenever the number was one or two digits, so '$ (22)' dropped its figure
and the rest of the row slid one column left (probe11 h01: a Corporate loss in each first
quarter, 4 wrong and a false error). A footnote mark is now one digit or letter, and a
cell an inline XBRL fact is tagged in is always a figure.

Cases: 22, 24 or 124 untagged; 3 or 22 tagged.
"""

from __future__ import annotations

import pytest

from xlsegment.api import parse


def _note(n: int, tagged: bool) -> str:
    figure = (
        f'<ix:nonFraction name="us-gaap:OperatingIncomeLoss" contextRef="c" unitRef="usd" decimals="-6" '
        f'scale="6" sign="-" format="ixt:num-dot-decimal">{n}</ix:nonFraction>'
        if tagged
        else str(n)
    )
    names = "".join(
        f"<td>{x}</td>" for x in ("(In millions)", "Snacks", "Beverages", "Corporate", "Consolidated")
    )
    rows = [f"<tr>{names}</tr>"]
    for label, a, b in (("Revenue", 610, 380), ("Operating income", 61, 38), ("Assets", 900, 700)):
        corp = f"({figure})" if label == "Operating income" else "(50)"
        total = a + b - (n if label == "Operating income" else 50)
        rows.append(
            f"<tr><td>{label}</td><td>$&#160;{a}</td><td>$&#160;{b}</td><td>$&#160;{corp}</td><td>$&#160;{total}</td></tr>"
        )
    return f"<html><body><p>Year ended December 31, 2025</p><table>{''.join(rows)}</table></body></html>"


CASES = [(22, False), (24, False), (124, False), (3, True), (22, True)]


@pytest.mark.parametrize(("n", "tagged"), CASES)
def test_a_bracketed_number_after_a_dollar_sign_is_a_figure(tmp_path, n, tagged):
    path = tmp_path / "note.htm"
    path.write_text(_note(n, tagged), encoding="utf-8")
    facts = {(f.line_item, f.segment): f.value for f in parse(path).facts}
    assert facts[("Operating income", "Corporate")] == -n
    assert facts[("Operating income", "Total")] == 99 - n
