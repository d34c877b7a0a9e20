"""The Data table round trip: any note written as rows reads back as the same tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsegment.model import Column, Fact, Note, Role, Row, Source, Table
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import WorkbookError
from xlsegment.workbook.mapping.datatable import exact_number
from xlsegment.workbook.mapping.notedata import note_from_data, note_rows

labels = (
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
values = st.one_of(
    st.integers(-(10**9), 10**9),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False).filter(
        lambda d: d != d.to_integral_value()
    ),
)


@st.composite
def notes(draw) -> Note:
    tables = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(labels)
        period = str(draw(st.integers(2019, 2025)))
        segs = draw(st.lists(labels, min_size=1, max_size=4, unique=True))
        lines = draw(st.lists(labels, min_size=1, max_size=5, unique=True))
        columns = tuple(
            Column(s, s, period, "EUR", draw(st.sampled_from([Role.SEGMENT, Role.TOTAL]))) for s in segs
        )
        rows = tuple(
            Row(li, li, 10 * i + 1, section=draw(st.sampled_from(["", "Less"]))) for i, li in enumerate(lines)
        )
        cells = {}
        for i, row in enumerate(rows):
            for j, col in enumerate(columns):
                if draw(st.booleans()):
                    v = draw(values)
                    d = 0 if isinstance(v, int) else 2
                    cells[(i, j)] = Fact(
                        name,
                        period,
                        row.line_item,
                        col.segment,
                        "EUR",
                        v,
                        d,
                        Source(line=row.line),
                        role=col.role,
                        label=row.label,
                    )
        if cells:
            tables.append(Table(len(tables), name, name, rows, columns, cells))
    return Note("<test>", tuple(tables), "EUR", "thousands")


def _records(note: Note) -> list[dict]:
    return [dict(zip(c.DATA_ALL_COLUMNS, row, strict=True)) for row in note_rows(note)]


def _shape(note: Note):
    """What the schedules are drawn from: used rows and columns, and every fact."""
    out = []
    for t in note.tables:
        used_rows = sorted({i for i, _ in t.cells})
        used_cols = sorted({j for _, j in t.cells})
        out.append(
            (
                t.name,
                [t.rows[i] for i in used_rows],
                [t.columns[j] for j in used_cols],
                sorted(
                    (used_rows.index(i), used_cols.index(j), f.key, Decimal(f.value), f.decimals)
                    for (i, j), f in t.cells.items()
                ),
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(notes().filter(lambda n: n.tables))
def test_any_note_survives_the_data_table(note):
    back = note_from_data(
        _records(note), c.DATA_ALL_COLUMNS, {"xls_Currency": "EUR", "xls_Unit": "thousands"}, "t"
    )
    assert back is not None
    assert _shape(back) == _shape(note)
    assert [t.id for t in back.tables] == [t.id for t in note.tables]


def test_rows_without_layout_join_the_table_of_their_name_and_period():
    base = Note(
        "<t>",
        (
            Table(
                0,
                "P&L",
                "P&L",
                (Row("Revenue", "Revenue", 1),),
                (Column("A", "A", "2024", "EUR"), Column("B", "B", "2024", "EUR")),
                {
                    (0, 0): Fact("P&L", "2024", "Revenue", "A", "EUR", 1),
                    (0, 1): Fact("P&L", "2024", "Revenue", "B", "EUR", 2),
                },
            ),
        ),
        "EUR",
        "units",
    )
    records = _records(base)
    added = [
        {"table": "P&L", "period": "2024", "line": "Costs", "segment": "B", "currency": "EUR", "value": -5},
        {"table": "P&L", "period": "2024", "line": "Revenue", "segment": "C", "currency": "EUR", "value": 7},
        {
            "table": "Assets",
            "period": "2024",
            "line": "Total assets",
            "segment": "A",
            "currency": "EUR",
            "value": 9,
        },
    ]
    records += [{col: row.get(col) for col in c.DATA_ALL_COLUMNS} for row in added]
    back = note_from_data(records, c.DATA_ALL_COLUMNS, {}, "t")
    pl, assets = back.tables
    assert [r.line_item for r in pl.rows] == ["Revenue", "Costs"]
    assert [col.segment for col in pl.columns] == ["A", "B", "C"]
    assert pl.cells[(1, 1)].value == -5 and pl.cells[(0, 2)].value == 7
    assert assets.name == "Assets" and assets.cells[(0, 0)].value == 9


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        (1028, 1028),
        (1028.4, Decimal("1028.4")),
        (7.0, 7),
        ("1,028.4", Decimal("1028.4")),
        ("(5,822)", -5822),
        ("—", 0),
        (None, 0),
        (Decimal("0.10"), Decimal("0.10")),
    ],
)
def test_data_values_are_read_exactly(typed, value):
    got = exact_number(typed, "Settings!B13")
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(("typed", "shown"), [("abc", '"abc"'), ("12%", '"12%"'), (True, "TRUE")])
def test_values_that_are_not_numbers_name_their_cell_and_show_the_value_as_typed(typed, shown):
    with pytest.raises(WorkbookError, match=f"^Data!F5: the value {shown} is not a number$"):
        exact_number(typed, "Data!F5")
