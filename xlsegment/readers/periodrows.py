"""Rows that name a part of the year their columns state: quarters as rows.

A table of quarterly results may put the quarters down the side and the segments across,
with the year over the columns ("2025" over "First quarter", ..., "Fourth quarter",
"Full year"). Each row is then a period, not a line item: "First quarter" of 2025 is the
three months "3M 2025-Q1", "Full year" is 2025 itself, and what the figures are is the
measure the header or heading names over them ("Net Sales"). Read as line items, the
quarters became four line items of the year, and every figure a wrong identity.
"""

from __future__ import annotations

import re
from dataclasses import replace

from xlsegment import labels
from xlsegment.durations import quarter_number
from xlsegment.model import Column, Row

# The whole label names a quarter or the whole year, and nothing else.
_PART_OF_YEAR = re.compile(
    r"^(?:(?:first|second|third|fourth)\s+quarter|q[1-4]|[1-4]q|quarter\s+[1-4]"
    r"|(?:full|fiscal|total|whole)\s+year|year)$",
    re.IGNORECASE,
)


def is_part_of_year(label: str) -> bool:
    """ "First quarter", "Q3", "Full year": a label that is a period of a year, alone."""
    return bool(_PART_OF_YEAR.match(labels.strip_footnotes(label).strip(" :")))


def parts_of_year(rows: list[Row], columns: list[Column], measure: str) -> list[Row]:
    """Each row that names a quarter, or the year, of the one year the columns state,
    as that period of the measure; the rows as they are where not every row is one, or
    the columns state no single year."""
    if len(rows) < 2 or not all(is_part_of_year(r.label) for r in rows):
        return rows
    years = {y for c in columns for y in labels.years_in(c.period)}
    if len(years) != 1 or any(r.period for r in rows):
        return rows
    year = years.pop()
    out = []
    for row in rows:
        quarter = _quarter(row.label)
        period = f"3M {year}-Q{quarter}" if quarter else str(year)
        out.append(replace(row, period=period, line_item=measure or row.line_item))
    return out


_QUARTER_WORD = re.compile(r"^quarter\s+([1-4])$", re.IGNORECASE)


def _quarter(label: str) -> str | None:
    """ "2" of "Second quarter", "Q2" or "Quarter 2"; None for the year."""
    word = _QUARTER_WORD.match(label.strip())
    return quarter_number(label) or (word.group(1) if word else None)
