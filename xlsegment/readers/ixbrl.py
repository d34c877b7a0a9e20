"""XBRL facts through Arelle, an optional extra: the tags that say what each figure is.

Arelle (Apache-2.0, the reference XBRL processor) loads an inline-XBRL filing or an XBRL
instance offline, without its taxonomy (``skipDTS``): the facts, their contexts (period and
dimensions) and units are all in the file itself. Without the extra the same HTML is read
by its layout only, and the note says in one finding that the XBRL checks need the extra.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from xlsegment.errors import InputError
from xlsegment.model import Fact, Finding, Role, Severity, Table, Tag
from xlsegment.vocabulary import column_role, is_total_column

SEGMENT_AXIS = "us-gaap:StatementBusinessSegmentsAxis"
CONSOLIDATION_AXIS = "srt:ConsolidationItemsAxis"
GEOGRAPHY_AXIS = "srt:StatementGeographicalAxis"
# Members of the consolidation axis (srt: or, in older taxonomies, us-gaap:), by local name.
_SEGMENTS_MEMBER = "OperatingSegmentsMember"
_RECONCILING_MEMBERS = {
    "IntersegmentEliminationMember": Role.ELIMINATION,
    "CorporateNonSegmentMember": Role.CORPORATE,
    "MaterialReconcilingItemsMember": Role.CORPORATE,
    "SegmentReconcilingItemsMember": Role.CORPORATE,
}
EXTRA = "pip install '.[xbrl]' in a clone of xlsegment"
# Loading without the taxonomy leaves every concept undefined, and SEC transformation
# formats (ixt-sec) need an EDGAR plugin: both are expected here, not faults of the file.
_EXPECTED = re.compile(r"missingReferences|invalidTransformation|^IOerror$|^info$|^arelle:")
_REFUSED = re.compile(r"^xmlSchema:syntax$|^arelle:loadFileError$|^ix.*:(?:missingHeader|missingResources)")


def consolidation_role(member: str | None) -> str | None:
    """'segments' for the reportable segments' member, 'reconciling' for eliminations,
    corporate and reconciling items, None for no member or another one."""
    local = (member or "").split(":")[-1]
    if local == _SEGMENTS_MEMBER:
        return "segments"
    return "reconciling" if local in _RECONCILING_MEMBERS else None


def available() -> bool:
    """Whether the xbrl extra (Arelle) is installed."""
    return importlib.util.find_spec("arelle") is not None


@dataclass
class Loaded:
    """The numeric facts of a filing as tags, found again by element id or by content."""

    tags: tuple[Tag, ...]
    by_id: dict[str, Tag] = field(default_factory=dict)
    by_content: dict[tuple, Tag] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    facts: int = 0  # every fact Arelle read, text facts included
    on_segment_axis: int = 0

    def tag_of(self, element) -> Tag | None:
        found = self.by_id.get(element.get("id") or "")
        if found is None:
            text = "".join(element.itertext()).strip()
            found = self.by_content.get((element.get("name"), element.get("contextref"), text))
        return found


def load(path: str | Path) -> Loaded:
    """The numeric facts of an iXBRL filing or XBRL instance; raises InputError when Arelle
    refuses the file."""
    from arelle.api.Session import Session
    from arelle.RuntimeOptions import RuntimeOptions

    p = Path(path)
    options = RuntimeOptions(
        entrypointFile=str(p.resolve()),
        internetConnectivity="offline",
        skipDTS=True,
        keepOpen=True,
        logFile="logToBuffer",
        logPropagate=False,  # Arelle's messages are read from its buffer, not printed
        # Thousands of expected messages (see _EXPECTED) would cost more than the load.
        logCodeFilter=r"(?!.*(?:missingReferences|invalidTransformation))",
        disablePersistentConfig=True,
    )
    with Session() as session:
        session.run(options)
        log = json.loads(session.get_logs("json") or '{"log": []}').get("log", [])
        models = session.get_models()
        model = models[0] if models else None
        refused = [
            e for e in log if _REFUSED.search(e.get("code", "")) and e.get("level") in ("error", "fatal")
        ]
        if model is None or model.modelDocument is None or refused:
            line, why = _refusal(refused[0]) if refused else (None, "no XBRL document in it")
            raise InputError(str(p), line, f"Arelle refuses it as XBRL: {why}")
        loaded = _tags(model)
        loaded.problems = [
            f"[{e['code']}] {_one_line(e['message']['text'])}"
            for e in log
            if e.get("level") in ("error", "fatal") and not _EXPECTED.search(e.get("code", ""))
        ]
    return loaded


def _refusal(entry: dict) -> tuple[int | None, str]:
    """The line and the reason of the message with which Arelle refused a file."""
    message = entry.get("message") or {}
    args = message.get("args") or {}
    code = entry.get("code", "")
    if args.get("error"):
        line = int(args["line"]) if str(args.get("line", "")).isdigit() else None
        column = f"column {args['column']}: " if args.get("column") else ""
        return line, f"{column}{_one_line(args['error'])} ({code})"
    text = re.sub(r"^\[[^\]]*\]\s*", "", str(message.get("text", ""))).split(" - ")[0]
    return None, f"{_one_line(text)} ({code})"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def _tags(model) -> Loaded:
    loaded = Loaded(())
    tags = []
    for fact in model.facts:
        loaded.facts += 1
        ctx = fact.context
        if ctx is not None and any(str(d) == SEGMENT_AXIS for d in ctx.qnameDims):
            loaded.on_segment_axis += 1
        tag = _tag(fact)
        if tag is None:
            continue
        if fact.sourceline:
            tag = replace(tag, line=fact.sourceline)
        tags.append(tag)
        if fact.id:
            loaded.by_id[fact.id] = tag
        loaded.by_content.setdefault((fact.get("name") or str(fact.qname), fact.contextID, tag.shown), tag)
    loaded.tags = tuple(tags)
    return loaded


def _tag(fact) -> Tag | None:
    """A numeric fact as a Tag; text facts and nil facts are not figures."""
    if fact.get("unitRef") is None or fact.isNil:
        return None
    try:
        value = Decimal(str(fact.value))
    except (InvalidOperation, TypeError):
        return None
    ctx = fact.context
    if ctx is not None and any(m.isExplicit and m.memberQname is None for m in ctx.qnameDims.values()):
        # A member whose prefix the filing never declares (Arelle reports it): which segment
        # or country the tag names is unknown, so the layout's reading stands.
        return None
    start, end = _dates(ctx)
    decimals = fact.decimals
    unit = fact.unit
    measures = unit.measures if unit is not None else ((), ())
    return Tag(
        concept=str(fact.qname),
        period=end[:4],
        dimensions=tuple(
            sorted((str(d), str(m.memberQname)) for d, m in ctx.qnameDims.items() if m.isExplicit)
        )
        if ctx is not None
        else (),
        decimals=None if decimals in (None, "INF") else int(decimals),
        scale=int(fact.get("scale") or 0),
        sign=-1 if fact.get("sign") == "-" else 1,
        value=value,
        context=fact.contextID or "",
        unit="/".join("*".join(str(m) for m in part) for part in measures if part),
        shown=" ".join("".join(fact.itertext()).split()),
        start=start,
        end=end,
    )


def _dates(ctx) -> tuple[str, str]:
    """ISO start (empty for an instant) and end date: Arelle keeps an end date as the
    midnight after it, so a date-only end goes back one day."""
    if ctx is None:
        return "", ""

    def day(dt):
        if dt is None:
            return ""
        if dt.hour == 0 and dt.minute == 0 and getattr(dt, "dateOnly", True):
            dt = dt - timedelta(days=1)
        return dt.date().isoformat()

    if ctx.isInstantPeriod:
        return "", day(ctx.instantDatetime)
    if ctx.isStartEndPeriod:
        start = ctx.startDatetime
        return (start.date().isoformat() if start is not None else ""), day(ctx.endDatetime)
    return "", ""  # forever


# ---------------------------------------------------------------- tags on an HTML note


def has_inline_tags(root) -> bool:
    return next(root.iter("ix:nonfraction"), None) is not None


def read_tags(path, root) -> tuple[Loaded | None, list[Finding]]:
    """Tags of an HTML file's figures, or None with one finding that says why not."""
    if not has_inline_tags(root):
        return None, []
    if next(root.iter("ix:header"), None) is None:
        return None, [
            Finding(
                "seg.xbrl.fragment",
                Severity.INFO,
                "the figures carry inline-XBRL tags but the file has no ix:header with their contexts "
                "(part of a filing): read as HTML; the XBRL checks need the whole filing",
            )
        ]
    if not available():
        return None, [
            Finding(
                "seg.xbrl.extra",
                Severity.WARNING,
                f"this filing is inline XBRL: read as HTML; the XBRL checks need the extra ({EXTRA})",
            )
        ]
    loaded = load(path)
    findings = []
    if loaded.problems:
        findings.append(
            Finding(
                "seg.xbrl.arelle",
                Severity.WARNING,
                f"Arelle reports {len(loaded.problems)} problem(s) in the XBRL (first: {loaded.problems[0]})",
            )
        )
    return loaded, findings


_SCALE_UNITS = {3: "thousands", 6: "millions", 9: "billions"}


def unit_from_tags(tables: list[Table]) -> str | None:
    """The unit the note's figures are shown in, from the scale of their monetary tags,
    where the note states none ("(Tabular amounts in millions)" on a page header)."""
    scales = Counter(
        f.tag.scale
        for t in tables
        for f in t.cells.values()
        if f.tag is not None and f.tag.unit.startswith("iso4217:") and "/" not in f.tag.unit
    )
    return _SCALE_UNITS.get(scales.most_common(1)[0][0]) if scales else None


def member_name(member: str) -> str:
    """'amzn:NorthAmericaSegmentMember' -> 'North America' (when no header names it)."""
    local = member.split(":")[-1]
    local = re.sub(r"(?:Segments?)?Member$", "", local)
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", local)
    return words.strip() or local


def apply_tags(tables: list[Table]) -> list[Table]:
    """A tagged cell takes its segment, role and period from its tag, not from the layout.

    Members are named as the note's own headers name them (the most common layout name
    of the member's tagged cells), else from the member's name."""
    names = _member_names(tables)
    return [replace(t, cells={k: _meaning(f, names) for k, f in t.cells.items()}) for t in tables]


def _member_names(tables: list[Table]) -> dict[str, str]:
    """Each member's name as the note shows it: the segment its cells were laid out under,
    or, in a table with a row per member and periods across, the row's label."""
    seen: dict[str, Counter] = {}
    for t in tables:
        for f in t.cells.values():
            member = _place_member(f.tag) if f.tag else None
            if not member:
                continue
            name = f.segment if f.segment not in ("", "Total") else (f.label if not f.segment else "")
            if name:
                seen.setdefault(member, Counter())[name] += 1
    return {m: c.most_common(1)[0][0] for m, c in seen.items()}


def _place_member(tag: Tag) -> str | None:
    return tag.member(SEGMENT_AXIS) or tag.member(GEOGRAPHY_AXIS)


def _meaning(fact: Fact, names: dict[str, str]) -> Fact:
    tag = fact.tag
    if tag is None:
        return fact
    changes: dict = {}
    member = _place_member(tag)
    if member:
        changes["segment"] = names.get(member) or member_name(member)
    role = _RECONCILING_MEMBERS.get((tag.member(CONSOLIDATION_AXIS) or "").split(":")[-1])
    if role is not None:
        changes["role"] = role
        if not fact.segment and column_role(fact.label) in (Role.CORPORATE, Role.ELIMINATION):
            # the row "Corporate" in a table of periods; an item such as "Stock-based
            # compensation" tagged as a reconciling item stays the entity's line
            changes["segment"] = fact.label
    elif member and fact.role in (Role.TOTAL, Role.PERIOD):
        changes["role"] = Role.SEGMENT
    if not tag.dimensions and is_total_column(fact.segment or fact.label):
        # No dimension: the entity as a whole, whatever the row calls it ("Consolidated").
        changes["segment"], changes["role"] = "Total", Role.TOTAL
    if not fact.period and tag.period:
        changes["period"] = tag.period
    return fact.replace(**changes) if changes else fact
