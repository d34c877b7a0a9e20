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
