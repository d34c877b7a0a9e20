"""Put the figures of a short row into the right columns.

Filing text drops empty cells, so a row with fewer figures than columns could sit in several
places. The choice is made by arithmetic: the placement that lets the table's column totals
and row totals add up wins; with no arithmetic to go by, one figure goes to the last column
(a reconciling item of the consolidated total) and several go to the first columns.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations, product

from xlsegment.interval import Interval, compare_sum
from xlsegment.model import Finding, Role, Severity
from xlsegment.relate.columns import column_totals
from xlsegment.relate.evidence import miss_share, tally
from xlsegment.relate.policy import TYPO_SHARE
from xlsegment.relate.rows import RowWalk, row_totals

_MAX_CANDIDATES = 300
_WINDOW = 4


def place(rows, columns, values, pending, maybe_change=None) -> list[Finding]:
    """Place the figures of each short row (``pending``: row -> its figures) in ``values``,
    marking ``rows`` that no total confirms, then weigh the other reading of each row in
    ``maybe_change`` (see ``_reread_short_of_change``). Returns what it noticed."""
    if maybe_change:
        # Short rows first: the other readings are weighed against the placed table.
        found = place(rows, columns, values, pending)
        return found + _reread_short_of_change(rows, columns, values, maybe_change)
    if not pending:
        return []
    findings: list[Finding] = []
    n = len(columns)
    labels_ = [r.label for r in rows]
    # Every column is evidence of a place, the translated ones too: a figure and its
    # translation are told from two local figures by the translated column's total.
    every_col = list(range(n))
    # First put every short row in its default place, then improve one row at a time, then
    # settle together the neighbouring rows that no total confirmed alone.
    for r, chunk in pending.items():
        values[r] = _default(chunk, n, columns)
    unsettled: dict[int, list] = {}
    walk = _Walk(RowWalk(labels_, every_col), labels_, every_col)
    for r, chunk in pending.items():
        if _one_per_total(chunk, columns):
            continue  # the reconciling item of each period's Total: read as laid out
        options = list(combinations(range(n), len(chunk)))
        if len(options) > _MAX_CANDIDATES:
            findings.append(_warn(rows[r], len(chunk), n, "too many ways to place them"))
            rows[r] = replace(rows[r], guessed=True)
            continue
        scored = _scored(chunk, options, columns, rows, values, r)
        values[r], confirmed = _choose(scored, values, r, walk)
        if not confirmed and _local_figures(chunk, columns) > 1:
            unsettled[r] = [row for _, _, row in scored]
    for group in _neighbours(sorted(unsettled)):
        if _settle_together(group, unsettled, values, labels_, every_col):
            for r in group:
                del unsettled[r]
    for r in unsettled:
        findings.append(_warn(rows[r], len(pending[r]), n, "no total confirms where they belong"))
        rows[r] = replace(rows[r], guessed=True)  # never the basis of an error
    return findings


class _Walk:
    """The walk of the rows above the row being placed; rows are placed top to bottom and
    each placement is final, so the walk grows from one short row to the next."""

    def __init__(self, walk: RowWalk, labels_, every_col) -> None:
        self.walk, self.walked, self.labels, self.cols = walk, 0, labels_, every_col

    def up_to(self, window, r: int) -> RowWalk:
        if self.walked > r:
            self.walk, self.walked = RowWalk(self.labels, self.cols), 0
        self.walk.run(window, self.walked, r)
        self.walked = r
        return self.walk


def _scored(chunk, options, columns, rows, values, r: int) -> list[tuple]:
    """Each place of a short row's figures, scored by the column totals and the rows of
    the same label it would agree with."""
    n = len(columns)
    colrels = column_totals(_grid([v for v in values if None not in v]), [(c.label, c.role) for c in columns])
    repeats = _same_label_rows(rows, values, r)
    scored = []
    for opt in options:
        row = [None] * n
        for (cell, line), c in zip(chunk, opt, strict=True):
            row[c] = (cell, line)
        scored.append((_column_score(colrels, _grid([row])[0]) + _repeat_score(repeats, row), opt, row))
    return scored


def _choose(scored, values, r: int, walk: _Walk) -> tuple[list, bool]:
    """The best place, and whether a total confirms it. Places the column totals score
    alike are told apart by the rows below that total them, within a few rows."""
    top = max(s for s, _, _ in scored)
    tied = [(opt, row) for s, opt, row in scored if s == top]
    default = tuple(i for i, v in enumerate(values[r]) if v is not None)
    confirmed = True
    if len(tied) > 1:
        best_row_score, best = (-1, 0), []
        # The walk of the rows above is the same for every place: walked once, continued per place.
        window = _grid(values)[: r + _WINDOW]
        above = walk.up_to(window, r)
        for opt, row in tied[:60]:
            window[r] = _grid([row])[0]
            score = _row_score(above, window, r)
            if score > best_row_score:
                best_row_score, best = score, [(opt, row)]
            elif score == best_row_score:
                best.append((opt, row))
        tied = best
        confirmed = best_row_score[0] > 0 or top > 0
    return next((t for t in tied if t[0] == default), tied[0])[1], confirmed


def _neighbours(rs: list[int]) -> list[list[int]]:
    """Runs of short rows close enough for one total below to settle them all."""
    groups: list[list[int]] = []
    for r in rs:
        if groups and r - groups[-1][-1] <= _WINDOW:
            groups[-1].append(r)
        else:
            groups.append([r])
    return [g for g in groups if len(g) >= 2]


def _settle_together(group, options, values, labels_, cols) -> bool:
    """Try every placement of the group's rows at once ("General corporate" and "Other
    assets", two figures each, both in the assets columns: only together do they make the
    total row add up). Settled only where one placement does best and a total confirms it."""
    count = 1
    for r in group:
        count *= len(options[r])
    if count > _MAX_CANDIDATES:
        return False
    grid = _grid(values)[: group[-1] + _WINDOW]
    scores: list[tuple[int, tuple]] = []
    for combo in product(*(options[r] for r in group)):
        for r, row in zip(group, combo, strict=True):
            grid[r] = _grid([row])[0]
        touched = [
            rel
            for rel in row_totals(grid, labels_, cols)
            if rel.total in group or any(p in group for _, p in rel.parts)
        ]
        scores.append((sum(rel.tally.holds for rel in touched), combo))
    top = max(score for score, _ in scores)
    best = [combo for score, combo in scores if score == top]
    if top <= 0 or len(best) > 1:
        return False
    for r, row in zip(group, best[0], strict=True):
        values[r] = row
    return True


def _same_label_rows(rows, values, r) -> list[list]:
    """Earlier rows with the same label: a line stated again (the segment profit that
    opens a reconciliation) belongs in the column where its figure first stood."""
    key = rows[r].label.strip().lower()
    return [values[i] for i in range(r) if rows[i].label.strip().lower() == key]


def _repeat_score(repeats, row) -> int:
    score = 0
    for earlier in repeats:
        for c, v in enumerate(row):
            if v is not None and earlier[c] is not None and earlier[c][0].value == v[0].value:
                score += 3
    return score


def _default(chunk, n, columns=()):
    """Where a short row goes when no arithmetic decides: one figure to the latest period
    where the columns are periods (a line that is new this year), else to the last column
    (a reconciling item of the consolidated total); as many as the Total columns to those;
    several others to the first columns. Where
    the table translates into a convenience currency, a row with one figure more than the
    translated columns is one figure and its translations, in those columns."""
    row = [None] * n
    totals = _total_columns(columns)
    if _local_figures(chunk, columns) == 1:
        row[_single_place(columns, n)] = chunk[0]
        for c, v in zip(_translated_columns(columns), chunk[1:], strict=False):
            row[c] = v  # a figure's translations, where the row has them
    elif _one_per_total(chunk, columns):
        # As many figures as Total columns (one per period of a segment x year grid), and
        # their translations where the row has them: a reconciling item stated for the
        # entity only, in each period's Total.
        places = totals if len(chunk) == len(totals) else sorted(totals + _translated_columns(columns))
        for c, v in zip(places, chunk, strict=True):
            row[c] = v
    else:
        for i, v in enumerate(chunk):
            row[i] = v
    return row


def _total_columns(columns) -> list[int]:
    return [i for i, c in enumerate(columns) if c.role == Role.TOTAL]


def _one_per_total(chunk, columns) -> bool:
    """As many figures as Total columns, each Total of its own period (segment x year):
    what a reconciling item stated for the entity only looks like (ASC 280-10-50-30).
    Arithmetic on the other places rests on the segments' missing figures, so it is not
    asked."""
    totals = _total_columns(columns)
    periods = {columns[i].period for i in totals}
    # "... | Total 2023 | Total 2024 | US$ 2024": the Totals' figures and the translation
    translated = len(totals) + len(_translated_columns(columns))
    fits = len(chunk) in (len(totals), translated) and len(chunk) < len(columns)
    return len(totals) >= 2 and len(totals) == len(periods) and fits


def _translated_columns(columns) -> list[int]:
    return [i for i, c in enumerate(columns) if c.role == Role.CONVENIENCE]


def _local_figures(chunk, columns) -> int:
    """How many of a short row's figures are local amounts, by the default placement."""
    conv = _translated_columns(columns)
    return 1 if conv and len(chunk) == len(conv) + 1 else len(chunk)


def _single_place(columns, n: int) -> int:
    """The column of a row's one local figure: the latest period, else the last column
    that is not a translation."""
    if not columns:
        return n - 1
    local = [i for i, c in enumerate(columns) if c.role != Role.CONVENIENCE]
    periods = [columns[i].period for i in local]
    if (
        all(columns[i].role == Role.PERIOD for i in local)
        and all(periods)
        and len(set(periods)) == len(periods)
    ):
        return max(local, key=lambda i: columns[i].period)
    return local[-1] if local else n - 1


def _grid(values):
    return [
        [Interval.shown(v[0].value, v[0].decimals) if v is not None else None for v in row] for row in values
    ]


def _column_score(colrels, row) -> int:
    score = 0
    for rel in colrels:
        total = row[rel.total]
        parts = [row[p] for p in rel.parts if row[p] is not None]
        if total is None or not parts:
            # Reconciling items sit in the total column only, and filings leave totals
            # blank: neither proves or disproves a placement.
            continue
        terms = [(1, p) for p in parts]  # an empty cell among shown ones is nil
        cmp = compare_sum(total, terms)
        if cmp.consistent:
            score += 2
        elif len(parts) >= 2 and miss_share(total, terms, cmp.difference) <= TYPO_SHARE:
            score += 1  # off by a typo: still the likely place (a lone part proves no sum)
        else:
            score -= 2
    return score


def _row_score(above: RowWalk, grid, r) -> tuple[int, int]:
    """(sums that hold, minus sums that miss) among the totals the row takes part in, from
    the walk of the rows above continued over row r and the rows after it."""
    holds = misses = 0
    walk = above.fork()
    walk.run(grid, r, len(grid))
    for rel in walk.found[len(above.found) :]:  # totals above r cannot hold r
        if rel.total == r or any(p == r for _, p in rel.parts):
            # Only sums that hold confirm a place: a total kept by its label although it
            # misses must not pull a figure into the column where it nearly fits. Misses
            # only break ties between places that confirm alike: the one that breaks no
            # total ("(1,164)" under Eliminations, not under Corporate).
            holds += rel.tally.holds
            misses += rel.tally.misses
    # Where nothing holds, misses say nothing of the place: a figure moved off its total
    # breaks nothing elsewhere, and must not be put there to hide the break.
    return holds, -misses if holds else 0


def _reread_short_of_change(rows, columns, values, maybe_change) -> list[Finding]:
    """Rows one figure short of full before a change or percentage column, read with their
    last figure as the last amount (``maybe_change``: row -> its figures without it). The
    other reading, an amount left blank and the last figure the percentage, is taken only
    where it makes sums hold that miss as read, more of them than it loses, and one place
    of its amounts does best; a row that a total already holds in as read stays as read.
    A sum that misses as read and cannot be tested in the other reading gains nothing, so
    a broken total is never read away."""
    n = len(columns)
    labels_ = [r.label for r in rows]
    every_col = list(range(n))
    grid = _grid(values)
    findings: list[Finding] = []
    found = row_totals(grid, labels_, every_col)
    held = {r for rel in found if rel.tally.holds for r in _rows_of(rel)}
    colrels = column_totals(_grid([v for v in values if None not in v]), [(c.label, c.role) for c in columns])
    for r, chunk in maybe_change.items():
        if r in held:
            continue
        scored = []
        for opt in combinations(range(n), len(chunk)):
            row = [None] * n
            for v, c in zip(chunk, opt, strict=True):
                row[c] = v
            trial = list(grid)
            trial[r] = _grid([row])[0]
            either = (*found, *row_totals(trial, labels_, every_col))  # as printed, and as re-read
            relations = [rel for rel in either if r in _rows_of(rel)]
            scored.append((_net_gain(grid, trial, r, relations, colrels), row, trial))
        top = max(score for score, _, _ in scored)
        best = [(row, trial) for score, row, trial in scored if score == top]
        if top > 0 and len(best) == 1:
            values[r], grid = best[0]
            found = row_totals(grid, labels_, every_col)
            findings.append(_changed(rows[r]))
    return findings


def _rows_of(rel) -> list[int]:
    return [rel.total, *(p for _, p in rel.parts)]


def _net_gain(before, after, r, relations, colrels) -> int:
    """Sums that hold after and missed before, less those that held before and do not
    after: each row total in each column, and each column total across row r (its shown
    parts, two at least, an empty cell nil as in _column_score)."""
    instances = [
        [(g[rel.total][c], [(s, g[p][c]) for s, p in rel.parts]) for g in (before, after)]
        for rel in {(rel.total, rel.parts): rel for rel in relations}.values()
        for c in range(len(before[r]))
    ]
    for rel in colrels:
        pair = []
        for g in (before, after):
            shown = [(1, g[r][p]) for p in rel.parts if g[r][p] is not None]
            pair.append((g[r][rel.total], shown if len(shown) >= 2 else [(1, None)]))
        instances.append(pair)
    gain = 0
    for was, now in instances:
        held, holds = (tally([inst], TYPO_SHARE) for inst in (was, now))
        if holds.holds and held.tested and not held.holds:
            gain += 1
        elif held.holds and not holds.holds:
            gain -= 1
    return gain


def _changed(row) -> Finding:
    return Finding(
        "seg.layout.percent",
        Severity.INFO,
        f"row '{row.label}' is one figure short: its last figure is read as the change "
        "or percentage column's, as more totals add up so, and its amounts are placed "
        "where they do",
        line_item=row.label,
        source_line=row.line,
    )


def _warn(row, m, n, why) -> Finding:
    return Finding(
        "seg.layout.placement",
        Severity.WARNING,
        f"row '{row.label}' has {m} figures for {n} columns and {why}; "
        "read in the first columns, check the placement",
        line_item=row.label,
        source_line=row.line,
    )
