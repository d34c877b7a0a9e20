"""Render check results as a text report (grouped by table) or as JSON for CI."""

from __future__ import annotations

import json

from xlsegment.model import RelationKind, Severity
from xlsegment.pipeline import Result as CheckResult

_MARK = {Severity.ERROR: "ERROR", Severity.WARNING: "warn ", Severity.INFO: "info "}


def to_json(result: CheckResult) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False)


def to_dict(result: CheckResult) -> dict:
    """What ``check --json`` prints, as data: the batch's rows are made of it too."""
    rate = result.rate
    doc = {
        "source": result.note.source,
        "presentation_currency": result.note.presentation_currency,
        "unit": result.note.unit,
        "convenience_unit": result.note.convenience_unit,
        "summary": {**result.summary, "figures": result.coverage[1], "covered": result.coverage[0]},
        "rate": None
        if rate is None
        else {
            "rate": str(rate.rate) if rate.rate is not None else None,
            "low": str(rate.low) if rate.low is not None else None,
            "high": str(rate.high) if rate.high is not None else None,
            "stated": rate.stated,
        },
        "tables": [
            {
                "id": t.id,
                "name": t.name,
                "first_line": t.first_line,
                "last_line": t.last_line,
                "rows": len(t.rows),
                "columns": [c.label for c in t.columns],
                "checks": result.per_table.get(t.id, 0),
                "checks_by_kind": dict(sorted(result.per_kind.get(t.id, {}).items())),
            }
            for t in result.note.tables
        ],
        "relations": [
            {
                "kind": str(r.kind),
                "table": r.table,
                "relation": r.describe(),
                "why": r.why,
                "rule": r.rule,
                "evidence": str(r.evidence),
                "period": r.total.period,
                "currency": r.total.currency,
                "total": str(r.total.at) if r.total.at is not None else None,
            }
            for r in result.relations
        ],
        "findings": [f.to_dict() for f in result.findings],
    }
    return doc


def to_text(result: CheckResult, verbose: bool = False) -> str:
    """Per-table summary, then only what needs attention; --verbose adds infos and relations."""
    note = result.note
    s = result.summary
    n = len(note.tables)
    money = " ".join(x for x in (note.presentation_currency, note.unit) if x)
    out = [
        f"{note.source}: {n} table{'s' if n != 1 else ''}, {money}",
        f"{s['checks']} checks: {s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos",
        "{} of {} reported figures take part in a check".format(*result.coverage),
    ]
    if s["checks"] == 0:
        # Nothing was checked: say so before anything that could read as a clean bill.
        out.insert(
            1, "WARNING: no stated total was found to check; look at the layout before trusting this note"
        )
    if result.rate is not None:
        out.append(f"convenience rate: {result.rate.describe()}")
    by_table: dict[str, list] = {}
    for f in result.findings:
        by_table.setdefault(f.table, []).append(f)
    out.append("")
    for t in note.tables:
        fs = by_table.get(t.id, [])
        errors = sum(1 for f in fs if f.severity == Severity.ERROR)
        # The checks counted, by kind, so the bracket adds up to the count before it.
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(result.per_kind.get(t.id, {}).items()))
        status = "ok" if not errors else f"{errors} broken"
        out.append(
            f"{t.describe()}: {result.per_table.get(t.id, 0)} checks, {status}"
            + (f" [{kinds}]" if kinds else "")
        )
        out.extend(_lines(fs, verbose))
        if verbose:
            for r in result.relations:
                if r.table == t.id:
                    out.append(f"    = {_relation_line(r, note.convenience_currency)}")
    ids = {t.id for t in note.tables}
    general = [f for f in result.findings if f.table not in ids]
    shown = _lines(general, verbose)
    if shown:
        out.append("Note-wide:")
        out.extend(shown)
    hidden = sum(1 for f in result.findings if f.severity == Severity.INFO) if not verbose else 0
    if hidden:
        out.append(f"({hidden} infos hidden; --verbose shows them and every relation)")
    return "\n".join(out)


def _relation_line(r, convenience: str | None) -> str:
    """A relation with its period and currency: the same sum recurs in each year and in
    the convenience column, and would otherwise read as a duplicate."""
    when = " ".join(x for x in (r.total.period, r.total.currency) if x)
    line = f"{when + ': ' if when else ''}{r.describe()}  ({r.why})"
    if convenience and r.total.currency == convenience and r.kind != RelationKind.TIE:
        line += "; counted with the translation checks"  # as the check stage counts it
    return line


def broken_totals(result: CheckResult) -> list[str]:
    """The errors, one line each as ``check`` prints them, under their table: what
    ``fill`` and ``refresh`` print after their summary, so a user sees which totals broke
    without opening the workbook."""
    out = []
    for t in result.note.tables:
        errors = [f for f in result.findings if f.table == t.id and f.severity == Severity.ERROR]
        if errors:
            out.append(f"{t.describe()}:")
            out.extend(_lines(errors, verbose=False, cell_first=True))
    ids = {t.id for t in result.note.tables}
    out.extend(_lines([f for f in result.errors if f.table not in ids], verbose=False, cell_first=True))
    return out


def _lines(findings, verbose: bool, cell_first: bool = False) -> list[str]:
    """One line per finding, placed by its source line (or, in a workbook, its cell
    first, with the source line after it)."""
    rows = []
    for f in findings:
        if f.severity == Severity.INFO and not verbose:
            continue
        line = f"line {f.source_line}" if f.source_line else ""
        cell = f"{f.sheet}!{f.cell}" if f.cell else ""
        where = (f"{cell} ({line})" if cell and line else cell or line) if cell_first else line or cell
        rows.append(f"  {_MARK[f.severity]} {where:>9}  {f.code}: {f.message}")
    return rows
