"""The segments a note's prose declares: "We have two reportable segments, Water
Technologies and Climate Solutions", "three reportable segments: Warehouse Clubs,
membership-only stores; Neighborhood Markets, ...; and Fuel & Convenience, ...".

ASC 280-10-50-21 and IFRS 8.22 require the note to name the factors that identify the
segments, so most notes name them in a sentence before the tables. A heading over rows
that is one of these names is that segment's block, and the rows under it are its lines
(products, expense captions), not segments of their own. Only names the sentence states
plainly count: capitalised, a few words each, listed after "segments" and a count or
"are"; anything else declares nothing rather than a guess.
"""

from __future__ import annotations

import re

from xlsegment import labels

_NUMBERS = {
    w: i
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}
_COUNT = r"(?P<count>" + "|".join(list(_NUMBERS)[2:]) + r"|\d{1,2})"
_INTRO = re.compile(
    r"\b(?:" + _COUNT + r"\s+(?:(?:reportable|operating|business)\s+)?segments?|"
    r"(?:reportable|operating)\s+segments?\s+(?:are|were|consist\s+of|comprise)(?=[\s:]))"
    r"(?:\s*[,:;—–-]\s*|\s+(?:which\s+are|namely|are|consisting\s+of)\s*[:,]?\s*|\s+)"
    # up to the sentence's end: a period after no one-letter abbreviation ("U.S. Retail")
    r"(?P<list>.*?)(?:(?<!\b[A-Z])\.(?=\s|$)|\s\(|$)",
    re.IGNORECASE,
)
_ITEM_WORDS = 6  # "Oral, Personal and Home Care": a name is a few words, never a clause
_NAME = re.compile(r"^(?:the\s+)?([A-Z0-9][\w&'’.-]*(?:\s+(?:and|of|&|[A-Z0-9][\w&'’.-]*)){0,5})$")
# Names in lower case ("power battery systems, energy storage systems and battery
# materials"), as translated notes write them: counted only where the sentence states how
# many there are, lists them after a colon, and the count agrees.
_LOWER_NAME = re.compile(r"^(?:the\s+)?([a-z][\w&'’-]*(?:\s+[a-z][\w&'’-]*){0,4})$")


def declared_segments(text: str) -> tuple[str, ...]:
    """The segment names the first sentence declaring them lists, in its order; () where
    none lists them plainly or the count it states disagrees with the names found."""
    for m in _INTRO.finditer(text):
        names = _names(m.group("list"))
        count = (m.group("count") or "").lower()  # none in "reportable segments are ..."
        stated = _NUMBERS.get(count, int(count) if count.isdigit() else None)
        if names and (stated is None or stated == len(names)):
            return tuple(names)
        listed = ":" in text[m.start() : m.start("list")]  # "segments: power battery systems, ..."
        lower = _names(m.group("list"), _LOWER_NAME) if not names and stated and listed else []
        if lower and stated == len(lower):
            return tuple(lower)
    return ()


# ", which develops ... horses" after a name, up to the next name or the sentence's end
_APPOSITIVE = re.compile(r",\s+(?:which|that|who|whose)\b.*?(?=,\s+(?:and\s+)?[A-Z]|;|$)")


def _names(listing: str, pattern: re.Pattern = _NAME) -> list[str]:
    # "A, description; B, description; and C, description": the name before each comma.
    # "A, which ..., and B, which ...": each name before its clause.
    listing = _APPOSITIVE.sub("", listing)
    items = listing.split(";") if ";" in listing else re.split(r",\s*|\s+and\s+", listing)
    names = []
    for item in items:
        item = re.sub(r"^\s*(?:and|&)\s+", "", item.strip())
        if ";" in listing:
            item = item.split(",")[0].strip()
        m = pattern.match(item)
        if not item or m is None or len(item.split()) > _ITEM_WORDS:
            # "Port Terminals and Rail Freight, and allocates resources to them": the list
            # ends where the sentence goes on; the count it states must still agree
            return names if names and item[:1].islower() else []
        names.append(m.group(1))
    return names


# "operates as one operating segment", "a single reportable segment", "one operating and
# reportable segment": the entity is its one segment (ASC 280-10-50-20 as amended by ASU
# 2023-07 asks such entities for the note too).
_SINGLE = re.compile(
    r"\b(?:a\s+single|single|one)\s+(?:(?:operating|reportable|business)\s+(?:and\s+(?:operating|reportable)\s+)?)"
    r"segment\b|\bsingle\s+segment\b",
    re.IGNORECASE,
)


def single_segment(text: str) -> bool:
    """The prose says the entity has one segment and names no list of segments."""
    return bool(_SINGLE.search(text)) and not declared_segments(text)


def is_declared(label: str, declared: tuple[str, ...]) -> bool:
    """The label names one of the declared segments ("Water Technologies:")."""
    key = labels.norm_key(labels.strip_footnotes(label).strip(" :"))
    return bool(key) and any(key == labels.norm_key(d) for d in declared)
