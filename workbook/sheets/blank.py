"""The blank workbook: the sheets, names and tables of the template, through any engine.

``build/template.py`` draws ``template.xlsx`` with it, and the XlsxWriter engine draws every
new workbook with it (engines/registry.py), so the two cannot drift apart.
"""

from __future__ import annotations

from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import CellFormat, TableSpec, Workbook, col_letter, quote_sheet
from xlsegment.workbook.sheets.checks import CHECK_WIDTHS
from xlsegment.workbook.sheets.pages import page_setup


def build_into(wb: Workbook) -> None:
    """Sheets, names and tables of the template, through any engine (an engine over a
    file or a live workbook takes the named styles from it; a new one from styles.py)."""
    for name in (c.SETTINGS, c.DATA, c.SCHEDULES, c.CHECKS):
        wb.ensure_sheet(name)
    _settings(wb)
    _data(wb)
    _schedules(wb)
    _checks(wb)


def _settings(wb: Workbook) -> None:
    s = c.SETTINGS
    wb.write_block(s, "A1", [["Segment note settings"]])
    wb.set_style(s, "A1", c.STYLE_TITLE)
    wb.write_block(s, "A3", [["Setting", "Value", "Notes"]])
    wb.set_style(s, "A3:C3", c.STYLE_HEADING)
    rows = [[st.label, st.default, st.help] for st in c.SETTINGS_ROWS]
    wb.write_block(s, "A4", rows)
    for i, st in enumerate(c.SETTINGS_ROWS):
        r = 4 + i
        wb.define_name(st.name, f"{quote_sheet(s)}!$B${r}")
        wb.set_format(s, f"B{r}", CellFormat(fill="FFF2CC", h_align="left"))
        if st.number_format:
            wb.set_format(s, f"B{r}", CellFormat(number_format=st.number_format))
        wb.set_style(s, f"C{r}", c.STYLE_NOTE)
    last = 3 + len(c.SETTINGS_ROWS)
    wb.set_layout(
        s,
        # The value column takes a rate source as fill writes it ("inferred from the
        # translated figures (any rate from ... fits); Note 3") without clipping it.
        widths={"A": 30, "B": c.SETTINGS_VALUE_WIDTH, "C": c.SETTINGS_NOTE_WIDTH},
        freeze="A4",
        print_area=f"A1:C{last}",
        hide_gridlines=True,
        **page_setup("Settings", repeat_rows="3:3"),
    )


def _data(wb: Workbook) -> None:
    wb.put_table(TableSpec(c.DATA_TABLE, c.DATA, "A1", c.DATA_ALL_COLUMNS, style="TableStyleLight9"))
    widths = dict(zip("ABCDEFGHIJK", (32, 9, 40, 24, 9, 14, 10, 13, 10, 44, 11), strict=True))
    n = len(c.DATA_COLUMNS)
    hidden = [col_letter(n + 1 + i) for i in range(len(c.LAYOUT_COLUMNS))]
    wb.set_format(c.DATA, "F2:F2", CellFormat(number_format=c.NUMBER_FORMAT))
    wb.set_layout(
        c.DATA,
        widths=widths,
        freeze="A2",
        print_area="A1:K2",
        hidden_columns=hidden,
        **page_setup("Data", repeat_rows="1:1"),
    )


def _schedules(wb: Workbook) -> None:
    wb.define_name(c.SCHEDULES_NAME, f"{quote_sheet(c.SCHEDULES)}!$A$1")
    wb.write_block(c.SCHEDULES, "A1", [["Segment information"]])
    wb.set_style(c.SCHEDULES, "A1", c.STYLE_TITLE)
    wb.write_block(c.SCHEDULES, "A2", [["Fill this workbook with: xlsegment fill NOTE -o OUT"]])
    wb.set_style(c.SCHEDULES, "A2", c.STYLE_NOTE)
    wb.set_layout(c.SCHEDULES, widths={"A": 48}, hide_gridlines=True, **page_setup("Segment information"))


def _checks(wb: Workbook) -> None:
    wb.put_table(TableSpec(c.CHECKS_TABLE, c.CHECKS, "A3", c.CHECK_COLUMNS, style="TableStyleLight1"))
    wb.write_block(c.CHECKS, "A1", [["Checks"]])
    wb.set_style(c.CHECKS, "A1", c.STYLE_TITLE)
    wb.set_style(c.CHECKS, "A3:J3", c.STYLE_HEADING)
    wb.set_layout(c.CHECKS, widths=CHECK_WIDTHS, freeze="A4", **page_setup("Checks", repeat_rows="3:3"))
