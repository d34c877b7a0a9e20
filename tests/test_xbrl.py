"""Inline XBRL and XBRL instances through Arelle, and the checks that need the tags."""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlsegment import xbrl_checks
from xlsegment.api import check
from xlsegment.cli import cli
from xlsegment.model import Role, Severity
from xlsegment.readers import ixbrl, read

XBRL = Path(__file__).parent / "data" / "xbrl"
AMZN = XBRL / "amzn-10-k-2025-02-07.ixbrl.html"
GME = XBRL / "gme-10-k-0001326380-24-000012.ixbrl.html"
AAPL = XBRL / "aapl-20230930_htm.xml"


def test_arelle_is_installed_for_these_tests():
    assert ixbrl.available(), "install the xbrl extra: pip install -e '.[test]' brings Arelle"


# ---------------------------------------------------------------- a small inline-XBRL filing

_CONTEXT = (
    '<xbrli:context id="{id}"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">'
    "0000000001</xbrli:identifier>{segment}</xbrli:entity><xbrli:period><xbrli:startDate>"
    "{year}-01-01</xbrli:startDate><xbrli:endDate>{year}-12-31</xbrli:endDate></xbrli:period></xbrli:context>"
)
_MEMBER = (
    '<xbrli:segment><xbrldi:explicitMember dimension="us-gaap:StatementBusinessSegmentsAxis">'
    "ex:{m}SegmentMember</xbrldi:explicitMember></xbrli:segment>"
)


def _contexts() -> str:
    out = []
    for year in (2024, 2023):
        out.append(_CONTEXT.format(id=f"c{year}", segment="", year=year))
        for m in ("Alpha", "Beta"):
            out.append(_CONTEXT.format(id=f"c{year}{m}", segment=_MEMBER.format(m=m), year=year))
    return "".join(out)


def tag(concept: str, context: str, shown: str, *, scale: int = 6, sign: str = "", fid: str = "") -> str:
    extra = f' sign="{sign}"' if sign else ""
    ident = f' id="{fid}"' if fid else ""
    return (
        f'<ix:nonFraction name="us-gaap:{concept}" contextRef="{context}" unitRef="usd" decimals="-6" '
        f'scale="{scale}" format="ixt:num-dot-decimal"{extra}{ident}>{shown}</ix:nonFraction>'
    )


def amount(cell: str, negative: bool = False) -> str:
    return f"<td>(</td><td>{cell}</td><td>)</td>" if negative else f"<td></td><td>{cell}</td><td></td>"


def filing(rows: dict[str, list[str]], extra_text: str = "") -> str:
    """A 10-K in miniature: an ix:header with contexts, a segment note with one table whose
    columns are Alpha, Beta and Total for 2024, and the next note."""
    head = "<td></td>" + "".join(f"<td colspan='3'>{n}</td>" for n in ("Alpha", "Beta", "Total"))
    body = "".join(f"<tr><td>{label}</td>{''.join(cells)}</tr>" for label, cells in rows.items())
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
        'xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" '
        'xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:us-gaap="http://fasb.org/us-gaap/2024" '
        'xmlns:ex="http://example.com/20241231" '
        'xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12">'
        "<head><title>Example 10-K</title></head><body>"
        '<div style="display:none"><ix:header><ix:references><link:schemaRef xlink:type="simple" '
        'xlink:href="ex-20241231.xsd"/></ix:references><ix:resources>'
        f'{_contexts()}<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>'
        "</ix:resources></ix:header></div>"
        "<div>Note 5 — Segment Information</div>"
        f"<div>Segment results for 2024 were as follows (in millions):{extra_text}</div>"
        f"<table><tr>{head}</tr><tr><td>Year ended December 31, 2024</td></tr>{body}</table>"
        "<div>Note 6 — Leases</div><div>Nothing to see.</div></body></html>"
    )


def good_rows() -> dict[str, list[str]]:
    return {
        "Revenue": [
            amount(tag("Revenues", "c2024Alpha", "100")),
            amount(tag("Revenues", "c2024Beta", "50")),
            amount(tag("Revenues", "c2024", "150")),
        ],
        "Operating income (loss)": [
            amount(tag("OperatingIncomeLoss", "c2024Alpha", "30")),
            amount(tag("OperatingIncomeLoss", "c2024Beta", "10", sign="-"), negative=True),
            amount(tag("OperatingIncomeLoss", "c2024", "20")),
        ],
    }


def write(tmp_path: Path, text: str, name: str = "ex-10k.htm") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _xbrl_findings(note):
    """What the XBRL checks of the registry find on a note (run through the pipeline)."""
    return [f for f in check(note).findings if f.code.startswith("xbrl.")]


def xbrl_codes(note) -> Counter:
    return Counter((f.code, str(f.severity)) for f in _xbrl_findings(note))


def test_a_correct_small_filing_reads_with_its_tags_and_no_xbrl_finding(tmp_path):
    note = read(write(tmp_path, filing(good_rows())))
    assert len(note.tags) == 6 and all(f.tag is not None for f in note.facts)
    beta = next(f for f in note.facts if f.segment == "Beta" and f.line_item == "Operating income (loss)")
    assert beta.value == -10 and beta.tag.value == Decimal("-10000000") and beta.tag.sign == -1
    assert beta.tag.member(ixbrl.SEGMENT_AXIS) == "ex:BetaSegmentMember"
    assert (beta.tag.start, beta.tag.end, beta.tag.period) == ("2024-01-01", "2024-12-31", "2024")
    assert xbrl_codes(note) == Counter()
    assert len(xbrl_checks.member_sum_candidates(note)) == 2
    assert check(note).summary["errors"] == 0


def test_a_flipped_sign_is_a_tagging_error(tmp_path):
    rows = good_rows()
    rows["Operating income (loss)"][1] = amount(tag("OperatingIncomeLoss", "c2024Beta", "10"), negative=True)
    note = read(write(tmp_path, filing(rows)))
    found = [f for f in xbrl_checks.sign_flips(note)]
    assert [(f.code, f.severity, f.segment, f.actual) for f in found] == [
        ("xbrl.sign", Severity.ERROR, "Beta", Decimal("10000000"))
    ]
    assert "shown (10), tagged 10,000,000" in found[0].message
    # The tagged values no longer add either: 30 + 10 is not 20.
    assert ("xbrl.member_sum", "error") in xbrl_codes(note)


def test_a_wrong_scale_is_a_tagging_error(tmp_path):
    rows = good_rows()
    rows["Revenue"][0] = amount(tag("Revenues", "c2024Alpha", "100", scale=3))
    note = read(write(tmp_path, filing(rows)))
    found = xbrl_checks.scale_mismatches(note)
    assert [(f.code, f.severity, f.segment, f.expected, f.actual) for f in found] == [
        ("xbrl.scale", Severity.ERROR, "Alpha", Decimal("100000000"), Decimal("100000"))
    ]


def test_conflicting_duplicates_are_errors_and_consistent_ones_are_fine(tmp_path):
    consistent = f" Total revenue was ${tag('Revenues', 'c2024', '150')} million."
    note = read(write(tmp_path, filing(good_rows(), consistent)))
    assert xbrl_checks.conflicting_duplicates(note) == []
    conflicting = f" Total revenue was ${tag('Revenues', 'c2024', '151')} million."
    note = read(write(tmp_path, filing(good_rows(), conflicting)))
    found = xbrl_checks.conflicting_duplicates(note)
    assert [(f.code, f.severity, f.segment, f.expected, f.actual) for f in found] == [
        ("xbrl.duplicate", Severity.ERROR, "Total", Decimal("151000000"), Decimal("150000000"))
    ]
    assert "tagged twice with different values: 151,000,000 (shown '151')" in found[0].message


def test_a_broken_member_sum(tmp_path):
    rows = good_rows()
    rows["Revenue"][2] = amount(tag("Revenues", "c2024", "160"))  # shown and tagged: 100 + 50 is not 160
    note = read(write(tmp_path, filing(rows)))
    found = [f for f in _xbrl_findings(note) if f.code == "xbrl.member_sum"]
    assert [(f.code, f.segment, f.expected, f.actual) for f in found] == [
        ("xbrl.member_sum", "Total", Decimal("150000000"), Decimal("160000000"))
    ]
    assert found[0].severity in (Severity.ERROR, Severity.WARNING)


def test_untagged_figures_are_infos(tmp_path):
    rows = good_rows()
    rows["Revenue"][1] = amount("50")
    note = read(write(tmp_path, filing(rows)))
    found = xbrl_checks.untagged_figures(note)
    assert [(f.code, f.severity, f.segment, f.line_item) for f in found] == [
        ("xbrl.untagged", Severity.INFO, "Beta", "Revenue")
    ]


def test_without_arelle_the_filing_reads_as_html_and_says_so_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(ixbrl, "available", lambda: False)
    note = read(write(tmp_path, filing(good_rows())))
    assert note.tags == () and len(note.facts) == 6
    said = [f for f in note.findings if f.code == "seg.xbrl.extra"]
    assert len(said) == 1 and said[0].severity == Severity.WARNING
    assert "the XBRL checks need the extra (pip install '.[xbrl]' in a clone of xlsegment)" in said[0].message
    result = CliRunner().invoke(cli, ["check", str(write(tmp_path, filing(good_rows()), "b.htm"))])
    assert sum("seg.xbrl.extra" in line for line in result.output.splitlines()) == 1


def test_an_ixbrl_file_arelle_refuses_exits_2_with_one_line(tmp_path):
    text = GME.read_bytes()
    cut = tmp_path / "gme-cut.htm"
    cut.write_bytes(text[:1_200_000])  # ends in the middle of the document, after the note
    result = CliRunner().invoke(cli, ["check", str(cut)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"{cut}:8: Arelle refuses it as XBRL: column 1198905: " in lines[0]
    assert lines[0].endswith("(xmlSchema:syntax)")


# ---------------------------------------------------------------- the real filings


@pytest.mark.slow
def test_gamestop_facts_and_segment_note():
    loaded = ixbrl.load(GME)
    assert (loaded.facts, loaded.on_segment_axis) == (1068, 101)
    note = read(GME)
    assert len(note.tags) == 940  # the numeric facts; 128 are text or nil
    assert sum(1 for t in note.tags if t.member(ixbrl.SEGMENT_AXIS)) == 99
    assert len(note.tables) == 3 and len(note.facts) == 90 and note.unit == "millions"
    assert all(f.tag is not None for f in note.facts)
    us = next(f for f in note.facts if f.tag.concept == "us-gaap:Revenues" and f.tag.end == "2024-02-03"
              and f.tag.member(ixbrl.SEGMENT_AXIS) == "gme:VideoGameBrandsUnitedStatesMember")  # fmt: skip
    assert (us.segment, us.value, us.tag.value) == ("United States", Decimal("3429.4"), Decimal("3429400000"))


@pytest.mark.slow
@pytest.mark.parametrize("path, sums", [(GME, 18), (AMZN, 21)])
def test_xbrl_checks_raise_nothing_on_the_real_filings(path, sums):
    note = read(path)
    assert len(xbrl_checks.member_sum_candidates(note)) == sums
    assert [f for f in _xbrl_findings(note) if f.severity != Severity.INFO] == []
    assert check(note).summary["errors"] == 0


@pytest.mark.slow
def test_amazon_tags_give_roles_of_the_consolidation_axis():
    note = read(AMZN)
    roles = Counter(
        f.role for f in note.facts if f.tag is not None and f.tag.member(ixbrl.CONSOLIDATION_AXIS)
    )
    assert roles[Role.CORPORATE] > 0
    corporate = {
        (f.segment, f.tag.member(ixbrl.CONSOLIDATION_AXIS)) for f in note.facts if f.role == Role.CORPORATE
    }
    assert corporate == {("Corporate", "us-gaap:CorporateNonSegmentMember")}
    countries = {f.segment for f in note.tables[2].cells.values()}
    assert countries == {"United States", "Germany", "United Kingdom", "Japan", "Rest of world", "Total"}


# ---------------------------------------------------------------- an XBRL instance


def _extract(path: Path) -> Counter:
    with path.open(encoding="utf-8") as fh:
        return Counter((r["concept"], r["context_id"], Decimal(r["value"])) for r in csv.DictReader(fh))


def test_apple_instance_reads_into_the_segment_facts_of_its_extract():
    note = read(AAPL)
    on_axes = Counter((f.tag.concept, f.tag.context, f.tag.value) for f in note.facts if f.tag.dimensions)
    assert on_axes == _extract(XBRL / "aapl_fy2023_segment_facts.csv")
    assert note.unit == "millions"
    revenue = "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"
    americas = next(f for f in note.facts if f.segment == "Americas" and f.period == "2023"
                    and f.tag.concept == revenue)  # fmt: skip
    assert americas.value == 162560 and americas.decimals == 0
    assert {f.segment for f in note.facts if f.role == Role.TOTAL} == {"Total"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "path, extract", [(GME, "gme_fy2023_segment_facts.csv"), (AMZN, "amzn_2024_segment_facts.csv")]
)
def test_inline_tags_hold_every_fact_of_the_extracts(path, extract):
    note = read(path)
    tagged = Counter((t.concept, t.context, t.value) for t in note.tags)
    expected = _extract(XBRL / extract)
    assert expected - tagged == Counter()


def test_fill_makes_a_workbook_from_an_instance(tmp_path):
    out = tmp_path / "aapl.xlsx"
    result = CliRunner().invoke(cli, ["fill", str(AAPL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    values = [row for row in wb["Data"].iter_rows(values_only=True)]
    assert any(162560 in row and "Americas" in row for row in values)


@pytest.mark.parametrize("undeclared", ["Alpha", "Beta"])
def test_a_member_whose_prefix_is_undeclared_leaves_the_layout_reading(tmp_path, undeclared):
    """A member QName with a prefix the filing never declares (Arelle cannot resolve it):
    its tags say nothing of the segment, so each figure keeps the column it stands in,
    never another member's name."""
    text = filing(good_rows()).replace(f"ex:{undeclared}SegmentMember", f"zz:{undeclared}SegmentMember")
    note = read(write(tmp_path, text))
    by_segment = {(f.segment, f.line_item): f.value for f in note.facts}
    assert by_segment[("Alpha", "Revenue")] == 100 and by_segment[("Beta", "Revenue")] == 50
    assert by_segment[("Beta", "Operating income (loss)")] == -10
    assert all(f.tag is None for f in note.facts if f.segment == undeclared)
    assert check(note).summary["errors"] == 0


_RECONCILING = (
    '<xbrli:context id="c2024{m}"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">'
    "0000000001</xbrli:identifier><xbrli:segment><xbrldi:explicitMember "
    'dimension="srt:ConsolidationItemsAxis">{member}</xbrldi:explicitMember></xbrli:segment>'
    "</xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>"
    "2024-12-31</xbrli:endDate></xbrli:period></xbrli:context>"
)


@pytest.mark.parametrize(
    ("label", "member", "segment"),
    [
        ("Stock-based compensation", "us-gaap:MaterialReconcilingItemsMember", ""),
        ("Amortization of acquired intangibles", "us-gaap:MaterialReconcilingItemsMember", ""),
        ("Corporate", "us-gaap:CorporateNonSegmentMember", "Corporate"),
        ("Eliminations", "us-gaap:IntersegmentEliminationMember", "Eliminations"),
    ],
)
def test_a_reconciling_item_tagged_so_stays_the_entitys_line(tmp_path, label, member, segment):
    """A row of a reconciliation in a table of periods, tagged with a member of the
    consolidation axis: a Corporate or Eliminations row is that column's figure; an item
    such as stock-based compensation is the entity's reconciling line, no segment."""
    context = _RECONCILING.format(m="Rec", member=member)
    rows = {"Operating income (loss)": [amount(tag("OperatingIncomeLoss", "c2024", "20"))]}
    rows[label] = [amount(tag("OperatingIncomeLoss", "c2024Rec", "5", sign="-"), negative=True)]
    text = filing(rows).replace("</ix:resources>", f"{context}</ix:resources>")
    text = text.replace("xmlns:ex=", 'xmlns:srt="http://fasb.org/srt/2024" xmlns:ex=')
    text = text.replace(
        "<td colspan='3'>Alpha</td><td colspan='3'>Beta</td><td colspan='3'>Total</td>", "<td>2024</td>"
    )
    note = read(write(tmp_path, text))
    fact = next(f for f in note.facts if f.value == -5)
    assert fact.segment == segment
