"""Findings on cells: locate each finding, then fill and annotate the cell."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from xlsegment.model import Finding, Note, Severity
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import Workbook
from xlsegment.workbook.sheets.schedules import Schedule


def locate(findings: Iterable[Finding], note: Note, sch: Schedule, sheet: str = c.SCHEDULES) -> list[Finding]:
    """Give each finding the Schedules cell of the figure it is about (by the figure's
    identity, ``Finding.at``); a finding that already names its cell keeps it."""
    out = []
    for f in findings:
        cell = sch.by_at.get(f.at) if f.at is not None and not f.cell else None
        out.append(replace(f, sheet=sheet, cell=cell) if cell else f)
    return out


def amount(v) -> str:
    if v is None:
        return "?"
    d = Decimal(v)
    text = f"{abs(d):,}" if d == d.to_integral_value() else f"{abs(d):,f}"
    return f"({text})" if d < 0 else text


def note_text(f: Finding) -> str:
    """The cell note: both numbers, the signed difference and the tolerance."""
    if f.expected is None or f.actual is None:
        return f"{f.code}: {f.message}"
    diff = f.difference if f.difference is not None else Decimal(f.actual) - Decimal(f.expected)
    sign = "+" if diff >= 0 else "-"
    tol = f", tolerance ±{amount(f.tolerance)}" if f.tolerance is not None else ""
    return (
        f"reported {amount(f.actual)}, computed {amount(f.expected)} "
        f"({sign}{amount(abs(Decimal(diff)))}){tol}\n{f.code}: {f.message}"
    )


def highlight(wb: Workbook, findings: Sequence[Finding], sheet: str = c.SCHEDULES) -> dict[str, str]:
    """Fill and annotate each cell a warning or error points at (one note per cell)."""
    notes: dict[str, list[str]] = {}
    for f in findings:
        if f.sheet == sheet and f.cell and f.severity != Severity.INFO:
            notes.setdefault(f.cell, []).append(note_text(f))
    texts = {cell: "\n\n".join(parts) for cell, parts in notes.items()}
    if texts:
        wb.set_fills(sheet, {cell: c.FINDING_FILL for cell in texts})
        wb.set_notes(sheet, texts, c.NOTE_AUTHOR)
    return texts
