"""What the functions say of facts before any index: a miss, a listing that fits a cell,
whether a fact is a total, and which names are geographic regions, not segments.

Both the index (``index``) and the reconciliation rows (``recon``) build on these.
"""

from __future__ import annotations

from collections.abc import Iterable

from xlsegment.model import Fact, Role
from xlsegment.readers.naming import GEO_ASSETS, GEO_REVENUE
from xlsegment.vocabulary import LineKind, classify

_MAX_LISTED = 8


class Miss(LookupError):
    """A look-up that found nothing; ``str()`` is the short text shown in the cell."""


def listing(names: Iterable[object]) -> str:
    """At most a handful of names, for an error text that still fits a cell."""
    names = list(dict.fromkeys(str(n) for n in names))
    shown = ", ".join(names[:_MAX_LISTED])
    return shown + (f" (+{len(names) - _MAX_LISTED} more)" if len(names) > _MAX_LISTED else "")


def is_geographic(table: str) -> bool:
    """A table of geographic information (IFRS 8.33, ASC 280-10-50-41): its columns or rows
    are regions, not segments."""
    low = (table or "").lower()
    return table in (GEO_REVENUE, GEO_ASSETS) or "geograph" in low or "region" in low


def regions_of(facts: Iterable[Fact]) -> frozenset[str]:
    """Names that only the geographic tables use: regions, not operating segments."""
    elsewhere = {f.segment for f in facts if not is_geographic(f.table)}
    return frozenset(f.segment for f in facts if is_geographic(f.table) and f.segment not in elsewhere)


def is_total(fact: Fact) -> bool:
    return fact.role == Role.TOTAL or classify(fact.segment).kind == LineKind.TOTAL


# "Other" alone beside the segments: the combined category of the businesses that are
# no reportable segment (ASC 280-10-50-15), never one of them.
_OTHER_CATEGORY = frozenset({"other", "others", "other segments", "all other", "all others"})


def is_other_category(name: str) -> bool:
    """ "Other", "All Other": the combined category beside the segments (ASC 280-10-50-15)."""
    return name.strip().lower() in _OTHER_CATEGORY
