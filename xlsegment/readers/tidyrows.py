"""Tidy rows <-> Note: the one mapping behind the tidy CSV, tidy DataFrames and the Data table.

A row is one fact (the tidy columns), optionally with the note's unit and rate, and with
where the fact sat in its table (the ``layout_*`` columns). Rows with layout rebuild exactly
the tables they came from, so a note written by ``parse --csv`` reads back with the same
relations and checks. Rows without layout (facts a user typed) join the table of their name
and period, or are laid out afresh: line items down, segments, totals and translated
columns across. Rows with a ``finding`` carry what the reader of the original noticed.
The format is docs/tidy-format.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from xlsegment.errors import InputError
from xlsegment.model import (
    Column,
    Fact,
    FactId,
    Finding,
    Note,
    Origin,
    Role,
    Row,
    Severity,
    Source,
    Table,
    tidy_records,
)
from xlsegment.readers.tidycells import (
    CSV_COLUMNS,
    LAYOUT_COLUMNS,
    NOTE_COLUMNS,
    CellOf,
    RowCells,
    check_header,
)
from xlsegment.vocabulary import column_role

# Where a filing lays out its columns: segments, then corporate and eliminations, then totals.
_COLUMN_ORDER = {Role.SEGMENT: 0, Role.CORPORATE: 1, Role.ELIMINATION: 2, Role.SUBTOTAL: 3}


# ---------------------------------------------------------------- writing


def stated_positions(note: Note, skip=frozenset()) -> dict[FactId, tuple[int, int, int]]:
    """Where each stated fact sits in the layout columns (1-based table, row and column),
    numbered densely over the stated facts: rows and columns that hold only computed
    figures (``skip``, prepare mode) are left out, so reading the rows back rebuilds the
    tables as the source stated them."""
    out: dict[FactId, tuple[int, int, int]] = {}
    for t, table in enumerate(note.tables):
        stated = [(i, j) for i, j in table.cells if FactId(t, i, j) not in skip]
        rows = {i: n for n, i in enumerate(sorted({i for i, _ in stated}), start=1)}
        cols = {j: n for n, j in enumerate(sorted({j for _, j in stated}), start=1)}
        for i, j in stated:
            out[FactId(t, i, j)] = (t + 1, rows[i], cols[j])
    return out


def note_records(note: Note, columns: Sequence[str] = CSV_COLUMNS, skip=frozenset()) -> list[dict]:
    """One record per stated fact (``skip``: the computed ones) in table, row and column
    order, then one per reader finding when ``columns`` holds ``finding``; blank cells are
    None."""
    stated = {
        "unit": note.unit,
        "rate": note.stated_rate,
        "rate_source": note.rate_note,
        "origin": str(note.origin),
        "convenience_unit": note.convenience_unit,
    }
    positions = stated_positions(note, skip)
    out = []
    for t, table in enumerate(note.tables):
        for (i, j), fact in sorted(table.cells.items()):
            at = positions.get(FactId(t, i, j))
            if at is None:
                continue
            cells = {k: (None if v == "" else v) for k, v in tidy_records([fact])[0].items()}
            rec = cells | stated | _layout_cells(table, t, i, j, at)
            out.append({k: rec.get(k) for k in columns})
    if "finding" in columns:
        out.extend({k: rec.get(k) for k in columns} for rec in map(_finding_cells, note.findings))
    return out


def _layout_cells(table: Table, t: int, i: int, j: int, at: tuple[int, int, int]) -> dict:
    row, col = table.rows[i], table.columns[j]
    return {
        "layout_table": at[0],
        "layout_row": at[1],
        "layout_col": at[2],
        "layout_row_label": row.label,
        "layout_row_line": row.line,
        "layout_section": row.section or None,
        "layout_block": row.block or None,
        "layout_row_role": str(row.role),
        "layout_row_period": row.period or None,
        "layout_row_segment": row.segment or None,
        "layout_row_guessed": True if row.guessed else None,
        "layout_row_measure": row.measure or None,
        "layout_col_label": col.label,
        "layout_col_segment": col.segment or None,
        "layout_col_currency": col.currency or None,
        "layout_col_period": col.period or None,
        "layout_col_role": str(col.role),
        "layout_col_measure": col.measure or None,
        "layout_table_title": table.title or None,
        "layout_table_period_words": table.period_words or None,
        "layout_table_first_line": table.first_line,
        "layout_table_last_line": table.last_line,
    }


def _finding_cells(f: Finding) -> dict:
    return {
        "table": f.table or None,
        "period": f.period or None,
        "line": f.line_item or None,
        "segment": f.segment or None,
        "source_line": f.source_line,
        "finding": f.code,
        "severity": str(f.severity),
        "message": f.message,
        "expected": f.expected,
        "actual": f.actual,
    }


# ---------------------------------------------------------------- reading


@dataclass
class _Draft:
    """A table being rebuilt: rows and columns at their recorded (or appended) places."""

    name: str
    title: str | None = None
    period_words: str = ""
    first_line: int | None = None
    last_line: int | None = None
    rows: dict[int, Row] = field(default_factory=dict)
    cols: dict[int, Column] = field(default_factory=dict)
    cells: dict[tuple[int, int], Fact] = field(default_factory=dict)
    lines: dict[tuple[int, int], int] = field(default_factory=dict)  # the row each cell came from
    periods: set[str] = field(default_factory=set)
    row_keys: dict[tuple[str, str], int] = field(default_factory=dict)
    col_keys: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass
class _Reading:
    """What the rows said so far: facts with their place, findings, the note's values."""

    name: str
    stated: Mapping[str, object]
    placed: list[tuple[RowCells, Fact, tuple[int, int, int]]] = field(default_factory=list)
    loose: list[tuple[RowCells, Fact]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    note_values: dict[str, tuple[object, int]] = field(default_factory=dict)  # value, first line
    read: dict = field(default_factory=dict)  # what rows of equal raw cells read (``_shared``)


def _shared(reading: _Reading, cells: RowCells, columns: Sequence[str], extra, make, *args):
    """``make(*args)``, or what it made for an earlier row with equal cells in ``columns`` and an
    equal ``extra``: equal cells read alike and refuse alike, and that earlier row was read
    in full, so the note and every message are as if each row were read again. A big note
    repeats each table row's layout in every column, and each column's in every row."""
    key = cells.raw(columns)
    if key is None:
        return make(*args)
    key = (columns, key, extra)
    found = reading.read.get(key)
    if found is None:
        found = reading.read[key] = make(*args)
    return found


def note_from_records(
    records: Iterable[tuple[int, Mapping]],
    header: Sequence[str],
    name: str,
    *,
    stated: Mapping[str, object] | None = None,
    cell_of: CellOf | None = None,
    own_lines: bool = True,
    header_line: int = 1,
) -> Note:
    """The note that tidy rows state: ``records`` are (line, row) pairs with lower-case keys.

    ``stated`` gives note values held elsewhere (a workbook's Settings: ``currency``,
    ``unit``, ``convenience_currency``, ``rate_source``), which win over the columns.
    ``cell_of`` names a row's cell in messages; ``own_lines`` gives facts without a
    ``source_line`` the row's own line."""
    check_header(header, name, header_line, cell_of)
    reading = _Reading(name, stated or {})
    for line, rec in records:
        _read_row(reading, RowCells(rec, line, name, cell_of), own_lines)
    if not reading.placed and not reading.loose:
        raise InputError(name, header_line + 1, "no facts: the file has a header but no rows")
    presentation, convenience = _currencies(reading)
    tables = _tables(reading, presentation)
    return Note(
        source=name,
        tables=tuple(tables),
        presentation_currency=presentation,
        unit=_note_value(reading, "unit") or "units",
        convenience_unit=_note_value(reading, "convenience_unit") or None,
        convenience_currency=convenience,
        rate_note=_note_value(reading, "rate_source") or None,
        findings=tuple(reading.findings),
        origin=_origin(reading),
        stated_rate=_note_value(reading, "rate"),
    )


def _origin(reading: _Reading) -> Origin:
    """Data, unless the rows say they were written from a filing (``parse --csv``): a
    filing's totals are as filed, and prepare mode computes none."""
    return Origin.FILING if _note_value(reading, "origin") == str(Origin.FILING) else Origin.DATA


def _read_row(reading: _Reading, cells: RowCells, own_lines: bool) -> None:
    if cells.text("finding"):
        reading.findings.append(_finding(cells))
        return
    fact = _fact(reading, cells, own_lines)
    for column in NOTE_COLUMNS:
        _note_column(reading, cells, column)
    at = _position(cells)
    if at is None:
        reading.loose.append((cells, fact))
    else:
        reading.placed.append((cells, fact, at))


def _fact(reading: _Reading, cells: RowCells, own_lines: bool) -> Fact:
    """The fact a row states; its cells are read left to right, as a user fixes them."""
    table, period = cells.required("table"), cells.period("period")
    line_item, segment = cells.required("line"), cells.text("segment")
    currency = _shared(reading, cells, ("currency",), None, cells.currency)
    shown = cells.value()
    src_line = cells.whole("source_line", positive=True)
    return Fact(
        table=table,
        period=period,
        line_item=line_item,
        segment=segment,
        currency=currency,
        value=shown.value,
        decimals=cells.decimals(shown),
        source=Source(
            file=cells.name,
            line=src_line if src_line is not None or not own_lines else cells.line,
            sheet=cells.text("sheet") or None,
            cell=cells.text("cell") or None,
        ),
        reported=cells.flag("reported"),
        label=cells.text("label") or line_item,
        role=_shared(reading, cells, ("role",), segment, _role, cells, segment),
    )


def _role(cells: RowCells, segment: str) -> Role:
    # Where no role is given, the segment's name says it, as a column header would:
    # "Total", "Consolidated" and "Group" are totals (vocabulary.column_role).
    return cells.role("role", Role.TOTAL if column_role(segment) == Role.TOTAL else Role.SEGMENT)


def _finding(cells: RowCells) -> Finding:
    if cells.text("value"):
        raise cells.fail("value", "a finding row carries no value (its figures are in the message)")
    return Finding(
        cells.text("finding"),
        cells.severity(),
        cells.required("message"),
        table=cells.text("table"),
        period=cells.period("period"),
        line_item=cells.text("line"),
        segment=cells.text("segment"),
        source_line=cells.whole("source_line", positive=True),
        expected=cells.amount("expected"),
        actual=cells.amount("actual"),
    )


def _note_column(reading: _Reading, cells: RowCells, column: str) -> None:
    """A note has one unit, rate and rate source: rows may leave them blank, not differ."""
    raw = cells.rec.get(column)
    if raw is None or (type(raw) is str and not raw.strip()):
        return  # blank: every rule below reads it as nothing (a Data table has none of them)
    if column in ("unit", "convenience_unit"):
        value = cells.unit(column)
    elif column == "rate":
        value = cells.rate()
    elif column == "origin":
        value = cells.origin()
    else:
        value = cells.text(column)
    if value in (None, ""):
        return
    first = reading.note_values.setdefault(column, (value, cells.line))
    if first[0] != value:
        raise cells.fail(column, f"{value} differs from {first[0]} on line {first[1]}; a note has one")


def _note_value(reading: _Reading, column: str):
    if reading.stated.get(column):
        return reading.stated[column]
    return reading.note_values.get(column, (None, 0))[0]


def _position(cells: RowCells) -> tuple[int, int, int] | None:
    """(table, row, column), 0-based, from the three layout numbers: all or none."""
    t, i, j = map(cells.rec.get, LAYOUT_COLUMNS[:3])
    if type(t) is int and type(i) is int and type(j) is int and t >= 1 and i >= 1 and j >= 1:
        return t - 1, i - 1, j - 1  # a workbook's three whole numbers, as whole() reads them
    nums = [cells.whole(k, positive=True) for k in LAYOUT_COLUMNS[:3]]
    if all(n is None for n in nums):
        return None
    if any(n is None for n in nums):
        missing = next(k for k, n in zip(LAYOUT_COLUMNS[:3], nums, strict=True) if n is None)
        raise cells.fail(missing, "is empty; give layout_table, layout_row and layout_col together, or none")
    return nums[0] - 1, nums[1] - 1, nums[2] - 1


def _currencies(reading: _Reading) -> tuple[str, str | None]:
    """The presentation currency (of the figures not marked translated) and at most one
    convenience currency; a blank role in the convenience currency means translated."""
    rows = [(c, f) for c, f, _ in reading.placed] + reading.loose
    counts = Counter(f.currency for _, f in rows if f.role != Role.CONVENIENCE) or Counter(
        f.currency for _, f in rows
    )
    stated = str(reading.stated.get("currency") or "")
    presentation = stated if stated in counts else counts.most_common(1)[0][0]
    others = sorted({f.currency for _, f in rows} - {presentation})
    if len(others) > 1:
        cells = next(c for c, f in rows if f.currency == others[1])
        raise cells.fail(
            "currency",
            f"{others[1]} is a third currency; a note has its presentation currency ({presentation}) "
            f"and at most one convenience currency ({others[0]})",
        )
    if "convenience_currency" in reading.stated:
        convenience = str(reading.stated["convenience_currency"] or "") or None
    else:
        convenience = others[0] if others else None
    if others:
        _mark_translated(reading, others[0])
    return presentation, convenience


def _mark_translated(reading: _Reading, currency: str) -> None:
    def marked(cells: RowCells, f: Fact) -> Fact:
        # A fact in the convenience currency whose row gives no role is a translation.
        if not cells.text("role") and f.currency == currency:
            return f.replace(role=Role.CONVENIENCE)
        return f

    reading.placed = [(c, marked(c, f), at) for c, f, at in reading.placed]
    reading.loose = [(c, marked(c, f)) for c, f in reading.loose]


def lay_out(facts: Sequence[Fact], presentation: str, name: str) -> tuple[list[Table], list[Finding]]:
    """Facts that come without a layout (an XBRL instance's), laid out as tidy rows
    without layout columns are: one table per table name and period."""
    reading = _Reading(name, {})
    reading.loose = [(RowCells({}, f.source.line or 0, name, None), f) for f in facts]
    return _tables(reading, presentation), reading.findings


def _tables(reading: _Reading, presentation: str) -> list[Table]:
    drafts: dict[int, _Draft] = {}
    for cells, fact, (t, i, j) in reading.placed:
        draft = drafts.setdefault(t, _Draft(fact.table))
        _describe_table(draft, cells)
        draft.periods.add(fact.period)
        extra = (fact.line_item, fact.source.line)
        draft.rows.setdefault(i, _shared(reading, cells, _ROW_CELLS, extra, _row, cells, fact))
        extra = (fact.segment, fact.currency, fact.role)
        draft.cols.setdefault(j, _shared(reading, cells, _COLUMN_CELLS, extra, _column, cells, fact))
        draft.row_keys.setdefault((fact.line_item, cells.period("layout_row_period")), i)
        draft.col_keys.setdefault((fact.segment, fact.currency), j)
        _put(reading, draft, (i, j), cells, fact)
    ordered = [drafts[t] for t in sorted(drafts)]
    fresh: dict[tuple[str, str], list[tuple[RowCells, Fact]]] = {}
    for cells, fact in reading.loose:
        joined = next((d for d in ordered if d.name == fact.table and fact.period in d.periods), None)
        if joined is None:
            fresh.setdefault((fact.table, fact.period), []).append((cells, fact))
        else:
            _append(reading, joined, cells, fact, presentation)
    for (name, period), rows in fresh.items():
        ordered.append(_fresh(reading, name, period, rows, presentation))
    return [_table(n, d) for n, d in enumerate(ordered)]


def _describe_table(draft: _Draft, cells: RowCells) -> None:
    """The table's title and lines, from its first row that states them."""
    if draft.period_words and None not in (draft.title, draft.first_line, draft.last_line):
        return  # all stated already
    if draft.title is None and cells.has("layout_table_title"):
        draft.title = cells.text("layout_table_title", strip=False)
    if not draft.period_words and cells.has("layout_table_period_words"):
        draft.period_words = cells.text("layout_table_period_words")
    if draft.first_line is None:
        draft.first_line = cells.whole("layout_table_first_line")
    if draft.last_line is None:
        draft.last_line = cells.whole("layout_table_last_line")


# The cells ``_row`` and ``_column`` read, besides the fact's own fields they are given.
_ROW_CELLS = (
    "layout_row_line",
    "layout_row_label",
    "layout_col_measure",
    "layout_section",
    "layout_block",
    "layout_row_period",
    "layout_row_segment",
    "layout_row_role",
    "layout_row_guessed",
    "layout_row_measure",
)
_COLUMN_CELLS = (
    "layout_col_label",
    "layout_col_segment",
    "layout_col_period",
    "layout_col_currency",
    "layout_col_role",
    "layout_col_measure",
)


def _row(cells: RowCells, fact: Fact) -> Row:
    line = cells.whole("layout_row_line")
    label = cells.text("layout_row_label", strip=False) or fact.line_item
    return Row(
        label=label,
        # Measures side by side: the column names the figure's line item, the row a segment.
        line_item=label if cells.text("layout_col_measure") else fact.line_item,
        line=line if line is not None else fact.source.line or 0,
        section=cells.text("layout_section", strip=False),
        block=cells.text("layout_block", strip=False),
        period=cells.period("layout_row_period") or None,
        segment=cells.text("layout_row_segment") or None,
        role=cells.role("layout_row_role", Role.SEGMENT),
        guessed=cells.flag("layout_row_guessed", default=False),
        measure=cells.text("layout_row_measure", strip=False),
    )


def _column(cells: RowCells, fact: Fact) -> Column:
    def given(column: str, default: str) -> str:
        # An empty segment or currency is a real value of a column; blank only when the
        # layout column itself is absent (a Data table of an older release).
        return cells.text(column) if cells.has(column) else default

    return Column(
        label=cells.text("layout_col_label", strip=False) or fact.segment,
        segment=given("layout_col_segment", fact.segment),
        period=cells.period("layout_col_period"),
        currency=given("layout_col_currency", fact.currency),
        role=cells.role("layout_col_role", fact.role),
        measure=cells.text("layout_col_measure"),
    )


def _put(reading: _Reading, draft: _Draft, at: tuple[int, int], cells: RowCells, fact: Fact) -> None:
    first = draft.cells.get(at)
    if first is None:
        draft.cells[at], draft.lines[at] = fact, cells.line
        return
    # Keeping one silently would hide a figure, and a sum over the rows counts both.
    where = f"{fact.line_item} / {fact.segment} {fact.period} {fact.currency}".replace("  ", " ")
    place = cells.cell_of(cells.line, "value") if cells.cell_of else None
    sheet, cell = place.rsplit("!", 1) if place else (None, None)
    reading.findings.append(
        Finding(
            "seg.duplicate",
            Severity.ERROR,
            f"{where} is stated twice ({first.value} on line {draft.lines[at]}, {fact.value} on "
            f"line {cells.line}); a sum over the rows counts both, so remove one",
            table=fact.table,
            period=fact.period,
            line_item=fact.line_item,
            segment=fact.segment,
            source_line=fact.source.line,
            actual=fact.value,
            sheet=sheet,
            cell=cell,
        )
    )


def _loose_row(cells: RowCells, fact: Fact, period: str | None) -> Row:
    """The row of a fact typed without layout; its heading may still be given, since a
    heading that says "reconciliation" makes the rows under it reconciling items."""
    section = cells.text("layout_section", strip=False)
    return Row(fact.line_item, fact.line_item, fact.source.line or 0, section=section, period=period)


def _new_column(fact: Fact, presentation: str) -> Column:
    role = Role.CONVENIENCE if fact.currency != presentation else fact.role
    return Column(fact.segment, fact.segment, fact.period, fact.currency, role)


def _append(reading: _Reading, draft: _Draft, cells: RowCells, fact: Fact, presentation: str) -> None:
    """A row a user added to a rebuilt table: the row of its line item (dated rows by
    period), the column of its segment and currency; new ones go after the last."""
    dated = any(p for _, p in draft.row_keys)
    row_key = (fact.line_item, fact.period if dated else "")
    if row_key not in draft.row_keys:
        i = draft.row_keys[row_key] = max(draft.rows, default=-1) + 1
        draft.rows[i] = _loose_row(cells, fact, row_key[1] or None)
    col_key = (fact.segment, fact.currency)
    if col_key not in draft.col_keys:
        j = draft.col_keys[col_key] = max(draft.cols, default=-1) + 1
        draft.cols[j] = _new_column(fact, presentation)
    _put(reading, draft, (draft.row_keys[row_key], draft.col_keys[col_key]), cells, fact)


def _fresh(reading: _Reading, name: str, period: str, rows: list[tuple[RowCells, Fact]], presentation: str):
    """Facts with no layout: line items down; segments, then totals, then translated across."""
    draft = _Draft(name, title=f"{name} {period}".strip())
    lines: dict[str, int] = {}
    for cells, f in rows:
        if f.line_item not in lines:
            lines[f.line_item] = len(lines)
            draft.rows[lines[f.line_item]] = _loose_row(cells, f, None)
    column_of = _one_total_column([f for _, f in rows])
    columns = {column_of(f): _new_column(f, presentation) for _, f in reversed(rows)}
    keys = sorted(
        dict.fromkeys(column_of(f) for _, f in rows),
        key=lambda k: (k[1] != presentation, _COLUMN_ORDER.get(columns[k].role, 4)),
    )
    draft.cols = {j: columns[k] for j, k in enumerate(keys)}
    index = {k: j for j, k in enumerate(keys)}
    for cells, f in rows:
        _put(reading, draft, (lines[f.line_item], index[column_of(f)]), cells, f)
    return draft


def _one_total_column(facts: list[Fact]):
    """A fact's column key, (segment, currency). The entity's total is one column however
    each line names it ("Total" for revenue, "Consolidated" for cost): each is the sum of
    the segments, so each is checked as one. Names that share a line ("Total" beside
    "Consolidated", after eliminations) stay columns of their own."""
    names = list(dict.fromkeys(f.segment for f in facts if f.role == Role.TOTAL))
    per_line = Counter((f.line_item, f.period, f.currency) for f in facts if f.role == Role.TOTAL)
    if len(names) < 2 or any(n > 1 for n in per_line.values()):
        return lambda f: (f.segment, f.currency)
    return lambda f: (names[0] if f.role == Role.TOTAL else f.segment, f.currency)


def _table(index: int, draft: _Draft) -> Table:
    """Rows and columns renumbered densely, in their recorded order."""
    rows, cols = sorted(draft.rows), sorted(draft.cols)
    rmap = {old: new for new, old in enumerate(rows)}
    cmap = {old: new for new, old in enumerate(cols)}
    cells = {(rmap[i], cmap[j]): f for (i, j), f in draft.cells.items()}
    lines = [f.source.line for f in cells.values() if f.source.line]
    return Table(
        index,
        draft.name,
        draft.name if draft.title is None else draft.title,
        tuple(draft.rows[i] for i in rows),
        tuple(draft.cols[j] for j in cols),
        cells,
        draft.first_line if draft.first_line is not None else min(lines, default=0),
        draft.last_line if draft.last_line is not None else max(lines, default=0),
        period_words=draft.period_words,
    )


__all__ = ["CSV_COLUMNS", "LAYOUT_COLUMNS", "note_from_records", "note_records"]
