"""A table's title in the filing's own words, for the schedules a reviewer signs.

A filing seldom puts a heading over a segment table; it introduces the table with a
sentence ("The following table presents revenue, profitability, and expense information
about our segments (in millions):", "Total segment assets reconciled to consolidated
amounts are as follows:"). The title is what that sentence says the table holds,
without its period and unit (the columns' captions state them). A short heading on the
last line before the table ("Capital Expenditures", "Identifiable Assets") is the title
as it stands. Where neither is found, there is no own title, and the schedule keeps the
table's name.
"""

from __future__ import annotations

import re

from xlsegment import labels

MAX_TITLE_CHARS = 120  # longer than this, the phrase is prose, not a title
MIN_TITLE_CHARS = 4  # shorter than this, a fragment ("T"), not a title
MAX_HEADING_WORDS = 8  # a heading line of more words is a sentence's tail

# What a sentence introducing a table says the table holds: "The following table(s)
# presents/sets forth/shows/... X", "The table below presents X", "X is/are as follows",
# "X is presented below", "X follows:". Each pattern names its phrase "what".
_INTRODUCED = (
    re.compile(
        r"\b(?:the\s+)?(?:following|below)\s+(?:tables?|schedules?)\s+(?:below\s+)?"
        r"(?:presents?|sets?\s+forth|shows?|provides?|summarizes?|includes?|reflects?|details?|"
        r"represents?)\s+(?:the\s+following\s*:?\s*)?(?P<what>.+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bthe\s+(?:tables?|schedules?)\s+below\s+(?:presents?|sets?\s+forth|shows?|provides?|"
        r"summarizes?|includes?|details?)\s+(?:details\s+of\s+)?(?P<what>.+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:the\s+following\s+(?:is|are)\s+)?(?P<what>.+?)\s+(?:is|are|was|were)\s+"
        r"(?:provided\s+|presented\s+|summarized\s+|shown\s+|set\s+forth\s+)?"
        r"(?:as\s+follows|below|in\s+the\s+(?:following\s+)?table(?:\s+below)?)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:the\s+following\s+is\s+)?(?P<what>.+?)\s+follows\s*:?\s*$", re.IGNORECASE),
)
_DETAILS_OF = re.compile(r"^(?:details|a\s+summary)\s+of\s+", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+(?=\w)", re.IGNORECASE)
# The period and unit a phrase ends on: the captions over the columns state them.
_TAIL = re.compile(
    r"\s*(?:\((?:in|dollars|amounts|\$)[^)]*\)|,?\s+(?:for|as\s+of|at)\s+(?:the\s+)?(?:years?|fiscal|each\s+"
    r"period|periods|three|six|nine|twelve|quarters?|december|june|september|march|(?:19|20)\d\d)\b.*|[:.,;]\s*)$",
    re.IGNORECASE,
)
_NOT_A_HEADING = re.compile(
    r"table of contents|notes to|\(continued\)|^\(?in\s+\w+\)?$|form 10-k"
    # A running head: the company's name ("The Procter & Gamble Company", "Comcast Corporation").
    r"|\b(?:company|corporation|inc\.?|incorporated|ltd\.?|limited|plc|n\.v\.|s\.a\.|holdings)$"
    # A ratio's row label ("Gross profit as a percentage of revenue"): percentages are not
    # read as a table, so such a line is the tail of the table above.
    r"|as\s+a\s+percent|\bpercent(?:age)?\b|%",
    re.IGNORECASE,
)
# A period left dangling where the dates follow in the header: "... by geographic area as
# of:", "... for the years ended:".
_DANGLING = re.compile(
    r"\s+(?:as\s+of|as\s+at|at|for\s+the\s+(?:fiscal\s+)?(?:years?|periods?|quarters?)(?:\s+ended)?|ended)\s*$",
    re.IGNORECASE,
)


# Where a sentence ends and the next begins, page furniture between them ("respectively.
# 115 Information about ...", "58 Table of Contents The Boeing Company ...").
_BOUNDARY = re.compile(
    r"(?<=[.;:])\s+(?:\d+\s+)?|\btable of contents\b\s*"
    r"|\bnotes to (?:the )?consolidated financial statements\s*(?:\(continued\)\s*)?",
    re.IGNORECASE,
)


def own_title(lead_in: str) -> str | None:
    """The title the filing gives a table: what its introducing sentence says the table
    holds, else a short heading just before it; None where it gives neither."""
    sentence = _BOUNDARY.split(labels.introducing_sentence(lead_in))[-1]
    for pattern in _INTRODUCED if sentence else ():
        found = pattern.search(sentence)
        if found:
            return _title(found.group("what"))
    return _heading(lead_in)


def _title(phrase: str) -> str | None:
    text = _DETAILS_OF.sub("", phrase.strip())
    while (trimmed := _DANGLING.sub("", _TAIL.sub("", text))) != text:
        text = trimmed
    text = _ARTICLE.sub("", text)  # "The reconciliation of ..." is "Reconciliation of ..."
    if len(text) < MIN_TITLE_CHARS or len(text) > MAX_TITLE_CHARS:
        return None
    return text[0].upper() + text[1:]


def _heading(lead_in: str) -> str | None:
    """A short heading standing last before the table ("Capital Expenditures"), not a
    period ("Year Ended December 31, 2023"), a page furniture line or a sentence."""
    last = re.split(r"(?<=[.:;)])\s+(?=[A-Z])", _BOUNDARY.split(lead_in.strip())[-1])[-1]
    words = last.split()
    if len(last) < MIN_TITLE_CHARS or len(words) > MAX_HEADING_WORDS or last.endswith((".", ":", ";")):
        return None
    if _NOT_A_HEADING.search(last) or labels.years_in(last) or labels.is_period_heading(last):
        return None
    if any(ch.isdigit() for ch in last):
        return None
    return last[0].upper() + last[1:]
