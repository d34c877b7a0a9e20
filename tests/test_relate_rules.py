"""Every relation rule and every named threshold, on small inline grids.

Each test shows what one rule or one threshold decides, so a change to it fails here and
not only in the whole-note tests of the corpus it was first seen in.
"""

from __future__ import annotations

from xlsegment.checks import relation_finding
from xlsegment.interval import Interval
from xlsegment.model import (
    Column,
    Evidence,
    Fact,
    FactId,
    Note,
    Origin,
    Relation,
    RelationKind,
    Role,
    Row,
    Severity,
    Table,
)
from xlsegment.pipeline import run
from xlsegment.relate import policy, relate, resolve
from xlsegment.relate.columns import column_totals
from xlsegment.relate.evidence import tally
from xlsegment.relate.rows import may_close, row_totals
from xlsegment.relate.tables import relate_table


def grid(*rows):
    return [[None if v is None else Interval.shown(v) for v in row] for row in rows]


def table(rows, columns, sections=None, name="Segment profit or loss", index=0, period="2024"):
    """A table from (label, values) rows and (label, role) columns; None is an empty cell."""
    cols = tuple(
        Column(label, label if role != Role.TOTAL else "Total", period, "USD", role)
        for label, role in columns
    )
    out_rows, cells = [], {}
    for r, (label, values) in enumerate(rows):
        section = (sections or {}).get(r, "")
        out_rows.append(Row(label, label, line=r + 1, section=section))
        for c, v in enumerate(values):
            if v is not None:
                col = cols[c]
                cells[(r, c)] = Fact(
                    name, col.period or period, label, col.segment, "USD", v, role=col.role, label=label,
                    at=FactId(index, r, c),
                )  # fmt: skip
    return Table(index, name, name, tuple(out_rows), cols, cells)


SEGMENTS = [("Mining", Role.SEGMENT), ("Hosting", Role.SEGMENT), ("Total", Role.TOTAL)]
UNNAMED = [("A", Role.SEGMENT), ("B", Role.SEGMENT), ("C", Role.SEGMENT)]


# ---------------------------------------------------------------- evidence and thresholds


def test_typo_share_keeps_a_labelled_total_that_misses_by_a_sliver():
    # 2,008 against 1,000 + 1,000: a miss of 8 in figures of 4,008 (0.2%) is a typo in a real
    # total, so the labelled total is kept and its miss is reported.
    kept = row_totals(grid([1000], [1000], [2008]), ["Revenue", "Costs", "Total"], [0])
    assert [(r.total, r.declared) for r in kept] == [(2, True)]
    # 2,100 (a miss of 2.4%) is beyond a typo: no set of the rows above is its parts.
    rejected = []
    assert (
        row_totals(grid([1000], [1000], [2100]), ["Revenue", "Costs", "Total"], [0], rejected=rejected) == []
    )
    assert [r.total for r in rejected] == [2]


def test_give_up_after_two_misses_once_one_is_more_than_a_typo():
    instances = [(Interval.shown(t), [(1, Interval.shown(1)), (1, Interval.shown(1))]) for t in (9, 9, 2, 2)]
    t = tally(instances, policy.TYPO_SHARE, policy.GIVE_UP_AFTER)
    assert (t.tested, t.holds) == (2, 0)  # the last two are never looked at
    assert tally(instances, policy.TYPO_SHARE).tested == 4


def test_labelled_column_share_two_rows_of_three():
    two_of_three = grid([1, 2, 3], [4, 5, 9], [6, 7, 50])
    assert [c.total for c in column_totals(two_of_three, SEGMENTS)] == [2]
    one_of_three = grid([1, 2, 3], [4, 5, 90], [6, 7, 50])
    rejected = []
    assert column_totals(one_of_three, SEGMENTS, rejected) == []
    assert [r.total for r in rejected] == [2]  # a Total column that fits no candidate is seen


def test_a_labelled_total_too_rarely_confirmed_is_a_warning_where_it_misses():
    """Total = Mining + Hosting in one row of two, missed by 30 in the other: too little
    evidence for an error (two rows of three), too much for silence. The labelled column is
    related as suggested, so the miss is a seg.unsure warning with its numbers."""
    t = table([("Revenue", [600, 200, 800]), ("Costs", [1000, 500, 1530])], SEGMENTS)
    found = relate_table(t)
    assert [(r.total.at.row, r.evidence) for r in found.relations] == [
        (0, Evidence.SUGGESTED),
        (1, Evidence.SUGGESTED),
    ]
    assert found.rejected == []
    result = run(Note("inline", (t,), "USD", "millions"))
    assert [(f.code, str(f.severity), f.difference) for f in result.findings] == [
        ("seg.unsure", "warning", 30)
    ]
    assert result.findings[0].message.endswith(
        "reported 1,530, computed 1,500 (+30), tolerance ±1.5: looks like a total of Mining + Hosting "
        "but does not add up"
    )


def test_a_labelled_column_whose_misses_are_typos_stays_a_total():
    typos = grid([1000, 2000, 3001], [4000, 5000, 9000], [6000, 7000, 13004])
    assert [c.total for c in column_totals(typos, SEGMENTS)] == [2]  # 1 holds, 2 miss by a typo


def test_unlabelled_min_rows_three_and_one_forgiven():
    assert column_totals(grid([1, 2, 3], [4, 5, 9]), UNNAMED) == []  # two rows: a coincidence
    three = column_totals(grid([1, 2, 3], [4, 5, 9], [6, 7, 13]), UNNAMED)
    assert [(c.total, c.parts, c.labelled) for c in three] == [(2, (0, 1), False)]
    one_miss = column_totals(grid([1, 2, 3], [4, 5, 9], [6, 7, 13], [1, 1, 7]), UNNAMED)
    assert [c.tally.holds for c in one_miss] == [3]  # all rows but one
    two_misses = column_totals(grid([1, 2, 3], [4, 5, 9], [6, 7, 99], [1, 1, 7]), UNNAMED)
    assert two_misses == []
    assert (policy.UNLABELLED_MIN_ROWS, policy.UNLABELLED_FORGIVEN) == (3, 1)


def test_a_convenience_column_is_never_a_part_or_a_total():
    cols = [("A", Role.SEGMENT), ("B", Role.SEGMENT), ("Total", Role.TOTAL), ("USD", Role.CONVENIENCE)]
    found = column_totals(grid([1, 2, 3, 3], [4, 5, 9, 9], [6, 7, 13, 13]), cols)
    assert [(c.total, c.parts) for c in found] == [(2, (0, 1))]


# ---------------------------------------------------------------- row rules


def test_labelled_total_row_income_less_expenses_by_their_labels():
    rows = row_totals(
        grid([100, 90], [60, 50], [40, 40]), ["Revenue", "Cost of revenue", "Segment profit"], [0, 1]
    )
    assert [(r.total, r.parts) for r in rows] == [(2, ((1, 0), (-1, 1)))]


def test_plain_total_row_only_for_a_line_item_or_an_unlabelled_row():
    regions = grid([10, 20, 30], [5, 5, 5], [15, 25, 35])
    assert [r.total for r in row_totals(regions, ["Americas", "EMEA", "Revenue"], [0, 1, 2])] == [2]
    assert row_totals(regions, ["Americas", "EMEA", "International"], [0, 1, 2]) == []  # a name, no total
    assert may_close("") and may_close("Subtotal") and not may_close("International")


def test_all_columns_but_one_keeps_a_total_row_with_one_broken_column():
    rows = row_totals(grid([10, 20, 30], [5, 5, 5], [15, 25, 99]), ["A", "B", "Total"], [0, 1, 2])
    assert [(r.total, r.tally.holds, r.tally.tested) for r in rows] == [(2, 2, 3)]


def test_rows_resolve_level_by_level():
    # revenue, cost, gross profit, expense, operating income: each total closes its own run.
    g = grid([100], [40], [60], [10], [50])
    labels = ["Revenue", "Cost of sales", "Gross profit", "Selling expense", "Operating income"]
    found = row_totals(g, labels, [0])
    assert [(r.total, [p for _, p in r.parts]) for r in found] == [(2, [0, 1]), (4, [2, 3])]


def test_end_of_a_reconciliation_block_is_kept_whatever_the_arithmetic():
    rows = [
        ("Revenue", [100, 50, 150]),
        ("Segment profit", [30, 20, 50]),
        ("Interest expense", [None, None, -5]),
        ("Net income", [None, None, 99]),  # 50 - 5 = 45: broken, and the block declares it
    ]
    t = table(
        rows,
        SEGMENTS,
        sections={2: "Reconciliation of segment profit", 3: "Reconciliation of segment profit"},
    )
    found = [r for r in relate_table(t).relations if r.total.line_item == "Net income"]
    assert [(r.rule, r.evidence, r.kind) for r in found] == [
        ("end of a reconciliation block", Evidence.DECLARED, RelationKind.RECONCILIATION)
    ]
    assert relation_finding(found[0]).severity == Severity.ERROR


def test_segment_blocks_add_to_the_consolidated_block():
    cols = [("2024", Role.PERIOD), ("2023", Role.PERIOD)]
    rows = [("Revenue", [10, 8]), ("Revenue", [20, 16]), ("Revenue", [30, 24])]
    t = table(rows, cols, sections={0: "North America", 1: "International", 2: "Consolidated"})
    t = Table(
        0,
        t.name,
        t.title,
        t.rows,
        tuple(Column(c.label, "", c.label, "USD", Role.PERIOD) for c in t.columns),
        t.cells,
    )
    found = [r for r in relate_table(t).relations if r.rule == "segment blocks"]
    assert len(found) == 2 and all(r.kind == RelationKind.STACKED for r in found)


def test_one_figure_chain_across_columns():
    cols = [("Segments", Role.SUBTOTAL), ("Consolidated", Role.TOTAL)]
    rows = [
        ("Total segment profit", [500, None]),
        ("Corporate costs", [None, -50]),
        ("Income before taxes", [None, 450]),
    ]
    found = [r for r in relate_table(table(rows, cols)).relations if r.rule == "one-figure chain"]
    assert [(r.total.value, [p.value for _, p in r.parts]) for r in found] == [(450, [500, -50])]


# ---------------------------------------------------------------- rules across tables


def _note(*tables, origin=Origin.FILING):
    return Note("inline", tuple(tables), "USD", "millions", origin=origin)


def test_revenue_less_expenses_across_sections():
    cols = [("Cloud", Role.SEGMENT), ("Ads", Role.SEGMENT)]
    revenue = table([("Revenues", [100, 200])], cols, index=0)
    costs = table([("Total costs and expenses", [60, 150])], cols, index=1, name="Costs")
    profit = table([("Operating income", [40, 50])], cols, index=2, name="Income")
    found = [
        r
        for r in relate(_note(revenue, costs, profit)).relations
        if r.rule == "revenue less expenses across sections"
    ]
    assert sorted(r.total.segment for r in found) == ["Ads", "Cloud"]


def test_only_consolidated_totals_tie_and_repeated_bare_totals_are_blocks():
    cols = [("2024", Role.PERIOD)]

    def period_table(rows, index):
        t = table(rows, cols, index=index, name="Revenue by geography")
        cells = {
            k: f.replace(segment="Total" if f.label in ("Total", "Worldwide") else f.label)
            for k, f in t.cells.items()
        }
        return Table(index, t.name, t.title, t.rows, t.columns, cells)

    segs = table([("Revenue", [None, None, 300])], SEGMENTS, index=0)
    geo = period_table([("Americas", [100]), ("Worldwide", [250])], 1)
    ties = [r for r in relate(_note(segs, geo)).relations if r.kind == RelationKind.TIE]
    assert [(r.total.value, r.parts[0][1].value) for r in ties] == []  # 'Worldwide' names no line item
    # Several 'Worldwide' rows of one line item in a table are the totals of its blocks.
    blocks = table([("Worldwide", [10]), ("Worldwide", [20])], cols, index=1, name="Sales")
    cells = {k: f.replace(line_item="Revenue", segment="Total") for k, f in blocks.cells.items()}
    blocks = Table(1, "Sales", "Sales", blocks.rows, blocks.columns, cells)
    assert [r for r in relate(_note(segs, blocks)).relations if r.kind == RelationKind.TIE] == []


def test_the_same_consolidated_figure_in_two_tables_ties():
    a = table([("Revenue", [100, 200, 300])], SEGMENTS, index=0)
    b = table([("Revenue", [None, None, 301])], SEGMENTS, index=1, name="Revenue by geography")
    ties = [r for r in relate(_note(a, b)).relations if r.kind == RelationKind.TIE]
    assert [(r.total.value, r.parts[0][1].value, r.evidence) for r in ties] == [(301, 300, Evidence.DECLARED)]


# ---------------------------------------------------------------- evidence and severity


def _relation(evidence):
    total = Fact("T", "2024", "Total", "Total", "USD", 10, at=FactId(0, 2, 0))
    parts = (
        (1, Fact("T", "2024", "A", "Total", "USD", 3, at=FactId(0, 0, 0))),
        (1, Fact("T", "2024", "B", "Total", "USD", 4, at=FactId(0, 1, 0))),
    )
    return Relation(RelationKind.FOOT, "T1", total, parts, "", "plain total row", evidence)


def test_a_broken_relation_is_an_error_only_when_the_note_asserts_it():
    assert relation_finding(_relation(Evidence.DECLARED)).severity == Severity.ERROR
    assert relation_finding(_relation(Evidence.CONFIRMED)).severity == Severity.ERROR
    suggested = relation_finding(_relation(Evidence.SUGGESTED))
    assert (suggested.code, suggested.severity) == ("seg.unsure", Severity.WARNING)


def test_the_resolver_keeps_one_relation_per_total_and_parts_by_priority():
    chain = _relation(Evidence.CONFIRMED)
    row = Relation(
        chain.kind, chain.table, chain.total, chain.parts, "", "labelled total row", Evidence.DECLARED
    )
    assert resolve(
        [
            Relation(
                *[getattr(chain, f) for f in ("kind", "table", "total", "parts", "why")],
                "one-figure chain",
                Evidence.CONFIRMED,
            ),
            row,
        ]
    ) == [row]


def test_a_rejected_total_is_an_info_so_an_unchecked_total_shows():
    t = table([("Revenue", [1000]), ("Costs", [1000]), ("Total", [2100])], [("2024", Role.TOTAL)])
    result = run(_note(t))
    assert [(f.code, f.severity) for f in result.findings if f.code == "seg.candidate"] == [
        ("seg.candidate", Severity.INFO)
    ]


# ---------------------------------------------------------------- prepare mode


def test_prepare_subtracts_expenses_named_without_the_word_expense():
    cols = [("Retail", Role.SEGMENT), ("Online", Role.SEGMENT)]
    rows = [
        ("Revenue", [1000, 500]),
        ("Selling, general and administrative", [300, 100]),
        ("Research and development", [100, 50]),
        ("Marketing", [50, 25]),
        ("Employee compensation", [40, 20]),
    ]
    result = run(_note(table(rows, cols), origin=Origin.DATA))
    profit = {r.total.segment: r.total.value for r in result.relations if r.rule == "prepare: segment profit"}
    assert profit == {"Retail": 510, "Online": 305, "Total": 815}
    assert not [f for f in result.findings if f.code == "seg.prepare.sign"]


def test_prepare_says_when_it_cannot_tell_a_lines_sign():
    cols = [("Retail", Role.SEGMENT), ("Online", Role.SEGMENT)]
    rows = [("Revenue", [1000, 500]), ("Cost of sales", [300, 100]), ("Fair value change", [10, 5])]
    result = run(_note(table(rows, cols), origin=Origin.DATA))
    signs = [f for f in result.findings if f.code == "seg.prepare.sign"]
    assert [(f.severity, f.line_item) for f in signs] == [(Severity.WARNING, "Fair value change")]


def test_a_filing_is_never_prepared():
    cols = [("Retail", Role.SEGMENT), ("Online", Role.SEGMENT)]
    rows = [("Revenue", [1000, 500]), ("Cost of sales", [300, 100])]
    assert not any(r.computed for r in run(_note(table(rows, cols))).relations)


def test_a_total_adds_only_columns_in_its_own_currency():
    # Segments stated in their local currencies beside a group total in EUR: 100 USD and
    # 50 GBP are no part of 170 EUR, even where the digits happen to add up.
    g = grid([100, 50, 150], [10, 20, 30], [5, 5, 10])
    cols = [("Americas", Role.SEGMENT), ("United Kingdom", Role.SEGMENT), ("Total", Role.TOTAL)]
    assert [c.total for c in column_totals(g, cols)] == [2]
    assert column_totals(g, cols, scopes=["USD", "GBP", "EUR"]) == []
    assert [c.total for c in column_totals(g, cols, scopes=["EUR", "EUR", "EUR"])] == [2]


def test_a_years_total_adds_only_that_years_segments():
    # Segment x year, group-major: Mining 2023 | Mining 2024 | Games 2023 | Games 2024 |
    # Total 2023 | Total 2024. The 2024 Total adds the 2024 columns only, though the
    # columns to its left also hold 2023's.
    g = grid([10, 12, 5, 6, 15, 18], [20, 24, 10, 12, 30, 36], [4, 5, 2, 2, 6, 7])
    names = ["Mining", "Mining", "Games", "Games", "Total", "Total"]
    cols = [(n, Role.TOTAL if n == "Total" else Role.SEGMENT) for n in names]
    scopes = [("USD", year) for year in ("2023", "2024") * 3]
    found = {c.total: c.parts for c in column_totals(g, cols, scopes=scopes)}
    assert found == {4: (0, 2), 5: (1, 3)}


def test_a_row_of_several_figures_passes_over_lines_of_the_total_column_only():
    # "Interest charges" and "Income before tax" have figures in the total column only:
    # they cannot be parts of a row of segment figures, so the business units' net income
    # is found as income before tax less tax, across them.
    g = grid(
        [200, 100, None],  # Income before tax business units
        [None, None, 250],  # Income before tax (after unallocated items)
        [-60, -30, None],  # Corporation tax business units
        [None, None, -80],  # Corporation tax
        [140, 70, None],  # Net income business units
    )
    labels = [
        "Income before tax business units",
        "Income before tax",
        "Corporation tax business units",
        "Corporation tax",
        "Net income business units",
    ]
    found = {r.total: [p for _, p in r.parts] for r in row_totals(g, labels, [0, 1, 2])}
    assert found[4] == [0, 2]


def test_a_part_summed_in_one_column_stays_open_in_the_others():
    # Row 0 is summed into income before tax in the total column only; in the segment
    # columns it is still the line that the business units' net income starts from.
    g = grid([10, 20, 30], [None, None, -5], [None, None, 25], [-1, -2, None], [9, 18, None])
    labels = [
        "Income business units",
        "Unallocated costs",
        "Income before tax",
        "Tax business units",
        "Net income business units",
    ]
    found = {r.total: [p for _, p in r.parts] for r in row_totals(g, labels, [0, 1, 2])}
    assert found[2] == [0, 1]
    assert found[4] == [0, 3]


def test_a_reconciliation_from_a_figure_the_note_leaves_blank_is_only_suggested():
    # The segments' income is given without its total; the block ends in net income. The
    # total we compute (80) may not be what the note reconciles from, so a miss is a
    # warning, not an error.
    rows = [
        ("Revenue", [100, 60, 160]),
        ("Segment income", [50, 30, None]),
        ("Unallocated items", [None, None, -5]),
        ("Net income", [None, None, 70]),  # 80 - 5 = 75
    ]
    t = table(rows, SEGMENTS, sections={2: "Reconciliation", 3: "Reconciliation"})
    found = [r for r in relate_table(t).relations if r.total.line_item == "Net income"]
    assert [(r.rule, r.evidence) for r in found] == [("end of a reconciliation block", Evidence.SUGGESTED)]
    assert relation_finding(found[0]).severity == Severity.WARNING


def test_a_total_checked_by_one_rule_is_no_unchecked_candidate_of_another():
    """Net income at the end of Total-only rows, off by 30: no run of the lines above adds
    up to it, but the end of the block is checked by position. It is an error, and no info
    calls it 'not checked' beside it."""
    rows = [("Segment profit", [400, 300, 700]), ("Corporate costs", [None, None, -150]),
            ("Interest", [None, None, -50]), ("Net income", [None, None, 530])]  # fmt: skip
    result = run(Note("inline", (table(rows, SEGMENTS),), "USD", "millions"))
    assert [(f.code, str(f.severity)) for f in result.findings] == [("seg.recon", "error")]
