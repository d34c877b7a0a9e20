"""A table whose own unit line names another scale than the note's: "(in millions,
except percentages)" over one table of a note in thousands.

Every fact is in the note's unit (model.Fact), so such a table's figures are restated in
it exactly: 865 in millions is 865,000 in thousands, shown to the nearest thousand
(``decimals`` -3, as XBRL's @decimals says of a figure rounded to millions). The
rounding-aware checks then tie it to the thousands table's 865,078 within half a
million, as the filing means (XBRL Calculations 1.1: a figure is as precise as shown).
"""

from __future__ import annotations

from decimal import Decimal

from xlsegment import currency, labels
from xlsegment.model import Role
from xlsegment.numbers import Cell


def own_unit(texts: list[str]) -> str | None:
    """The scale the last unit line among ``texts`` (the lead-in's end, then the header's
    cells) names: the one nearest the figures."""
    found = None
    for text in texts:
        bracketed = text.startswith(("(", "（"))
        main = labels.split_exception(text)[0] if bracketed else labels.without_exceptions(text)
        for m in labels.UNIT_RE.finditer(main):
            found = labels.unit_name(m.group(1) or m.group(2))
    return found


def restated(
    values: list[list], table_unit: str | None, note_unit: str, note_currency: str, columns
) -> list[list]:
    """The table's (Cell, key) values in the note's unit, where the table names another
    scale than the note and both are known; else as they are. A table with translated
    columns keeps its figures: its unit line names two scales (the translation's apart)."""
    own, note = currency.scale_exponent(table_unit), currency.scale_exponent(note_unit)
    if own is None or note is None or own == note or any(c.role == Role.CONVENIENCE for c in columns):
        return values
    if any(c.currency != note_currency for c in columns):
        return values  # "(In thousands of U.S. dollars)" over a translated table: its own
    shift = own - note
    return [[_shifted(v, shift) for v in row] for row in values]


def _shifted(value, shift: int):
    if value is None or value[0].nil or value[0].percent:
        return value
    cell, key = value
    exact = Decimal(cell.value).scaleb(shift)
    number = int(exact) if exact == exact.to_integral_value() else exact
    return Cell(number, cell.decimals - shift, cell.nil, cell.percent), key
