"""The one pipeline: read -> normalise -> relate -> translate -> check.

Every way into xlsegment (the command line, the workbook layer, the Excel functions, the
Python API) runs this function and gets one result: the note, its relations, the
convenience rate and every finding. Each stage is a function from data to data plus
findings; nothing is shared between them but what they return.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from xlsegment.checks import CHECKS, Check, Context, run_checks
from xlsegment.errors import XlsegmentError
from xlsegment.model import FactId, Finding, Note, Origin, Relation, Severity, Table
from xlsegment.readers import ReadOptions, reader_for
from xlsegment.relate import relate
from xlsegment.translation import RateInfo, add_translated_columns, translate_note


@dataclass(frozen=True)
class Result:
    """A checked note."""

    note: Note
    relations: tuple[Relation, ...]
    rate: RateInfo | None
    findings: tuple[Finding, ...]
    per_table: Mapping[str, int] = field(default_factory=dict)  # checks made, by table id
    # checks made by table id and kind ("crossfoot", ..., "translation"): they add up to per_table
    per_kind: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    @property
    def checks(self) -> int:
        return sum(self.per_table.values())

    @property
    def summary(self) -> dict[str, int]:
        count = Counter(f.severity for f in self.findings)
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
        reported = [f for f in self.note.facts if f.reported]
        used = {r.total.at for r in self.relations if not r.computed}
        used |= {p.at for r in self.relations if not r.computed for _, p in r.parts}
        return sum(1 for f in reported if f.at in used), len(reported)


def run(
    source,
    *,
    rate: Decimal | None = None,
    options: ReadOptions | None = None,
    checks: Iterable[Check] | None = None,
) -> Result:
    """Read ``source`` (a path, a Note or tidy data) and check it; findings are data.

    ``rate`` overrides the rate the source states. A reader that knows more about its
    source than the note holds (a workbook's cells) finishes the result (``finish``)."""
    reader, _ = reader_for(source)
    note = normalise(reader.read(source, options or ReadOptions()))
    rate = rate if rate is not None else note.stated_rate
    relating = relate(note)
    note, relations = _translated_columns(relating.note, list(relating.relations), rate)
    translation = translate_note(note, relations, rate)
    ctx = Context(note, tuple(relations), translation)
    found, tested = run_checks(ctx, registry() if checks is None else checks)
    findings = (*note.findings, *relating.findings, *found)
    per_table: Counter = Counter()
    per_kind: dict[str, Counter] = {}
    for (table, kind), n in tested.items():
        per_table[table] += n
        per_kind.setdefault(table, Counter())[kind] += n
    result = Result(note, tuple(relations), translation.rate_info(), findings, dict(per_table), per_kind)
    finish = getattr(reader, "finish", None)
    return finish(result, source) if finish is not None else result


def registry() -> tuple[Check, ...]:
    """Every check: the core's and those that need the inline-XBRL tags."""
    from xlsegment import xbrl_checks

    return (*CHECKS, *xbrl_checks.CHECKS)


def normalise(note: Note) -> Note:
    """Give every fact its stable identity (table, row, column), tables numbered in order."""
    tables = tuple(_identified(i, t) for i, t in enumerate(note.tables))
    return replace(note, tables=tables)


def _identified(index: int, table: Table) -> Table:
    outside = [k for k in table.cells if not (0 <= k[0] < len(table.rows) and 0 <= k[1] < len(table.columns))]
    if outside:
        r, c = outside[0]
        raise XlsegmentError(
            f"table T{index + 1} ({table.name}) has a figure at row {r + 1}, column {c + 1}, outside "
            f"its {len(table.rows)} rows and {len(table.columns)} columns: the reader built it wrongly"
        )
    cells = {(r, c): f.identified(FactId(index, r, c)) for (r, c), f in table.cells.items()}
    return replace(table, index=index, cells=cells)


def _translated_columns(note: Note, relations: list[Relation], rate) -> tuple[Note, list[Relation]]:
    """Prepare mode with a convenience currency and a rate: translate each prepared Total
    column (ROUND(total / rate, 0)), as computed figures."""
    if note.origin != Origin.DATA or rate is None or not note.convenience_currency:
        return note, relations
    prepared = {r.table for r in relations if r.computed}
    tables = list(note.tables)
    for i, table in enumerate(tables):
        if table.id in prepared:
            tables[i], added = add_translated_columns(
                table, note.convenience_currency, rate, "prepare: translation"
            )
            relations.extend(added)
    return replace(note, tables=tuple(tables)), relations
