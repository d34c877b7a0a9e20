"""Headers of European IFRS 8 notes as their own languages print them, and the cells beside
them: each rule on its own (a grid over the words), then a note per language read end to
end.

- an explicit sign on a change ("+9,0 %", "+120") is a figure;
- "Variation", "Variación", "Variação", "Veränderung" head change columns;
- "au 31 décembre", "al 31 de diciembre", "zum 31. Dezember" are instants and "Exercice",
  "Ejercicio", "Geschäftsjahr" alone the financial year: period headings, never the rest of
  the measure's name above them;
- "2023 retraité (1)", "2023 reexpresado" are the year 2023;
- "n.s." (non significatif) and "n/a" beside figures are no row;
- "Total secteurs opérationnels", "Total segmentos", "Summe der Segmente" total the
  segments (IFRS 8.28), not the entity;
- a numbered title above the years ("4.3 Autres informations sectorielles") heads no rows.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlsegment import labels
from xlsegment.api import check, parse
from xlsegment.numbers import parse_cell
from xlsegment.readers.naming import names_segments_total
from xlsegment.readers.textheader import is_change_header


@pytest.mark.parametrize(
    ("cell", "european", "value", "percent"),
    [
        ("+9.0 %", False, Decimal("9.0"), True),
        ("+9,0 %", True, Decimal("9.0"), True),
        ("+9.0%", False, Decimal("9.0"), True),
        ("+120", False, 120, False),
        ("+ 1,204", False, 1204, False),
        ("-3,5 %", True, Decimal("-3.5"), True),
    ],
)
def test_grid_a_signed_change_is_a_figure(cell, european, value, percent):
    read = parse_cell(cell, european)
    assert read is not None and read.value == value and read.percent is percent


@pytest.mark.parametrize("cell", ["+-3", "++3", "+", "+ %"])
def test_grid_a_sign_alone_or_doubled_is_no_figure(cell):
    assert parse_cell(cell) is None


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Variation", True),
        ("Variación", True),
        ("Variação", True),
        ("Veränderung", True),
        ("Variazione %", True),
        ("Variable costs", False),
        ("Chiffre d'affaires", False),
    ],
)
def test_grid_change_words_of_other_languages(text, change):
    assert is_change_header(text) is change


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("au 31 décembre", True),
        ("au 31 décembre 2024", True),
        ("al 31 de diciembre", True),
        ("al 31 de diciembre de 2024", True),
        ("em 31 de dezembro", True),
        ("zum 31. Dezember", True),
        ("Exercice", True),
        ("Ejercicio", True),
        ("Geschäftsjahr", True),
        ("Fiscal year", True),
        ("Mai", False),
        ("financial", False),  # "GM" over "financial": the rest of a wrapped name
        ("Fiscal", False),
        ("au total", False),
        ("Exercice de stock-options", False),
    ],
)
def test_grid_period_headings_of_other_languages(text, heading):
    assert labels.is_period_heading(text) is heading


@pytest.mark.parametrize(
    "cell",
    ["2023 retraité", "2023 retraité (1)", "2023 (reexpresado)", "2023 reexpressado", "2023 angepasst"],
)
def test_grid_a_restated_year_in_other_languages_is_the_year(cell):
    assert labels.year_cell(cell) == 2023


@pytest.mark.parametrize(
    ("label", "segments"),
    [
        ("Total secteurs opérationnels", True),
        ("Total des secteurs", True),
        ("Total segmentos", True),
        ("Total de los segmentos", True),
        ("Total dos segmentos", True),
        ("Summe der Segmente", True),
        ("Segmente gesamt", True),
        ("Totale settori", True),
        ("Total Groupe", False),
        ("Total consolidado", False),
    ],
)
def test_grid_the_segments_total_in_other_languages(label, segments):
    assert names_segments_total(label) is segments


# (unit line, revenue, profit, margin, change, restated 2023, not meaningful, the segments'
# total, the entity's total, title, instant heading, year heading, assets, capex)
LANGUAGES = {
    "fr": (
        "(en millions d'euros)", "Chiffre d'affaires", "Résultat opérationnel courant",
        "Marge opérationnelle courante", "Variation", "2023 retraité (1)", "n.s.",
        "Total secteurs opérationnels", "Total Groupe", "4.3 Autres informations sectorielles",
        "au 31 décembre", "Exercice", "Actifs sectoriels", "Investissements corporels",
    ),
    "es": (
        "(en millones de euros)", "Ingresos", "Resultado operativo", "Margen operativo", "Variación",
        "2023 reexpresado", "n/a", "Total segmentos", "Total consolidado",
        "4.3 Otra información por segmentos", "al 31 de diciembre", "Ejercicio", "Activos del segmento",
        "Inversiones en inmovilizado",
    ),
    "en": (
        "(in millions of euros)", "Revenue", "Operating income", "Operating margin", "% Change",
        "2023 restated (1)", "n/m", "Total segments", "Total", "4.3 Other segment information",
        "As of December 31,", "Year ended December 31,", "Segment assets", "Capital expenditures",
    ),
}  # fmt: skip
SEGMENTS = ("Mobility", "Networks")
REVENUE = ((Decimal("3812.4"), Decimal("3498.6")), (Decimal("2906.7"), Decimal("3012.5")))
PROFIT = ((Decimal("412.8"), Decimal("351.6")), (Decimal("238.4"), Decimal("262.9")))
HOLDING = (Decimal("-84.6"), Decimal("-79.2"), Decimal("-41.3"), Decimal("-38.5"))


def _figure(value: Decimal, european: bool) -> str:
    text = f"{abs(value):,.1f}"
    if european:
        text = text.replace(",", " ").replace(".", ",")
    return f"({text})" if value < 0 else text


def _percent(value: str, european: bool) -> str:
    return f"{value.replace('.', ',') if european else value} %"


def _row(label: str, revenue, profit, change: str, margins: tuple[str, str], european: bool) -> list[str]:
    """A segment row: revenue for two years, its change, profit for two years, margins."""
    amounts = [_figure(v, european) for v in revenue]
    return [label, *amounts, change, *(_figure(v, european) for v in profit), *margins]


def _note(words: tuple[str, ...], european: bool) -> str:
    unit, rev, profit, margin, change, restated, ns, seg_total, total, title, instant, year, assets, capex = (
        words
    )
    pct = [_percent(x, european) for x in ("+1.0", "10.8", "10.0")]
    cells = [unit, rev, profit, margin, "2024", restated, change, "2024", restated, "2024", restated]
    for name, r, p in zip(SEGMENTS, REVENUE, PROFIT, strict=True):
        cells += _row(name, r, p, pct[0], (pct[1], pct[2]), european)
    revenue = [sum(v[k] for v in REVENUE) for k in (0, 1)]
    profits = [sum(v[k] for v in PROFIT) for k in (0, 1)]
    cells += _row(seg_total, revenue, profits, pct[0], (pct[1], pct[2]), european)
    cells += _row("Holding", HOLDING[:2], HOLDING[2:], ns, (ns, ns), european)
    group = [t + h for t, h in zip(revenue + profits, HOLDING, strict=True)]
    cells += _row(total, group[:2], group[2:], pct[0], (pct[1], pct[2]), european)
    cells += ["", title, unit, assets, capex, instant, year, "2024", restated, "2024", restated]
    for name, r in zip(SEGMENTS, REVENUE, strict=True):
        cells += [name, *(_figure(v * 2, european) for v in r), *(_figure(v / 10, european) for v in r)]
    cells += [
        total,
        *(_figure(2 * v, european) for v in revenue),
        *(_figure(v / 10, european) for v in revenue),
    ]
    return "\n".join(cells) + "\n"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_european_note_reads_with_its_identities(tmp_path, language):
    words = LANGUAGES[language]
    european = language != "en"
    path = tmp_path / "note.txt"
    path.write_text(_note(words, european), encoding="utf-8")
    note = parse(path)
    facts = {(f.line_item, f.segment, f.period): f.value for t in note.tables for f in t.cells.values()}
    rev, profit, seg_total, assets, capex = (words[k] for k in (1, 2, 7, 12, 13))
    for name, r, p in zip(SEGMENTS, REVENUE, PROFIT, strict=True):
        assert facts[(rev, name, "2024")] == r[0] and facts[(rev, name, "2023")] == r[1]
        assert facts[(profit, name, "2024")] == p[0] and facts[(profit, name, "2023")] == p[1]
        assert facts[(assets, name, "2024")] == 2 * r[0] and facts[(capex, name, "2023")] == round(
            r[1] / 10, 1
        )
    segments_total = seg_total if language != "en" else "Total segments"
    assert facts[(rev, segments_total, "2024")] == sum(r[0] for r in REVENUE)
    assert facts[(profit, "Total", "2023")] == sum(p[1] for p in PROFIT) + HOLDING[3]
    # the title above the second table heads none of its rows: its total is the entity's
    assert facts[(assets, "Total", "2024")] == 2 * sum(r[0] for r in REVENUE)
    assert not any(segment == words[9] for _, segment, _ in facts)
    assert all(
        value not in (Decimal("1.0"), Decimal("10.8")) for value in facts.values()
    )  # no change, no margin
    assert check(note).summary["errors"] == 0


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize("total", ["资产总额", "资产合计", "資産合計"])
def test_a_chinese_assets_table_names_its_segments(tmp_path, kind, total):
    """Segment names as rows of one measure, the segments' total "分部资产合计" (the total
    written last, no space), unallocated assets, then the measure's total: each row is a
    segment's or a category's assets, the last the entity's."""
    rows = [
        ("智能装备", 8806),
        ("新能源材料", 9512),
        ("分部资产合计", 18318),
        ("未分配资产", 1904),
        (total, 20222),
    ]
    if kind == "text":
        cells = ["（人民币千元）", "2025年6月30日"]
        for label, value in rows:
            cells += [label, f"{value:,}"]
        path = tmp_path / "note.txt"
        path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    else:
        body = "".join(f"<tr><td>{label}</td><td>{value:,}</td></tr>" for label, value in rows)
        head = "<tr><td></td><td>2025年6月30日</td></tr>"
        page = f"<html><body><p>（人民币千元）</p><table>{head}{body}</table></body></html>"
        path = tmp_path / "note.htm"
        path.write_text(page, encoding="utf-8")
    facts = {f.value: f for f in parse(path).facts}
    assert facts[8806].segment == "智能装备" and facts[9512].segment == "新能源材料"
    assert facts[18318].segment == "分部资产合计"  # the segments' total, a subtotal
    assert facts[20222].segment == "Total"


@pytest.mark.parametrize(
    ("marks", "local"),
    [
        ("Ch$ million Ch$ million US$ thousand", "CLP"),
        ("RMB RMB US$", "CNY"),
        ("RMB’000 RMB’000 US$’000", "CNY"),
        ("R$ million R$ million US$ thousand", "BRL"),
        ("RM'000 RM'000 US$'000", "MYR"),
        ("Rp billion Rp billion US$ million", "IDR"),
        ("TL million TL million US$ million", "TRY"),
    ],
)
def test_grid_a_flowed_currency_row_with_scale_words(tmp_path, marks, local):
    """PDF text flowed one row per line: a currency row over the years, each mark perhaps
    with its scale ("Ch$ million"), names every column's currency; the last column is the
    translation."""
    lines = [
        "Solely for the convenience of the reader, 2025 amounts are translated into U.S. dollars.",
        "For the year ended December 31,",
        "2024 2025 2025",
        marks,
        "Revenue:",
        "Dairy 883,922 898,137 947,052",
        "Beverages 604,636 647,816 683,098",
        "Total revenue 1,488,558 1,545,953 1,630,150",
    ]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = {f.value: f for f in parse(path).facts}
    assert facts[898137].currency == local and facts[947052].currency == "USD"
    assert facts[947052].segment == "Dairy" and facts[947052].period == "2025"


@pytest.mark.parametrize(
    ("mark", "code"),
    [("RM", "MYR"), ("Rm", None), ("Rp", "IDR"), ("RP", None), ("TL", "TRY"), ("tl", None), ("R", "ZAR")],
)
def test_cased_marks_name_their_currency_only_as_written(mark, code):
    """'RM' is the ringgit; 'Rm' is the rand in millions (its scale read apart), never MYR."""
    from xlsegment import currency

    assert currency.code(mark) == code


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [("Php 112,406", 112406, "PHP"), ("Php (612)", -612, "PHP"), ("PHP 5", 5, "PHP"),
     ("Rs 1,234", 1234, "INR"), ("RM 512", 512, "MYR"), ("php 12", None, None)],
)  # fmt: skip
def test_a_mark_written_as_a_word_stands_before_a_figure(cell, value, code):
    """'Php 112,406' is a figure in Philippine pesos, as 'Rs 1,234' is in rupees; before,
    the cell was read as a label and every figure of the row moved one column."""
    from xlsegment import currency
    from xlsegment.numbers import parse_cell

    found = parse_cell(cell)
    assert (found.value if found else None) == value
    assert currency.code(cell.split()[0]) == code


YEAR_ENDED = {
    "es": ("Año terminado el 31 de diciembre de", "Al 31 de diciembre de", "Utilidad antes de impuestos"),
    "pt": ("Exercício findo em 31 de dezembro de", "Em 31 de dezembro de", "Lucro antes dos impostos"),
    "fr": ("Exercice clos le 31 décembre", "Au 31 décembre", "Résultat avant impôt"),
    "it": ("Esercizio chiuso al 31 dicembre", "Al 31 dicembre", "Utile prima delle imposte"),
}


@pytest.mark.parametrize("instant", [False, True])
@pytest.mark.parametrize("language", YEAR_ENDED)
def test_a_year_ended_heading_in_another_language_names_no_column(tmp_path, language, instant):
    """ "Año terminado el 31 de diciembre de" over "2025 | 2024", above a reconciliation of
    the entity's lines: a period heading, not a segment's name given to every figure."""
    ended, at, closing = YEAR_ENDED[language]
    rows = [("EBITDA", 6164, 5668), ("D&A", -1739, -1663), (closing, 4425, 4005)]
    cells = "".join(f"<tr><td>{n}</td><td>{a:,}</td><td>{b:,}</td></tr>" for n, a, b in rows)
    html = (
        "<html><body><table>"
        f'<tr><td></td><td colspan="2">{at if instant else ended}</td></tr>'
        f"<tr><td>Millones de COP</td><td>2025</td><td>2024</td></tr>{cells}</table></body></html>"
    )
    path = tmp_path / "note.htm"
    path.write_text(html, encoding="utf-8")
    facts = {f.value: f for f in parse(path).facts}
    assert {facts[6164].segment, facts[4425].segment} <= {"", "Total"}
    assert (facts[6164].period, facts[5668].period) == ("2025", "2024")
