"""The kinds of column a table header names, as the readers build them: a segment (or
Total, Corporate, Eliminations), a measure beside other measures, a measure in the
convenience currency, a convenience translation, and the subtotals among segments."""

from __future__ import annotations

from xlsegment import labels
from xlsegment.model import Column, Role
from xlsegment.readers import naming
from xlsegment.vocabulary import (
    LineKind,
    classify,
    column_role,
    is_adjusted_basis,
    is_recast_basis,
    is_reconciling_column,
    is_reported_basis,
)


def segment_column(label: str, period: str, currency: str) -> Column:
    """A column named by its header: a segment, Total, Corporate or Eliminations."""
    name = labels.strip_footnotes(label)
    role = column_role(name)
    # "Total reportable segments" ("Total secteurs opérationnels") is the segments' total,
    # not the consolidated Total.
    segments = "segment" in name.lower() or naming.names_segments_total(name)
    segment = "Total" if role == Role.TOTAL and not segments else name
    return Column(name, segment, period, currency, role)


def measure_column(label: str, period: str, currency: str) -> Column:
    """A column named by a measure ("Net sales | Total assets" over rows of segments): each
    row is a segment and this column its figure of that measure. "Total assets" names the
    measure, never the Total column."""
    name = labels.strip_footnotes(label)
    return Column(f"{name} {period}".strip(), "", period, currency, Role.PERIOD, measure=name)


def measures_per_column(names: list[str]) -> bool:
    """Every column named by a different financial measure: measures side by side. A
    ratio among them ("% of consolidated revenues", "EBITDA margin") is a measure too."""
    lines = [classify(n) for n in names]
    return (
        any(x.financial for x in lines)
        and all(x.financial or x.kind == LineKind.PERCENT for x in lines)
        and len(set(names)) == len(names)
    )


def reconciled_bases(cols: list[Column]) -> list[Column] | None:
    """A reconciliation laid out in columns, "IFRS results | Amortization | Impairments |
    Core results": the entity's figures on the reporting basis, each adjustment, and the
    adjusted basis that is their sum (vocabulary.is_reported_basis). No column is a segment;
    each adjustment and the adjusted figure name the row's line item on their basis."""
    # At least one adjustment between: two bases side by side ("Reported | Comparable"
    # over each year) add up to nothing, and are read as the names they are.
    if len(cols) < 3 or not is_reported_basis(cols[0].label) or not is_adjusted_basis(cols[-1].label):
        return None
    last = len(cols) - 1
    roles = [Role.SEGMENT] + [Role.CORPORATE] * (last - 1) + [Role.TOTAL]
    # The recast basis is the current one ("As Previously Reported | Realignment | As
    # Recast"): the figures as previously reported carry their basis, the recast none.
    current = last if is_recast_basis(cols[-1].label) else 0
    return [
        Column(c.label, "", c.period, c.currency, role, c.measure, basis="" if i == current else c.label)
        for i, (c, role) in enumerate(zip(cols, roles, strict=True))
    ]


def mark_subtotals(cols: list[Column]) -> list[Column]:
    """Of several Total columns, all but the last are subtotals ("Total Brand" before "Total").
    The one column after a reconciliation column is the consolidated figure whatever its
    name ("Segments | Reconciliation to Consolidated Financial Statements | Siemens Group":
    IFRS 8.28 and ASC 280-10-50-30 reconcile the segments' total to the entity's)."""
    if (bases := reconciled_bases(cols)) is not None:
        return bases
    cols = list(cols)
    if len(cols) >= 3 and is_reconciling_column(cols[-2].label) and cols[-1].role == Role.SEGMENT:
        c = cols[-1]
        cols[-1] = Column(c.label, "Total", c.period, c.currency, Role.TOTAL, c.measure)
    totals = [i for i, c in enumerate(cols) if c.role == Role.TOTAL]
    out = list(cols)
    for i in totals[:-1]:
        c = cols[i]
        out[i] = Column(c.label, c.label, c.period, c.currency, Role.SUBTOTAL, c.measure)
    return out


def translated_measure_column(label: str, period: str, currency: str) -> Column:
    """A measure's column in the convenience currency beside its local column ("Rp | US$"
    under "Segment results"): each row's figure of that measure, translated."""
    name = labels.strip_footnotes(label)
    return Column(f"{name} {period} {currency}", "", period, currency, Role.CONVENIENCE, measure=name)


def convenience_column(currency: str, period: str, segment: str = "Total") -> Column:
    """A column translated into the convenience currency its header names."""
    return Column(currency, segment, period, currency, Role.CONVENIENCE)
