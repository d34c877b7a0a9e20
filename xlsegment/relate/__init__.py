"""The relate stage: which figures of a note are totals of which.

Every way a total is recognised is a rule (``rules.RULES``): candidates from labels and
layout, evidence from one Calculations 1.1 evaluator (``evidence``), acceptance by a named
policy (``policy``). Table rules run per table (``tables``), then the rules across tables
(``across``); for notes read from data, prepare mode first computes the totals the data
leaves out (``prepare``). The resolver keeps one relation for each total and set of parts,
the one of the rule of highest priority.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from xlsegment.model import Evidence, Finding, Note, Origin, Relation, RelationKind, Role, Severity
from xlsegment.numbers import fmt
from xlsegment.relate import across, prepare
from xlsegment.relate.rules import RULES
from xlsegment.relate.tables import relate_table
from xlsegment.vocabulary import LineKind, classify


@dataclass(frozen=True)
class Relating:
    """What the relate stage returns: the note (with computed totals in prepare mode),
    its relations, and what it noticed (rejected candidates, unclear signs)."""

    note: Note
    relations: tuple[Relation, ...]
    findings: tuple[Finding, ...]


def relate(note: Note) -> Relating:
    findings: list[Finding] = []
    found: list[Relation] = []
    tables = list(note.tables)
    if note.origin == Origin.DATA:
        for i, table in enumerate(tables):
            if prepare.needs_preparing(table):
                done = prepare.prepare_table(table, note.presentation_currency)
                tables[i] = done.table
                found.extend(done.relations)
                findings.extend(done.findings)
        note = replace(note, tables=tuple(tables))
    for table in tables:
        try:
            result = relate_table(table)
        except Exception as exc:  # a rule that breaks must not stop the note's other tables
            findings.append(_internal(table, exc))
            continue
        data = note.origin == Origin.DATA
        found.extend(_as_declared(r) if data else r for r in result.relations)
        for kind, total, parts in result.rejected:
            if note.origin == Origin.DATA and declared_total(total, kind):
                found.append(_declared(table.id, kind, total, parts))
            else:
                findings.append(_candidate_finding(table.id, kind, total, parts))
    found.extend(across.asc280_identities(tables, found))
    found.extend(across.blocks_to_totals(tables))
    found.extend(across.same_figure_ties(tables))
    # A total another rule checks is no unchecked candidate (the end of a reconciliation
    # block is checked whatever its arithmetic says).
    checked = {rel.total.at for rel in found}
    findings = [f for f in findings if not (f.code == "seg.candidate" and f.at in checked)]
    return Relating(note, tuple(resolve(found)), tuple(findings))


def resolve(found: list[Relation]) -> list[Relation]:
    """One relation for each total and set of parts: the rule of highest priority wins
    (a labelled total row over the same sum seen as a chain of one-figure lines)."""
    by_total: dict = {}
    for i, rel in enumerate(found):
        by_total.setdefault(rel.total.at, []).append(i)
    dropped: set[int] = set()  # positions in ``found``
    for places in by_total.values():
        if len(places) < 2:
            continue  # the common case: nothing to resolve
        kept: dict[frozenset, int] = {}
        for i in sorted(
            places, key=lambda i: RULES[found[i].rule].priority if found[i].rule in RULES else 99
        ):
            first = kept.setdefault(frozenset((s, p.at) for s, p in found[i].parts), i)
            if first != i:
                dropped.add(i)
    return [r for i, r in enumerate(found) if i not in dropped]


def _internal(table, exc: Exception) -> Finding:
    import traceback

    trace = traceback.format_exc(limit=3).replace("\n", " | ")
    return Finding(
        "seg.internal",
        Severity.ERROR,
        f"relating {table.id} failed: {exc!r}; its totals are not checked; {trace}",
        table=table.id,
    )


def declared_total(total, kind: str) -> bool:
    """A figure the data declares a total: in a total column ("Total", "Consolidated", or
    role=total), or on a row the data labels a bare total or marks role=total. Data states
    what its totals are, so such a total that does not add up is an error, not a guess."""
    if kind == "column":
        return total.role == Role.TOTAL
    # A row by its label only, and only a bare total ("Total", "Consolidated"), which adds
    # every line above it: "Total assets" may total some of the lines above only, and a
    # result line such as "Net income" ends a reconciliation, which its own rule checks.
    return classify(total.label or total.line_item).kind == LineKind.TOTAL


def _as_declared(rel: Relation) -> Relation:
    """A data total is declared however many of its rows add up: its miss is an error."""
    kind = {RelationKind.CROSSFOOT: "column", RelationKind.FOOT: "row"}.get(rel.kind)
    if kind and rel.evidence == Evidence.SUGGESTED and declared_total(rel.total, kind):
        return replace(rel, evidence=Evidence.DECLARED)
    return rel


def _declared(table: str, kind: str, total, parts) -> Relation:
    """The relation a data total declares, whatever its arithmetic says."""
    column = kind == "column"
    return Relation(
        RelationKind.CROSSFOOT if column else RelationKind.FOOT,
        table,
        total,
        tuple(parts),
        why=f"the data declares '{total.segment if column else total.label}' a total",
        rule="labelled total column" if column else "labelled total row",
        evidence=Evidence.DECLARED,
    )


def _candidate_finding(table: str, kind: str, total, parts) -> Finding:
    where = "no run of the lines above it" if kind == "row" else "no set of the columns to its left"
    label = total.label or total.line_item
    return Finding(
        "seg.candidate",
        Severity.INFO,
        f"'{label}' / {total.segment or 'entity'} {total.period} reads as a total, but {where} adds up "
        f"to it (reported {fmt(total.value)}): not checked",
        table=table,
        period=total.period,
        line_item=total.line_item,
        segment=total.segment,
        source_line=total.source.line,
        at=total.at,
    )
