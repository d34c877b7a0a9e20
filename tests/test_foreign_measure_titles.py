"""A geographic table titled by its measure in another language ("Umsatzerlöse nach Sitz
der Kunden", "Chiffre d'affaires par zone géographique", "Ingresos por región", or the
British "Turnover by destination"): its rows are regions of that measure, and its total
row ("Konzern", "Total") is the entity's figure of it.

The title's measure word was known only in English, so the total row became a line item
of its own name ("Konzern") and the regions' figures had no measure (probe11 t02).

Grid: five titles x two or three regions, filing text aligned by spaces.
"""

from __future__ import annotations

import pytest

from xlsegment.api import parse

TITLES = {
    "Umsatzerlöse nach Sitz der Kunden": ("Umsatzerlöse", "Konzern"),
    "Chiffre d'affaires par zone géographique": ("Chiffre d'affaires", "Total"),
    "Ingresos por región": ("Ingresos", "Total"),
    "Receitas por região": ("Receitas", "Total"),
    "Turnover by destination": ("Turnover", "Group"),
}
REGIONS = {"Deutschland": (1126, 1098), "Übriges Europa": (1312, 1246), "Nordamerika": (842, 761)}


@pytest.mark.parametrize("regions", [2, 3])
@pytest.mark.parametrize("title", TITLES)
def test_the_title_names_the_measure_of_a_regions_table(tmp_path, title, regions):
    measure, total_word = TITLES[title]
    rows = dict(list(REGIONS.items())[:regions])
    total = [sum(v[k] for v in rows.values()) for k in range(2)]
    lines = [title, "", f"{'in Mio. €':<40}{'2025':>10}{'2024':>10}"]
    lines += [
        f"{name:<40}{a:>10,}{b:>10,}".replace(",", ".")
        for name, (a, b) in [*rows.items(), (total_word, total)]
    ]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = parse(path).facts
    assert {f.line_item for f in facts} == {measure}
    totals = [f.value for f in facts if f.segment == "Total" and f.period == "2025"]
    assert totals == [total[0]]
