"""The periods a function argument asks for: a year as the note labels it, a fiscal-year
name, a date, or an interim period ("Q2 2025", "H1 2025", "6M 2025"), and the years a
fiscal-year name cannot tell apart (a 52/53-week year ended early in a calendar year).

A mixin of the functions' index (``index.Index``): it reads ``periods``, ``note`` and
``memo`` from it.
"""

from __future__ import annotations

import calendar
import re

from xlsegment.durations import MONTH_DAY, duration_of, half_number, month_number
from xlsegment.labels import YEAR_RE
from xlsegment.model import Note
from xlsegment.readers.layout import duration_mark, quarter_number

from .facts import Miss, listing
from .query import PeriodAsked, period_asked, year_of


class Periods:
    """Period look-ups of the index."""

    def period(self, value: object) -> str:
        """The note's period a function argument asks for (``query.period_asked``): the
        year the note labels by that number ("FY2023" is the column labelled 2023, unless the
        note labels it only by an end early in a calendar year: ``early_year_end``), or the
        interim period of the duration asked. Where the year names several periods (3M 2025
        and 6M 2025), the argument must say which."""
        try:
            return self.memo(("period", type(value).__name__, value), lambda: self._period(value))
        except TypeError:  # an unhashable argument: asked afresh
            return self._period(value)

    def _period(self, value: object) -> str:
        asked = value if isinstance(value, PeriodAsked) else period_asked(value)
        found = self._ending_on(asked, self._of_part(asked, self._of_duration(asked)))
        if not found:
            raise Miss(f"period {asked.text!r} not found; have: {listing(self.periods)}")
        if len(found) > 1:
            raise Miss(
                f"period {asked.text!r} is ambiguous: {listing(found)}; ask for one, e.g. {found[-1]!r}"
            )
        if asked.fiscal and self.early_year_end(found[0]):
            # Fiscal 2023 is the year labelled 2023, or the one labelled 2024 that began in 2023.
            either = [p for p in (found[0], str(int(found[0]) + 1)) if p in self.periods]
            choices = " or ".join(f"{p} (the year ended {self.early_year_end(p) or p})" for p in either)
            if len(either) == 1:  # the other reading is a year the note does not hold
                choices += ", if that is the year you mean (the other is not in this note)"
            raise Miss(
                f"period {asked.text!r} is ambiguous: the note names its years only by the day they end, "
                f"and filers call a year ended early in {found[0]} fiscal {found[0]} or fiscal "
                f"{int(found[0]) - 1}; ask for {choices}"
            )
        return found[0]

    def _of_duration(self, asked: PeriodAsked) -> list[str]:
        """The note's periods of the year and duration asked. A year asked alone may be
        answered by the one interim period of that year; a fiscal year never is."""
        same_year = [p for p in self.periods if year_of(p) == asked.year]
        if asked.duration:
            found = [p for p in same_year if _label_duration(p) == asked.duration]
            # "Q2 2025" where the note states every quarter of 2025 ("3M 2025-Q2")
            return [p for p in found if quarter_number(p) == quarter_number(asked.text)] or found
        annual = [p for p in same_year if _label_duration(p) is None]
        return annual if annual or asked.fiscal else same_year

    def _of_part(self, asked: PeriodAsked, found: list[str]) -> list[str]:
        """The quarter or half asked by its number ("Q1 2025", "H2 2025"), where the
        note's label does not carry it: only a period whose number the note shows."""
        if not asked.part or any(quarter_number(p) for p in found):
            return found
        if any(half_number(p) for p in found):  # "6M 2025-H2": the note's label says which half
            return [p for p in found if f"H{half_number(p)}" == asked.part]
        known = {p: self._part_of(p) for p in found}
        kept = [p for p in found if known[p] == asked.part]
        if found and not kept:
            unknown = [p for p in found if known[p] is None]
            if unknown:
                raise Miss(
                    f"period {asked.text!r}: the note does not say which {_PART_WORDS[asked.part[0]]} "
                    f"{unknown[0]!r} is; ask for {unknown[0]!r}"
                )
            raise Miss(f"period {asked.text!r} not found; the note's {found[0]!r} is {known[found[0]]}")
        return kept

    def _part_of(self, period: str) -> str | None:
        """Which quarter or half an interim period is, where the note shows it. Six months
        are the first half: a 10-Q's six months are its year to date. Three months beside
        six or nine months to the same day are the second or third quarter (a fiscal year
        that ends in September shows nine months to June 30: June's quarter is its third).
        Otherwise a quarter ending in March, June, September or December is the first to
        fourth of a calendar year; a quarter ending in another month is not named."""
        duration, year, end = _label_duration(period), year_of(period), self.end_day(period)
        if duration == "6M":
            return "H1"
        if duration != "3M":
            return None
        named = self.memo(("quarter named", period), lambda: _quarter_named(self.note, period))
        if named:
            return f"Q{named}"
        to_date = [p for p in self.periods if year_of(p) == year and _label_duration(p) in ("6M", "9M")]
        # to the same day, or to days the headings do not tell (a 10-Q's bands end together)
        months = max((int(_label_duration(p)[0]) for p in to_date if self.end_day(p) == end), default=0)
        if months:
            return f"Q{months // 3}"
        return f"Q{end[0] // 3}" if end is not None and end[0] % 3 == 0 else None

    def _ending_on(self, asked: PeriodAsked, found: list[str]) -> list[str]:
        """A whole date asks for the period that ends that day, where the note states the
        day its periods end ("Year ended May 31"): never another period of the same year."""
        if asked.date is None:
            return found
        ends = {p: self.end_day(p) for p in found}
        kept = [p for p in found if ends[p] in (None, (asked.date.month, asked.date.day))]
        if found and not kept:
            stated = ", ".join(f"{p} (ended {calendar.month_name[m]} {d})" for p, (m, d) in ends.items())
            raise Miss(
                f"period {asked.text!r} not found: no period of the note ends that day; have: {stated}"
            )
        return kept

    def end_day(self, period: str) -> tuple[int, int] | None:
        """(month, day) the note's headings state ``period`` ends on, or None where they
        state none or several."""
        return self.memo(("end day", period), lambda: _end_day(self.note, period))

    def early_year_end(self, period: str) -> str | None:
        """The end of a year the note labels only by the date it ends, where that date
        falls in a calendar year's first five weeks ("February 3, 2024"): filers name
        such a year by the calendar year most of it lies in (a retailer's "fiscal 2023")
        or by the year it ends in (a "fiscal 2024"), so a fiscal-year name cannot tell
        which is asked. None for any other period."""
        return self.memo(("early end", period), lambda: _early_end(self.note, period))


_MONTH_DAY = re.compile(r"\b(jan(?:uary)?|feb(?:ruary)?)\.?\s+(\d{1,2})\b", re.IGNORECASE)
_EARLY_DAYS = 38  # January and the first week of February: a 52/53-week year's latest end


def _early_end(note: Note, period: str) -> str | None:
    if not YEAR_RE.match(period):
        return None  # "Fiscal 2024", "6M 2025": the label names the year itself
    for table in note.tables:
        found = _MONTH_DAY.search(table.period_words)
        if not found or not any(f.period == period for f in table.cells.values()):
            continue
        day = int(found.group(2))
        day_of_year = day if found.group(1).lower().startswith("jan") else 31 + day
        if day_of_year <= _EARLY_DAYS:
            return f"{found.group(1)} {day}, {period}"
    return None


_PART_WORDS = {"Q": "quarter", "H": "half"}


def _holding(note: Note, period: str):
    return (t for t in note.tables if any(f.period == period for f in t.cells.values()))


def _end_day(note: Note, period: str) -> tuple[int, int] | None:
    """The one day of a month the headings over ``period`` name; None where they name
    none, or several (a table's words are not told apart by column)."""
    days = {
        (month_number(m["month"]), int(m["day"]))
        for table in _holding(note, period)
        for m in MONTH_DAY.finditer(table.period_words)
    }
    return days.pop() if len(days) == 1 else None


def _quarter_named(note: Note, period: str) -> str | None:
    """The quarter the headings over ``period`` name ("Second quarter 2025"), if one."""
    named = {quarter_number(t.period_words) for t in _holding(note, period)} - {None}
    return named.pop() if len(named) == 1 else None


def _label_duration(period: str) -> str | None:
    """The duration a period label names: the reader's mark ("6M 2025") or its words."""
    return duration_mark(period) or duration_of(period)
