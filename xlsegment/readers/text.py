"""Reader for a segment note as filing text, one table cell per line.

Pipeline: lines -> rows (a label and its number cells) -> table parts (a header run and a
body) -> columns from the header -> cells placed in columns -> tables of facts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from xlsegment import labels
from xlsegment.errors import InputError
from xlsegment.gcpause import paused_gc
from xlsegment.model import Column, Fact, Finding, Note, Role, Row, Severity, Source, Table
from xlsegment.numbers import Cell
from xlsegment.readers import decoding, naming, placement
from xlsegment.readers.lines import RawRow, tokenize

_LEAD_IN_MAX = 70


@dataclass
class Part:
    """A header run and the body rows under it."""

    header: list[RawRow] = field(default_factory=list)
    body: list[RawRow] = field(default_factory=list)


class TextReader:
    """Filing text, one table cell per line: any text file no other reader claims."""

    name = "filing text"

    def can_read(self, source, peek) -> bool:
        return peek is not None and not peek.is_zip

    def read(self, source, options) -> Note:
        note = read_text(source)
        return note if options.name is None else replace(note, source=options.name)


def read_text(path: str | Path) -> Note:
    p = Path(path)
    text, warning = decoding.decode(decoding.read_bytes(p), str(p))
    note = read_string(text, str(p))
    return note if warning is None else replace(note, findings=(warning, *note.findings))


def read_string(text: str, name: str = "<text>") -> Note:
    """Parse note text; raises InputError when no table can be read at all."""
    with paused_gc():
        return _read_string(text, name)


def _read_string(text: str, name: str) -> Note:
    if "\x00" in text:
        raise InputError(name, None, "binary data, not filing text")
    blocks, european = tokenize(text)
    findings: list[Finding] = []
    parts: list[Part] = []
    for block in blocks:
        parts.extend(_split_parts(block.rows))
    parts = [p for p in parts if any(r.cells for r in p.body)]
    if not parts:
        first = next((r.line for b in blocks for r in b.rows), 1)
        raise InputError(name, first, "no table with numbers found (expected one cell per line)")

    context = _NoteContext.from_parts(parts, text)
    tables: list[Table] = []
    previous_columns: list[Column] | None = None
    for part in parts:
        table, previous_columns = _build_table(part, len(tables), context, previous_columns, findings)
        if table is not None:
            tables.append(table)
    if not tables:
        raise InputError(name, parts[0].body[0].line, "no table could be laid out")
    tables, aliases, alias_findings = naming.align_line_items(tables)
    findings.extend(alias_findings)
    if european:
        findings.append(Finding("seg.format.european", Severity.INFO, "numbers read as European (1.234,5)"))
    return Note(
        source=name,
        tables=tuple(tables),
        presentation_currency=context.currency,
        unit=context.unit,
        convenience_currency=context.convenience,
        rate_note=context.rate_note,
        findings=tuple(findings),
        aliases=aliases,
    )


# ---------------------------------------------------------------- splitting


def _is_lead_in(row: RawRow) -> bool:
    t = row.label
    low = t.lower()
    return (
        len(t) > _LEAD_IN_MAX
        or (t.endswith(".") and len(t.split()) >= 6)
        or "following" in low
        or "as follows" in low
        or "table of contents" in low
    )


def _starts_part(run: list[RawRow]) -> bool:
    """Does this run of rows without numbers open a new table (or a new period of one)?"""
    for r in run:
        if r.years or _is_lead_in(r) or labels.is_period_heading(r.label):
            return True
        if labels.unit_of(r.label) or labels.currency_of(r.label):
            return True
    return False


def _split_parts(rows: list[RawRow]) -> list[Part]:
    parts: list[Part] = [Part()]
    run: list[RawRow] = []
    for row in rows:
        if not row.has_values:
            run.append(row)
            continue
        current = parts[-1]
        if not current.body:
            current.header.extend(run)
        elif _starts_part(run):
            # Section headings between the last total and the new header stay in the old part.
            parts.append(Part(header=list(run)))
        else:
            current.body.extend(run)
        run = []
        parts[-1].body.append(row)
    if run:
        parts[-1].body.extend(run)  # trailing footnotes: kept as sections, ignored later
    return parts


# ---------------------------------------------------------------- note-level context


@dataclass
class _NoteContext:
    currency: str
    unit: str
    convenience: str | None
    rate_note: str | None
    years: set[int]

    @classmethod
    def from_parts(cls, parts: list[Part], text: str) -> _NoteContext:
        currencies: Counter[str] = Counter()
        unit = None
        rate_note = None
        for p in parts:
            for r in p.header + p.body:
                if r.has_values:
                    continue
                cur = labels.currency_of(r.label)
                if cur and r.label.strip() != "$":
                    currencies[cur] += 1
                unit = unit or labels.unit_of(r.label)
                if labels.NOTE_REF_RE.match(r.label.strip()):
                    rate_note = r.label.strip().strip("()")
        if unit is None:
            unit = labels.unit_of(text) or "units"
        if currencies:
            currency = currencies.most_common(1)[0][0]
        elif labels.unit_currency(text):
            currency = labels.unit_currency(text)
        elif "$" in text:
            currency = "USD"
        else:
            currency = ""
        others = [c for c in currencies if c != currency]
        years = {y for p in parts for r in p.header + p.body for y in labels.years_in(r.label)}
        years |= {y for p in parts for r in p.header + p.body for y, _ in r.years}
        return cls(currency, unit, others[0] if others else None, rate_note, years)


# ---------------------------------------------------------------- columns


@dataclass
class _Header:
    lead_in: list[str] = field(default_factory=list)
    period: str | None = None
    period_cols: list[str] = field(default_factory=list)
    currencies: list[tuple[str, int]] = field(default_factory=list)
    names: list[RawRow] = field(default_factory=list)
    sections: list[RawRow] = field(default_factory=list)
    note_ref: bool = False


def _read_header(run: list[RawRow]) -> _Header:
    h = _Header()
    dates: list[str] = []
    for r in run:
        text = r.label.strip()
        if r.years:
            ys = [str(y) for y, _ in r.years]
            if len(ys) == 1:
                h.period = ys[0]
            else:
                h.period_cols = ys
        if not text:
            continue
        if labels.NOISE_RE.match(text):
            continue
        if labels.NOTE_REF_RE.match(text):
            h.note_ref = True
            continue
        cur = labels.currency_of(text)
        if cur and text != "$":
            h.currencies.append((cur, r.line))
            continue
        if labels.unit_of(text) and len(text) < 40:
            continue
        if _is_lead_in(r):
            # Whatever came before the lead-in sentence was a title, not column names.
            h.lead_in.append(text)
            h.names.clear()
            continue
        if not any(ch.isalpha() for ch in text):
            continue
        if labels.is_period_heading(text) or (labels.years_in(text) and len(text) < 40):
            ys = labels.years_in(text)
            if ys and not r.years:
                dates.append(text)
            elif not ys and not r.years:
                h.sections.append(r)  # "Years ended December 31," with years on the next row
            continue
        if text.endswith(":"):
            h.sections.append(r)
            continue
        h.names.append(r)
    if len(dates) >= 2:
        h.period_cols = _period_labels(dates)
    elif dates:
        h.period = _period_labels(dates)[0]
    return h


_QUARTER = re.compile(r"\b(?:Q([1-4])|(first|second|third|fourth)\s+quarter)\b", re.IGNORECASE)
_ORDINAL = {"first": "1", "second": "2", "third": "3", "fourth": "4"}


def _period_labels(texts: list[str]) -> list[str]:
    """Period of each column heading: the year ("December 31, 2024" -> "2024"), or the year
    and quarter ("Q3 2024" -> "2024-Q3"); headings that still collide keep their text."""
    out = []
    for t in texts:
        year = str(labels.years_in(t)[-1])
        q = _QUARTER.search(t)
        out.append(f"{year}-Q{q.group(1) or _ORDINAL[q.group(2).lower()]}" if q else year)
    if len(set(out)) < len(out):
        out = [" ".join(t.split()).rstrip(":") for t in texts]
    return out


def _column_count(body: list[RawRow]) -> int:
    counts = Counter(len(r.cells) for r in body if len(r.cells) >= 2)
    if not counts:
        return max(len(r.cells) for r in body)
    top = max(counts.values())
    return max(n for n, k in counts.items() if k == top)


def _columns(h: _Header, n: int, ctx: _NoteContext, previous, findings, part_line) -> list[Column]:
    period = h.period or ""
    curs = [c for c, _ in h.currencies]
    cols: list[Column] = []
    if h.period_cols and len(h.period_cols) <= n:
        extra = n - len(h.period_cols)
        for i, p in enumerate(h.period_cols):
            if len(curs) == n and curs[i] != ctx.currency:
                findings.append(
                    Finding(
                        "seg.header.currency",
                        Severity.WARNING,
                        f"currency header '{curs[i]}' over {p} disagrees with the note's "
                        f"{ctx.currency}; read as {ctx.currency} (probable typo in the header)",
                        period=p,
                        source_line=h.currencies[i][1],
                    )
                )
            cols.append(Column(p, "", p, ctx.currency, Role.PERIOD))
        for _ in range(extra):
            cols.append(_convenience(ctx, h.period_cols[-1]))
        h.sections = h.names + h.sections  # "North America" above its block of rows
        return cols
    names = _dedupe_names(h.names)
    conv = 0
    if len(curs) == n:
        conv = sum(1 for c in curs[len(names) :] if c != ctx.currency) if len(names) < n else 0
    if len(names) >= n:
        h.sections = names[n:] + h.sections
        names = names[:n]
    if names and len(names) + conv == n:
        for r in names:
            cols.append(_segment_column(r.label, period, ctx.currency))
        for _ in range(conv):
            cols.append(_convenience(ctx, period))
        return _mark_subtotals(cols)
    if names and len(names) < n and previous is None and conv == 0 and h.note_ref:
        for r in names:
            cols.append(_segment_column(r.label, period, ctx.currency))
        while len(cols) < n:
            cols.append(_convenience(ctx, period))
        return _mark_subtotals(cols)
    if previous is not None and len(previous) == n and not names:
        return [
            c if c.role == Role.PERIOD else Column(c.label, c.segment, period or c.period, c.currency, c.role)
            for c in previous
        ]
    if n == 1:
        return [Column("Total", "Total", period, ctx.currency, Role.TOTAL)]
    findings.append(
        Finding(
            "seg.layout.columns",
            Severity.WARNING,
            f"cannot tell what the {n} columns are (header names {len(names)}); "
            "read as unnamed columns and checked by arithmetic only",
            source_line=part_line,
        )
    )
    for r in h.names:
        h.sections.append(r)
    return [Column(f"Column {i + 1}", f"Column {i + 1}", period, ctx.currency) for i in range(n)]


def _dedupe_names(names: list[RawRow]) -> list[RawRow]:
    """A group header over some columns repeats a later column's name ('Optum'): drop it."""
    out: list[RawRow] = []
    for i, r in enumerate(names):
        later = [x.label.strip().lower() for x in names[i + 1 :]]
        if r.label.strip().lower() in later:
            continue
        out.append(r)
    return out


def _segment_column(label: str, period: str, currency: str) -> Column:
    name = labels.strip_footnotes(label)
    low = name.lower()
    if labels.is_total_column(name):
        role = Role.TOTAL
    elif "elimination" in low:
        role = Role.ELIMINATION
    elif "corporate" in low or "all other" in low or "unallocated" in low:
        role = Role.CORPORATE
    else:
        role = Role.SEGMENT
    # "Total reportable segments" is the segments' total, not the consolidated Total.
    segment = "Total" if role == Role.TOTAL and "segment" not in low else name
    return Column(name, segment, period, currency, role)


def _mark_subtotals(cols: list[Column]) -> list[Column]:
    totals = [i for i, c in enumerate(cols) if c.role == Role.TOTAL]
    out = list(cols)
    for i in totals[:-1]:
        c = cols[i]
        out[i] = Column(c.label, c.label, c.period, c.currency, Role.SUBTOTAL)
    return out


def _convenience(ctx: _NoteContext, period: str) -> Column:
    cur = ctx.convenience or "USD"
    return Column(cur, "Total", period, cur, Role.CONVENIENCE)


# ---------------------------------------------------------------- rows and cells


def _build_table(part: Part, index: int, ctx: _NoteContext, previous, findings):
    header = _read_header(part.header)
    data = [r for r in part.body if r.has_values]
    n = _column_count(data)
    first_line = (part.header or part.body)[0].line
    columns = _columns(header, n, ctx, previous, findings, first_line)
    n = len(columns)
    title = " ".join(header.lead_in)[-200:] or (part.header[0].label if part.header else "")
    period = header.period or ""
    if not period and header.period_cols:
        period = header.period_cols[-1]

    rows: list[Row] = []
    values: list[list[tuple[Cell, int] | None]] = []
    pending: dict[int, list[tuple[Cell, int]]] = {}
    section = ""
    for r in header.sections:
        section = labels.strip_footnotes(r.label)
    for raw in part.body:
        if not raw.has_values:
            if raw.label and not _is_lead_in(raw) and not labels.NOISE_RE.match(raw.label):
                section = labels.strip_footnotes(raw.label)
            continue
        label = labels.strip_footnotes(raw.label) or "(unlabelled)"
        item, row_year = labels.split_label_date(label)
        if row_year and ctx.years and row_year not in ctx.years:
            fixed = naming.probable_year(row_year, ctx.years)
            findings.append(naming.label_date_finding(label, row_year, fixed, raw.line))
            row_year = fixed or row_year
        chunks = [raw.cells]
        if len(raw.cells) > n and len(raw.cells) % n == 0:
            chunks = [raw.cells[i : i + n] for i in range(0, len(raw.cells), n)]
            findings.append(
                Finding(
                    "seg.layout.unlabelled",
                    Severity.INFO,
                    f"row '{label}' carries {len(raw.cells) // n} rows of figures; "
                    "the extra ones are read as an unlabelled subtotal row",
                    source_line=raw.line,
                    line_item=label,
                )
            )
        elif len(raw.cells) > n:
            findings.append(
                Finding(
                    "seg.layout.shape",
                    Severity.WARNING,
                    f"row '{label}' has {len(raw.cells)} figures for {n} columns; the first {n} are read",
                    source_line=raw.line,
                    line_item=label,
                )
            )
            chunks = [raw.cells[:n]]
        for k, chunk in enumerate(chunks):
            row_label = label if k == 0 else f"Subtotal after {label}"
            rows.append(
                Row(
                    label=row_label,
                    line_item=item if k == 0 else row_label,
                    line=raw.line if k == 0 else chunk[0][1],
                    section=section,
                    period=str(row_year) if row_year else None,
                )
            )
            if len(chunk) == n:
                values.append(list(chunk))
            else:
                values.append([None] * n)
                pending[len(rows) - 1] = chunk
    placement.place(rows, columns, values, pending, findings)
    _drop_unallocated_nils(columns, values)
    rows = naming.unify_dated_rows(rows)
    table = _to_table(index, title, rows, columns, values, period, ctx, part)
    return table, columns


def _drop_unallocated_nils(columns, values) -> None:
    """A reconciling item shown only in the Total column has dashes under the segments.

    Those dashes say "not allocated", not "zero", so they are left out rather than read
    as figures that would have to add up (ASC 280-10-50-30 reconciling items).
    """
    seg_cols = [i for i, c in enumerate(columns) if c.role not in (Role.TOTAL, Role.CONVENIENCE)]
    tot_cols = [i for i, c in enumerate(columns) if c.role in (Role.TOTAL, Role.CONVENIENCE)]
    if not seg_cols or not tot_cols:
        return
    for row in values:
        segs = [row[i] for i in seg_cols]
        if all(v is None or v[0].nil for v in segs) and any(
            row[i] is not None and not row[i][0].nil for i in tot_cols
        ):
            for i in seg_cols:
                row[i] = None


def _to_table(index, title, rows, columns, values, period, ctx, part) -> Table:
    name = naming.table_name(title, rows, columns)
    cells: dict[tuple[int, int], Fact] = {}
    rows = [naming.row_semantics(row, columns, name) for row in rows]
    for r, row in enumerate(rows):
        for c, col in enumerate(columns):
            v = values[r][c]
            if v is None:
                continue
            cell, line = v
            fact_period = (
                row.period or (col.period if col.role == Role.PERIOD else "") or col.period or period
            )
            if col.role == Role.CONVENIENCE and row.period:
                fact_period = row.period
            # Period columns without a segment block: the entity as a whole, which is the
            # "Total" only where the row says so.
            default = "Total" if labels.is_total_label(row.label) else ""
            segment = col.segment if col.role != Role.PERIOD else (row.segment or default)
            if col.role != Role.PERIOD and row.segment:
                segment = row.segment
            cells[(r, c)] = Fact(
                table=name,
                period=fact_period,
                line_item=row.line_item,
                segment=segment,
                currency=col.currency,
                value=cell.value,
                decimals=cell.decimals,
                source=Source(line=line),
                label=row.label,
                role=col.role
                if col.role != Role.PERIOD
                else (Role.TOTAL if segment == "Total" else Role.SEGMENT),
            )
    first = (part.header or part.body)[0].line
    last = max(max([r.line] + [ln for _, ln in r.cells]) for r in part.body)
    return Table(index, name, title, tuple(rows), tuple(columns), cells, first, last)
