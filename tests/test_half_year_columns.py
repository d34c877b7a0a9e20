"""Half-years and the year as columns ("H1 2025 | H2 2025 | FY 2025", or in French "S1
2025 | S2 2025 | Exercice 2025"), a ratio heading over segment rows, and a reconciliation
table's title in another language.

- Each half keeps its number: "6M 2025-H1" and "6M 2025-H2" (``layout.period_labels``),
  as quarters keep theirs. In text the cells were folded into two columns, so the
  second half's figures were read as the prior year's: a silent wrong answer.
- A flowed line of such periods, after its unit, is one cell per period
  (``flowed._captions``).
- Rows under "Marge opérationnelle courante (en %)" are percentages, no amounts
  (``textbody._under_ratio_heading``).
- "Réconciliation avec le résultat avant impôt" above the periods titles the table; it
  named every figure's segment (``layout.is_reconciliation_title``).

Grid: English or French words x cell per line or flowed x one or two years.
"""

from __future__ import annotations

import pytest

from tests.answers import index_of
from xlsegment.api import check, parse
from xlsegment.durations import half_number

WORDS = {"en": ("H1", "H2", "FY", "Revenue", "Reconciliation to profit before tax", "Operating margin (%)"),
         "fr": ("S1", "S2", "Exercice", "Chiffre d'affaires", "Réconciliation avec le résultat avant impôt",
                "Marge opérationnelle (en %)")}  # fmt: skip
SEGMENTS = {"France": (412, 438), "Europe": (286, 301), "International": (148, 166)}


def _note(language: str, flowed: bool, years: int) -> tuple[str, list[str]]:
    h1, h2, fy, revenue, recon, margin = WORDS[language]
    ys = ["2025", "2024"][:years]
    heads = [f"{w} {y}" for y in ys for w in (h1, h2, fy)]
    rows = {
        name: [v for k in range(years) for v in (a + k, b + k, a + b + 2 * k)]
        for name, (a, b) in SEGMENTS.items()
    }
    total = [sum(v[i] for v in rows.values()) for i in range(3 * years)]
    lines: list[list[str]] = [["(in thousands)", *heads], [revenue]]
    lines += [[name, *map(str, values)] for name, values in rows.items()]
    lines += [["Total", *map(str, total)], [margin]]
    lines += [[name, *(f"{7 + k / 10:.1f}" for k in range(3 * years))] for name in SEGMENTS]
    lines += [[recon], ["(in thousands)", *heads], ["Operating profit", *map(str, total)]]
    lines += [["Finance costs", *(f"({10 + k})" for k in range(3 * years))]]
    lines += [["Profit before tax", *(str(t - 10 - k) for k, t in enumerate(total))]]
    text = "\n".join(" ".join(r) if flowed else "\n".join(r) for r in lines)
    return text + "\n", heads


@pytest.mark.parametrize("years", [1, 2])
@pytest.mark.parametrize("flowed", [False, True])
@pytest.mark.parametrize("language", WORDS)
def test_each_half_and_the_year_is_its_own_column(tmp_path, language, flowed, years):
    text, _ = _note(language, flowed, years)
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    facts = [f for f in parse(path).facts]
    got = {(f.segment, f.period): f.value for f in facts if f.segment in SEGMENTS}
    for k, y in enumerate(["2025", "2024"][:years]):
        for name, (a, b) in SEGMENTS.items():
            assert got[(name, f"6M {y}-H1")] == a + k
            assert got[(name, f"6M {y}-H2")] == b + k
            assert got[(name, y)] == a + b + 2 * k
    assert not any(f.decimals for f in facts), "a margin was read as an amount"
    assert not any(f.segment.startswith(("Reconciliation", "Réconciliation")) for f in facts)
    assert check(path).summary["errors"] == 0
    ix = index_of(path)
    assert ix.period("H2 2025") == "6M 2025-H2" and ix.period("FY2025") == "2025"


@pytest.mark.parametrize(
    ("text", "half"),
    [("H2 2025", "2"), ("S1 2025", "1"), ("2H", "2"), ("First half", "1"), ("Q2 2025", None)],
)
def test_the_half_a_heading_names(text, half):
    assert half_number(text) == half
