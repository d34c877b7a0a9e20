"""Reader for an XBRL instance (``.xml``): its segment facts as the tidy facts of a note.

The facts on the segment axis (``us-gaap:StatementBusinessSegmentsAxis``) and on the
consolidation axis (``srt:ConsolidationItemsAxis``), with the entity's own figures for the
same concepts and periods as the Total, are laid out one table per schedule and period
by the tidy reader. Arelle (the xbrl extra) reads the instance.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

from xlsegment.errors import InputError
from xlsegment.model import Fact, Note, Origin, Role, Source, Tag
from xlsegment.readers import ixbrl, naming
from xlsegment.readers.tidyrows import lay_out
from xlsegment.settings import SETTINGS

_XBRLI = b"http://www.xbrl.org/2003/instance"
_CONSOLIDATION_NAMES = {
    "OperatingSegmentsMember": ("Total reportable segments", Role.SUBTOTAL),
    "IntersegmentEliminationMember": ("Intersegment eliminations", Role.ELIMINATION),
    "CorporateNonSegmentMember": ("Corporate", Role.CORPORATE),
    "MaterialReconcilingItemsMember": ("Reconciling items", Role.CORPORATE),
}
_UNITS = {-3: "thousands", -6: "millions", -9: "billions"}


class InstanceReader:
    """An XBRL instance document (the .xml an EDGAR filing carries next to its HTML)."""

    name = "XBRL instance"

    def can_read(self, source, peek) -> bool:
        if peek is None or peek.is_zip or peek.suffix not in (".xml", ".xbrl"):
            return False
        return _XBRLI in peek.head and b"<html" not in peek.head.lower()

    def read(self, source, options) -> Note:
        return read_instance(source, options.name)


def read_instance(path: str | Path, name: str | None = None) -> Note:
    if not ixbrl.available():
        raise InputError(str(path), None, f"reading an XBRL instance needs the extra: {ixbrl.EXTRA}")
    loaded = ixbrl.load(path)
    chosen = segment_tags(loaded.tags)
    if not chosen:
        raise InputError(str(path), None, f"no fact on {ixbrl.SEGMENT_AXIS} or {ixbrl.CONSOLIDATION_AXIS}")
    shift = _unit_shift(chosen)
    label = name or str(path)
    facts = [_fact(t, shift, label, t.line) for t in chosen]
    currencies = Counter(f.currency for f in facts)
    presentation = currencies.most_common(1)[0][0]
    tables, findings = lay_out(facts, presentation, label)
    return Note(
        source=label,
        tables=tuple(tables),
        findings=tuple(findings),
        presentation_currency=presentation,
        unit=_UNITS.get(shift, "units"),
        origin=Origin.FILING,
        tags=loaded.tags,
    )


def segment_tags(tags: tuple[Tag, ...]) -> list[Tag]:
    """Monetary facts on the segment or consolidation axis, and the entity's own figure for
    each of their concepts and periods (the Total), in document order."""
    axes = (ixbrl.SEGMENT_AXIS, ixbrl.CONSOLIDATION_AXIS)
    on_axis = [t for t in tags if t.value is not None and any(a in axes for a, _ in t.dimensions)]
    wanted = {(t.concept, t.start, t.end, t.unit) for t in on_axis}
    totals = [
        t
        for t in tags
        if not t.dimensions and t.value is not None and (t.concept, t.start, t.end, t.unit) in wanted
    ]
    seen = set()
    out = []
    for t in on_axis + totals:
        key = (t.concept, t.context, t.unit)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _unit_shift(tags: list[Tag]) -> int:
    """The scale the figures were shown in: the most common decimals of monetary facts
    (-6: millions), so facts read as the filing showed them."""
    decimals = Counter(t.decimals for t in tags if t.decimals is not None and t.unit.startswith("iso4217:"))
    top = decimals.most_common(1)[0][0] if decimals else 0
    return top if top in _UNITS else 0


def _fact(tag: Tag, shift: int, file: str, line: int | None) -> Fact:
    value = tag.value.scaleb(shift)
    decimals = max(0, (tag.decimals if tag.decimals is not None else 0) - shift)
    number = int(value) if value == value.to_integral_value() and decimals == 0 else value
    segment, role = _segment(tag)
    item = concept_label(tag.concept)
    return Fact(
        table=naming.ASSETS if not tag.start else naming.PNL,
        period=_period(tag),
        line_item=item,
        segment=segment,
        currency=tag.unit.split(":")[-1].split("/")[0] if tag.unit.startswith("iso4217:") else tag.unit,
        value=number,
        decimals=decimals,
        source=Source(file=file, line=line),
        label=item,
        role=role,
        tag=tag,
    )


def _segment(tag: Tag) -> tuple[str, Role]:
    member = tag.member(ixbrl.SEGMENT_AXIS)
    consolidation = (tag.member(ixbrl.CONSOLIDATION_AXIS) or "").split(":")[-1]
    if member:
        return ixbrl.member_name(member), Role.SEGMENT
    if consolidation in _CONSOLIDATION_NAMES:
        return _CONSOLIDATION_NAMES[consolidation]
    if not tag.dimensions:
        return "Total", Role.TOTAL
    other = tag.dimensions[0][1]
    return ixbrl.member_name(other), Role.CORPORATE


def _period(tag: Tag) -> str:
    """'2023' for a fiscal year or an instant; the dates for a shorter duration."""
    if tag.start and tag.end:
        days = (date.fromisoformat(tag.end) - date.fromisoformat(tag.start)).days
        if days < SETTINGS.year_days:
            return f"{tag.start}..{tag.end}"
    return tag.period


def concept_label(concept: str) -> str:
    """'us-gaap:OperatingIncomeLoss' -> 'Operating income loss' (no taxonomy labels offline)."""
    local = concept.split(":")[-1]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", local).split()
    return " ".join([words[0]] + [w.lower() if not w.isupper() else w for w in words[1:]]) if words else local
