"""Excel formula text for the generated sheets: lookups into the Data table, sums, rounding.

Kept apart from the layout so the exact formula grammar (criteria escaping, number
literals) is in one place and tested on its own.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import Formula, quote_sheet


def text_literal(text: str) -> str:
    """A string literal for a formula: double the quotes."""
    return '"' + text.replace('"', '""') + '"'


@functools.lru_cache(maxsize=8192)  # a note's few hundred names, in tens of thousands of lookups
def criterion(text: str) -> str:
    """A SUMIFS criterion that matches ``text`` exactly.

    SUMIFS treats ``* ? ~`` as wildcards and a leading ``= < >`` as an operator, so a label
    such as "Other*" or "<1 year" would match the wrong rows; escape with ``~`` and force
    equality with a leading ``=`` where the text starts with an operator character.
    """
    escaped = text.replace("~", "~~").replace("*", "~*").replace("?", "~?")
    if escaped[:1] in ("=", "<", ">") or escaped == "":
        escaped = "=" + escaped
    return text_literal(escaped)


def data_lookup(
    table: str,
    period: str,
    line: str,
    segment: str,
    currency: str,
    position: tuple[int, int, int] | None = None,
) -> Formula:
    """The reported figure of one fact, read live from the Data table.

    ``position`` (table, row, column of the layout columns) is added as criteria only for a
    fact whose five names are not unique in the note, so most formulas stay readable."""
    t = c.DATA_TABLE
    pairs = (
        ("table", table),
        ("period", period),
        ("line", line),
        ("segment", segment),
        ("currency", currency),
    )
    crit = ",".join(f"{t}[{col}],{criterion(val)}" for col, val in pairs)
    if position is not None:
        names = c.LAYOUT_COLUMNS[:3]
        crit += "".join(f",{t}[{n}],{int(v)}" for n, v in zip(names, position, strict=True))
    return Formula(f"SUMIFS({t}[value],{crit})")


def number_literal(value) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text if text not in ("-0", "") else "0"
    return str(value)


def signed_sum(terms: list[tuple[int, str]]) -> str:
    """``[(+1, "B5"), (-1, "B6")]`` -> ``B5-B6``; a plain run of + terms becomes SUM(...)."""
    if terms and all(sign > 0 for sign, _ in terms) and len(terms) > 2:
        return f"SUM({','.join(ref for _, ref in terms)})"
    out = ""
    for i, (sign, ref) in enumerate(terms):
        if sign < 0:
            out += "-" + ref
        else:
            out += ("+" if i else "") + ref
    return out or "0"


RATE_NAME = "xls_FxRate"


def translate(ref: str, digits: int = 0, rate_name: str = RATE_NAME) -> str:
    """Convenience translation as filers compute it: ROUND(value / rate, digits); blank
    while no rate is set."""
    return f'IF(ISNUMBER({rate_name}),ROUND({ref}/{rate_name},{digits}),"")'


def sheet_ref(sheet: str, ref: str) -> str:
    return f"{quote_sheet(sheet)}!{ref}"


def link(sheet: str, cell: str) -> Formula:
    """A clickable link to a cell of the workbook."""
    target = f"#{quote_sheet(sheet)}!{cell}"
    return Formula(f"HYPERLINK({text_literal(target)},{text_literal(sheet + '!' + cell)})")
