"""Reader for a segment note as filing text, one table cell per line.

Pipeline: lines -> rows (a label and its number cells) -> table parts (a header run and a
body) -> columns from the header -> cells placed in columns -> tables of facts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from xlsegment import currency, labels
from xlsegment.errors import InputError
from xlsegment.model import Column, Finding, Note, Severity, Table
from xlsegment.readers import aligning, decoding, headerrules, placement, segmenttotals, textbody
from xlsegment.readers.declared import declared_segments, single_segment
from xlsegment.readers.layout import (
    NoteContext,
    OpenHeading,
    column_currency,
    drop_unallocated_nils,
    is_lead_in,
    period_words,
    stated_rate,
    to_table,
    translated_currency,
    unnamed_dollar,
)
from xlsegment.readers.lines import RawRow, tokenize
from xlsegment.readers.textheader import Header, read_header
from xlsegment.settings import SETTINGS
from xlsegment.vocabulary import classify


@dataclass
class Part:
    """A header run and the body rows under it."""

    header: list[RawRow] = field(default_factory=list)
    body: list[RawRow] = field(default_factory=list)
    # The figure-less lines right above the table, a blank line apart from it ("For the
    # six months ended 30 June 2025"): where its header states no period, they may.
    above: str = ""


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
    if "\x00" in text:
        raise InputError(name, None, "binary data, not filing text")
    blocks, european = tokenize(text)
    findings: list[Finding] = []
    parts: list[Part] = []
    above = ""
    for block in blocks:
        found = [p for p in _split_parts(block.rows) if any(r.cells for r in p.body)]
        if found:
            found[0].above = above
        parts.extend(found)
        above = "" if found else " ".join(r.label for r in block.rows)
    _refuse_scrambled(blocks, parts, name)

    context = note_context(parts, text)
    parts = _join_translation_blocks(parts, context)
    tables: list[Table] = []
    previous_columns: PartBefore | None = None
    for part in parts:
        table, previous_columns, noticed = _build_table(part, len(tables), context, previous_columns)
        findings.extend(noticed)
        if table is not None:
            tables.append(table)
    if not tables:
        raise InputError(name, parts[0].body[0].line, "no table could be laid out")
    tables = aligning.name_year_to_date(tables, text)
    tables, aliases, alias_findings = aligning.align_line_items(tables)
    tables = segmenttotals.name_segment_totals(tables)
    findings.extend(alias_findings)
    if european:
        findings.append(Finding("seg.format.european", Severity.INFO, "numbers read as European (1.234,5)"))
    # The note's convenience currency is that of its translated columns, or of a table
    # the note states again in it, if it has any.
    if translated_currency(tables) is None and not any(
        c.currency == context.convenience for t in tables for c in t.columns
    ):
        context.convenience = None
    rate, noticed = stated_rate([(text, 1)], context)
    findings.extend(noticed)
    findings.extend(unnamed_dollar(context))
    return Note(
        source=name,
        tables=tuple(tables),
        presentation_currency=context.currency,
        unit=context.unit,
        convenience_currency=context.convenience,
        convenience_unit=context.convenience_unit if context.convenience else None,
        rate_note=context.rate_note,
        findings=tuple(findings),
        aliases=aliases,
        stated_rate=rate,
    )


def _refuse_scrambled(blocks, parts: list[Part], name: str) -> None:
    """Refuse, in one line, text whose figures cannot be given to labels: no figures, or
    figures that no label precedes (cells in scrambled order)."""
    rows = [r for b in blocks for r in b.rows]
    figures = sum(len(r.cells) for r in rows)
    # A lone year before a row's figures labels them (years as row labels, textbody._year_row).
    labelled = sum(len(r.cells) for r in rows if _names_a_row(r.label) or len(r.years) == 1)
    first = next((r.line for r in rows), 1)
    if not parts or figures == 0:
        raise InputError(
            name, first, "no table with numbers found (expected one cell per line, or rows of text)"
        )
    if labelled * 2 < figures:
        texts = sum(1 for r in rows if _names_a_row(r.label))
        raise InputError(
            name,
            first,
            f"found {figures} figures and {texts} labels, but {figures - labelled} figures follow no label: "
            "the cells are out of order and cannot be given to their rows",
        )


def _header_words(header) -> tuple[str, ...]:
    """A part's header as OpenHeading compares it: its lines and its years, so a repeated
    "Years ended December 31," over "2024 2023 2022" is known for the same header."""
    return tuple(r.label for r in header if r.label) + tuple(str(y) for r in header for y, _ in r.years)


def _names_a_row(label: str) -> bool:
    """A label a row of figures can have: not empty, not the units line alone ("(in
    millions)", "(RMB'000)"); "Net sales (in millions)" names its row."""
    rest = labels.UNIT_RE.sub("", label)
    for code in labels.CURRENCY_MARKS:
        rest = rest.replace(code, "")
    return bool(rest.strip(" ()[],.:;'’$€£")) and bool(label.strip())


# ---------------------------------------------------------------- splitting


def _is_lead_in(row: RawRow) -> bool:
    return is_lead_in(row.label)


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


def _join_translation_blocks(parts: list[Part], ctx) -> list[Part]:
    """A part headed by nothing but a lone currency cell in another currency than the
    note's ("US$") is the translation of the part above it, stated again line by line: it
    belongs to that table (``textbody.translation_block`` reads it)."""
    out: list[Part] = []
    for part in parts:
        marks = [currency.mark(r.label) for r in part.header]
        lone = len(part.header) == 1 and not part.header[0].years
        if (
            out
            and lone
            and marks[0] is not None
            and marks[0].bare
            and marks[0].currency not in (None, ctx.currency)
        ):
            out[-1].body.extend(part.header + part.body)
            continue
        out.append(part)
    return out


# ---------------------------------------------------------------- note-level context


def note_context(parts: list[Part], text: str) -> NoteContext:
    """The note's currency, unit, convenience currency and years, from every header."""
    currencies: Counter[str] = Counter()
    scales: dict[str, str] = {}  # the scale a line names with a currency: "(In thousands of US dollars)"
    translated: list[str] = []
    unit = in_sentence = rate_note = None
    lines = [r.label for p in parts for r in p.header + p.body if not r.has_values]
    lines += [p.above for p in parts if p.above and len(p.above) <= SETTINGS.unit_line_chars]
    for line in lines:
        label, cur, found, excepted = _unit_line(line)
        if cur:
            currencies[cur] += 1
            if found and len(label) <= SETTINGS.unit_line_chars:
                scales.setdefault(cur, found)
        if excepted is not None and excepted.currency:
            translated.append(excepted.currency)  # a translated column's, never the note's
            if excepted.scale:
                scales.setdefault(excepted.currency, excepted.scale)
        if len(label) > SETTINGS.unit_line_chars:
            # A sentence's scale ("... stated in crore (₹10 million)") is a fallback: the
            # unit line over the table says it plainly.
            in_sentence = in_sentence or found
        else:
            unit = unit or found
        if labels.NOTE_REF_RE.match(line.strip()):
            rate_note = line.strip().strip("()")
    unit = unit or in_sentence or labels.unit_of(text) or "units"
    own = _own_currency(currencies, text)
    others = [c for c in [*currencies, *translated] if c != own]
    years = {y for p in parts for r in p.header + p.body for y in labels.years_in(r.label)}
    years |= {y for p in parts for r in p.header + p.body for y, _ in r.years}
    convenience = others[0] if others else None
    local_dollar = currency.dollar_is_local(text, own)
    context = NoteContext(
        own,
        unit,
        convenience,
        rate_note,
        years,
        dollar_is_local=local_dollar,
        segments=declared_segments(text),
        single_segment=single_segment(text),
    )
    context.convenience_unit = scales.get(convenience) if scales.get(convenience) != unit else None
    return context


def _unit_line(text: str) -> tuple[str, str | None, str | None, currency.Mark | None]:
    """A header line without its "except" clause, the currency and scale it names, and the
    mark its "except" clause names ("(In ₹ crore, except US$ million)")."""
    label, exception = labels.split_exception(text)
    within = labels.unit_mark_within(label)
    cur = labels.currency_of(label) or labels.unit_line_currency(label)
    cur = cur or (within.currency if within else None)
    if label.strip() == "$":
        cur = None
    found = labels.unit_of(label) or (within.scale if within else None)
    return label, cur, found, currency.mark(exception) if exception else None


def _whole_table_currency(header, part: Part, ctx: NoteContext) -> str | None:
    """The one currency a part's unit line names over all its columns, where it is not the
    note's: "(In thousands of US dollars)" over the note's table stated again in dollars
    (a 20-F's convenience translation as a table of its own)."""
    if len(header.currencies) != 1:
        return None
    found, line = header.currencies[0]
    label = next((r.label for r in part.header if r.line == line), "")
    return found if found != ctx.currency and labels.unit_of(label) else None


def _own_currency(currencies: Counter[str], text: str) -> str:
    # A unit line of its own names it too ("（人民币千元）", "(en miles de euros)"), a blank
    # line above its table.
    stated = labels.unit_currency(text) or next(
        (
            found
            for line in text.splitlines()
            if len(line) <= SETTINGS.unit_line_chars
            and (found := labels.unit_line_currency(line.strip()))
            and found != "USD"  # a bare "$m" names no dollar (currency.dollar_of decides)
        ),
        None,
    )
    if currencies:
        return currency.dollar_of(text, currencies.most_common(1)[0][0], stated)
    if stated:
        return stated
    return currency.dollar_of(text) if "$" in text else ""


# ---------------------------------------------------------------- rows and cells


def _drop_marks(header: Header, body: list[RawRow]) -> None:
    """Cells of a row that are no figures: a footnote mark, a note's number."""
    _drop_footnote_marks(body)
    _drop_note_references(header, body)


def _drop_footnote_marks(body: list[RawRow]) -> None:
    """A row that starts with "(1)" and has one figure more than the table's rows is a
    label with its footnote mark in a cell of its own: the mark is no figure."""
    if not any(r.mark for r in body):
        return
    usual = _column_count([r for r in body if r.has_values and not r.mark] or body)
    for r in body:
        if r.mark and len(r.cells) == usual + 1:
            r.cells = r.cells[1:]
            r.mark = False


def _drop_note_references(header: Header, body: list[RawRow]) -> None:
    """Under a "Notes" header cell, a row whose first figure is a small whole number and
    that has one figure more than the rows without one: the note it refers to ("15"
    before "(4,644)"), no figure of a column."""
    if not header.note_column:
        return
    referred = [r for r in body if len(r.cells) >= 2 and _note_number(r.cells[0][0])]
    widest = max((len(r.cells) for r in body), default=0)
    plain = [r for r in body if r.has_values and r not in referred]
    if not referred or (plain and any(len(r.cells) != widest - 1 for r in plain)):
        return
    for r in referred:
        if len(r.cells) == widest:
            r.cells = r.cells[1:]


def _note_number(cell) -> bool:
    return isinstance(cell.value, int) and 1 <= cell.value <= 99 and not cell.nil and not cell.percent


def _column_count(body: list[RawRow]) -> int:
    counts = Counter(len(r.cells) for r in body if len(r.cells) >= 2)
    if not counts:
        return max(len(r.cells) for r in body)
    top = max(counts.values())
    return max(n for n, k in counts.items() if k == top)


@dataclass(frozen=True)
class PartBefore:
    """What a later part of a table may continue: the part before's columns, its change
    columns, its title and the heading it leaves open."""

    columns: list[Column]
    dropped: set[int]
    title: str
    open: OpenHeading


def _build_table(part: Part, index: int, ctx: NoteContext, previous: PartBefore | None):
    """One part of the note as a table, what a later part may continue, and what the
    reading noticed."""
    noticed: list[Finding] = []
    header = read_header(part.header, part.above)
    header.currencies = [(column_currency(c, ctx), line) for c, line in header.currencies]
    _drop_marks(header, part.body)
    local, code, block = textbody.translation_block(part.body, ctx)
    data = [r for r in local if r.has_values]
    first_line = (part.header or part.body)[0].line
    _one_name_over_single_figures(header, local, data)
    previous_columns, before, previous_title = (
        (previous.columns, previous.dropped, previous.title) if previous is not None else (None, set(), "")
    )
    widest = max(len(r.cells) for r in data)
    shape = headerrules.Shape(header, _column_count(data), ctx, widest, previous_columns, before, first_line)
    reading = headerrules.read_columns(shape)
    noticed.extend(reading.findings)
    columns, dropped = reading.columns, reading.dropped
    stated_in = _whole_table_currency(header, part, ctx)
    if stated_in:
        columns = [replace(c, currency=stated_in) for c in columns]
    widths = _widths(data, len(columns), dropped)
    rows_are_segments = any(c.measure for c in columns)
    section, measure = textbody.first_headings(header.sections, part.header, local, rows_are_segments)
    if not section and previous is not None:
        section = previous.open.continued(_header_words(part.header))
    body = textbody.read_rows(local, widths, ctx, section, measure)
    noticed.extend(body.findings)
    noticed.extend(placement.place(body.rows, columns, body.values, body.pending, body.maybe_change))
    local_columns = columns  # what a later part of the table continues
    if code:
        columns, translated = textbody.add_translation_block(columns, body, block, code, widths)
        noticed.extend(translated)
    rows = body.rows
    if header.unnamed:
        # Columns no header names: their sums are checked, but a miss is never an error.
        rows = [replace(r, guessed=True) for r in rows]
    drop_unallocated_nils(columns, body.values)
    rows = aligning.unify_dated_rows(rows)
    title = " ".join(header.lead_in)[-200:] or (part.header[0].label if part.header else "")
    if not header.lead_in and not header.names and previous_title and _only_periods(part.header):
        title = previous_title  # a later part of the table, under its own year only
    period = header.period or (header.period_cols[-1] if header.period_cols else "")
    last = max(max([r.line] + [ln for _, ln in r.cells]) for r in part.body)
    table = to_table(
        index,
        title,
        rows,
        columns,
        body.values,
        period,
        first_line,
        last,
        declared=ctx.segments,
        single_segment=ctx.single_segment,
    )
    after = PartBefore(local_columns, dropped, title, OpenHeading.after(_header_words(part.header), rows))
    words = period_words(header.period_headings)
    return replace(table, reading=reading.rule, period_words=words), after, noticed


def _only_periods(header: list[RawRow]) -> bool:
    """A header of period captions and years only ("December 31," then "2023"), with the
    unit line the block repeats ("(in millions)") at most."""
    return all(
        r.years
        or labels.is_period_heading(r.label)
        or not r.label.strip()
        or (labels.unit_of(r.label) and len(r.label) < SETTINGS.heading_chars)
        for r in header
    )


def _one_name_over_single_figures(header, body: list[RawRow], data: list[RawRow]) -> None:
    """One figure per row and one name above the rows: with headings among the later rows
    ("North America" ... "International" ...) it is the first heading, and a line item
    ("Net Sales" over the segments) heads the rows too; neither is a column."""
    if max(len(r.cells) for r in data) != 1 or len(header.names) != 1:
        return
    if any(r.label and not r.has_values for r in body) or classify(header.names[0].label).financial:
        header.sections = header.sections + header.names
        header.names = []


def _widths(data: list[RawRow], n: int, dropped: set[int]) -> textbody.Widths:
    """The shape of a full row: the figures of change columns included, and the decimals
    the amounts of full rows show."""
    width = n + len(dropped)
    shown = max(
        (
            c.decimals
            for r in data
            if len(r.cells) == width
            for k, (c, _) in enumerate(r.cells)
            if k not in dropped
        ),
        default=0,
    )
    return textbody.Widths(n, width, frozenset(dropped), shown)
