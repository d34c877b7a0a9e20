"""Which figures are totals of which: proposed from labels and layout, confirmed by arithmetic.

A table is seen as a grid of optional numbers. Column relations (segment columns add to a
Total column) and row relations (lines add down to a subtotal, a subtotal and reconciling
items add to net income) are searched for, and kept when the arithmetic holds within the
rounding tolerance of XBRL Calculations 1.1 in the columns or rows where it can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xlsegment import labels
from xlsegment.model import Fact, Relation, RelationKind, Role, Table
from xlsegment.numbers import half_unit

Val = tuple[int | Decimal, int]  # value and decimals shown
Grid = list[list[Val | None]]

# A total whose best structure misses by more than this share of its parts' size is no total.
_NEAR = Decimal("0.005")


@dataclass(frozen=True)
class ColRel:
    total: int
    parts: tuple[int, ...]


@dataclass(frozen=True)
class RowRel:
    total: int
    parts: tuple[tuple[int, int], ...]  # (sign, row)
    exact_cols: int
    asserted: bool = False  # kept from labels although no column adds up


def consistent(total: Val, parts: list[tuple[int, Val]]) -> tuple[Decimal, Decimal, Decimal, bool]:
    """Expected sum, difference, tolerance, and whether the intervals meet (Calculations 1.1)."""
    expected = sum((s * v for s, (v, _) in parts), Decimal(0))
    tol = half_unit(total[1]) + sum((half_unit(d) for _, (_, d) in parts), Decimal(0))
    diff = total[0] - expected
    return expected, diff, tol, abs(diff) <= tol


def fits(total: Val, parts: list[tuple[int, Val]]) -> tuple[bool, int | Decimal]:
    """Fast form of `consistent` for the search: (intervals meet, difference)."""
    if total[1] == 0 and all(d == 0 for _, (_, d) in parts):
        diff = total[0] - sum(s * v for s, (v, _) in parts)
        # Whole units: tolerance is (parts + 1) halves, compared in halves to stay in ints.
        return 2 * abs(diff) <= len(parts) + 1, diff
    _, diff, _, ok = consistent(total, parts)
    return ok, diff


def near(total: Val, parts: list[tuple[int, Val]]) -> bool:
    """Misses, but by a sliver of the figures' size: a typo in a real total, not no total."""
    ok, diff = fits(total, parts)
    if ok:
        return True
    size = abs(total[0]) + sum(abs(v) for _, (v, _) in parts)
    return bool(size) and abs(diff) <= _NEAR * size


# ---------------------------------------------------------------- columns


def column_relations(grid: Grid, columns: list[tuple[str, Role]]) -> list[ColRel]:
    """Find columns that add across to a total column, in every row where all cells exist."""
    found: list[ColRel] = []
    covered: dict[int, tuple[int, ...]] = {}  # subtotal column -> the columns it stands for
    ncols = len(columns)
    for c in range(1, ncols):
        label, role = columns[c]
        if role == Role.CONVENIENCE:
            continue
        candidates = _column_candidates(c, columns, covered)
        best = None
        labelled = role in (Role.TOTAL, Role.SUBTOTAL)
        for parts in candidates:
            holds, tested, nearly = _column_score(grid, c, parts, 2)
            # An unnamed column must add up in every row but one, and in at least two.
            need = max(1, (tested * 2 + 2) // 3) if labelled else max(2, tested - 1) if tested >= 3 else 99
            # A labelled total column stays a total when its misses are slivers (typos).
            if labelled and tested and holds >= 1 and nearly == tested:
                need = 1
            if tested and holds >= need and (best is None or holds > best[0]):
                best = (holds, parts)
        if best:
            rel = ColRel(c, best[1])
            found.append(rel)
            covered[c] = _expand(best[1], covered)
    return found


def _expand(parts: tuple[int, ...], covered: dict[int, tuple[int, ...]]) -> tuple[int, ...]:
    out: list[int] = []
    for p in parts:
        out.extend(covered.get(p, (p,)))
    return tuple(out)


def _column_candidates(c, columns, covered) -> list[tuple[int, ...]]:
    usable = [i for i in range(c) if columns[i][1] != Role.CONVENIENCE]
    # Top level: columns not already inside a subtotal to their right.
    inside = {i for sub, cols in covered.items() if sub < c for i in cols}
    top = tuple(i for i in usable if i not in inside)
    cands = []
    if len(top) >= 2:
        cands.append(top)
    for start in range(len(usable) - 1):
        rng = tuple(usable[start:])
        if len(rng) >= 2 and rng not in cands:
            cands.append(rng)
    return cands


def _column_score(grid: Grid, c: int, parts: tuple[int, ...], misses: int) -> tuple[int, int, int]:
    """Rows where column c adds up, rows tested, rows near; gives up after `misses` clean misses."""
    holds = tested = nearly = 0
    width = len(parts) + 1
    for row in grid:
        total = row[c]
        if total is None:
            continue
        vals = [row[p] for p in parts]
        if None in vals:
            continue
        expected = absum = 0
        whole = total[1] == 0
        for v, d in vals:
            expected += v
            absum += abs(v)
            if d:
                whole = False
        if total[0] == 0 and absum == 0:
            continue  # an all-nil row proves nothing
        tested += 1
        diff = abs(total[0] - expected)
        if whole:
            ok = 2 * diff <= width  # half a unit per figure, compared in halves
        else:
            ok = diff <= half_unit(total[1]) + sum((half_unit(d) for _, d in vals), Decimal(0))
        if ok:
            holds += 1
            nearly += 1
        elif diff <= _NEAR * (abs(total[0]) + absum):
            nearly += 1
        elif tested - holds >= misses:
            break  # clean misses: not this set of columns
    return holds, tested, nearly


# ---------------------------------------------------------------- rows


def row_relations(
    grid: Grid,
    row_labels: list[str],
    cols: list[int],
    barriers: frozenset[int] = frozenset(),
    computed: frozenset[tuple[int, int]] = frozenset(),
    recon_ends: dict[int, int] | None = None,
) -> list[RowRel]:
    """Walk down the rows; a row that equals a signed sum of the open items above is a total.

    Open items are the rows not yet summed into a total, so a chain such as revenue, costs,
    gross profit, expenses, operating income resolves level by level (ASC 280-10-50-26B).
    `barriers` are rows where the open list restarts (a new table part).
    """
    found: list[RowRel] = []
    open_rows: list[int] = []
    label_sign = {p: _label_sign(grid, row_labels, p, cols) for p in range(len(grid))}
    for r, row in enumerate(grid):
        if r in barriers:
            open_rows = []
        if all(v is None for v in row):
            continue
        tested_cols = [c for c in cols if (r, c) not in computed]  # totals must be reported
        rel = _best_row_relation(grid, row_labels, r, open_rows, tested_cols, label_sign)
        if rel is None and recon_ends and r in recon_ends:
            # The reconciliation starts from the total just above its first item.
            start = recon_ends[r]
            before = [p for p in open_rows if p < start][-1:]
            run = before + [p for p in open_rows if p >= start]
            if len(run) >= 2:
                rel = _declared_total(grid, row_labels, r, run, tested_cols, label_sign)
        if rel is not None:
            found.append(rel)
            keep = len(open_rows) - len(rel.parts)
            open_rows = open_rows[:keep]
        open_rows.append(r)
    return found


def _label_sign(grid, row_labels, p, cols) -> int:
    """-1 for an expense shown as a positive figure (it is subtracted), else +1."""
    vals = [grid[p][c][0] for c in cols if grid[p][c] is not None]
    positive = sum(1 for v in vals if v > 0) >= sum(1 for v in vals if v < 0)
    return -1 if labels.is_expense_label(row_labels[p]) and positive else 1


def _probe(grid, r, open_rows, cols, label_sign) -> tuple[set, set]:
    """Cheap first look in up to two columns: which (run length, sign pattern) could hold.

    Suffix sums grow one row at a time, so all run lengths cost one pass per column.
    Patterns: 0 sum, 1 first less the rest, 2 income less expenses.
    """
    passed: set[tuple[int, int]] = set()
    tested: set[int] = set()
    n = len(open_rows)
    for c in [c for c in cols if grid[r][c] is not None][:2]:
        t, td = grid[r][c]
        plus = lab = absum = 0
        tol = half_unit(td)
        for k in range(1, n + 1):
            p = open_rows[n - k]
            cell = grid[p][c]
            if cell is None:
                break  # an undisclosed part: longer runs cannot be tested here
            v, d = cell
            plus += v
            lab += label_sign[p] * v
            absum += abs(v)
            tol += half_unit(d)
            if k < 2:
                continue
            tested.add(k)
            bound = max(tol, _NEAR * (abs(t) + absum))
            for i, x in enumerate((plus, 2 * v - plus, lab - label_sign[p] * v + v)):
                if abs(t - x) <= bound:
                    passed.add((k, i))
    return passed, tested


def _plain_total(label: str) -> bool:
    """Labels that close a list without saying "total": "Revenue" after its regions, a
    subtotal that repeats the line item ("Operating income"), or no label at all."""
    return not label or label.startswith("Subtotal") or labels.is_line_item_label(label)


def _best_row_relation(grid, row_labels, r, open_rows, cols, label_sign) -> RowRel | None:
    """Longest run of open rows that adds to row r under one of the sign patterns."""
    mostly = asserted = None
    total_like = labels.is_total_label(row_labels[r])
    if not total_like and not _plain_total(row_labels[r]):
        return None  # a line named like an item ("International") is no total of its neighbours
    passed, probed = _probe(grid, r, open_rows, cols, label_sign)
    for k in range(len(open_rows), 1, -1):
        parts = open_rows[-k:]
        patterns = ([1] * k, [1] + [-1] * (k - 1), [1] + [label_sign[p] for p in parts[1:]])
        seen = set()
        for i, signs in enumerate(patterns):
            if tuple(signs) in seen or (k in probed and (k, i) not in passed):
                continue
            seen.add(tuple(signs))
            holds, tested, nontrivial, worst = _evaluate(grid, r, parts, signs, cols)
            if not tested:
                continue
            terms = tuple(zip(signs, parts, strict=True))
            if holds == tested and nontrivial:
                return RowRel(r, terms, holds)
            # With several columns, one broken column must not hide the relation.
            if tested >= 3 and holds >= max(2, tested - 1) and nontrivial:
                if mostly is None or holds > mostly.exact_cols:
                    mostly = RowRel(r, terms, holds)
            elif total_like and worst <= _NEAR and (asserted is None or worst < asserted[0]):
                # A total by its label that misses by a sliver: keep it, so the check reports it.
                asserted = (worst, RowRel(r, terms, holds, asserted=True))
    if mostly is not None:
        return mostly
    return asserted[1] if asserted else None


def _declared_total(grid, row_labels, r, open_rows, cols, label_sign) -> RowRel | None:
    """The last line of a reconciliation is its total by definition (ASC 280-10-50-30):
    take the whole open run with the sign pattern that misses least, so the miss is reported."""
    k = len(open_rows)
    patterns = ([1] * k, [1] + [-1] * (k - 1), [1] + [label_sign[p] for p in open_rows[1:]])
    best = None
    for signs in patterns:
        holds, tested, _, worst = _evaluate(grid, r, open_rows, signs, cols, stop=False)
        if tested and (best is None or worst < best[0]):
            best = (worst, RowRel(r, tuple(zip(signs, open_rows, strict=True)), holds, True))
    return best[1] if best else None


def _evaluate(grid, r, parts, signs, cols, stop: bool = True) -> tuple[int, int, bool, Decimal]:
    """Columns where the sum holds, columns tested, whether it is more than nils, worst miss."""
    holds = tested = 0
    nontrivial = False
    worst = Decimal(0)
    terms_of = list(zip(signs, parts, strict=True))
    for c in cols:
        total = grid[r][c]
        if total is None:
            continue
        expected = absum = nonzero = 0
        whole = total[1] == 0
        tol = half_unit(total[1])
        for sign, p in terms_of:
            cell = grid[p][c]
            if cell is None:
                break  # a blank part is undisclosed, not zero
            v, d = cell
            expected += sign * v
            absum += abs(v)
            nonzero += v != 0
            if d:
                whole = False
            tol += half_unit(d)
        else:
            tested += 1
            diff = total[0] - expected
            # Whole units compare in halves to stay in ints; else Decimal tolerance.
            ok = 2 * abs(diff) <= len(terms_of) + 1 if whole else abs(diff) <= tol
            if ok:
                holds += 1
                if total[0] != 0 and nonzero >= 2:
                    nontrivial = True
            else:
                size = absum + abs(total[0])
                worst = max(worst, abs(diff) / size if size else Decimal(1))
                if stop and tested - holds >= 2 and worst > _NEAR:
                    break  # neither a total with one typo nor a near miss: stop early
    return holds, tested, nontrivial, worst


# ---------------------------------------------------------------- facts


def table_grid(table: Table) -> Grid:
    grid: Grid = [[None] * len(table.columns) for _ in table.rows]
    for (r, c), f in table.cells.items():
        grid[r][c] = (f.value, f.decimals)
    return grid


def discover(table: Table) -> list[Relation]:
    """All confirmed relations of one table, as relations between its facts.

    Where a total column is blank but its parts are shown (a filing that omits the total
    of a subtotal line), the sum is computed so that row totals below can use it.
    """
    grid = table_grid(table)
    cols = [(c.label, c.role) for c in table.columns]
    cells = dict(table.cells)
    out: list[Relation] = []
    tid = table.id
    for rel in column_relations(grid, cols):
        why = f"column '{table.columns[rel.total].label}' adds the columns to its left"
        for r in range(len(table.rows)):
            total = cells.get((r, rel.total))
            parts = [cells.get((r, p)) for p in rel.parts]
            if all(p is None for p in parts):
                continue  # a reconciling item shown in the total column only
            if total is None:
                if any(p is None for p in parts):
                    continue
                cells[(r, rel.total)] = _computed(table, r, rel.total, parts)
                grid[r][rel.total] = (cells[(r, rel.total)].value, cells[(r, rel.total)].decimals)
                continue
            if not total.reported:
                continue
            # An empty cell among shown ones is nil (filing text drops empty cells).
            terms = tuple((1, p) for p in parts if p is not None)
            out.append(Relation(RelationKind.CROSSFOOT, tid, total, terms, why))
    value_cols = [i for i, c in enumerate(table.columns) if c.role != Role.CONVENIENCE]
    conv_cols = [i for i, c in enumerate(table.columns) if c.role == Role.CONVENIENCE]
    row_labels = [row.label for row in table.rows]
    barriers = frozenset(i for i, row in enumerate(table.rows) if row.role == Role.PERIOD)
    computed = frozenset(k for k, f in cells.items() if not f.reported)
    rels = row_relations(grid, row_labels, value_cols, barriers, computed, _recon_ends(table))
    for rel in rels:
        kind = _row_kind(table, rel)
        why = "labels: rows add down" if rel.asserted else "arithmetic: rows add down"
        for c in value_cols + conv_cols:
            total = cells.get((rel.total, c))
            if total is None or not total.reported:
                continue
            parts = [(s, cells.get((p, c))) for s, p in rel.parts]
            if any(f is None for _, f in parts):
                continue
            out.append(Relation(kind, tid, total, tuple(parts), why))
    out.extend(_stacked(table, cells))
    out.extend(_single_figure_chain(table, cells, {id(r.total) for r in out}))
    return out


def _single_figure_chain(table: Table, cells, totals: set[int]) -> list[Relation]:
    """A reconciliation laid out as a list of one-figure lines whose figures sit in different
    columns (total segment profit under "Total segments", the reconciling items and profit
    before tax under "Consolidated") adds down the list, not down a column."""
    single: dict[int, Fact] = {}
    for r in range(len(table.rows)):
        facts = [f for (i, c), f in cells.items() if i == r and table.columns[c].role != Role.CONVENIENCE]
        if len(facts) == 1 and facts[0].reported:
            single[r] = facts[0]
    out: list[Relation] = []
    run: list[int] = []
    for r in [*range(len(table.rows)), None]:
        if r is not None and r in single:
            run.append(r)
            continue
        columns = {_col_of(cells, single[i]) for i in run}
        if len(run) >= 3 and len(columns) > 1:
            grid = [[(single[i].value, single[i].decimals)] for i in run]
            names = [table.rows[i].label for i in run]
            for rel in row_relations(grid, names, [0]):
                total = single[run[rel.total]]
                # A near miss counts only for the list's last line, its declared total.
                if id(total) in totals or (rel.asserted and rel.total != len(run) - 1):
                    continue
                parts = tuple((sign, single[run[p]]) for sign, p in rel.parts)
                out.append(
                    Relation(
                        RelationKind.RECONCILIATION,
                        table.id,
                        total,
                        parts,
                        "arithmetic: lines add down the list",
                    )
                )
        run = []
    return out


def _col_of(cells, fact: Fact) -> int:
    return next(c for (_, c), f in cells.items() if f is fact)


def _stacked(table: Table, cells) -> list[Relation]:
    """Segment blocks stacked in one table add up to the Consolidated or Total block."""
    if not all(c.role in (Role.PERIOD, Role.CONVENIENCE) for c in table.columns):
        return []
    blocks: dict[str, list[int]] = {}
    for i, row in enumerate(table.rows):
        if row.section:
            blocks.setdefault(row.section, []).append(i)
    totals = [b for b in blocks if b.lower().startswith(("consolidated", "total"))]
    if len(blocks) < 3 or not totals:
        return []
    out: list[Relation] = []
    for tb in totals:
        for r in blocks[tb]:
            key = labels.norm_key(table.rows[r].label)
            parts = [
                next((p for p in rows if labels.norm_key(table.rows[p].label) == key), None)
                for b, rows in blocks.items()
                if b not in totals
            ]
            parts = [p for p in parts if p is not None]
            if len(parts) < 2:
                continue
            rels = []
            holds = tested = 0
            for c in range(len(table.columns)):
                total = cells.get((r, c))
                facts = [cells.get((p, c)) for p in parts]
                if total is None or not total.reported or any(f is None for f in facts):
                    continue
                tested += 1
                rel = Relation(
                    RelationKind.STACKED,
                    table.id,
                    total,
                    tuple((1, f) for f in facts),
                    f"block '{tb}' adds the segment blocks",
                )
                grid_total = (total.value, total.decimals)
                if consistent(grid_total, [(1, (f.value, f.decimals)) for f in facts])[3]:
                    holds += 1
                rels.append(rel)
            # Same labels in every block declare the sum: keep it where it holds in any
            # period, so a typo in another period shows as an error.
            if holds:
                out.extend(rels)
    return out


def _computed(table: Table, r: int, c: int, parts: list[Fact]) -> Fact:
    first = parts[0]
    col = table.columns[c]
    return first.replace(
        value=sum((p.value for p in parts), 0),
        decimals=max(p.decimals for p in parts),
        segment=col.segment or first.segment,
        role=col.role,
        reported=False,
        source=first.source.__class__(),
    )


def _recon_ends(table: Table) -> dict[int, int]:
    """Last rows of reconciliation blocks whose label reads as a total, with their first row.

    A block is a reconciliation when its heading or the table's title says so, or when its
    rows have figures in the total column only: reconciling items are not allocated to
    segments (ASC 280-10-50-30; IFRS 8.28).
    """
    seg_cols = [i for i, c in enumerate(table.columns) if c.role not in (Role.TOTAL, Role.CONVENIENCE)]
    tot_cols = [i for i, c in enumerate(table.columns) if c.role == Role.TOTAL]
    title = "reconcil" in table.title.lower()

    def consolidated_only(r: int) -> bool:
        return (
            bool(seg_cols and tot_cols)
            and all((r, c) not in table.cells for c in seg_cols)
            and any((r, c) in table.cells for c in tot_cols)
        )

    in_recon = [
        title or "reconcil" in row.section.lower() or consolidated_only(i) for i, row in enumerate(table.rows)
    ]
    ends: dict[int, int] = {}
    start = 0
    for i, flag in enumerate(in_recon):
        if flag and (i == 0 or not in_recon[i - 1]):
            start = i
        last = i + 1 == len(in_recon) or not in_recon[i + 1]
        if flag and last and labels.is_total_label(table.rows[i].label):
            ends[i] = start
    return ends


def _row_kind(table: Table, rel: RowRel) -> RelationKind:
    sections = {table.rows[p].section.lower() for _, p in rel.parts}
    if any("reconcil" in s for s in sections) or any(
        "reconcil" in table.rows[p].section.lower() for p in range(rel.total + 1)
    ):
        return RelationKind.RECONCILIATION
    return RelationKind.FOOT


def facts_by_key(facts: list[Fact]) -> dict[tuple, list[Fact]]:
    index: dict[tuple, list[Fact]] = {}
    for f in facts:
        index.setdefault(f.key, []).append(f)
    return index
