"""Normalising a text header's bands before the header rules read them.

``textheader.Header`` holds a header's bands (names, periods, currency marks, change
headers) as the text gives them. Some arrangements must be settled before any reading
can tile the columns: a title above a lone year, pieces of wrapped headings interleaved,
a measure's name over the periods, a group label over the names. Each step here is one
such settling, named in ``headerrules.RULES`` with an example and a grid test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from xlsegment import currency, durations, labels
from xlsegment.model import Column, Role
from xlsegment.readers.layout import NoteContext, period_labels, with_duration
from xlsegment.readers.lines import RawRow
from xlsegment.readers.textheader import Header, dedupe_names, unwrapped
from xlsegment.vocabulary import LineKind, classify, column_role


@dataclass
class Shape:
    """What a rule sees: the header's bands, the usual and the widest number of figures in
    the body's rows, the note's context, and the columns of the part of the table before."""

    h: Header
    n: int
    ctx: NoteContext
    widest: int = 0
    previous: list[Column] | None = None
    before: set[int] = field(default_factory=set)  # the part before's change columns
    line: int = 0  # where the table starts, for findings

    @property
    def curs(self) -> list[str]:
        return [c for c, _ in self.h.currencies]

    @property
    def period(self) -> str:
        return self.h.period or ""

    @cached_property
    def names(self) -> list:
        return unwrapped(dedupe_names(self.h.names), self.n)


# ---------------------------------------------------------------- normalising the bands


def title_above_the_period(s: Shape) -> None:
    """Names above a lone period, where the names below it name every column ("Segment
    information" / 2024 / Mining, Corporate, Total), are the table's title, not columns."""
    h, k = s.h, s.h.names_before_years or 0
    if k and h.period and not h.period_cols and len(dedupe_names(h.names[k:])) == s.n:
        h.lead_in.extend(r.label for r in h.names[:k])
        h.names = h.names[k:]
        h.names_before_years = 0
        s.__dict__.pop("names", None)


def declared_names_on_one_line(s: Shape) -> None:
    """Segment names the prose declares run together on one line, as flowed text gives a
    header ("Truckload Intermodal Logistics Solutions", perhaps then "Total"): one name
    per column, in that order. Only a line made of declared names wholly is split."""
    h, out = s.h, []
    _names_taken_for_a_sentence(s)
    for i, r in enumerate(h.names):
        pieces = _declared_run(r.label, s.ctx.segments)
        if len([p for p in pieces if p not in _CLOSING_NAMES]) < 2 or any(
            p in _CLOSING_NAMES for p in pieces[:-1]
        ):
            out.append(r)
            continue
        out += [replace(r, label=piece) for piece in pieces]
        if h.names_before_years is not None and i < h.names_before_years:
            h.names_before_years += len(pieces) - 1
    if len(out) != len(h.names):
        h.names = out
        s.__dict__.pop("names", None)


def _names_taken_for_a_sentence(s: Shape) -> None:
    """A long line of declared names in sentence case ("Item Power battery systems Energy
    storage systems Battery materials Inter-segment offset Total") was taken for a lead-in
    sentence; where it is made of declared names wholly and no names were read, it is
    the names' line."""
    h = s.h
    if h.names or not s.ctx.segments:
        return
    for text in h.lead_in:
        pieces = _declared_run(text, s.ctx.segments)
        if len([p for p in pieces if p not in _CLOSING_NAMES]) >= 2:
            h.names = [RawRow(text, s.line)]
            h.lead_in = [t for t in h.lead_in if t != text]
            return


_CLOSING_NAMES = ("Total", "Consolidated")
# A heading over the row labels that flowed text puts before the column names
_LABELS_HEADING = frozenset({"item", "items", "particulars", "description"})


def _declared_run(label: str, declared: tuple[str, ...]) -> list[str]:
    """The names that make up ``label`` word for word: declared names (longest first at
    each word), a reconciling column between them ("Corporate and Eliminations") and a
    closing "Total"; [] where any word is left over. A unit before them ("(In millions)")
    heads the labels."""
    text = found[1] if (found := labels.unit_first(label)) else label
    words, names, at = text.split(), [], 0
    if words and words[0].lower() in _LABELS_HEADING and len(words) > 1:
        words = words[1:]  # "Item" over the row labels, flowed onto the names' line
    candidates = sorted((*declared, *_CLOSING_NAMES), key=lambda n: -len(n.split())) if declared else ()
    while at < len(words):
        found = _name_at(words, at, candidates)
        if found is None:
            return []
        names.append(found if found in _CLOSING_NAMES else " ".join(words[at : at + len(found.split())]))
        at += len(found.split())
    return names


def _name_at(words: list[str], at: int, candidates) -> str | None:
    """The name that starts at word ``at``: a candidate, else the longest run of words up
    to the next candidate that names a Corporate or Eliminations column."""
    found = _candidate_at(words, at, candidates)
    if found is not None:
        return found
    for end in range(len(words), at, -1):
        run = " ".join(words[at:end])
        if column_role(run) in (Role.CORPORATE, Role.ELIMINATION) and (
            end == len(words) or _candidate_at(words, end, candidates) is not None
        ):
            return run
    return None


def _candidate_at(words: list[str], at: int, candidates) -> str | None:
    return next(
        (n for n in candidates if [w.lower() for w in words[at : at + len(n.split())]] == n.lower().split()),
        None,
    )


# A header line that is a lone joining word ("of", "the") is a piece of a heading wrapped
# over several lines, interleaved with the pieces of its neighbours: a fixed-width header
# flattened line by line ("The" / "United" / "Other" / "Americas Netherlands" / "Kingdom").
_LONE_JOINING_WORD = frozenset({"of", "the", "in", "for", "to", "at", "by", "from"})


def _pieces(label: str) -> bool:
    """A lone joining word, or a name that holds the currency codes of several columns
    ("Total of in USD in EUR in GBP"): pieces of several headings run together."""
    words = label.split()
    codes = [w for w in words if w.isupper() and len(w) == 3 and w in currency.iso_codes()]
    return label.strip().lower() in _LONE_JOINING_WORD or len(codes) >= 2


def declared_in_pieces(s: Shape) -> None:
    """A segment the note's prose declares ("Port Terminals") standing in the header in
    two pieces, its first words one name and its last words inside another ("Port", then
    "Corporate and Terminals"): the header's lines were interleaved, so which words make
    which column's name cannot be told and none is taken (the columns are unnamed)."""
    h = s.h
    names = [r.label.strip() for r in h.names]
    for declared in s.ctx.segments:
        words = declared.split()
        if any(declared.lower() in n.lower() for n in names):
            continue
        for k in range(1, len(words)):
            head, tail = " ".join(words[:k]).lower(), " ".join(words[k:]).lower()
            starts = [i for i, n in enumerate(names) if n.lower() == head]
            ends = [i for i, n in enumerate(names) if tail in n.lower() and n.lower() != head]
            if starts and ends:
                h.names = []
                h.names_before_years = 0
                h.interleaved = True
                s.__dict__.pop("names", None)
                return


def interleaved_pieces(s: Shape) -> None:
    """Names that are pieces of headings interleaved line by line: no reading of them can
    tell which words make which column's name, so none is taken (the columns are unnamed)."""
    h = s.h
    if any(_pieces(r.label) for r in h.names):
        h.names = []
        h.names_before_years = 0
        h.interleaved = True
        s.__dict__.pop("names", None)


def quarters_of_the_year(s: Shape) -> None:
    """ "Q1 | Q2 | Q3 | Q4 | Full Year" under or over one year: the names are the periods,
    each quarter three months of that year and "Full Year" the year itself."""
    h = s.h
    words = [r.label.strip() for r in h.names]
    quarters = [w for w in words if labels.QUARTER_ALONE.match(w)]
    if not h.period or h.period_cols or len(quarters) < 2 or len(quarters) + 1 < len(words):
        return
    if not all(labels.QUARTER_ALONE.match(w) or labels.FULL_YEAR.match(w) for w in words):
        return
    texts = [f"{w} {h.period}" if labels.QUARTER_ALONE.match(w) else h.period for w in words]
    h.period_cols, h.period = period_labels(texts), None
    h.names, h.names_before_years = [], 0
    s.__dict__.pop("names", None)


def measure_over_the_periods(s: Shape) -> None:
    """One name over the periods, and that name a measure ("Sales to Customers" over 2024,
    2023, 2022 and their changes): it says what every figure below is, as a title would,
    while the rows' own headings say whose (segments over products over regions)."""
    h = s.h
    if h.names_before_years != 1 or not h.names or not (h.period_cols or h.period):
        return
    line = classify(h.names[0].label)
    if line.financial and not line.closes and line.kind != LineKind.PERCENT:
        h.lead_in.append(h.names[0].label)
        h.names = h.names[1:]  # the names after the years head the first rows
        h.names_before_years = 0
        s.__dict__.pop("names", None)


def one_year_in_its_words(s: Shape) -> None:
    """Period headings that name one year in different words ("Year ended March 31, 2025"
    over the flows, "As of March 31, 2025" over the assets) above names of every column:
    the year of every column, as a lone year would be. Which heading stands over which
    name is not said, and both name the same year."""
    h = s.h
    headings = h.period_cols
    if len(headings) < 2 or len(s.names) < s.n or not all(labels.is_period_heading(p) for p in headings):
        return
    years = {y for p in headings for y in labels.years_in(p)}
    stated = {durations.duration_of(p) for p in headings}
    if len(years) == 1 and len(stated) == 1:
        h.period = with_duration(str(years.pop()), stated.pop())
        h.period_cols = []


def widest_rows_named(s: Shape) -> None:
    """Where the header names every column of the widest rows, most rows fill fewer:
    totals stated for some lines only."""
    if s.widest > s.n and s.h.names and _named_columns(s, s.widest) == s.widest:
        s.n = s.widest
        s.__dict__.pop("names", None)


def years_over_currency_runs(s: Shape) -> None:
    """Each year over the same run of currency cells ("2023 2024" over "RMB US$ RMB US$"):
    the year stands over every column of its run, as if written over each."""
    h, curs, n = s.h, s.curs, s.n
    years = h.period_cols
    if not years or len(years) >= n or len(curs) != n or n % len(years) or len(set(years)) != len(years):
        return
    block = n // len(years)
    runs = [curs[k * block : (k + 1) * block] for k in range(len(years))]
    if block >= 2 and len(set(runs[0])) >= 2 and all(run == runs[0] for run in runs):
        h.period_cols = [year for year in years for _ in range(block)]


def _named_columns(s: Shape, width: int) -> int:
    """How many columns the header names: its names and change columns, and the translated
    columns after them where a currency row as wide as the rows names another currency."""
    named = len(dedupe_names(s.h.names)) + len(s.h.changes)
    if len(s.curs) == width:
        named += sum(1 for c in s.curs[named:] if c != s.ctx.currency)
    return named


# A label over the segments' names as a group ("Reportable segments" spanning the first
# columns of a Japanese or ASU 2023-07 header), flattened into the text as one more name.
_GROUP_LABEL = re.compile(r"^(?:(?:reportable|operating|business)\s+)?segments?$", re.IGNORECASE)


def group_label_over_names(s: Shape) -> None:
    """One name more than the columns, and that name a label over a group of them
    ("Reportable segments" above "Vehicle", "Optical", "Subtotal"): it names no column."""
    names = s.h.names
    if len(dedupe_names(names)) != s.n + 1:
        return
    kept = [r for r in names if not _GROUP_LABEL.match(r.label.strip(" :"))]
    if len(dedupe_names(kept)) != s.n:
        return
    dropped = len(names) - len(kept)
    if s.h.names_before_years:
        s.h.names_before_years = max(0, s.h.names_before_years - dropped)
    s.h.names = kept
    s.__dict__.pop("names", None)


def change_heading_in_two(s: Shape) -> None:
    """'%' among the years over 'change' among the currency marks ("2024 2023 %" over "Rm
    Rm change"): the halves of one "% change" heading, so one change column, not two."""
    h = s.h
    if not (h.percent_marks and h.changes and h.currencies):
        return
    first = min(line for _, line in h.currencies)
    above = [m for m in h.percent_marks if m < first]
    below = [r for r in h.changes if r.line > first]
    if above and len(above) == len(below) == len(h.percent_marks):
        h.percent_marks = []
