"""The periods a function argument asks for: a year as the note labels it, a fiscal-year
name, a date, or an interim period ("Q2 2025", "H1 2025", "6M 2025"), and the years a
fiscal-year name cannot tell apart (a 52/53-week year ended early in a calendar year).

A mixin of the functions' index (``index.Index``): it reads ``periods``, ``note`` and
``memo`` from it.
"""

from __future__ import annotations

import re

from xlsegment.durations import duration_of
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
        same_year = [p for p in self.periods if year_of(p) == asked.year]
        if asked.duration:
            found = [p for p in same_year if _label_duration(p) == asked.duration]
            # "Q2 2025" where the note states every quarter of 2025 ("3M 2025-Q2")
            found = [p for p in found if quarter_number(p) == quarter_number(asked.text)] or found
        else:
            found = [p for p in same_year if _label_duration(p) is None] or same_year
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
            raise Miss(
                f"period {asked.text!r} is ambiguous: the note names its years only by the day they end, "
                f"and filers call a year ended early in {found[0]} fiscal {found[0]} or fiscal "
                f"{int(found[0]) - 1}; ask for {choices}"
            )
        return found[0]

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


def _label_duration(period: str) -> str | None:
    """The duration a period label names: the reader's mark ("6M 2025") or its words."""
    return duration_mark(period) or duration_of(period)
