"""Rounding-aware checks, declared in one registry and run lazily: every finding is collected.

A value shown with d decimals stands for v ± ½·10^-d; a total is broken only when its
interval misses the sum of its parts' intervals (XBRL Calculations 1.1).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from xlsegment import labels
from xlsegment.gcpause import paused_gc
from xlsegment.identities import asc280_identities
from xlsegment.model import Fact, Finding, Note, Relation, RelationKind, Role, Severity
from xlsegment.numbers import fmt, fmt_signed, half_unit
from xlsegment.relations import consistent, discover
from xlsegment.translation import RateInfo, consistent_with, infer_rate

CODES = {
    RelationKind.CROSSFOOT: "seg.crossfoot",
    RelationKind.FOOT: "seg.foot",
    RelationKind.RECONCILIATION: "seg.recon",
    RelationKind.TIE: "seg.tie",
    RelationKind.STACKED: "seg.stacked",
}


@dataclass
class CheckResult:
    note: Note
    relations: list[Relation]
    findings: list[Finding]
    rate: RateInfo | None = None
    checks: int = 0
    per_table: dict[str, int] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, int]:
        count = {s: sum(1 for f in self.findings if f.severity == s) for s in Severity}
        return {
            "checks": self.checks,
            "errors": count[Severity.ERROR],
            "warnings": count[Severity.WARNING],
            "infos": count[Severity.INFO],
        }

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def coverage(self) -> tuple[int, int]:
        """(reported figures that take part in a check, reported figures): what an auditor
        still has to tie out by hand is the difference."""
        facts = [f for f in self.note.facts if f.reported]
        used = {id(r.total) for r in self.relations}
        used |= {id(p) for r in self.relations for _, p in r.parts}
        return sum(1 for f in facts if id(f) in used), len(facts)


def tolerance(total: Fact, parts) -> Decimal:
    """Half a unit of the last shown digit of the total and of each part."""
    return half_unit(total.decimals) + sum(
        (half_unit(p.decimals) for p in (x[1] if isinstance(x, tuple) else x for x in parts)),
        Decimal(0),
    )


@dataclass
class _Run:
    note: Note
    rate: Decimal | None
    relations: list[Relation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checks: int = 0
    per_table: dict[str, int] = field(default_factory=dict)
    rate_info: RateInfo | None = None

    def count(self, table: str, n: int = 1) -> None:
        self.checks += n
        self.per_table[table] = self.per_table.get(table, 0) + n


Check = Callable[[_Run], None]
REGISTRY: list[tuple[str, Check]] = []


def check(code: str):
    def register(fn: Check) -> Check:
        REGISTRY.append((code, fn))
        return fn

    return register


def run_checks(note: Note, rate: Decimal | None = None) -> CheckResult:
    with paused_gc():
        return _run_checks(note, rate)


def _run_checks(note: Note, rate: Decimal | None) -> CheckResult:
    run = _Run(note, rate)
    run.findings.extend(note.findings)
    for code, fn in REGISTRY:
        try:
            fn(run)
        except Exception as exc:  # a broken check must not stop the others
            run.findings.append(
                Finding(
                    "seg.internal",
                    Severity.ERROR,
                    f"check {code} failed: {exc!r}; " + traceback.format_exc(limit=3).replace("\n", " | "),
                )
            )
    if run.checks == 0:
        run.findings.append(
            Finding(
                "seg.nochecks",
                Severity.WARNING,
                "no stated total was found to check: nothing here adds up to a total line or "
                "column; look at the layout before trusting this note",
            )
        )
    return CheckResult(note, run.relations, run.findings, run.rate_info, run.checks, run.per_table)


# ---------------------------------------------------------------- arithmetic


@check("seg.relations")
def _relations(run: _Run) -> None:
    found: list[Relation] = []
    for table in run.note.tables:
        found.extend(discover(table))
    found.extend(asc280_identities(list(run.note.tables), found))
    run.relations.extend(found)
    for rel in found:
        if rel.total.currency == run.note.convenience_currency and rel.total.currency:
            continue  # translated figures are checked by the translation checks
        run.count(rel.table)
        finding = relation_finding(rel)
        if finding is not None:
            run.findings.append(finding)


def relation_finding(rel: Relation) -> Finding | None:
    total = rel.total
    whole = total.decimals == 0 and all(p.decimals == 0 for _, p in rel.parts)
    # Whole units, the common case: an exact sum needs no finding and no Decimal.
    if whole and total.value == sum(s * p.value for s, p in rel.parts):
        return None
    expected, diff, tol, ok = consistent(
        (total.value, total.decimals), [(s, (p.value, p.decimals)) for s, p in rel.parts]
    )
    if ok and diff == 0:
        return None
    code = CODES[rel.kind]
    where = f"{total.line_item} / {total.segment}"
    lines = tuple(p.source.line for _, p in rel.parts if p.source.line is not None)
    if ok:
        severity = Severity.INFO
        what = "within rounding"
        code = "seg.rounding"
    else:
        severity = Severity.ERROR
        what = "does not add up"
    message = (
        f"{where} {total.period}: reported {fmt(total.value)}, computed {fmt(expected)} "
        f"({fmt_signed(diff)}), tolerance ±{fmt(tol)}: {what}"
    )
    return Finding(
        code=code,
        severity=severity,
        message=message,
        table=rel.table,
        period=total.period,
        line_item=total.line_item,
        segment=total.segment,
        source_line=total.source.line,
        expected=_num(expected),
        actual=total.value,
        difference=_num(total.value - expected),
        tolerance=_num(tol),
        sheet=total.source.sheet,
        cell=total.source.cell,
        related_lines=lines,
    )


def _num(d):
    d = Decimal(d)
    return int(d) if d == d.to_integral_value() else d


# ---------------------------------------------------------------- ties between tables


@check("seg.tie")
def _ties(run: _Run) -> None:
    """The same figure stated in two tables must agree (geographic total = segment total)."""
    seen: dict[tuple, Fact] = {}
    table_of: dict[int, str] = {}
    for table in run.note.tables:
        for fact in table.cells.values():
            table_of[id(fact)] = table.id
    for table in run.note.tables:
        for fact in table.cells.values():
            if not fact.period or fact.segment != "Total" or not fact.reported:
                continue
            if not labels.is_line_item_label(fact.line_item):
                continue  # a row named after a segment or region is no line item to tie
            key = (fact.period, labels.norm_key(fact.line_item), fact.currency)
            if not key[1]:
                key = (fact.period, fact.line_item.lower(), fact.currency)
            first = seen.get(key)
            if first is None:
                seen[key] = fact
                continue
            if table_of[id(first)] == table.id and (
                first.source.line == fact.source.line or first.label.lower() != fact.label.lower()
            ):
                continue  # within a table only a line stated twice under one label is a tie
            rel = Relation(RelationKind.TIE, table.id, fact, ((1, first),), "same figure")
            run.relations.append(rel)
            run.count(table.id)
            f = relation_finding(rel)
            if f is not None and f.severity == Severity.ERROR:
                run.findings.append(_retitle(f, fact, first, table_of))


def _retitle(f: Finding, fact: Fact, first: Fact, table_of) -> Finding:
    return replace(
        f,
        code="seg.tie",
        message=(
            f"{fact.line_item} {fact.period} in {table_of[id(fact)]} ({fmt(fact.value)}) "
            f"differs from {table_of[id(first)]} line {first.source.line} "
            f"({fmt(first.value)}) by {fmt_signed(fact.value - first.value)}"
        ),
    )


# ---------------------------------------------------------------- translation


@check("seg.fx")
def _translation(run: _Run) -> None:
    pairs = list(_translated_pairs(run.note))
    if not pairs:
        return
    subtotal_ids = {id(r.total) for r in run.relations if r.total.role == Role.CONVENIENCE and r.parts}
    parts_of = {id(r.total): r for r in run.relations if id(r.total) in subtotal_ids}
    leaves = [(loc, usd) for loc, usd in pairs if id(usd) not in subtotal_ids]
    inferred = infer_rate([(loc.value, usd.value, loc.decimals) for loc, usd in leaves])
    table_of = {id(f): t.id for t in run.note.tables for f in t.cells.values()}
    if run.rate is not None:
        info = RateInfo(Decimal(run.rate), None, None, stated=True, figures=len(leaves))
        rate = Decimal(run.rate)
    else:
        info = inferred
        rate = inferred.rate
    run.rate_info = info
    cur = run.note.convenience_currency or "USD"
    run.findings.append(
        Finding(
            "seg.fx.rate",
            Severity.INFO if rate is not None else Severity.WARNING,
            f"{cur} convenience translation: {info.describe()}",
        )
    )
    if rate is None:
        return
    for loc, usd in pairs:
        table = table_of.get(id(usd), "")
        run.count(table)
        direct, diff, tol, ok = consistent_with(loc.value, usd.value, rate, loc.decimals)
        rel = parts_of.get(id(usd))
        # A translated subtotal may be the sum of the rounded translated lines.
        if (
            rel is not None
            and usd.value != direct
            and consistent((usd.value, usd.decimals), [(s, (p.value, p.decimals)) for s, p in rel.parts])[3]
        ):
            run.findings.append(
                _fx_finding(
                    "seg.fx.subtotal",
                    Severity.INFO,
                    usd,
                    loc,
                    direct,
                    table,
                    f"{cur} {fmt(usd.value)} is the sum of the translated lines; translating "
                    f"{fmt(loc.value)} directly at {rate} gives {fmt(direct)} "
                    f"({fmt_signed(usd.value - direct)}): rounding, not an error",
                )
            )
            continue
        if ok:
            continue
        run.findings.append(
            _fx_finding(
                "seg.fx.figure",
                Severity.ERROR,
                usd,
                loc,
                direct,
                table,
                f"{usd.line_item} / {usd.segment} {usd.period}: reported {cur} {fmt(usd.value)}, "
                f"{fmt(loc.value)} at {rate} gives {fmt(direct)} "
                f"({fmt_signed(usd.value - direct)}), tolerance ±{tol}",
                tol,
            )
        )


def _fx_finding(code, severity, usd, loc, direct, table, message, tol=None) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        message=message,
        table=table,
        period=usd.period,
        line_item=usd.line_item,
        segment=usd.segment,
        source_line=usd.source.line,
        expected=direct,
        actual=usd.value,
        difference=usd.value - direct,
        tolerance=tol,
        sheet=usd.source.sheet,
        cell=usd.source.cell,
        related_lines=(loc.source.line,) if loc.source.line else (),
    )


def _translated_pairs(note: Note):
    """(local fact, translated fact): the convenience column and the column it translates."""
    for table in note.tables:
        conv = [i for i, c in enumerate(table.columns) if c.role == Role.CONVENIENCE]
        for c in conv:
            col = table.columns[c]
            local = [i for i, x in enumerate(table.columns) if x.role != Role.CONVENIENCE]
            # The translated column pairs with the same segment, else the nearest column
            # to its left for the same period.
            src = next(
                (
                    i
                    for i in local
                    if table.columns[i].segment == col.segment and table.columns[i].period == col.period
                ),
                None,
            )
            if src is None:
                src = next(
                    (
                        i
                        for i in reversed(local)
                        if i < c and (table.columns[i].period == col.period or not col.period)
                    ),
                    None,
                )
            if src is None:
                continue
            for r in range(len(table.rows)):
                usd = table.cells.get((r, c))
                loc = table.cells.get((r, src))
                if usd is not None and loc is not None:
                    yield loc, usd


# ---------------------------------------------------------------- labels


@check("seg.label.date")
def _label_dates(run: _Run) -> None:
    """A label dated in another year than its fact ('Total assets as December 31, 1024' for
    2024) is a probable typo; the text reader reports it while reading, tidy data here."""
    seen = {f.line_item for f in run.findings if f.code == "seg.label.date"}
    for fact in run.note.facts:
        _, year = labels.split_label_date(fact.label)
        if year is None or not fact.period.isdigit() or year == int(fact.period):
            continue
        if fact.label in seen:
            continue  # one finding per label, not per figure on the row
        seen.add(fact.label)
        line = fact.source.line
        run.findings.append(
            Finding(
                "seg.label.date",
                Severity.WARNING,
                f"label '{fact.label}' names {year} but the figure is for {fact.period}: probable typo",
                period=fact.period,
                line_item=fact.label,
                source_line=line,
                actual=year,
                expected=int(fact.period),
                sheet=fact.source.sheet,
                cell=fact.source.cell,
            )
        )
