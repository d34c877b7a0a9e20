"""Line items that are one across the tables and rows of a note: a row that names its own
period in slightly different words each year, the same schedule under a later table's
wording, and the year a row label's date most probably meant."""

from __future__ import annotations

import difflib
from dataclasses import replace

from xlsegment import durations, labels
from xlsegment.model import Finding, Role, Row, Severity, Table
from xlsegment.readers.naming import BARE_TOTALS
from xlsegment.readers.yeartodate import stated_year_to_date
from xlsegment.vocabulary import LineKind, classify


def unify_dated_rows(rows: list[Row]) -> list[Row]:
    """Rows that name their own period ('... for the year ended December 31, 2023') and differ
    only slightly in wording between periods are one line item, named as first shown."""
    out: list[Row] = []
    seen: list[str] = []
    for r in rows:
        if r.period is None:
            out.append(r)
            continue
        match = next((s for s in seen if s != r.line_item and _close(s, r.line_item)), None)
        if match:
            out.append(replace(r, line_item=match))
        else:
            seen.append(r.line_item)
            out.append(r)
    return out


def _close(a: str, b: str) -> bool:
    if (classify(a).kind == LineKind.PERCENT) != (classify(b).kind == LineKind.PERCENT):
        return False  # "Operating EBIT margin, %" is a ratio of "Operating EBIT", not it
    a, b = a.lower(), b.lower()
    return a.startswith(b) or b.startswith(a) or _ratio_at_least(a, b, 0.85)


def align_line_items(tables: list[Table]):
    """Match line items renamed between periods (ASC 280 notes often reword a line).

    Tables of the same schedule are aligned row by row; a changed label at the same place
    that is close in wording, or differs only in income/loss, becomes an alias of the
    latest period's label. Returns the tables, the aliases and one info finding per match.
    """
    aliases: dict[str, set[str]] = {}
    findings: list[Finding] = []
    for t in tables:  # rows reworded between periods inside one table (unify_dated_rows)
        for r in t.rows:
            base = labels.split_label_date(r.label)[0]
            if base.strip(" :").lower() in BARE_TOTALS:
                continue  # "Total 1999" under a heading: the heading's total, no rewording
            if r.period and base != r.line_item and base not in aliases.setdefault(r.line_item, set()):
                aliases[r.line_item].add(base)
                findings.append(_alias_finding(t, base, r.line_item, r.line))
    groups: dict[str, list[Table]] = {}
    for t in tables:
        if not any(c.role == Role.PERIOD for c in t.columns):
            groups.setdefault(t.name, []).append(t)
    rename: dict[int, dict[str, str]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        latest = max(group, key=lambda t: max((f.period for f in t.cells.values()), default=""))
        for t in group:
            if t is not latest:
                findings.extend(_align(latest, t, rename, aliases))
    return (
        [_renamed(t, rename.get(t.index)) for t in tables],
        {k: tuple(sorted(v)) for k, v in aliases.items() if v},
        findings,
    )


def _align(latest: Table, t: Table, rename, aliases) -> list[Finding]:
    """The rows of ``t`` at the places of the latest table's rows, renamed after them where
    their wording is close (in ``rename`` and ``aliases``); one finding per new alias."""
    base = [r.line_item for r in latest.rows]
    other = [r.line_item for r in t.rows]
    findings: list[Finding] = []
    if not _same_schedule(base, other):
        return findings
    sm = difflib.SequenceMatcher(
        a=[labels.norm_key(x) for x in base], b=[labels.norm_key(x) for x in other], autojunk=False
    )
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if not (tag == "equal" or tag == "replace" and i2 - i1 == j2 - j1):
            continue
        for new, old in ((base[i1 + k], other[j1 + k]) for k in range(i2 - i1)):
            if new == old or not _similar(new, old):
                continue
            rename.setdefault(t.index, {})[old] = new
            if old not in aliases.setdefault(new, set()):
                aliases[new].add(old)
                line = next(r.line for r in t.rows if r.line_item == old)
                findings.append(_alias_finding(t, old, new, line))
    return findings


def _renamed(t: Table, names: dict[str, str] | None) -> Table:
    if not names:
        return t
    rows = tuple(replace(r, line_item=names.get(r.line_item, r.line_item)) for r in t.rows)
    cells = {k: f.replace(line_item=names.get(f.line_item, f.line_item)) for k, f in t.cells.items()}
    return replace(t, rows=rows, cells=cells)


SAME_SCHEDULE_SHARE = 0.5
"""Two tables under one name are periods of one schedule only where at least half of the
shorter one's line items appear in the other unchanged: a generic name ("Segment
information") heads unrelated schedules too, whose rows must never be renamed after each
other's."""


def _same_schedule(base: list[str], other: list[str]) -> bool:
    def key(x: str) -> str:
        return " ".join(labels.strip_footnotes(x).lower().split())

    a = {key(x) for x in base} - {""}
    b = {key(x) for x in other} - {""}
    return bool(a and b) and len(a & b) >= SAME_SCHEDULE_SHARE * min(len(a), len(b))


def _alias_finding(table: Table, old: str, new: str, line: int) -> Finding:
    return Finding(
        "seg.alias",
        Severity.INFO,
        f"'{old}' (line {line}) matched as the same line item as '{new}'",
        table=table.id,
        line_item=new,
        source_line=line,
    )


def _similar(a: str, b: str) -> bool:
    """Same line item reworded: differs only in income/loss, or close in wording and polarity."""
    if labels.norm_key(a) == labels.norm_key(b):
        return True
    if classify(a).expense != classify(b).expense:
        return False  # "Gain on X" and "Impairment on X" are different lines
    return _ratio_at_least(a.lower(), b.lower(), 0.6)


def probable_year(year: int, known: set[int]) -> int | None:
    """1024 in a 2023/2024 table: the known year that differs in one digit."""
    for k in sorted(known, reverse=True):
        a, b = str(year), str(k)
        if len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
            return k
    return None


def label_date_finding(row_label: str, year: int, fixed: int | None, line: int) -> Finding:
    hint = f"; read as {fixed}" if fixed else ""
    return Finding(
        "seg.label.date",
        Severity.WARNING,
        f"date year {year} in '{row_label}' is outside the note's years: probable typo{hint}",
        line_item=row_label,
        period=str(fixed or year),
        source_line=line,
        actual=year,
        expected=fixed,
    )


def _ratio_at_least(a: str, b: str, least: float) -> bool:
    """difflib's ratio, after its two cheap upper bounds: a long label (a megabyte line of
    text) is compared in linear time unless it could match."""
    sm = difflib.SequenceMatcher(a=a, b=b)
    return sm.real_quick_ratio() >= least and sm.quick_ratio() >= least and sm.ratio() >= least


def name_year_to_date(tables: list[Table], text: str) -> list[Table]:
    """ "YTD 2025" periods named by the length the note states for its year-to-date period
    anywhere ("the year-to-date periods each contained thirty-nine weeks" -> "9M 2025"),
    in every table, so a reconciliation far below that sentence meets the table under it.
    Unchanged where the note states no length (``yeartodate.stated_year_to_date``)."""
    duration = stated_year_to_date(text)
    if duration == durations.YEAR_TO_DATE or not any(_ytd(c.period) for t in tables for c in t.columns):
        return tables
    out = []
    for t in tables:
        columns = tuple(replace(c, period=_named(c.period, duration)) for c in t.columns)
        cells = {k: f.replace(period=_named(f.period, duration)) for k, f in t.cells.items()}
        out.append(replace(t, columns=columns, cells=cells))
    return out


def _ytd(period: str | None) -> bool:
    return bool(period) and period.startswith(durations.YEAR_TO_DATE + " ")


def _named(period: str | None, duration: str) -> str | None:
    return f"{duration} {period[len(durations.YEAR_TO_DATE) + 1 :]}" if _ytd(period) else period
