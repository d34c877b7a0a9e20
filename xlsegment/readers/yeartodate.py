"""How long a "Year-to-Date" period is: the longer interim period the sentence introducing
the table states ("for the three and nine months ended September 30" -> 9M), or the
length a sentence of the note's prose gives it ("the year-to-date periods each contained
thirty-nine weeks" -> 9M). Where the note states neither, the period stays "YTD", one of
its own that meets no other: its length is never guessed from the date it ends on, since
a fiscal year may start in any month."""

from __future__ import annotations

import re

from xlsegment import labels
from xlsegment.durations import YEAR_TO_DATE, duration_of

_MONTHS_STATED = re.compile(r"\b(three|six|nine|twelve)\b(?=[^.]*\bmonths?\b)", re.IGNORECASE)
_MONTHS = {"three": 3, "six": 6, "nine": 9, "twelve": 12}


def year_to_date(stated: list[str], lead_in: str) -> list[str]:
    """A "Year-to-Date" band's duration, where the introducing sentence states the longer
    of its interim periods ("for the three and nine months ended September 30" -> 9M), or
    a sentence of the text before says how long the year-to-date period is ("the
    year-to-date periods each contained thirty-nine weeks" -> 9M); else it stays "YTD", a
    period of its own that meets no other."""
    if YEAR_TO_DATE not in stated:
        return stated
    months = [_MONTHS[m.lower()] for m in _MONTHS_STATED.findall(labels.introducing_sentence(lead_in))]
    longest = f"{max(months)}M" if months and max(months) < 12 else stated_year_to_date(lead_in)
    return [longest if d == YEAR_TO_DATE else d for d in stated]


# a sentence of prose about the period: on one line, ended by a full stop (no header cell)
_YTD_SENTENCE = re.compile(r"[^.\n]*\byear[\s-]to[\s-]date\b[^.\n]*\.", re.IGNORECASE)
# a length in words or figures ("thirty-nine weeks", "nine months"), never a caption
_LENGTH = re.compile(
    r"\b(?:three|six|nine|thirteen|twenty[\s-]six|thirty[\s-]nine|\d{1,2})[\s-]+(?:months?|weeks?)\b",
    re.IGNORECASE,
)


def stated_year_to_date(text: str) -> str:
    """The longest interim duration a sentence about the year-to-date period states."""
    stated = [
        d
        for sentence in _YTD_SENTENCE.findall(text)
        for length in _LENGTH.findall(sentence)
        if (d := duration_of(length))
    ]
    return max(stated, key=lambda d: int(d[:-1])) if stated else YEAR_TO_DATE
