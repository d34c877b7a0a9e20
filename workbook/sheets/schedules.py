"""Lay out the Schedules sheet: reported grid, computed grid, tolerance grid, live checks.

Pure: from a Note and its relations to a :class:`Schedule` (rows of values and formulas,
style ranges, conditional rules, the fact-to-cell map). ``write_schedule`` then hands it to
any engine in a few block calls.

Each table of the note is drawn as the filing draws it, segments and Total as columns. To
its right sits a "Computed" grid with the same shape: wherever a cell is a total, the
computed grid holds the native formula (SUM of the parts, the reconciliation chain, or
ROUND(value / rate, 0) for the convenience column). A hidden grid further right holds each
total's tolerance, so ONE conditional-format rule with relative references covers the
whole sheet and keeps flagging breaks when someone without Python edits the Data table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xlsegment.checks import comparison
from xlsegment.codes import RELATION_CODES
from xlsegment.interval import half_unit
from xlsegment.labels import YEAR_RE
from xlsegment.model import Fact, FactId, Note, Relation, RelationKind, Role, Table
from xlsegment.readers.titles import own_title
from xlsegment.translation import source_column, unit_shift
from xlsegment.translation import translation_pairs as table_translation_pairs
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import (
    Cell,
    CellFormat,
    ConditionalRule,
    Formula,
    Workbook,
    cell_ref,
    col_letter,
    range_ref,
    split_cell,
)
from xlsegment.workbook.sheets import fit, review
from xlsegment.workbook.sheets import formulas as fx
from xlsegment.workbook.sheets.pages import area_points, page_setup

Key = tuple[str, str, str, str, str]
FIRST_ROW = 4  # rows 1-3: title, subtitle, blank


@dataclass(frozen=True, slots=True)
class LiveCheck:
    """One check written as formulas: the total's cell and the expression it must equal."""

    code: str
    kind: str  # RelationKind value or "translation"
    total: Fact
    cell: str  # the total's cell on the Schedules sheet
    expression: str  # formula text over Schedules cells (no sheet prefix)
    tolerance: Decimal | Formula  # a number, or a formula for translations
    description: str
    parts: tuple[tuple[int, Fact], ...] = ()
    in_grid: bool = True  # its expression sits in the computed grid


@dataclass
class Schedule:
    rows: list[list[Cell]] = field(default_factory=list)
    styles: list[tuple[str, str]] = field(default_factory=list)  # (ref, style name)
    formats: list[tuple[str, str]] = field(default_factory=list)  # (cell, number format)
    cells: dict[Key, str] = field(default_factory=dict)  # first cell of each key
    by_at: dict[FactId, str] = field(default_factory=dict)  # cell of each fact
    checks: list[LiveCheck] = field(default_factory=list)
    rules: list[ConditionalRule] = field(default_factory=list)
    width: int = 1  # columns in the reported grid
    review_rows: list[review.ReviewRow] = field(default_factory=list)  # where marks go
    review_keys: dict[str, int] = field(default_factory=dict)  # keys given so far
    widths: dict[str, float] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)
    print_area: str = "A1:B2"
    header_rows: list[int] = field(default_factory=list)  # rows of column names and captions
    not_titles: dict[int, frozenset[str]] = field(default_factory=dict)  # by table index
    heights: dict[int, float] = field(default_factory=dict)  # rows whose headers wrap

    def cell_of(self, fact: Fact) -> str | None:
        """The fact's cell, by the fact's identity (table, row, column)."""
        return self.by_at.get(fact.at)

    @property
    def review_col(self) -> int:
        """The first review column, right of each row's source."""
        return 2 + self.width + 1

    @property
    def computed_col(self) -> int:
        return self.review_col + len(review.VISIBLE) + 1

    @property
    def tolerance_col(self) -> int:
        return self.computed_col + self.width + 1

    @property
    def key_col(self) -> int:
        """The hidden review key, then the figures when ticked, at the right edge."""
        return self.tolerance_col + self.width


def tolerance(rel: Relation) -> Decimal:
    """Calculations 1.1, as the core's check computes it: half a unit of the last shown
    digit for the total and for each part."""
    return Decimal(comparison(rel).tolerance)


def translation_tolerance(converted: Fact, base: Fact, cell: str, base_cell: str) -> Formula:
    """Tolerance of a translated figure u of a local figure v, as a formula.

    Both are rounded, so u is consistent with rate r when |u - v/r| <= ½·10^-du + ½·10^-dv / r
    (the core's seg.fx rule). The grid compares |u - ROUND(v/r)| instead, so the formula
    shifts that bound by how far ROUND moved v/r towards or away from u; the two tests
    then agree exactly."""
    rate = fx.RATE_NAME
    half_u = fx.number_literal(half_unit(converted.decimals))
    half_v = fx.number_literal(half_unit(base.decimals))
    rounded = fx.translate(base_cell, converted.decimals)
    return Formula(
        f"IF(ISNUMBER({rate}),{half_u}+{half_v}/{rate}"
        f'-SIGN({cell}-({rounded}))*(({rounded})-{base_cell}/{rate}),"")'
    )


def _code(kind: str) -> str:
    """The core's finding code for a relation kind, so the Checks sheet and the JSON report
    name a check the same way."""
    try:
        return RELATION_CODES[RelationKind(kind)]
    except (ValueError, KeyError):
        return {"translation": "seg.fx.figure", "tie.consolidated": "seg.tie.consolidated"}.get(
            kind, f"seg.{kind}"
        )


def layout(
    note: Note,
    relations: Sequence[Relation],
    title: str = "Segment information",
    computed: Sequence[Relation] = (),
    ties: Sequence[Tie] = (),
    positions: Mapping[FactId, tuple[int, int, int]] | None = None,
) -> Schedule:
    """``computed``: relations whose total is not reported but computed (prepare mode);
    their cells hold the formula itself. ``ties``: figures that must equal a Settings name.
    ``positions``: each fact's (table, row, column) in the Data table's layout columns,
    by fact identity; a fact whose key is not unique is looked up by it.
    """
    sch = Schedule()
    sch.width = max((len(t.columns) for t in note.tables), default=1)
    ncols = sch.key_col + 1
    blank = [None] * ncols
    grid: list[list[Cell]] = [
        [title, *blank[1:]],
        [_subtitle(note), *blank[1:]],
        list(blank),
    ]
    sch.styles += [("A1", c.STYLE_TITLE), ("A2", c.STYLE_NOTE)]
    # Rows drawn as totals: the totals of relations that add rows down.
    row_kinds = (RelationKind.FOOT, RelationKind.RECONCILIATION, RelationKind.STACKED)
    total_ids = {r.total.at for r in [*relations, *computed] if r.kind in row_kinds}
    exact = Counter(f.key for f in note.facts)  # casefolded once per distinct key, below
    counts: Counter = Counter()
    for key, n in exact.items():
        counts[_lookup_key_of(key)] += n
    duplicated = {k for k, n in counts.items() if n > 1}
    unit = "" if note.unit in ("units", "", None) else note.unit
    # A table's measures side by side name its columns ("Depreciation" over years, of
    # three): no "heading" that is one titles it, or the part after it that kept it.
    measures = [frozenset(c.measure.casefold() for c in t.columns if _measures(t) > 1) for t in note.tables]
    sch.not_titles = {
        t.index: measures[k] | (measures[k - 1] if k else frozenset()) for k, t in enumerate(note.tables)
    }
    for table in note.tables:
        _place_table(sch, grid, table, total_ids, ncols, duplicated, positions or {}, unit)
        grid.append(list(blank))
    sch.rows = grid
    _place_computed(sch, computed)
    _place_checks(sch, note, [r for r in relations if r.total.reported])
    _place_ties(sch, ties)
    _rules(sch)
    _columns(sch, note)
    return sch


def _rules(sch: Schedule) -> None:
    """One rule for the whole reported grid (references relative to its top-left cell),
    plus one per check whose expression could not sit in the computed grid."""
    last = len(sch.rows)
    comp, tol = col_letter(sch.computed_col), col_letter(sch.tolerance_col)
    b, k, t = f"B{FIRST_ROW}", f"{comp}{FIRST_ROW}", f"{tol}{FIRST_ROW}"
    sch.rules.append(
        ConditionalRule(
            ref=range_ref(FIRST_ROW, 2, last, 1 + sch.width),
            formula=f"AND(ISNUMBER({k}),ISNUMBER({b}),ISNUMBER({t}),ABS({b}-{k})>N({t}))",
            fill=c.CF_FILL,
            font_color=c.CF_FONT,
        )
    )
    for chk in sch.checks:
        if chk.in_grid:
            continue
        tol_text = _tol_text(chk.tolerance)
        sch.rules.append(
            ConditionalRule(
                ref=chk.cell,
                # IFERROR: a blank consolidated amount must read as "no break".
                formula=(
                    f"IFERROR(AND(ISNUMBER({tol_text}),ABS({chk.cell}-({chk.expression}))>{tol_text}),FALSE)"
                ),
                fill=c.CF_FILL,
                font_color=c.CF_FONT,
            )
        )


def _columns(sch: Schedule, note: Note) -> None:
    """Widths from the longest label, hidden tolerance grid, print area."""
    sch.widths = {"A": fit.label_width(str(r[0]) for r in sch.rows[FIRST_ROW - 1 :] if r[0] is not None)}
    unit = "" if note.unit in ("units", "", None) else note.unit
    heads = [col.label for t in note.tables for col in t.columns]
    # A currency and unit ("USD millions") stay on one line, and a bold total "(10,707)" must not
    # show as "###": the widest figure counts too.
    whole = [" ".join(x for x in (col.currency, unit) if x) for t in note.tables for col in t.columns]
    whole += [f"({abs(f.value):,}) " for t in note.tables for f in t.cells.values()]
    width = fit.figure_width(heads, whole)
    for j in range(sch.width):
        sch.widths[col_letter(2 + j)] = width
        sch.widths[col_letter(sch.computed_col + j)] = width
        sch.widths[col_letter(sch.tolerance_col + j)] = 8
        sch.hidden.append(col_letter(sch.tolerance_col + j))
    sources = [str(r[1 + sch.width]) for r in sch.rows if r[1 + sch.width]]  # "line 94", "Source"
    sch.widths[col_letter(2 + sch.width)] = max(map(len, sources), default=8) + fit.MARGIN
    for k, wide in enumerate((9, 9, 10, 5, 8)):  # Preparer, Reviewer, Date (2026-12-07), Tick, Changed
        sch.widths[col_letter(sch.review_col + k)] = wide
    sch.widths[col_letter(sch.computed_col - 1)] = 3
    sch.widths[col_letter(sch.computed_col + sch.width)] = 3
    sch.hidden.append(col_letter(sch.computed_col + sch.width))
    sch.hidden += [col_letter(sch.key_col), col_letter(sch.key_col + 1)]
    # The printed schedule is the filing's: its figures, their sources and the review
    # marks. The Computed grid is the workbook's own working and stays on screen; printed
    # beside, it would halve the print's size.
    sch.print_area = range_ref(1, 1, len(sch.rows), sch.review_col + len(review.VISIBLE) - 1)
    _heights(sch)


def _heights(sch: Schedule) -> None:
    """Heights of the rows whose headers or label wrap (``fit.row_height``), and of the
    subtitle, wrapped across the printed width."""
    shown = range(sch.review_col + len(review.VISIBLE) - 1)
    for r in range(FIRST_ROW, len(sch.rows) + 1):
        row, header = sch.rows[r - 1], r in sch.header_rows
        texts = [(row[j], sch.widths[col_letter(j + 1)]) for j in shown if header or j == 0]
        height = fit.row_height(((t, w) for t, w in texts if isinstance(t, str)), regular=not header)
        if height:
            sch.heights[r] = height
    printed = sum(sch.widths.get(col_letter(j + 1), 8.43) for j in shown)
    sch.heights[2] = fit.row_height([(str(sch.rows[1][0] or ""), printed)], regular=True)


def _tol_text(tol) -> str:
    return f"({tol[1:]})" if isinstance(tol, Formula) else fx.number_literal(tol)


def _subtitle(note: Note) -> str:
    unit = "" if note.unit in ("units", "", None) else f" in {note.unit}"
    text = f"{note.presentation_currency}{unit}."
    if note.convenience_currency:
        text += f" {note.convenience_currency} convenience translation at the rate in Settings"
        text += f" ({note.rate_note})." if note.rate_note else "."
    text += " Reported figures are read from the Data table; Computed figures are formulas."
    return text


def _lookup_key(fact) -> tuple[str, ...]:
    """A fact's five names as SUMIFS compares them: without regard to case, so that "Net
    Sales" and "Net sales" of two tables of one name are told apart by their position."""
    return _lookup_key_of(fact.key)


def _lookup_key_of(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name.casefold() for name in key)


def _caption(table: Table, j: int, unit: str) -> str:
    """What is over a column besides its name: its period where the table has several
    (a segment x year grid), its currency and the note's unit ("2024 USD millions")."""
    col = table.columns[j]
    periods = {c.period for c in table.columns if c.period}
    money = " ".join(x for x in (col.currency, unit) if x)
    # The period where the column's name does not say it already (segments over years).
    shown = col.period and col.period in (column_label(table, j) or "")
    if len(periods) > 1 and col.period and not shown:
        return f"{period_caption(table, col.period)} {money}".strip()
    return money


def _source_of(facts) -> str:
    """Where a row's figures stand in the filing: its line, or its table cell."""
    source = next((f.source for f in facts if f is not None), None)
    if source is None:
        return ""
    if source.table is not None and source.row is not None:
        return f"table {source.table} row {source.row}"
    if source.cell:
        return f"{source.sheet}!{source.cell}" if source.sheet else source.cell
    return f"line {source.line}" if source.line else ""


def _place_table(sch, grid, table: Table, total_ids, ncols, duplicated, positions, unit: str = "") -> None:
    _place_header(sch, grid, table, ncols, unit)
    section = None
    for i, row_spec in enumerate(table.rows):
        if row_spec.section and row_spec.section != section:
            sec = [None] * ncols
            sec[0] = row_spec.section
            grid.append(sec)
            sch.styles.append((f"A{len(grid)}", c.STYLE_SECTION))
        section = row_spec.section
        _place_row(sch, grid, table, i, ncols, total_ids, duplicated, positions)


def _place_header(sch, grid, table: Table, ncols: int, unit: str) -> None:
    """A table's heading, then its column names, and under them each column's caption,
    the Source column and the review columns (with their hidden key columns)."""
    w, comp = len(table.columns), sch.computed_col
    r = len(grid) + 1
    head = [None] * ncols
    head[0] = _heading(table, sch.not_titles.get(table.index, frozenset()))
    head[comp - 1] = "Computed"
    grid.append(head)
    sch.styles.append((range_ref(r, 1, r, 1 + sch.width), c.STYLE_HEADING))
    sch.styles.append((range_ref(r, comp, r, comp + sch.width - 1), c.STYLE_HEADING))
    for attr in ("label", "currency"):
        row = [None] * ncols
        for j in range(len(table.columns)):
            text = (column_label(table, j) if attr == "label" else _caption(table, j, unit)) or ""
            row[1 + j] = row[comp - 1 + j] = text
        if attr == "currency":
            row[1 + sch.width] = "Source"  # the filing's line or cell of each row, one column for all
            for k, name in enumerate(review.VISIBLE):
                row[sch.review_col - 1 + k] = name
            row[sch.key_col - 1], row[sch.key_col] = review.KEY, review.TICKED
        grid.append(row)
        rr = len(grid)
        sch.header_rows.append(rr)
        if attr == "currency":
            sch.styles.append((cell_ref(rr, 2 + sch.width), c.STYLE_COLUMN))
            sch.styles.append(
                (range_ref(rr, sch.review_col, rr, sch.review_col + len(review.VISIBLE) - 1), c.STYLE_COLUMN)
            )
        sch.styles.append((range_ref(rr, 2, rr, 1 + w), c.STYLE_COLUMN))
        sch.styles.append((range_ref(rr, comp, rr, comp + w - 1), c.STYLE_COLUMN))


def _place_row(sch, grid, table: Table, i: int, ncols: int, total_ids, duplicated, positions) -> None:
    """One row of figures: its label, its Data lookups, its source and its review key."""
    w, comp, row_spec = len(table.columns), sch.computed_col, table.rows[i]
    row = [None] * ncols
    row[0] = row_spec.label
    grid.append(row)
    rr = len(grid)
    facts = [table.cells.get((i, j)) for j in range(w)]
    row[1 + sch.width] = _source_of(facts)
    key, now = review.row_key(table, row_spec, facts, sch.review_keys), review.figures(facts)
    row[sch.key_col - 1], row[sch.key_col] = key, now
    sch.review_rows.append(review.ReviewRow(rr, key, now))
    sch.formats.append((cell_ref(rr, sch.review_col + review.DATE_COLUMN), review.DATE_FORMAT))
    sch.styles.append((cell_ref(rr, 2 + sch.width), c.STYLE_LABEL))
    is_total = row_spec.role in (Role.TOTAL, Role.SUBTOTAL) or any(
        f is not None and f.at in total_ids for f in facts
    )
    style = c.STYLE_TOTAL if is_total else c.STYLE_NUMBER
    computed = c.STYLE_COMPUTED_TOTAL if is_total else c.STYLE_COMPUTED
    sch.styles.append((f"A{rr}", c.STYLE_LABEL))
    sch.styles.append((range_ref(rr, 2, rr, 1 + w), style))
    sch.styles.append((range_ref(rr, comp, rr, comp + w - 1), computed))
    for j, fact in enumerate(facts):
        if fact is None:
            continue
        where = positions.get(fact.at) if duplicated and _lookup_key(fact) in duplicated else None
        row[1 + j] = fx.data_lookup(*fact.key, position=where)
        ref = cell_ref(rr, 2 + j)
        sch.cells.setdefault(fact.key, ref)
        sch.by_at[fact.at] = ref
        if fact.decimals > 0:  # "1,028.4": show the digits the filing shows
            fmt = c.number_format(fact.decimals)
            sch.formats += [(ref, fmt), (cell_ref(rr, comp + j), fmt)]


def _translated_total_tolerance(total: Fact, local: Fact, cell: str, local_cell: str, tol):
    """A translated total is right if it adds its translated lines OR translates its own
    local figure (filers do either); the core reports a gap in one of them as info. So the
    sum's tolerance is void ("translated", not a number, so no rule fires) whenever the
    direct translation holds."""
    rate = fx.RATE_NAME
    half_u = fx.number_literal(half_unit(total.decimals))
    half_v = fx.number_literal(half_unit(local.decimals))
    direct = f"ABS({cell}-{local_cell}/{rate})<={half_u}+{half_v}/{rate}"
    # Nested IF, not AND: Excel's AND evaluates every argument, and a blank or text rate
    # would turn the whole tolerance into #DIV/0! and silence the sum's check.
    own = fx.number_literal(tol)
    return Formula(f'IF(ISNUMBER({rate}),IF({direct},"translated",{own}),{own})')


def period_caption(table: Table, period: str) -> str:
    """A period as the filing words it: the words its header states over the years with
    the year ("Year ended December 31, 2024", "December 31, 2024"), else its label."""
    if table.period_words and YEAR_RE.match(period or ""):
        return f"{table.period_words}, {period}"
    return period


def column_label(table: Table, j: int) -> str:
    """A column's heading above its currency: a year in the filing's words ("Year ended
    December 31, 2024"); a convenience column the filing leaves unlabelled takes the label
    of the column it translates ("Total" over "USD", beside "Total" over "RMB"), never its
    currency twice ("USD" over "USD")."""
    col = table.columns[j]
    if col.role == Role.PERIOD and col.label == col.period:
        return period_caption(table, col.period)
    named = col.label and col.label.strip().casefold() != (col.currency or "").casefold()
    if named or col.role != Role.CONVENIENCE:
        return col.label
    src = source_column(table, j)
    return column_label(table, src) if src is not None and src != j else ""


def _measures(table: Table) -> int:
    return len({c.measure for c in table.columns if c.measure})


def _heading(table: Table, not_titles: frozenset[str] = frozenset()) -> str:
    """The table's title in the filing's own words (``titles.own_title``), else its name,
    with its period when all its figures share one."""
    own = own_title(table.title)
    title = own if own and own.casefold() not in not_titles else table.name
    periods = {f.period for f in table.cells.values() if f.period}
    if len(periods) == 1:
        return f"{title}, {period_caption(table, periods.pop())}"  # the caption as printed
    return title


def _place_computed(sch: Schedule, computed: Sequence[Relation]) -> None:
    """Prepare mode: a computed figure's own cell holds its formula, drawn as computed."""
    for rel in computed:
        cell = sch.cell_of(rel.total)
        refs = [(sign, sch.cell_of(p)) for sign, p in rel.parts]
        if cell is None or any(ref is None for _, ref in refs):
            continue
        if rel.total.role == Role.CONVENIENCE:
            expr = fx.translate(refs[0][1], rel.total.decimals)
        else:
            expr = fx.signed_sum(refs)
        row, col = split_cell(cell)
        sch.rows[row - 1][col - 1] = Formula(expr)
        total_row = any(s == c.STYLE_TOTAL for ref, s in sch.styles if ref.startswith(f"B{row}:"))
        sch.styles.append((cell, c.STYLE_COMPUTED_TOTAL if total_row else c.STYLE_COMPUTED))


@dataclass(frozen=True, slots=True)
class Tie:
    """A figure that must equal a consolidated amount entered in Settings."""

    fact: Fact
    name: str  # Settings defined name, e.g. xls_ConsRevenue
    what: str  # "revenue"
    rule: str  # "ASC 280-10-50-30(a)"
    tolerance: Decimal


def _place_ties(sch: Schedule, ties: Sequence[Tie]) -> None:
    used = {chk.cell for chk in sch.checks}
    for tie in ties:
        cell = sch.cell_of(tie.fact)
        if cell is None:
            continue
        desc = (
            f"Tie: {tie.fact.line_item} / {tie.fact.period} = consolidated {tie.what} "
            f"in Settings ({tie.rule})"
        )
        expr = f'IF(ISNUMBER({tie.name}),{tie.name},"")'
        _add_check(sch, used, "tie.consolidated", tie.fact, cell, expr, tie.tolerance, desc, ())


def _in_translated_unit(base: Fact, ref: str, shift: int) -> tuple[Fact, str]:
    """A local figure and its cell as the translated figures' unit states them: the cell
    times 10**shift, half a unit of it scaled alike (translation.unit_shift)."""
    if not shift:
        return base, ref
    factor = fx.number_literal(Decimal(1).scaleb(shift))
    return base.replace(decimals=base.decimals - shift), f"({ref}*{factor})"


def _place_checks(sch: Schedule, note: Note, relations: Sequence[Relation]) -> None:
    used: set[str] = set()
    shift = unit_shift(note)
    local_of = {conv.at: local for conv, local in translation_pairs(note)}
    for rel in relations:
        cell = sch.cell_of(rel.total)
        refs = [(sign, sch.cell_of(p)) for sign, p in rel.parts]
        if cell is None or any(ref is None for _, ref in refs):
            continue  # not drawn on the sheet; the Python check still reports it
        expr = fx.signed_sum(refs)
        kind = str(rel.kind)
        label = f"{rel.total.line_item} / {rel.total.segment} / {rel.total.period}"
        desc = f"{kind.capitalize()}: {label} = {rel.describe().split(' = ', 1)[-1]}"
        tol = tolerance(rel)
        local = local_of.get(rel.total.at)
        if local is not None and sch.cell_of(local):
            local, local_cell = _in_translated_unit(local, sch.cell_of(local), shift)
            tol = _translated_total_tolerance(rel.total, local, cell, local_cell, tol)
        _add_check(sch, used, kind, rel.total, cell, expr, tol, desc, rel.parts)
    totals = {rel.total.at for rel in relations}
    for conv, base in translation_pairs(note):
        cell, base_cell = sch.cell_of(conv), sch.cell_of(base)
        if cell is None or base_cell is None or conv.at in totals:
            # A translated total is checked as the sum of its translated lines, as
            # filers add them up; the core reports a direct-translation gap as info only.
            continue
        scaled = f" × {Decimal(1).scaleb(shift):f}" if shift else ""
        desc = (
            f"Translation: {conv.line_item} / {conv.segment} {conv.period} {conv.currency} "
            f"= ROUND({base.currency}{scaled} / rate, {conv.decimals})"
        )
        base, base_cell = _in_translated_unit(base, base_cell, shift)
        _add_check(
            sch,
            used,
            "translation",
            conv,
            cell,
            fx.translate(base_cell, conv.decimals),
            translation_tolerance(conv, base, cell, base_cell),
            desc,
            ((1, base),),
        )


def _add_check(sch, used, kind, total, cell, expr, tol, desc, parts) -> None:
    in_grid = cell not in used
    used.add(cell)
    chk = LiveCheck(_code(kind), kind, total, cell, expr, tol, desc, tuple(parts), in_grid)
    sch.checks.append(chk)
    if in_grid:
        row, col = split_cell(cell)
        offset = col - 2
        sch.rows[row - 1][sch.computed_col - 1 + offset] = Formula(expr)
        sch.rows[row - 1][sch.tolerance_col - 1 + offset] = tol


def translation_pairs(note: Note) -> list[tuple[Fact, Fact]]:
    """(translated fact, local fact) of every table, by the core's one pairing."""
    return [pair for table in note.tables for pair in table_translation_pairs(table)]


def write_schedule(wb: Workbook, sch: Schedule, sheet: str = c.SCHEDULES) -> None:
    """Draw ``sch`` on ``sheet`` (which must exist), replacing what was there but the
    review marks a user typed, which follow their rows (``review``)."""
    marks = review.read_marks(wb, sheet)
    wb.clear_sheet(sheet)
    wb.write_block(sheet, "A1", sch.rows)
    if marks:
        review.restore_marks(wb, sheet, sch.review_rows, sch.review_col, sch.key_col + 1, marks)
    for ref, style in sch.styles:
        wb.set_style(sheet, ref, style)
    for ref, fmt in sch.formats:
        wb.set_format(sheet, ref, CellFormat(number_format=fmt))
    wb.set_format(sheet, "A2", CellFormat(wrap=True))
    wb.set_conditional_formats(sheet, sch.rules)
    wb.set_layout(
        sheet,
        widths=sch.widths,
        freeze=f"B{FIRST_ROW}",
        print_area=sch.print_area,
        hide_gridlines=True,
        hidden_columns=sch.hidden,
        row_heights=sch.heights,
        merges=[f"A2:{col_letter(sch.review_col + len(review.VISIBLE) - 1)}2"],  # the subtitle, wrapped
        **page_setup(
            str(sch.rows[0][0] if sch.rows else "Schedules"),
            width_pt=area_points(sch.widths, sch.print_area, sch.hidden),
        ),
    )


__all__ = ["LiveCheck", "Schedule", "layout", "write_schedule", "translation_pairs", "RelationKind"]
