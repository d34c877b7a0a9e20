"""Checks that need the inline-XBRL tags, declared for the check registry.

``CHECKS`` lists them as checks of the core's registry (code, severity, citation,
function from the frozen check context). They read ``Note.tags`` (every numeric fact of
the filing) and ``Fact.tag`` (the tag of a figure of the note); on a note without tags
they find nothing. Values are compared with the interval arithmetic of XBRL Calculations
1.1 (``xlsegment.interval``): a value reported with d decimals stands for v ± ½·10^-d.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import ROUND_HALF_EVEN, Decimal

from xlsegment.checks import Check, Context, Outcome
from xlsegment.interval import Interval, compare_sum
from xlsegment.model import Fact, Finding, Note, Role, Severity, Table, Tag
from xlsegment.numbers import fmt, fmt_signed, to_decimal
from xlsegment.readers.ixbrl import CONSOLIDATION_AXIS, SEGMENT_AXIS, consolidation_role

_UNIT_SCALE = {"units": 0, "thousands": 3, "millions": 6, "billions": 9}
_SCALE_WORD = {0: "units", 3: "thousands", 6: "millions", 9: "billions"}


def _tagged(note: Note) -> list[tuple[Table, Fact]]:
    return [(t, f) for t in note.tables for f in t.cells.values() if f.tag is not None]


def _finding(code, severity, table: Table, fact: Fact, message, **numbers) -> Finding:
    return Finding(
        code,
        severity,
        message,
        table=table.id,
        period=fact.period,
        line_item=fact.line_item,
        segment=fact.segment,
        source_line=fact.source.line,
        at=fact.at,
        **numbers,
    )


def _where(fact: Fact) -> str:
    return f"{fact.line_item} / {fact.segment or 'entity'} {fact.period} ({fact.source})"


# ---------------------------------------------------------------- sign or scale


def _monetary(tag: Tag) -> bool:
    return tag.unit.startswith("iso4217:") and "/" not in tag.unit


def _reference_scale(note: Note, table: Table) -> int | None:
    """The scale the table's figures are shown in: the note's stated unit, else the scale
    most of the table's monetary tags carry."""
    if note.unit in _UNIT_SCALE and note.unit != "units":
        return _UNIT_SCALE[note.unit]
    scales = Counter(f.tag.scale for f in table.cells.values() if f.tag is not None and _monetary(f.tag))
    return scales.most_common(1)[0][0] if scales else None


def _scale_word(scale: int) -> str:
    return _SCALE_WORD.get(scale, f"10^{scale}")


def _shown_scale(note: Note, fact: Fact, ref: int) -> int:
    """The scale a figure is shown in: a translated figure's is the convenience unit's
    where the note states one ("in billions of Rupiah and millions of U.S. Dollars")."""
    translated = fact.role == Role.CONVENIENCE or fact.currency == note.convenience_currency
    if translated and fact.currency != note.presentation_currency and note.convenience_unit in _UNIT_SCALE:
        return _UNIT_SCALE[note.convenience_unit]
    return ref


def scale_mismatches(note: Note) -> list[Finding]:
    """A figure whose tagged value is not the shown figure in the table's unit: the tag's
    scale is wrong (a tagging error)."""
    out: list[Finding] = []
    for table in note.tables:
        ref = _reference_scale(note, table)
        if ref is None:
            continue
        for fact in table.cells.values():
            tag = fact.tag
            if tag is None or tag.value is None or not _monetary(tag):
                continue
            scale = _shown_scale(note, fact, ref)
            shown = abs(to_decimal(fact.value)).scaleb(scale)
            if abs(tag.value) != shown:
                out.append(
                    _finding(
                        "xbrl.scale",
                        Severity.ERROR,
                        table,
                        fact,
                        f"{_where(fact)}: shown {fmt(fact.value)} in {_scale_word(scale)}, "
                        f"tagged {fmt(tag.value)} ({tag.concept}, scale {tag.scale}): wrong scale in the tag",
                        expected=shown,
                        actual=abs(tag.value),
                        difference=abs(tag.value) - shown,
                        tolerance=0,
                    )
                )
    return out


def sign_flips(note: Note) -> list[Finding]:
    """A figure whose tagged sign breaks the sign convention of the other cells of its row
    with the same concept: the tag's sign is flipped (a tagging error)."""
    out: list[Finding] = []
    for table in note.tables:
        by_row: dict[tuple[int, str], list[Fact]] = defaultdict(list)
        for (r, _), fact in table.cells.items():
            if fact.tag is not None and fact.tag.value is not None and _monetary(fact.tag):
                by_row[(r, fact.tag.concept)].append(fact)
        for facts in by_row.values():
            out.extend(_sign_breaks(table, facts))
    return out


def _sign_breaks(table: Table, facts: list[Fact]) -> list[Finding]:
    """Within one row and concept, shown sign times tagged sign is the same for every cell
    (a loss shown as (5) and tagged -5, or an expense shown as (5) and tagged 5): a cell
    that differs from the others has its sign flipped in the tag."""
    conventions = [_convention(f) for f in facts]
    counts = Counter(c for c in conventions if c)
    if len(counts) < 2:
        return []
    (usual, n_usual), (_, n_odd) = counts.most_common(2)
    if n_usual == n_odd:
        severity, why = Severity.WARNING, "half the row's cells follow one sign convention, half the other"
    else:
        severity, why = (
            Severity.ERROR,
            f"the other {n_usual} cells of the row show the tagged sign "
            + ("as it is" if usual > 0 else "reversed"),
        )
    out = []
    for f, convention in zip(facts, conventions, strict=True):
        if convention and (convention != usual or n_usual == n_odd):
            tag = f.tag
            out.append(
                _finding(
                    "xbrl.sign",
                    severity,
                    table,
                    f,
                    f"{_where(f)}: shown {fmt(f.value)}, tagged {fmt(tag.value)} ({tag.concept}"
                    f"{', sign=-' if tag.sign < 0 else ''}): {why}; probable flipped sign in the tag",
                    expected=-tag.value,
                    actual=tag.value,
                    difference=2 * tag.value,
                    tolerance=0,
                )
            )
    return out


def _convention(f: Fact) -> int:
    shown, tagged = to_decimal(f.value), f.tag.value
    if not shown or not tagged:
        return 0
    return 1 if (shown > 0) == (tagged > 0) else -1


# ---------------------------------------------------------------- duplicates


def _consistent_duplicates(a: Tag, b: Tag) -> bool:
    """Equal once rounded to the lesser precision of the two (half to even), as Arelle's
    Calculations 1.1 treats duplicates; INF decimals compare exactly."""
    known = [d for d in (a.decimals, b.decimals) if d is not None]
    if not known:
        return a.value == b.value
    step = Decimal(1).scaleb(-min(known))
    return a.value.quantize(step, ROUND_HALF_EVEN) == b.value.quantize(step, ROUND_HALF_EVEN)


def conflicting_duplicates(note: Note) -> list[Finding]:
    """The same concept, context and unit tagged twice with values that differ once rounded
    to the lesser of their precisions. Consistent duplicates are fine (Calculations 1.1)."""
    groups: dict[tuple, list[Tag]] = defaultdict(list)
    for tag in note.tags:
        if tag.value is not None:
            groups[(tag.concept, tag.context, tag.unit)].append(tag)
    in_note = {f.tag: (t, f) for t, f in _tagged(note)}
    out = []
    for (concept, context, _), tags in groups.items():
        first = tags[0]
        for other in tags[1:]:
            if _consistent_duplicates(first, other):
                continue
            diff = other.value - first.value
            where = in_note.get(other) or in_note.get(first)
            message = (
                f"{concept} in context {context} is tagged twice with different values: "
                f"{fmt(first.value)} (shown '{first.shown}') and {fmt(other.value)} (shown '{other.shown}'), "
                f"{fmt_signed(diff)} at the precision they share"
            )
            numbers = dict(expected=first.value, actual=other.value, difference=diff, tolerance=Decimal(0))
            if where is not None:
                out.append(_finding("xbrl.duplicate", Severity.ERROR, where[0], where[1], message, **numbers))
            else:
                out.append(Finding("xbrl.duplicate", Severity.ERROR, message, period=first.period, **numbers))
    return out


# ---------------------------------------------------------------- member sums


def _group_key(tag: Tag) -> tuple:
    others = tuple((a, m) for a, m in tag.dimensions if a not in (SEGMENT_AXIS, CONSOLIDATION_AXIS))
    return (tag.concept, tag.start, tag.end, tag.unit, others)


def member_sums(ctx: Context) -> list[Finding]:
    """The members of the segment axis, with eliminations, corporate and reconciling items
    of the consolidation axis, for one concept, period and unit, add to the total (the rule
    of DQC_0150, with Calculations 1.1 intervals).

    Summed only where the filing's own layout says the members are the whole breakdown:
    the total and every part are figures of one table. Where that table also lays the
    total out as the sum of exactly those cells, a miss is an error; where it does not,
    a miss is a warning. Members spread over tables, or outside the note, are not summed."""
    out = []
    for table, total, parts in member_sum_candidates(ctx.note):
        out.extend(_sum_finding(ctx, table, total, parts))
    return out


def member_sum_candidates(note: Note) -> list[tuple[Table, Fact, list[Fact]]]:
    """Each (table, total, parts) that ``member_sums`` adds up."""
    cells: dict[tuple, list[tuple[Table, Fact]]] = defaultdict(list)
    for table, fact in _tagged(note):
        if fact.tag.value is not None:
            cells[(table.id, _group_key(fact.tag))].append((table, fact))
    return [s for group in cells.values() for s in _sums_in_table(group)]


def _sums_in_table(group: list[tuple[Table, Fact]]) -> list[tuple[Table, Fact, list[Fact]]]:
    table = group[0][0]
    unique: dict[tuple, Fact] = {}
    for _, f in group:
        unique.setdefault((f.tag.context, f.tag.concept), f)
    facts = list(unique.values())
    members = [f for f in facts if f.tag.member(SEGMENT_AXIS) and _segment_part(f.tag)]
    others = [f for f in facts if not f.tag.member(SEGMENT_AXIS)]
    segments_total = [f for f in others if consolidation_role(f.tag.member(CONSOLIDATION_AXIS)) == "segments"]
    reconciling = [f for f in others if consolidation_role(f.tag.member(CONSOLIDATION_AXIS)) == "reconciling"]
    consolidated = [f for f in others if f.tag.member(CONSOLIDATION_AXIS) is None]
    sums = []
    if len(members) >= 2 and len(segments_total) == 1:
        sums.append((table, segments_total[0], members))
        if len(consolidated) == 1 and reconciling:
            sums.append((table, consolidated[0], segments_total + reconciling))
    elif len(members) >= 2 and len(consolidated) == 1 and not segments_total:
        sums.append((table, consolidated[0], members + reconciling))
    return sums


def _segment_part(tag: Tag) -> bool:
    member = tag.member(CONSOLIDATION_AXIS)
    return member is None or consolidation_role(member) == "segments"


def _sum_finding(ctx: Context, table: Table, total: Fact, parts: list[Fact]) -> list[Finding]:
    cmp = compare_sum(_interval(total.tag), [(1, _interval(p.tag)) for p in parts])
    if cmp.consistent:
        return []
    expected, diff, tol = cmp.expected, cmp.difference, cmp.tolerance
    laid_out = _layout_says_sum(ctx, total, parts)
    severity = Severity.ERROR if laid_out else Severity.WARNING
    names = ", ".join(sorted(p.segment or p.tag.member(SEGMENT_AXIS) or "?" for p in parts))
    why = (
        "the table lays it out as their sum" if laid_out else "the table shows them together but not as a sum"
    )
    message = (
        f"{total.tag.concept} {total.tag.end}: the tagged total {fmt(total.tag.value)} differs from "
        f"the sum of its tagged parts ({names}) {fmt(expected)} by {fmt_signed(diff)} "
        f"beyond ±{fmt(tol)}; {why}"
    )
    numbers = dict(expected=expected, actual=total.tag.value, difference=diff, tolerance=tol)
    return [_finding("xbrl.member_sum", severity, table, total, message, **numbers)]


def _interval(tag: Tag) -> Interval:
    """A tagged value's interval; INF decimals (None) is exact."""
    return Interval.exact(tag.value) if tag.decimals is None else Interval.shown(tag.value, tag.decimals)


def _layout_says_sum(ctx: Context, total: Fact, parts: list[Fact]) -> bool:
    """Whether the note's own relations make ``total`` the sum of exactly ``parts``."""
    want = {p.at for p in parts}
    return any(r.total.at == total.at and {p.at for _, p in r.parts} == want for r in ctx.relations)


# ---------------------------------------------------------------- untagged figures


def untagged_figures(note: Note) -> list[Finding]:
    """A figure of a segment table of an inline-XBRL filing that carries no tag."""
    if not note.tags:
        return []
    out = []
    for table in note.tables:
        for fact in table.cells.values():
            if fact.tag is None and fact.reported:
                out.append(
                    _finding(
                        "xbrl.untagged",
                        Severity.INFO,
                        table,
                        fact,
                        f"{_where(fact)}: {fmt(fact.value)} carries no XBRL tag",
                    )
                )
    return out


def _on_note(fn):
    """A check of the note alone, as a check of the registry."""
    return lambda ctx: Outcome(tuple(fn(ctx.note)))


CHECKS: tuple[Check, ...] = (
    Check(
        "xbrl.scale",
        Severity.ERROR,
        "Inline XBRL 1.1: the scale attribute of ix:nonFraction",
        "a tagged value is the shown figure in the table's unit",
        _on_note(scale_mismatches),
    ),
    Check(
        "xbrl.sign",
        Severity.ERROR,
        "Inline XBRL 1.1: the sign attribute of ix:nonFraction",
        "a tagged sign follows the sign convention of its row",
        _on_note(sign_flips),
    ),
    Check(
        "xbrl.duplicate",
        Severity.ERROR,
        "XBRL Calculations 1.1: inconsistent duplicate facts",
        "a concept tagged twice in one context has one value",
        _on_note(conflicting_duplicates),
    ),
    Check(
        "xbrl.member_sum",
        Severity.ERROR,
        "DQC_0150 (segment members add to the total), Calculations 1.1 intervals",
        "the segment members of a concept and period add to its total",
        lambda ctx: Outcome(tuple(member_sums(ctx))),
    ),
    Check(
        "xbrl.untagged",
        Severity.INFO,
        "EDGAR Filer Manual: amounts in the financial statements are tagged",
        "every figure of a segment table carries a tag",
        _on_note(untagged_figures),
    ),
)
