"""The check stage: checks declared as data, each a function from a frozen context to findings.

A check is a code, a severity, a citation and a function. Each sees the same frozen
context (the note, its relations, the convenience translation) and returns its findings
and how many checks it made per table; no check sees another's results, so the order of
the registry does not matter. A check that raises becomes a finding that carries the
error, and the others still run (the run collects every finding, as pandera's lazy mode).

A figure shown with d decimals stands for v ± ½·10^-d; a total is broken only when its
interval misses the sum of its parts' intervals (XBRL Calculations 1.1, ``interval``).
"""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from xlsegment.codes import RELATION_CODES
from xlsegment.interval import Interval, compare_sum
from xlsegment.labels import split_label_date
from xlsegment.model import Evidence, Fact, Finding, Note, Relation, RelationKind, Severity
from xlsegment.numbers import fmt, fmt_signed
from xlsegment.translation import Translation, allowed_by, consistent_with

TRANSLATION = "translation"  # the kind of check of a translated figure


@dataclass(frozen=True)
class Context:
    """What every check sees; nothing in it changes while the checks run."""

    note: Note
    relations: tuple[Relation, ...]
    translation: Translation


@dataclass(frozen=True)
class Outcome:
    findings: tuple[Finding, ...] = ()
    tested: Counter = field(default_factory=Counter)  # checks made, by (table id, kind)


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: Severity
    citation: str
    what: str
    run: Callable[[Context], Outcome]


def run_checks(ctx: Context, checks: Iterable[Check]) -> tuple[list[Finding], Counter]:
    """Every check's findings and the checks made, by (table id, kind): a relation kind
    ("crossfoot", "foot", ...) or "translation"."""
    findings: list[Finding] = []
    tested: Counter = Counter()
    for chk in checks:
        try:
            outcome = chk.run(ctx)
        except Exception as exc:  # a broken check must not stop the others
            trace = traceback.format_exc(limit=3).replace("\n", " | ")
            findings.append(
                Finding("seg.internal", Severity.ERROR, f"check {chk.code} failed: {exc!r}; {trace}")
            )
            continue
        findings.extend(outcome.findings)
        tested.update(outcome.tested)
    if sum(tested.values()) == 0:
        findings.append(
            Finding(
                "seg.nochecks",
                Severity.WARNING,
                "no stated total was found to check: nothing here adds up to a total line or "
                "column; look at the layout before trusting this note",
            )
        )
    return findings, tested


# ---------------------------------------------------------------- relations


def _relations(ctx: Context) -> Outcome:
    conv = ctx.note.convenience_currency
    findings: list[Finding] = []
    tested: Counter = Counter()
    for rel in ctx.relations:
        if rel.computed or not rel.total.reported:
            continue  # prepare mode: computed, not checked
        if conv and rel.total.currency == conv and rel.kind != RelationKind.TIE:
            continue  # translated sums are checked by the translation check
        tested[rel.table, str(rel.kind)] += 1
        finding = relation_finding(rel)
        if finding is None:
            continue
        if rel.kind == RelationKind.TIE:
            if finding.severity == Severity.ERROR:
                findings.append(_tie_message(finding, rel))
            continue  # two statements of one figure: a rounding gap is no news
        findings.append(finding)
    return Outcome(tuple(findings), tested)


def comparison(rel: Relation):
    """A relation's total against the sum of its parts, as intervals (Calculations 1.1)."""
    return compare_sum(
        Interval.shown(rel.total.value, rel.total.decimals),
        [(s, Interval.shown(p.value, p.decimals)) for s, p in rel.parts],
    )


def relation_finding(rel: Relation) -> Finding | None:
    """The finding of one relation: none when it adds up exactly, an info when it adds up
    within rounding, an error when the note asserts it and it does not add up."""
    total = rel.total
    if total.value == sum(s * p.value for s, p in rel.parts):
        return None  # an exact sum: no finding, and no tolerance to compute
    cmp = comparison(rel)
    where = f"{total.line_item} / {total.segment}"
    if cmp.consistent:
        severity, code, what = Severity.INFO, "seg.rounding", "within rounding"
    elif rel.evidence in (Evidence.DECLARED, Evidence.CONFIRMED):
        severity, code, what = Severity.ERROR, RELATION_CODES[rel.kind], "does not add up"
    else:  # only the arithmetic suggested it: never the basis of an error
        severity, code = Severity.WARNING, "seg.unsure"
        what = f"looks like a total of {_parts_named(rel)} but does not add up"
    message = (
        f"{where} {total.period}: reported {fmt(total.value)}, computed {fmt(cmp.expected)} "
        f"({fmt_signed(cmp.difference)}), tolerance ±{fmt(cmp.tolerance)}: {what}"
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
        expected=_num(cmp.expected),
        actual=total.value,
        difference=_num(cmp.difference),
        tolerance=_num(cmp.tolerance),
        sheet=total.source.sheet,
        cell=total.source.cell,
        related_lines=tuple(p.source.line for _, p in rel.parts if p.source.line is not None),
        at=total.at,
        related=tuple(p.at for _, p in rel.parts if p.at is not None),
    )


def _parts_named(rel: Relation, shown: int = 4) -> str:
    """The parts of a relation by what differs between them: segments of one line item,
    lines of one segment ("Mining + Hosting", "Revenue - Costs")."""
    by_segment = len({p.segment for _, p in rel.parts}) > 1
    names = [(s, p.segment if by_segment else (p.label or p.line_item)) for s, p in rel.parts]
    text = names[0][1] + "".join(f" {'+' if s > 0 else '-'} {n}" for s, n in names[1:shown])
    return text + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _num(d):
    d = Decimal(d)
    return int(d) if d == d.to_integral_value() else d


def _tie_message(f: Finding, rel: Relation) -> Finding:
    fact, first = rel.total, rel.parts[0][1]
    return replace(
        f,
        message=(
            f"{fact.line_item} {fact.period} in {fact.at.table_id} ({fmt(fact.value)}) "
            f"differs from {first.at.table_id} line {first.source.line} "
            f"({fmt(first.value)}) by {fmt_signed(fact.value - first.value)}"
        ),
    )


# ---------------------------------------------------------------- translation


def _translation(ctx: Context) -> Outcome:
    tr = ctx.translation
    if not tr.pairs:
        return Outcome()
    cur = ctx.note.convenience_currency or "USD"
    findings = [
        Finding(
            "seg.fx.rate",
            # A rate for each table and period is said as a warning: the reader should see
            # that no one rate fits, and that each year's column has one of its own.
            Severity.INFO if tr.rate is not None and not tr.groups else Severity.WARNING,
            f"{cur} convenience translation: {tr.describe()}",
        )
    ]
    tested: Counter = Counter()
    if tr.rate is None:
        return Outcome(tuple(findings), tested)
    sums = {r.total.at: r for r in ctx.relations if r.total.at in tr.translated_totals}
    missing = sum(not _holds_at_rate(tr, usd, loc)[2] for usd, loc in tr.pairs)
    plugs_possible = missing <= max(PLUG_PAIR, len(tr.pairs) * PLUG_SHARE)
    for usd, loc in tr.pairs:
        tested[usd.at.table_id, TRANSLATION] += 1
        found = _translated_figure(ctx, cur, usd, loc, sums.get(usd.at), plugs_possible)
        if found is not None:
            findings.append(found)
    return Outcome(tuple(findings), tested)


def _holds_at_rate(tr, usd: Fact, loc: Fact) -> tuple:
    value, decimals = tr.local(loc)  # in the translated figures' unit
    info = tr.info_for(usd)
    direct, _, tol, ok = consistent_with(value, usd.value, info.rate, decimals, usd.decimals)
    # An inferred rate is an interval: a figure some rate in it allows is no miss.
    return direct, tol, ok or allowed_by(info, value, usd.value, decimals, usd.decimals)


def _local_shown(ctx: Context, loc: Fact) -> str:
    """A local figure in a message, with the units of both sides where they differ
    ("4,405,913 millions (in thousands)")."""
    if not ctx.translation.shift:
        return fmt(loc.value)
    return f"{fmt(loc.value)} {ctx.note.unit} (in {ctx.note.convenience_unit})"


def _translated_figure(
    ctx: Context, cur: str, usd: Fact, loc: Fact, rel, plugs_possible: bool
) -> Finding | None:
    """The finding on one translated figure: none where it is its local figure at the
    rate; an info where it is the sum of translated lines or a plug; else an error."""
    tr = ctx.translation
    direct, tol, ok = _holds_at_rate(tr, usd, loc)
    # A translated subtotal may be the sum of the rounded translated lines.
    if (
        rel is not None
        and usd.value != direct
        and compare_sum(
            Interval.shown(usd.value, usd.decimals),
            [(s, Interval.shown(p.value, p.decimals)) for s, p in rel.parts],
        ).consistent
    ):
        message = (
            f"{cur} {fmt(usd.value)} is the sum of the translated lines; translating "
            f"{_local_shown(ctx, loc)} directly at {tr.info_for(usd).rate} gives {fmt(direct)} "
            f"({fmt_signed(usd.value - direct)}): rounding, not an error"
        )
        return _fx_finding("seg.fx.subtotal", Severity.INFO, usd, loc, direct, message)
    if ok:
        return None
    if plugs_possible and _plugged(ctx, usd, direct):
        message = (
            f"{usd.line_item} / {usd.segment} {usd.period}: {cur} {fmt(usd.value)} is one unit off "
            f"{_local_shown(ctx, loc)} at {tr.info_for(usd).rate} ({fmt(direct)}), "
            "and its translated column adds up: "
            "translated from unrounded amounts, or plugged so the column adds up"
        )
        return _fx_finding("seg.fx.plug", Severity.INFO, usd, loc, direct, message, tol)
    message = (
        f"{usd.line_item} / {usd.segment} {usd.period}: reported {cur} {fmt(usd.value)}, "
        f"{_local_shown(ctx, loc)} at {tr.info_for(usd).rate} gives {fmt(direct)} "
        f"({fmt_signed(usd.value - direct)}), tolerance ±{tol}"
    )
    return _fx_finding("seg.fx.figure", Severity.ERROR, usd, loc, direct, message, tol)


PLUG_SHARE = Fraction(1, 10)
"""A translated line one unit off is forgiven as a plug only where no more than one line in
ten misses at the rate: where more miss, the rate is wrong, not the lines."""
PLUG_PAIR = 2
"""However short the table, two lines may miss by a unit: a plugged line and the total it
makes add up."""


def _plugged(ctx: Context, usd: Fact, direct) -> bool:
    """A translated line one unit (of its last shown digit) off its direct translation, in
    a translated column whose sums all hold: filers translate unrounded amounts, or move a
    line by a unit so that the translated column adds up. Beyond a unit, or where the
    column does not add up, the miss is an error."""
    unit = Decimal(1).scaleb(-usd.decimals)
    if abs(Decimal(usd.value) - Decimal(direct)) != unit:
        return False
    sums = [r for r in ctx.relations if r.total.at == usd.at or any(p.at == usd.at for _, p in r.parts)]
    return bool(sums) and all(comparison(r).consistent for r in sums)


def _fx_finding(code, severity, usd: Fact, loc: Fact, direct, message, tol=None) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        message=message,
        table=usd.at.table_id,
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
        at=usd.at,
        related=(loc.at,),
    )


# ---------------------------------------------------------------- labels


def _label_dates(ctx: Context) -> Outcome:
    """A label dated in another year than its fact ('Total assets as December 31, 1024' for
    2024) is a probable typo; the text reader reports it while reading, tidy data here."""
    seen = {f.line_item for f in ctx.note.findings if f.code == "seg.label.date"}
    findings = []
    for fact in ctx.note.facts:
        _, year = split_label_date(fact.label)
        if year is None or not fact.period.isdigit() or year == int(fact.period) or fact.label in seen:
            continue
        seen.add(fact.label)  # one finding per label, not per figure on the row
        findings.append(
            Finding(
                "seg.label.date",
                Severity.WARNING,
                f"label '{fact.label}' names {year} but the figure is for {fact.period}: probable typo",
                period=fact.period,
                line_item=fact.label,
                source_line=fact.source.line,
                actual=year,
                expected=int(fact.period),
                sheet=fact.source.sheet,
                cell=fact.source.cell,
                at=fact.at,
            )
        )
    return Outcome(tuple(findings))


CHECKS: tuple[Check, ...] = (
    Check(
        "seg.relations",
        Severity.ERROR,
        "ASC 280-10-50-26B, 50-30; IFRS 8.23, 8.28; XBRL Calculations 1.1",
        "every relation found adds up within the rounding of its figures",
        _relations,
    ),
    Check(
        "seg.fx",
        Severity.ERROR,
        "",
        "every translated figure is its local figure at the convenience rate, within both roundings",
        _translation,
    ),
    Check(
        "seg.label.date",
        Severity.WARNING,
        "",
        "a label that names a year names its figure's year",
        _label_dates,
    ),
)
