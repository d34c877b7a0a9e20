"""The named cell styles of the generated sheets, as shipped in the template.

The template is built with them, and a workbook whose user deleted one gets it back as
shipped; restyling one in Excel keeps the new look across refreshes.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from xlsegment.workbook import contract as c

FONT = "Calibri"
NAVY = "1F3864"


def style(name, **kw) -> NamedStyle:
    st = NamedStyle(name=name)
    st.font = kw.get("font", Font(name=FONT, size=10))
    st.number_format = kw.get("number_format", "General")
    st.alignment = kw.get("alignment", Alignment(vertical="center"))
    if "border" in kw:
        st.border = kw["border"]
    if "fill" in kw:
        st.fill = kw["fill"]
    return st


def named_styles() -> list[NamedStyle]:
    """The cell styles the generated sheets use (see contract.STYLE_*)."""
    thin = Side(style="thin", color="FF808080")
    double = Side(style="double", color="FF000000")
    return [
        style(c.STYLE_TITLE, font=Font(name=FONT, size=14, bold=True, color="FF" + NAVY)),
        style(
            c.STYLE_HEADING,
            font=Font(name=FONT, size=11, bold=True, color="FF" + NAVY),
            border=Border(bottom=Side(style="medium", color="FF" + NAVY)),
        ),
        style(
            c.STYLE_COLUMN,
            font=Font(name=FONT, size=10, bold=True),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            border=Border(bottom=thin),
        ),
        style(
            c.STYLE_SECTION,
            font=Font(name=FONT, size=10, italic=True),
            alignment=Alignment(vertical="center", wrap_text=True),  # a long heading wraps in column A
        ),
        style(c.STYLE_LABEL, alignment=Alignment(indent=1, vertical="center", wrap_text=True)),
        style(c.STYLE_NUMBER, number_format=c.NUMBER_FORMAT),
        style(
            c.STYLE_TOTAL,
            font=Font(name=FONT, size=10, bold=True),
            number_format=c.NUMBER_FORMAT,
            border=Border(top=thin, bottom=double),
        ),
        # 10 pt like the figures: printed at the smallest scale (sheets/pages.py), 8 pt.
        style(c.STYLE_NOTE, font=Font(name=FONT, size=10, italic=True, color="FF595959")),
        # Computed figures in slate blue, so they read as the check beside the filing's.
        style(
            c.STYLE_COMPUTED,
            font=Font(name=FONT, size=10, color="FF44546A"),
            number_format=c.NUMBER_FORMAT,
            fill=PatternFill("solid", fgColor="FFF2F5FA"),
        ),
        style(
            c.STYLE_COMPUTED_TOTAL,
            font=Font(name=FONT, size=10, bold=True, color="FF44546A"),
            number_format=c.NUMBER_FORMAT,
            fill=PatternFill("solid", fgColor="FFF2F5FA"),
            border=Border(top=thin, bottom=double),
        ),
    ]
