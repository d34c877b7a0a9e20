"""What a heading over rows makes of them, in filing text and HTML: the items under
"Significant items:" are the entity's reconciling items, corporate costs under "Segment
operating income:" reconcile it (ASC 280-10-50-30(b)), a count over the periods is the
table's measure with the rows its segments, and only the heading nearest a table may give
it to one segment."""

from __future__ import annotations

import pytest

from xlsegment.api import parse
from xlsegment.readers.text import read_string


def _read(kind: str, tmp_path, lead: str, rows: list[tuple[str, tuple]], years=("2025", "2024")):
    if kind == "text":
        lines = [lead, "($ in millions)", *years]
        for label, values in rows:
            lines += [label, *(f"{v:,}" if isinstance(v, int) else v for v in values if v != "")]
        return read_string("\n".join(lines) + "\n")
    cells = "".join(f"<td>{y}</td>" for y in years)
    body = "".join(
        "<tr><td>"
        + label
        + "</td>"
        + "".join(f"<td>{v:,}</td>" if isinstance(v, int) else f"<td>{v}</td>" for v in values)
        + "</tr>"
        for label, values in rows
    )
    path = tmp_path / "note.htm"
    path.write_text(
        f"<html><body><p>{lead}</p><table><tr><td>($ in millions)</td>{cells}</tr>{body}"
        "</table></body></html>"
    )
    return parse(path)


def _by_value(note) -> dict:
    return {f.value: f for f in note.facts if f.value is not None}


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize(
    "heading", ["Significant items:", "Specific items:", "Adjusting items:", "Exceptional items"]
)
def test_grid_items_under_a_reconciling_heading_are_the_entitys(kind, tmp_path, heading):
    rows = [
        ("Underlying EBIT", (314, 276)),
        (heading, ("", "")),
        ("Impairment of goodwill", (-64, "-")),
        ("Restructuring costs", (-12, -8)),
        ("Net finance costs", (-72, -67)),
        ("Statutory profit before income tax", (166, 201)),
    ]
    lead = "Reconciliation of Underlying EBIT to statutory profit before income tax:"
    facts = _by_value(_read(kind, tmp_path, lead, rows))
    for value, line in (
        (-64, "Impairment of goodwill"),
        (-12, "Restructuring costs"),
        (-72, "Net finance costs"),
    ):
        assert facts[value].segment in ("", "Total"), facts[value]
        assert facts[value].line_item == line


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize(
    "corporate", ["Corporate and support", "Corporate expenses", "Unallocated corporate costs"]
)
def test_grid_corporate_after_the_segments_total_reconciles_it(kind, tmp_path, corporate):
    rows = [
        ("Segment operating income:", ("", "")),
        ("Clubs", (1815, 1702)),
        ("Markets", (612, 655)),
        ("Total segment operating income", (2427, 2357)),
        (corporate, (-498, -472)),
        ("Operating income", (1929, 1885)),
    ]
    facts = _by_value(_read(kind, tmp_path, "Segment results were as follows:", rows))
    assert facts[1815].segment == "Clubs"
    assert facts[-498].segment in ("", "Total"), facts[-498]
    assert facts[-498].line_item.startswith(corporate.split()[0])


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize("count", ["Number of stores at fiscal year end", "Employees", "Number of employees"])
def test_grid_a_count_over_the_periods_makes_the_rows_segments(kind, tmp_path, count):
    rows = [("Clubs", (612, 598)), ("Markets", (1104, 1088)), ("Total", (1716, 1686))]
    if kind == "text":
        note = read_string(f"{count}\n2025\n2024\n" + "".join(f"{a}\n{b[0]:,}\n{b[1]:,}\n" for a, b in rows))
    else:
        body = "".join(f"<tr><td>{a}</td><td>{b[0]:,}</td><td>{b[1]:,}</td></tr>" for a, b in rows)
        path = tmp_path / "note.htm"
        path.write_text(
            f"<html><body><p>Store counts:</p><table><tr><td></td><td colspan='2'>{count}</td></tr>"
            f"<tr><td></td><td>2025</td><td>2024</td></tr>{body}</table></body></html>"
        )
        note = parse(path)
    facts = _by_value(note)
    assert facts[612].segment == "Clubs" and facts[1104].segment == "Markets"
    assert facts[1716].segment == "Total"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_only_the_heading_nearest_the_table_gives_it_one_segment(kind, tmp_path):
    rows = [("Grocery", (318, 307)), ("Fuel", (101, 107)), ("Total net sales", (419, 414))]
    far = "(1) Comparable sales exclude fuel for the Fuel & Convenience segment. Net sales by category"
    facts = _by_value(_read(kind, tmp_path, far, rows))
    assert facts[419].segment in ("", "Total")
    near = "The following table presents net sales by category for our Fuel & Convenience segment:"
    facts = _by_value(_read(kind, tmp_path, near, rows))
    assert facts[419].segment == "Fuel & Convenience"


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize(
    ("heading", "total", "after"),
    [
        ("Resultado operacional", "Consolidado", "Resultado financeiro líquido"),
        ("Operating income:", "Consolidated", "Net finance result"),
        ("Resultado de explotación", "Total consolidado", "Resultado financiero neto"),
    ],
)
def test_grid_rows_after_a_headings_last_total_are_the_entitys(kind, tmp_path, heading, total, after):
    """Whatever language names them, the lines after the measure's consolidated total
    are the entity's own, not segments of the heading."""
    rows = [
        (heading, ("", "")),
        ("Celulose", (4862, 3905)),
        ("Papel", (702, 655)),
        ("Total dos segmentos", (5564, 4560)),
        ("Corporativo", (-427, -399)),
        (total, (5137, 4161)),
        (after, (-1204, -1561)),
        ("Resultado antes dos impostos", (3933, 2600)),
    ]
    facts = _by_value(_read(kind, tmp_path, "Informações por segmento:", rows))
    assert facts[4862].segment == "Celulose"
    assert facts[-1204].segment in ("", "Total") and facts[-1204].line_item == after
    assert facts[3933].segment in ("", "Total")


def test_a_total_before_corporate_and_a_worldwide_total_keeps_the_heading_open():
    """'Total' of the segments, then 'General corporate', then 'Worldwide total': the
    heading's last total closes it, so corporate stays a part of the measure."""
    note = read_string(
        "Identifiable assets\n2024\n2023\nPharma\n570\n583\nDevices\n843\n747\nTotal\n1,413\n1,330\n"
        "General corporate\n387\n345\nWorldwide total\n1,800\n1,675\n"
    )
    facts = {f.value: f for f in note.facts}
    assert facts[387].segment == "General corporate"


def test_a_product_named_group_leaves_the_heading_open():
    """'Individual | Group | Total 2000 | Total 1999' under a measure's heading: "Group"
    is a product there, since totals follow it, so the totals stay the heading's."""
    note = read_string(
        "New insurance written\nIndividual\n10\n20\n30\n"
        "Group\n1\n2\n3\nTotal 2000\n11\n22\n33\nTotal 1999\n9\n18\n27\n"
    )
    facts = {f.value: f for f in note.facts}
    assert facts[33].line_item == facts[27].line_item == "New insurance written"


def test_an_entity_line_of_a_segment_by_year_grid_takes_the_totals_and_their_translation():
    """Segment x year with a US$ column: a reconciling line states the Total of each year
    and the translation, and goes in those three columns, not the first three."""
    text = (
        "The following table presents segment results (RMB in thousands, US$ in thousands):\n"
        "Mining\nGames\nTotal\n2023\n2024\n2023\n2024\n2023\n2024\n2024\n"
        "RMB\nRMB\nRMB\nRMB\nRMB\nRMB\nUS$\n"
        "Segment operating income\n400\n480\n100\n120\n500\n600\n82\n"
        "Unallocated share-based compensation\n(180)\n(210)\n(29)\n"
        "Income from operations\n320\n390\n53\n"
    )
    note = read_string(text)
    facts = {f.value: f for f in note.facts}
    assert (facts[-180].segment, facts[-180].period) == ("Total", "2023")
    assert (facts[-210].segment, facts[-210].period) == ("Total", "2024")
    assert facts[-29].currency == "USD"
    assert not [f for f in note.findings if f.code == "seg.layout.placement"]


@pytest.mark.parametrize("where", [1, 2, 3])
def test_a_ratio_heading_among_measures_stands_over_its_own_column(where):
    """Segments as rows under "Revenues | % of total | EBITDA | Operating income": the
    ratio column is where the header puts it, and the measures keep their own figures."""
    names = ["Revenues", "EBITDA", "Operating income"]
    names.insert(where, "% of consolidated revenues")
    rows = {"Mining": [100, 30, 20], "Games": [50, 10, 5], "Total": [150, 40, 25]}
    share = {"Mining": "66.7", "Games": "33.3", "Total": "100.0"}
    body = ""
    for seg, figures in rows.items():
        cells = [str(v) for v in figures]
        cells.insert(where, share[seg])
        body += seg + "\n" + "\n".join(cells) + "\n"
    note = read_string("For the year ended December 31, 2024\n" + "\n".join(names) + "\n" + body)
    facts = {(f.segment, f.line_item): f.value for f in note.facts}
    assert facts[("Mining", "EBITDA")] == 30 and facts[("Games", "Operating income")] == 5
    assert facts[("Total", "Revenues")] == 150


@pytest.mark.parametrize(
    ("kind", "heading"),
    [("text", "Net earnings attributable to:"), ("html", "Net earnings attributable to:"),
     ("html", "Net income attributable to")],  # in text a line ending "to" wraps onto the next
)  # fmt: skip
def test_owners_under_attributable_to_are_lines_of_the_entity(kind, tmp_path, heading):
    rows = [
        ("Net earnings", (891, 771)),
        (heading, ("", "")),
        ("Common shareholders", (877, 760)),
        ("Non-controlling interests", (14, 11)),
    ]
    facts = _by_value(_read(kind, tmp_path, "Reconciliation to net earnings:", rows))
    assert facts[877].segment in ("", "Total")
    assert facts[877].line_item.endswith("Common shareholders")
    assert "attributable to" in facts[14].line_item


def test_all_other_after_the_segments_total_stays_a_category():
    """'All other' under 'Segment Adjusted EBITDA', after 'Total reportable segments', is
    the category of the other segments (ASC 280-10-50-15), not a reconciling line."""
    note = read_string(
        "Segment Adjusted EBITDA\n2024\n2023\nResidential\n400\n350\nCommercial\n272\n256\n"
        "Total reportable segments\n672\n606\nAll other (1)\n6\n5\n"
    )
    facts = {f.value: f for f in note.facts}
    assert facts[6].segment == "All other"
