"""The tidy format (docs/tidy-format.md): its round trip on real notes, each rule, each error.

A note read from filing text, written as a tidy CSV and read back must be the same note:
same tables and facts, unit, currencies, rate, and the same relations, checks, findings and
coverage. Each schema rule and each one-line error is shown on a small inline CSV.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.conftest import CORPUS, CORPUS2, notes_in
from xlsegment import report
from xlsegment.api import check, parse
from xlsegment.cli import cli
from xlsegment.errors import InputError, XlsegmentError
from xlsegment.model import Origin, RelationKind, Role, Severity
from xlsegment.readers.tidy import read_tidy, write_tidy_csv
from xlsegment.readers.tidycells import CSV_COLUMNS, REQUIRED

HEADER = ",".join(REQUIRED)


def _csv(tmp_path, text: str, name: str = "facts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _round_trip(note, tmp_path):
    path = tmp_path / "facts.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        write_tidy_csv(note, fh)
    return read_tidy(path)


def _tables(note):
    """Every table as the relation search sees it: rows, columns and every fact."""
    return [
        (
            t.name,
            t.title,
            t.first_line,
            t.last_line,
            t.rows,
            t.columns,
            sorted(
                (at, f.value, f.decimals, f.period, f.line_item, f.segment, f.currency, f.role, f.label)
                + (f.reported, f.source.line)
                for at, f in t.cells.items()
            ),
        )
        for t in note.tables
    ]


def _outcome(result):
    """What checking the note gives: relation kinds, checks, findings, coverage, rate."""
    doc = json.loads(report.to_json(result))
    del doc["source"]
    return {
        "kinds": Counter(str(r.kind) for r in result.relations),
        "checks": result.checks,
        "per_table": result.per_table,
        "findings": sorted((f.code, str(f.severity)) for f in result.findings),
        "coverage": result.coverage,
        "json": doc,
    }


def assert_same_note(direct, back):
    assert back.origin == direct.origin == Origin.FILING  # carried by the origin column
    assert len(back.tables) == len(direct.tables)
    assert [(len(t.rows), len(t.columns)) for t in back.tables] == [
        (len(t.rows), len(t.columns)) for t in direct.tables
    ]
    for got, want in zip(_tables(back), _tables(direct), strict=True):
        assert got == want
    assert (back.unit, back.presentation_currency, back.convenience_currency) == (
        direct.unit,
        direct.presentation_currency,
        direct.convenience_currency,
    )
    assert (back.rate_note, back.stated_rate) == (direct.rate_note, direct.stated_rate)
    assert [(f.code, f.severity, f.message) for f in back.findings] == [
        (f.code, f.severity, f.message) for f in direct.findings
    ]
    want, got = _outcome(check(direct)), _outcome(check(back))
    for key in want:
        assert got[key] == want[key], key


# ---------------------------------------------------------------- round trip on real notes


def test_the_seed_survives_parse_csv_check(seed_path, tmp_path):
    """The issue's numbers: 7 tables, RMB thousands, 4 reconciliations, 188 of 188 covered."""
    direct = parse(seed_path)
    back = _round_trip(direct, tmp_path)
    assert_same_note(direct, back)
    result = check(back)
    assert len(back.tables) == 7 and (back.presentation_currency, back.unit) == ("CNY", "thousands")
    assert (back.convenience_currency, back.rate_note) == ("USD", "Note 3")
    assert Counter(r.kind for r in result.relations)[RelationKind.RECONCILIATION] == 4
    assert result.coverage == (188, 188) and result.checks == 86


def test_the_cli_round_trip_gives_the_same_json(seed_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "facts.csv"
    parsed = runner.invoke(cli, ["parse", str(seed_path), "--csv", str(out)])
    assert parsed.exit_code == 0, parsed.output
    direct = json.loads(runner.invoke(cli, ["check", str(seed_path), "--json"]).output)
    back = json.loads(runner.invoke(cli, ["check", str(out), "--json"]).output)
    assert back["source"] == str(out)
    for key in ("presentation_currency", "unit", "summary", "rate", "tables", "relations", "findings"):
        assert back[key] == direct[key], key


def test_pandas_reads_the_csv_and_the_frame_is_the_same_note(seed_path, tmp_path):
    direct = parse(seed_path)
    path = tmp_path / "facts.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        write_tidy_csv(direct, fh)
    frame = pd.read_csv(path)
    assert list(frame.columns) == list(CSV_COLUMNS)
    assert_same_note(direct, read_tidy(frame))


@pytest.mark.slow
@pytest.mark.parametrize("name", notes_in(CORPUS, 21))
def test_every_corpus_note_survives_the_round_trip(name, tmp_path):
    direct = parse(CORPUS / f"{name}.txt")
    assert_same_note(direct, _round_trip(direct, tmp_path))


@pytest.mark.slow
@pytest.mark.parametrize("name", notes_in(CORPUS2, 11))
def test_every_corpus2_note_survives_the_round_trip(name, tmp_path):
    direct = parse(CORPUS2 / f"{name}.txt")
    assert_same_note(direct, _round_trip(direct, tmp_path))


# ---------------------------------------------------------------- schema rules

SEGMENT_PROFIT = (
    f"{HEADER},unit\n"
    'P&L,2024,Revenue,Mining,USD,"1,000",thousands\n'
    "P&L,2024,Revenue,Hosting,USD,500,\n"
    'P&L,2024,Revenue,Total,USD,"1,500",\n'
    "P&L,2024,Cost of revenue,Mining,USD,{mining},\n"
    "P&L,2024,Cost of revenue,Hosting,USD,{hosting},\n"
    "P&L,2024,Cost of revenue,Total,USD,{total},\n"
    "P&L,2024,Segment profit,Mining,USD,400,\n"
    "P&L,2024,Segment profit,Hosting,USD,300,\n"
    "P&L,2024,Segment profit,Total,USD,700,\n"
)


@pytest.mark.parametrize(
    "costs", [("600", "200", "800"), ("(600)", "(200)", "(800)"), ("-600", "-200", "-800")]
)
def test_expenses_may_be_positive_or_negative(tmp_path, costs):
    """Signs as the note shows them: the relation search reads each line's sign itself."""
    text = SEGMENT_PROFIT.format(mining=costs[0], hosting=costs[1], total=costs[2])
    note = read_tidy(_csv(tmp_path, text))
    result = check(note)
    assert note.unit == "thousands"
    assert note.tables[0].cells[(1, 0)].value == (600 if costs[0] == "600" else -600)
    assert Counter(r.kind for r in result.relations) == {RelationKind.CROSSFOOT: 3, RelationKind.FOOT: 3}
    assert result.summary["errors"] == 0 and result.coverage == (9, 9)


def test_a_broken_total_in_typed_data_is_an_error(tmp_path):
    text = SEGMENT_PROFIT.format(mining=600, hosting=200, total=810)
    result = check(read_tidy(_csv(tmp_path, text)))
    errors = [f for f in result.findings if f.severity == Severity.ERROR]
    [across] = [f for f in errors if f.code == "seg.crossfoot"]
    assert (across.line_item, across.segment, across.actual, across.expected) == (
        "Cost of revenue",
        "Total",
        810,
        800,
    )
    assert across.source_line == 7  # the CSV line of the figure
    assert {f.code for f in errors} == {"seg.crossfoot", "seg.foot"}  # and segment profit no longer foots


RECONCILIATION = (
    SEGMENT_PROFIT.format(mining=600, hosting=200, total=800).replace(
        f"{HEADER},unit", f"{HEADER},unit,layout_section"
    )
    + "P&L,2024,Unallocated corporate costs,Total,USD,(150),,{heading}\n"
    + "P&L,2024,Interest expense,Total,USD,(50),,{heading}\n"
    + "P&L,2024,Net income,Total,USD,{net},,{heading}\n"
)


def test_reconciling_items_are_total_only_rows_under_a_heading(tmp_path):
    text = RECONCILIATION.format(heading="Reconciliation to net income:", net=500)
    result = check(read_tidy(_csv(tmp_path, text)))
    [recon] = [r for r in result.relations if r.kind == RelationKind.RECONCILIATION]
    assert recon.total.line_item == "Net income"
    assert [p.line_item for _, p in recon.parts] == [
        "Segment profit",
        "Unallocated corporate costs",
        "Interest expense",
    ]
    text = RECONCILIATION.format(heading="Reconciliation to net income:", net=510)
    broken = check(read_tidy(_csv(tmp_path, text, "broken.csv")))
    assert [f.code for f in broken.findings if f.severity == Severity.ERROR] == ["seg.recon"]


def test_without_a_heading_total_only_rows_still_foot_to_net_income(tmp_path):
    result = check(read_tidy(_csv(tmp_path, RECONCILIATION.format(heading="", net=500))))
    [net] = [r for r in result.relations if r.total.line_item == "Net income"]
    assert net.kind == RelationKind.FOOT and len(net.parts) == 3


def test_roles_give_total_corporate_eliminations_and_translations(tmp_path):
    text = (
        f"{HEADER},role\n"
        "P&L,2024,Revenue,A,RMB,100,\n"
        "P&L,2024,Revenue,Total,RMB,90,\n"
        "P&L,2024,Revenue,Eliminations,RMB,-20,elimination\n"
        "P&L,2024,Revenue,Corporate,RMB,10,corporate\n"
        "P&L,2024,Revenue,Total,USD,12,\n"
    )
    note = read_tidy(_csv(tmp_path, text))
    columns = [(c.segment, c.currency, c.role) for c in note.tables[0].columns]
    assert columns == [
        ("A", "CNY", Role.SEGMENT),
        ("Corporate", "CNY", Role.CORPORATE),
        ("Eliminations", "CNY", Role.ELIMINATION),
        ("Total", "CNY", Role.TOTAL),
        ("Total", "USD", Role.CONVENIENCE),
    ]
    assert (note.presentation_currency, note.convenience_currency) == ("CNY", "USD")
    assert note.tables[0].cells[(0, 4)].role == Role.CONVENIENCE  # blank role, other currency
    [crossfoot] = [r for r in check(note).relations if r.kind == RelationKind.CROSSFOOT]
    assert sorted(p.segment for _, p in crossfoot.parts) == ["A", "Corporate", "Eliminations"]


def test_the_rate_column_is_the_stated_rate_and_the_option_wins(tmp_path):
    text = (
        f"{HEADER},rate,rate_source\n"
        "P&L,2024,Revenue,Total,RMB,7299,7.299,Note 3\n"
        "P&L,2024,Revenue,Total,USD,1000,,\n"
    )
    note = read_tidy(_csv(tmp_path, text))
    assert (note.stated_rate, note.rate_note) == (Decimal("7.299"), "Note 3")
    stated = check(note).rate
    assert stated.stated and stated.rate == Decimal("7.299")
    assert check(note, rate="7.5").rate.rate == Decimal("7.5")
    assert any(f.code == "seg.fx.figure" for f in check(note, rate="7.5").findings)
    back = _round_trip(note, tmp_path)
    assert (back.stated_rate, back.rate_note) == (Decimal("7.299"), "Note 3")


def test_decimals_and_nil_dashes_are_read_exactly(tmp_path):
    text = f"{HEADER},decimals\nT,2024,A,S,USD,1028.4,\nT,2024,B,S,USD,1028.4,2\nT,2024,C,S,USD,—,\n"
    cells = read_tidy(_csv(tmp_path, text)).tables[0].cells
    assert [(f.value, f.decimals) for _, f in sorted(cells.items())] == [
        (Decimal("1028.4"), 1),
        (Decimal("1028.4"), 2),
        (0, 0),
    ]


def test_blank_period_and_segment_are_kept(tmp_path):
    note = read_tidy(_csv(tmp_path, f"{HEADER}\nAssets,,North America,,USD,5\n"))
    fact = note.facts[0]
    assert (fact.period, fact.segment, fact.line_item) == ("", "", "North America")


def test_headers_match_without_case_and_unknown_columns_are_ignored(tmp_path):
    text = "Table, Period ,LINE,Segment,Currency,Value,my comment\nT,2024,Revenue,A,usd,7,ask Ann\n"
    fact = read_tidy(_csv(tmp_path, text)).facts[0]
    assert (fact.table, fact.period, fact.currency, fact.value) == ("T", "2024", "USD", 7)


def test_a_fact_stated_twice_is_an_error_finding_naming_both_lines(tmp_path):
    text = f"{HEADER}\nT,2024,Revenue,A,USD,1\nT,2024,Revenue,B,USD,2\nT,2024,Revenue,A,USD,3\n"
    note = read_tidy(_csv(tmp_path, text))
    [dup] = [f for f in check(note).findings if f.code == "seg.duplicate"]
    assert dup.severity == Severity.ERROR and "line 2" in dup.message and "line 4" in dup.message
    assert note.tables[0].cells[(0, 0)].value == 1  # the first is checked


def test_finding_rows_come_back_as_findings(tmp_path):
    text = (
        f"{HEADER},finding,severity,message,expected,actual\n"
        "T,2024,Revenue,A,USD,1,,,,,\n"
        "T1,2024,Total assets,,,,seg.label.date,warning,year 1024 is a typo,2024,1024\n"
    )
    note = read_tidy(_csv(tmp_path, text))
    [f] = note.findings
    assert (f.code, f.severity, f.table, f.line_item, f.expected, f.actual) == (
        "seg.label.date",
        Severity.WARNING,
        "T1",
        "Total assets",
        2024,
        1024,
    )
    assert len(note.facts) == 1


def test_records_and_frames_read_like_the_csv(tmp_path):
    rows = [
        {"table": "T", "period": 2024, "line": "Revenue", "segment": "A", "currency": "USD", "value": 1.5},
        {
            "table": "T",
            "period": 2024,
            "line": "Revenue",
            "segment": "Total",
            "currency": "USD",
            "value": 1.5,
        },
    ]
    from_records = read_tidy(rows)
    from_frame = read_tidy(pd.DataFrame(rows))
    assert _tables(from_records)[0][4:] == _tables(from_frame)[0][4:]
    assert from_records.facts[1].role == Role.TOTAL and from_records.facts[0].value == Decimal("1.5")
    with pytest.raises(InputError, match=r"<records>:3: column 'value': 'x' is not a number"):
        read_tidy([rows[0], {**rows[1], "value": "x"}])


def test_typed_rows_join_the_table_a_parsed_file_laid_out(seed_path, tmp_path):
    path = tmp_path / "facts.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        write_tidy_csv(parse(seed_path), fh)
    with path.open("a", newline="", encoding="utf-8") as fh:
        fh.write("Segment assets,2024,Goodwill,Corporate,RMB,5\n")
    note = read_tidy(path)
    assets = next(t for t in note.tables if t.name == "Segment assets")
    [(i, j)] = [k for k, f in assets.cells.items() if f.line_item == "Goodwill"]
    assert assets.rows[i].line_item == "Goodwill" and assets.columns[j].segment == "Corporate"
    assert len(note.tables) == 7


def test_a_filled_workbook_keeps_a_stated_rate_from_a_csv(tmp_path):
    from xlsegment.workbook.api import check_workbook, fill

    text = (
        f"{HEADER},rate,unit\n"
        "P&L,2024,Revenue,A,RMB,7299,7.299,thousands\n"
        "P&L,2024,Revenue,Total,RMB,7299,,\n"
        "P&L,2024,Revenue,Total,USD,1000,,\n"
    )
    book = fill(_csv(tmp_path, text), tmp_path / "book.xlsx")
    result = check_workbook(book)
    assert result.rate.stated and result.rate.rate == Decimal("7.299")
    assert result.note.unit == "thousands"


def test_a_bad_role_typed_into_the_data_table_names_its_cell(seed_path, tmp_path):
    import openpyxl

    from xlsegment.workbook.api import check_workbook, fill

    book = fill(seed_path, tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb["Data"]
    role_col = [c.value for c in ws[1]].index("role") + 1
    ws.cell(5, role_col).value = "totl"
    wb.save(book)
    letter = openpyxl.utils.get_column_letter(role_col)
    with pytest.raises(
        XlsegmentError, match=rf"book\.xlsx!Data!{letter}5: column 'role': 'totl' is not a role"
    ):
        check_workbook(book)


# ---------------------------------------------------------------- one-line errors

ERRORS = [
    ("table,period,line,segment,currency\nT,2024,R,A,USD\n", "facts.csv:1: missing column(s) value"),
    (
        f"{HEADER},decimal\nT,2024,R,A,USD,1,0\n",
        "facts.csv:1: column 'decimal' is no tidy column; did you mean 'decimals'?",
    ),
    (f"{HEADER},value\nT,2024,R,A,USD,1,1\n", "facts.csv:1: column 'value' appears twice in the header"),
    ("table;period;line;segment;currency;value\nT;2024;R;A;USD;1\n", "separated by ';'"),
    (f"{HEADER}\n", "facts.csv:2: no facts"),
    (f"{HEADER}\nT,2024,R,A,USD,abc\n", "facts.csv:2: column 'value': 'abc' is not a number"),
    (f"{HEADER}\nT,2024,R,A,USD,12%\n", "facts.csv:2: column 'value': '12%' is a percent, not an amount"),
    (f"{HEADER}\nT,2024,R,A,USD,1\nT,2024,R,B,USD,\n", "facts.csv:3: column 'value' is empty"),
    (f"{HEADER}\n,2024,R,A,USD,1\n", "facts.csv:2: column 'table' is empty"),
    (f"{HEADER}\nT,2024,,A,USD,1\n", "facts.csv:2: column 'line' is empty"),
    (
        f"{HEADER}\nT,2024,R,A,US,1\n",
        "facts.csv:2: column 'currency': 'US' is not a three-letter currency code",
    ),
    (f"{HEADER},decimals\nT,2024,R,A,USD,1.25,1\n", "facts.csv:2: column 'decimals': 1, but the value 1.25"),
    (
        f"{HEADER},decimals\nT,2024,R,A,USD,1,one\n",
        "facts.csv:2: column 'decimals': decimals \"one\" is not a whole number from -20 to 20",
    ),
    (f"{HEADER},role\nT,2024,R,A,USD,1,totl\n", "facts.csv:2: column 'role': 'totl' is not a role"),
    (
        f"{HEADER},reported\nT,2024,R,A,USD,1,maybe\n",
        "facts.csv:2: column 'reported': 'maybe' is not true or false",
    ),
    (
        f"{HEADER},source_line\nT,2024,R,A,USD,1,0\n",
        "facts.csv:2: column 'source_line': '0' is not a whole number from 1",
    ),
    (
        f"{HEADER},unit\nT,2024,R,A,USD,1,thousands\nT,2024,R,B,USD,1,millions\n",
        "facts.csv:3: column 'unit': millions differs from thousands on line 2",
    ),
    (
        f"{HEADER},unit\nT,2024,R,A,USD,1,thousand\n",
        "facts.csv:2: column 'unit': 'thousand' is not one of units",
    ),
    (f"{HEADER},rate\nT,2024,R,A,USD,1,-7\n", "facts.csv:2: column 'rate': '-7' is not a positive number"),
    (
        f"{HEADER},rate\nT,2024,R,A,USD,1,7.2\nT,2024,R,B,USD,1,7.3\n",
        "facts.csv:3: column 'rate': 7.3 differs from 7.2",
    ),
    (
        f"{HEADER}\nT,2024,R,A,USD,1\nT,2024,R,B,EUR,1\nT,2024,R,C,GBP,1\n",
        "facts.csv:4: column 'currency': GBP is a third currency",
    ),
    (f"{HEADER},layout_table\nT,2024,R,A,USD,1,1\n", "facts.csv:2: column 'layout_row' is empty"),
    (
        f"{HEADER},layout_table,layout_row,layout_col\nT,2024,R,A,USD,1,1,0,1\n",
        "facts.csv:2: column 'layout_row': '0' is not a whole number from 1",
    ),
    (
        f"{HEADER},layout_table,layout_row,layout_col,layout_col_role\nT,2024,R,A,USD,1,1,1,1,sum\n",
        "facts.csv:2: column 'layout_col_role': 'sum' is not a role",
    ),
    (
        f"{HEADER},finding,severity,message\n,,,,,,seg.x,bad,m\n",
        "facts.csv:2: column 'severity': 'bad' is not error",
    ),
    (f"{HEADER},finding,severity,message\n,,,,,,seg.x,info,\n", "facts.csv:2: column 'message' is empty"),
    (
        f"{HEADER},finding,severity,message\n,,,,,5,seg.x,info,m\n",
        "facts.csv:2: column 'value': a finding row",
    ),
    (f"{HEADER}\nT,2024,R,A,USD,1,9\n", "facts.csv:2: 7 cells but the header names 6 columns"),
    (f'{HEADER}\nT,2024,"R,A,USD,1\n', "not a readable CSV"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS, ids=[m for _, m in ERRORS])
def test_wrong_input_gets_one_line_and_exit_2(tmp_path, text, message):
    path = _csv(tmp_path, text)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert result.stderr.startswith(f"xlsegment: {path.parent}/") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_bytes(f"{HEADER}\nT,2024,R,A,USD,1\nT,2024,Caf\xe9,A,USD,1\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"facts\.csv:3: not UTF-8; save it as 'CSV UTF-8"):
        read_tidy(path)


def test_the_origin_column_says_whether_missing_totals_are_computed(tmp_path):
    lines = "P&L,2024,Revenue,A,USD,100\nP&L,2024,Revenue,B,USD,50\n"
    data = check(read_tidy(_csv(tmp_path, f"{HEADER}\n{lines}")))
    as_filed = lines.replace("\n", ",filing\n")
    filing = check(read_tidy(_csv(tmp_path, f"{HEADER},origin\n{as_filed}")))
    computed = [(r.total.segment, r.total.value) for r in data.relations if r.computed]
    assert computed == [("Total", 150)]  # data: prepare mode adds the Total column
    assert not any(r.computed for r in filing.relations)  # a filing's totals are as filed
    with pytest.raises(InputError, match="column 'origin': 'draft' is not one of filing, data"):
        read_tidy(_csv(tmp_path, f"{HEADER},origin\nP&L,2024,Revenue,A,USD,100,draft\n"))


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ({"decimals": float("inf")}, "column 'decimals': decimals inf is not a whole number from -20 to 20"),
        ({"decimals": 99}, "column 'decimals': decimals 99 is outside -20 to 20"),
        ({"value": "1e-999999999"}, "column 'value': '1e-999999999' is not a number"),
        ({"value": Decimal("1e-30")}, "column 'value': the value 1E-30 has more than 20 decimals"),
    ],
)
def test_tidy_bounds_are_the_readers_one_bound(extra, says):
    row = {"table": "T", "period": "2024", "line": "Revenue", "segment": "A", "currency": "USD", "value": 1}
    with pytest.raises(InputError) as err:
        check(pd.DataFrame([{**row, **extra}]))
    assert str(err.value) == f"<DataFrame>:2: {says}"
