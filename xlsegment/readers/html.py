"""Reader for a filing's HTML: the segment note's tables, cell by cell, with their XBRL tags.

The HTML states what filing text loses: which cell sits in which row and column. Each
``<table>`` of the note is read as a grid (``htmlgrid``); the header cells above a column
give its period, segment and currency; a ``%`` column is a percentage, never an amount.
Columns, rows and facts then follow the same conventions as the filing-text reader, whose
functions are reused, so both readings give the same note model. Inline-XBRL tags, where
Arelle is installed (``pip install '.[xbrl]'``), then say what each tagged cell is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from xlsegment import currency, labels
from xlsegment.currency import mark as currency_mark
from xlsegment.errors import InputError
from xlsegment.model import Finding, Note, Row, Severity, Source, Table
from xlsegment.numbers import looks_european
from xlsegment.readers import (
    HEAD_BYTES,
    aligning,
    decoding,
    fixedwidth,
    htmlcolumns,
    htmldoc,
    htmlheads,
    htmltranslated,
    ixbrl,
    naming,
    segmenttotals,
    tableunit,
)
from xlsegment.readers.declared import declared_segments, single_segment
from xlsegment.readers.htmlgrid import Amount, LogicalRow, grid_rows, ix_facts_in, logical_row
from xlsegment.readers.htmlsections import Sections, inner_label, section_subtotals, split_parts, year_row
from xlsegment.readers.layout import (
    NoteContext,
    OpenHeading,
    drop_unallocated_nils,
    is_ratio_row,
    lead_in_period,
    period_words,
    stated_rate,
    to_table,
    translated_currency,
    unnamed_dollar,
)
from xlsegment.settings import SETTINGS

HTML_SUFFIXES = (".htm", ".html", ".xhtml")


class HtmlReader:
    """An EDGAR filing (10-K, 20-F) or a part of one, as HTML or inline XBRL."""

    name = "HTML filing"
    picks_tables = True  # --note, --tables and --list-tables apply

    def can_read(self, source, peek) -> bool:
        if peek is None or peek.is_zip:
            return False
        if peek.suffix in HTML_SUFFIXES:
            return True
        head = peek.text_head().lstrip()[:600].lower()
        return head.startswith(("<!doctype html", "<html")) or (head.startswith("<?xml") and "<html" in head)

    def read(self, source, options) -> Note:
        return read_html(source, options)


@dataclass
class _Cells:
    """Where each figure was read: its Source and the ix facts of its cell, by a key."""

    sources: list[Source] = field(default_factory=list)
    elements: list[list] = field(default_factory=list)

    def add(self, source: Source, ix: list) -> int:
        self.sources.append(source)
        self.elements.append(ix)
        return len(self.sources) - 1


class FixedWidthTextReader:
    """A plain-text filing whose tables are EDGAR fixed-width blocks (``<TABLE>``, with
    ``<S>``/``<C>`` column marks): read by column position, as the HTML reader reads cells."""

    name = "EDGAR fixed-width text"
    picks_tables = True

    def can_read(self, source, peek) -> bool:
        if peek is None or peek.is_zip or peek.suffix in HTML_SUFFIXES:
            return False
        head = peek.text_head()
        if "<" not in head and len(peek.head) < HEAD_BYTES:
            return False  # a file shorter than the first look, without any tag: filing text
        return fixedwidth.has_tables(_decoded(peek.path))

    def read(self, source, options) -> Note:
        name = str(source)
        return read_document(htmldoc.from_text(name, _decoded(Path(source))), name, options)


def _decoded(path: Path) -> str:
    data = decoding.read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("windows-1252", "replace")  # what EDGAR text that is not UTF-8 is in


def _first_line(located: htmldoc.Located) -> int | None:
    return located.tables[0].line if located.tables else None


def read_html(path: str | Path, options) -> Note:
    return read_document(htmldoc.parse(path), str(path), options)


def read_document(doc: htmldoc.Document, name: str, options) -> Note:
    """The segment note of a parsed document: its tables read cell by cell."""
    _refuse_fixed_width(doc)
    located = htmldoc.locate(doc, options.note, options.tables)
    findings: list[Finding] = []
    if options.note:
        message = f"--note '{options.note}' opened the note {located.how}"
        findings.append(Finding("seg.note.matched", Severity.INFO, message, source_line=_first_line(located)))
    if doc.parse_errors or doc.truncated:
        findings.append(_broken_finding(doc))
    loaded, xbrl_findings = ixbrl.read_tags(name, doc.root)
    findings.extend(xbrl_findings)
    european = _european(located)
    lead_ins = " ".join(htmldoc.lead_in(doc, b) for b in located.tables)
    ctx = _context(located, lead_ins)
    cells = _Cells()
    tables: list[Table] = []
    carried = OpenHeading()
    for block in located.tables:
        found, carried, noticed = _read_table(doc, block, len(tables), ctx, european, cells, carried)
        findings.extend(noticed)
        tables.extend(found)
    if not tables:
        raise InputError(
            name,
            located.tables[0].line if located.tables else None,
            f"the segment note ({located.how}) has no table with figures",
        )
    tables = [_with_sources(t, cells, name, loaded) for t in tables]
    tables = aligning.name_year_to_date(tables, lead_ins)
    if loaded is not None:
        tables = ixbrl.apply_tags(tables)
        if ctx.unit == "units":
            ctx = replace(ctx, unit=ixbrl.unit_from_tags(tables) or ctx.unit)
    tables, aliases, alias_findings = aligning.align_line_items(tables)
    tables = segmenttotals.name_segment_totals(tables)
    findings.extend(alias_findings)
    if european:
        findings.append(Finding("seg.format.european", Severity.INFO, "numbers read as European (1.234,5)"))
    ctx = replace(ctx, convenience=translated_currency(tables))
    # The rate is often stated in another note ("Convenience translation"): the whole file.
    rate, noticed = stated_rate([(b.text, b.line) for b in doc.blocks if b.kind == "text"], ctx)
    findings.extend(noticed)
    findings.extend(unnamed_dollar(ctx))
    return Note(
        source=options.name or name,
        tables=tuple(tables),
        presentation_currency=ctx.currency,
        unit=ctx.unit,
        convenience_currency=ctx.convenience,
        convenience_unit=ctx.convenience_unit if ctx.convenience else None,
        stated_rate=rate,
        findings=tuple(findings),
        aliases=aliases,
        tags=loaded.tags if loaded is not None else (),
    )


def _refuse_fixed_width(doc: htmldoc.Document) -> None:
    if doc.tables:
        return
    pre = doc.root.find(".//pre")
    if pre is not None:
        raise InputError(
            doc.path,
            pre.sourceline,
            "the note is fixed-width text in <pre> without EDGAR's <TABLE> and <S>/<C> column "
            "marks, not HTML tables; save it as text with one cell per line and read that",
        )
    raise InputError(doc.path, None, "no <table> in this HTML: not a filing's note")


def _broken_finding(doc: htmldoc.Document) -> Finding:
    why = "the file ends inside the document (no </html>)" if doc.truncated else doc.parse_errors[0]
    more = f" and {len(doc.parse_errors) - 1} more parse errors" if len(doc.parse_errors) > 1 else ""
    return Finding(
        "seg.html.broken",
        Severity.WARNING,
        f"the HTML is broken ({why}{more}); read as far as it goes: check the tables against the filing",
    )


def _european(located: htmldoc.Located) -> bool:
    texts, words = [], []
    for block in located.tables[:4]:
        for row in grid_rows(block.element):
            texts.extend(c.text for c in row if c.text[:1] in "(0123456789")
            words.extend(c.text for c in row if c.text[:1] not in "(0123456789")
    # Where the separators leave it open ("1.000" beside "500"), the cells' language says.
    return looks_european(texts, " ".join(words))


def _context(located: htmldoc.Located, text: str) -> NoteContext:
    """Currency and unit of the note, from the lead-ins (``text``) and the tables' header
    cells."""
    headers, excepted = _header_cells(located)
    excepted += [m for e in labels.unit_line_exceptions(text) if (m := currency_mark(e)) and m.currency]
    within = labels.unit_mark_within(text)  # "Segment results (€ million):"
    unit = labels.unit_of(text) or next((u for h in headers if (u := labels.unit_of(h))), None)
    unit = unit or (within.scale if within else None) or "units"
    currencies = Counter(c for h in headers if (c := labels.currency_of(h)) and h.strip() != "$")
    # The scale a header cell names with its currency ("Thousands of U.S. dollars")
    scales = {c: u for h in headers if (c := labels.currency_of(h)) and (u := labels.unit_of(h))}
    scales.update({m.currency: m.scale for m in excepted if m.scale and m.currency not in scales})
    stated = (
        labels.unit_currency(text)
        or (within.currency if within else None)
        or next(
            (
                c
                for h in headers
                if (c := labels.unit_currency(h) or labels.unit_line_currency(h, phrase=True))
            ),
            None,
        )
    )
    said = f"{text} {' '.join(headers)}"  # what the note says of its currency
    own = currency.dollar_of(said, stated or _own_currency(currencies, " ".join(headers), text), stated)
    others = [c for c in [*currencies, *(m.currency for m in excepted)] if c != own]
    convenience = others[0] if others else None
    context = NoteContext(
        own,
        unit,
        convenience,
        None,
        set(),
        dollar_is_local=currency.dollar_is_local(said, own),
        segments=declared_segments(text),
        single_segment=single_segment(text),
    )
    context.convenience_unit = scales.get(convenience) if scales.get(convenience) != unit else None
    return context


def _header_cells(located: htmldoc.Located) -> tuple[list[str], list]:
    """The first rows' cells without their "except" clauses, and the currency marks those
    clauses name ("(In ₹ crore, except US$ million)")."""
    headers, excepted = [], []
    for block in located.tables:
        for row in grid_rows(block.element)[:6]:
            for cell in (c.text for c in row if c.text):
                main, exception = labels.split_exception(cell)
                headers.append(main)
                mark = currency_mark(exception) if exception else None
                excepted += [mark] if mark is not None and mark.currency else []
    return headers, excepted


def _own_currency(currencies: Counter, body: str, text: str) -> str:
    if currencies:
        return currencies.most_common(1)[0][0]
    if "€" in body:
        return "EUR"
    if "$" in body or "$" in text or "dollars" in text.lower():
        return "USD"  # which dollar: currency.dollar_of, in _context
    return ""


# ---------------------------------------------------------------- one HTML table


def _column_ranges(body: list[LogicalRow]) -> list[tuple[int, int]]:
    """The grid columns of each logical column: set by the rows with the most figures,
    which every other figure is then matched to by overlap."""
    most = max(len(r.amounts) for r in body)
    spans: list[list[int]] = []
    for r in body:
        if len(r.amounts) != most:
            continue
        for a in r.amounts:
            hit = next((s for s in spans if a.first <= s[1] and s[0] <= a.last), None)
            if hit:
                hit[0], hit[1] = min(hit[0], a.first), max(hit[1], a.last)
            else:
                spans.append([a.first, a.last])
    for r in body:
        for a in r.amounts:
            if _column_of(a, spans) is None:
                spans.append([a.first, a.last])
    return sorted((s[0], s[1]) for s in spans)


def _column_of(a: Amount, spans) -> int | None:
    best, best_overlap = None, 0
    for i, (lo, hi) in enumerate(spans):
        overlap = min(hi, a.last) - max(lo, a.first) + 1
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


def _read_table(doc, block, index, ctx, european, cells: _Cells, carried: OpenHeading):
    """The tables of one HTML table element, the row heading its last part leaves open,
    and what the reading noticed."""
    rows = [logical_row(i, cs, european) for i, cs in enumerate(grid_rows(block.element))]
    lead = " ".join(htmldoc.lead_in(doc, block).split())
    out, noticed = [], []
    for header, body in split_parts(rows):
        # The header's words and years, so a repeated "Years ended" over its years is known.
        words = tuple(c.text for r in header for c in r.cells + r.years if c.text)
        section = carried.continued(words)
        opened = Sections(section=section, carried=bool(section))
        previous = carried.columns if not header else ()
        table, found = _read_part(block, header, body, index + len(out), lead, ctx, cells, opened, previous)
        noticed.extend(found)
        carried = (
            OpenHeading(words) if table is None else OpenHeading.after(words, list(table.rows), table.columns)
        )
        if table is not None:
            out.append(table)
    return out, carried, noticed


def _amount_columns(block, heads, body, spans) -> tuple[list[int], list[Finding]]:
    """The columns of amounts: those neither headed as percentages nor filled with them."""
    for i, head in enumerate(heads):
        amounts = [a for r in body for a in r.amounts if _column_of(a, spans) == i]
        if amounts and sum(a.percent for a in amounts) * 2 > len(amounts):
            head.percent = True
    keep = [i for i, h in enumerate(heads) if not h.percent and not h.notes]
    noticed: list[Finding] = []
    if len(keep) < len(heads) - sum(h.notes for h in heads):
        message = f"table {block.number}: {len(heads) - len(keep)} percentage column(s) not read as amounts"
        noticed.append(Finding("seg.layout.percent", Severity.INFO, message, source_line=block.line))
    return keep, noticed


def _read_part(
    block, header, body, index, lead, ctx, cells: _Cells, opened, previous=()
) -> tuple[Table | None, list]:
    # the title is the lead-in's end; its introducing sentence may stand further back
    title = lead[-200:]
    spans = _column_ranges([r for r in body if r.amounts])
    heads, table_period = htmlheads.heads_of(header, spans, title)
    keep, noticed = _amount_columns(block, heads, body, spans)
    if not keep:
        return None, noticed
    columns, measures = htmlcolumns.columns_of([heads[i] for i in keep], table_period, ctx)
    if htmlcolumns.continues(columns, previous):
        columns = list(previous)  # after a page break, no header: the part above's columns
    marked: dict[int | None, set[str]] = {}
    for a in (a for r in body for a in r.amounts if a.currency):
        marked.setdefault(_column_of(a, spans), set()).add(a.currency)
    marks = [marked.get(i, set()) for i in keep]
    columns = htmltranslated.marked_in_another_currency(
        columns, [bool(heads[i].currency) for i in keep], marks, ctx.currency
    )
    if columns and columns[0].label == htmlcolumns.UNNAMED_LABEL.format(1):
        noticed.append(_unnamed_finding(block, len(columns)))
    position = {col: k for k, col in enumerate(keep)}
    local, code, translated = htmltranslated.split_block(body, ctx.currency)
    table_rows, values = _rows(block, local, spans, position, len(columns), cells, opened)
    if not table_rows:
        return None, noticed
    unit = tableunit.own_unit([title, *(c.text for r in header for c in r.cells)])
    values = values if code else tableunit.restated(values, unit, ctx.unit, ctx.currency, columns)
    if code:
        n = len(columns)
        columns, found = htmltranslated.add_block(
            columns,
            [r.label for r in table_rows],
            values,
            translated,
            code,
            lambda lr: (
                _row_values(block, placed, n, cells) if (placed := _placed(lr, spans, position)) else None
            ),
        )
        noticed.extend(found)
    drop_unallocated_nils(columns, values)
    table_rows = aligning.unify_dated_rows(table_rows)
    first, last = _lines_of(block, body)
    period = (
        table_period
        or next((c.period for c in columns if c.period), "")
        or lead_in_period(lead[-SETTINGS.lead_in_period_chars :])
    )
    title = title or (header[0].label if header else "")
    measure = measures[0] if measures else ""
    prose = {"declared": ctx.segments, "single_segment": ctx.single_segment}
    table = to_table(index, title, table_rows, columns, values, period, first, last, measure, **prose)
    words = period_words(htmlheads.period_headings(header))
    return replace(section_subtotals(table), period_words=words), noticed


def _lines_of(block, body) -> tuple[int, int]:
    """The file lines a table spans: its element's, to its last cell's or figure's."""
    first = block.line or 0
    cells = [c.line or first for r in body for c in r.cells]
    return first, max([first, *cells, *(a.source.line or first for r in body for a in r.amounts)])


def _unnamed_finding(block, n: int) -> Finding:
    return Finding(
        "seg.layout.columns",
        Severity.WARNING,
        f"table {block.number}: cannot tell what the {n} columns are from their headers; "
        "read as unnamed columns and checked by arithmetic only",
        source_line=block.line,
    )


def _rows(block, body, spans, position, n, cells: _Cells, sections: Sections):
    rows: list[Row] = []
    values: list[list] = []
    previous = ""
    for lr in body:
        placed = [] if is_ratio_row(lr.label) else _placed(lr, spans, position)
        label, dated = year_row(lr, sections, inner_label(lr, sections)) if placed else ("", None)
        if not placed or (dated and is_ratio_row(label)):
            # a ratio, or a year's row under a ratio's heading ("Operating EBIT margin, %")
            if not lr.amounts:
                sections.heading(lr.label)
            continue
        label = label or (naming.unlabelled_subtotal(previous) if previous else "(unlabelled)")
        item, row_year = labels.split_label_date(label)
        row_year = row_year or dated
        line = lr.label_cell.line if lr.label_cell else placed[0][1].source.line
        rows.append(
            Row(
                label=label,
                line_item=item,
                line=line or 0,
                section=sections.section,
                block=sections.block,
                period=str(row_year) if row_year else None,
            )
        )
        values.append(_row_values(block, placed, n, cells))
        previous = label
        if not dated:  # a year's row, named after its heading, closes nothing
            sections.closed_by(label)
    return rows, values


def _placed(lr, spans, position) -> list[tuple[int, Amount]]:
    """A row's amounts by column; percentages in an amount column ("as a percentage of
    revenue") are no amounts."""
    placed = [(position.get(_column_of(a, spans)), a) for a in lr.amounts if not a.percent]
    return [(k, a) for k, a in placed if k is not None]


def _row_values(block, placed, n: int, cells: _Cells) -> list:
    """A row's cells by column, each with the key of its source."""
    row_values: list = [None] * n
    for k, a in placed:
        if row_values[k] is None:
            src = a.source
            if block.element.get(fixedwidth.MARK) is not None:
                source = Source(line=src.line)  # a fixed-width table: its line says where
            else:
                source = Source(line=src.line, table=block.number, row=src.row + 1, col=src.col + 1)
            row_values[k] = (a.cell, cells.add(source, ix_facts_in(src.element)))
    return row_values


def _with_sources(table: Table, cells: _Cells, name: str, loaded) -> Table:
    """Replace the keys that stood in for source lines with the cells' Sources and tags."""
    fixed = {}
    for k, f in table.cells.items():
        key = f.source.line
        tags = [t for el in cells.elements[key] if (t := loaded.tag_of(el)) is not None] if loaded else []
        fixed[k] = f.replace(source=replace(cells.sources[key], file=name), tag=tags[0] if tags else None)
    return replace(table, cells=fixed)
