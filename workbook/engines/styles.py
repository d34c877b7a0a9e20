"""The named cell styles of the generated sheets, as shipped in the template.

One definition, in no engine's terms (:class:`StyleSpec`): the openpyxl engine builds its
named styles from it and the XlsxWriter engine its formats, so both engines' workbooks carry
the same styles. The template is built with them, and a workbook whose user deleted one gets
it back as shipped; restyling one in Excel keeps the new look across refreshes.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsegment.workbook import contract as c

FONT = "Calibri"
NAVY = "1F3864"
GREY = "808080"
SLATE = "44546A"
COMPUTED_FILL = "F2F5FA"

Side = tuple[str, str]  # (border style: "thin", "medium", "double"; colour "RRGGBB")


@dataclass(frozen=True, slots=True)
class StyleSpec:
    """One named cell style: font, number format, alignment, borders and fill."""

    name: str
    size: int = 10
    bold: bool = False
    italic: bool = False
    color: str | None = None  # font colour, "RRGGBB"
    number_format: str = "General"
    h_align: str | None = None
    indent: int = 0
    wrap: bool = False
    border_top: Side | None = None
    border_bottom: Side | None = None
    fill: str | None = None  # solid background, "RRGGBB"


def style_specs() -> tuple[StyleSpec, ...]:
    """The cell styles the generated sheets use (see contract.STYLE_*)."""
    thin, double = ("thin", GREY), ("double", "000000")
    return (
        StyleSpec(c.STYLE_TITLE, size=14, bold=True, color=NAVY),
        StyleSpec(c.STYLE_HEADING, size=11, bold=True, color=NAVY, border_bottom=("medium", NAVY)),
        StyleSpec(c.STYLE_COLUMN, bold=True, h_align="center", wrap=True, border_bottom=thin),
        StyleSpec(c.STYLE_SECTION, italic=True, wrap=True),  # a long heading wraps in column A
        StyleSpec(c.STYLE_LABEL, indent=1, wrap=True),
        StyleSpec(c.STYLE_NUMBER, number_format=c.NUMBER_FORMAT),
        StyleSpec(
            c.STYLE_TOTAL, bold=True, number_format=c.NUMBER_FORMAT, border_top=thin, border_bottom=double
        ),
        # 10 pt like the figures: printed at the smallest scale (sheets/pages.py), 8 pt.
        StyleSpec(c.STYLE_NOTE, italic=True, color="595959"),
        # Computed figures in slate blue, so they read as the check beside the filing's.
        StyleSpec(c.STYLE_COMPUTED, color=SLATE, number_format=c.NUMBER_FORMAT, fill=COMPUTED_FILL),
        StyleSpec(
            c.STYLE_COMPUTED_TOTAL,
            bold=True,
            color=SLATE,
            number_format=c.NUMBER_FORMAT,
            fill=COMPUTED_FILL,
            border_top=thin,
            border_bottom=double,
        ),
    )


def named_styles() -> list:
    """The styles as openpyxl ``NamedStyle`` objects (the template and the openpyxl engine)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill
    from openpyxl.styles import Side as XlSide

    def side(given: Side | None):
        return XlSide(style=given[0], color="FF" + given[1]) if given else None

    out = []
    for spec in style_specs():
        st = NamedStyle(name=spec.name)
        font = {"bold": True} if spec.bold else {}
        font |= {"italic": True} if spec.italic else {}
        font |= {"color": "FF" + spec.color} if spec.color else {}
        st.font = Font(name=FONT, size=spec.size, **font)
        st.number_format = spec.number_format
        align = {"horizontal": spec.h_align} if spec.h_align else {}
        align |= {"indent": spec.indent} if spec.indent else {}
        align |= {"wrap_text": True} if spec.wrap else {}
        st.alignment = Alignment(vertical="center", **align)
        if spec.border_top or spec.border_bottom:
            st.border = Border(top=side(spec.border_top), bottom=side(spec.border_bottom))
        if spec.fill:
            st.fill = PatternFill("solid", fgColor="FF" + spec.fill)
        out.append(st)
    return out
