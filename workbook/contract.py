"""The template's contract: sheet, table, name and style identifiers that fill and refresh use.

A user may move, restyle or resize anything in the template; the code finds what it needs
through these names, never through fixed cell addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsegment.model import TIDY_COLUMNS
from xlsegment.readers.tidycells import LAYOUT_COLUMNS as TIDY_LAYOUT_COLUMNS

SETTINGS = "Settings"
DATA = "Data"
SCHEDULES = "Schedules"
CHECKS = "Checks"

SCHEDULES_NAME = "xls_Schedules"  # defined name of the Schedules sheet's A1
DATA_TABLE = "Data"  # Excel table of tidy facts: the single source of truth
CHECKS_TABLE = "Checks"

# Columns of the Data table, in order. The first six are what a user must supply.
DATA_COLUMNS = TIDY_COLUMNS

# Where each fact sat in its filing table, so a refresh redraws the same schedules
# (the core's tidy format, docs/tidy-format.md). Hidden in the template; a user's own rows
# may leave them blank.
# The table's title (the filing's lead-in) and the words over its years ride along, so a
# refresh titles and captions each schedule in the filing's own words as the fill did.
LAYOUT_COLUMNS = (*TIDY_LAYOUT_COLUMNS, "layout_table_title", "layout_table_period_words")
DATA_ALL_COLUMNS = DATA_COLUMNS + LAYOUT_COLUMNS

CHECK_COLUMNS = (
    "id",
    "code",
    "severity",
    "check",
    "cell",
    "expected",
    "actual",
    "difference",
    "tolerance",
    "status",
)

# Named cell styles used on the generated sheets. Restyle them in Excel (Home > Cell
# Styles > right-click > Modify) and every refresh keeps the new look.
# "_)" leaves the width of a ")" after a positive figure and a dash, so that digits line
# up with those of negatives in parentheses, and no figure touches the text beside it.
NUMBER_FORMAT = '#,##0_);(#,##0);"—"_)'


def number_format(decimals: int) -> str:
    """The filing format for a figure shown to ``decimals`` places."""
    if decimals <= 0:
        return NUMBER_FORMAT
    z = "0" * decimals
    return f'#,##0.{z}_);(#,##0.{z});"—"_)'


RATE_FORMAT = "0.0000##"
TOLERANCE_FORMAT = "#,##0.0##"
STYLE_TITLE = "xls Title"
STYLE_HEADING = "xls Heading"
STYLE_COLUMN = "xls Column"
STYLE_SECTION = "xls Section"
STYLE_LABEL = "xls Label"
STYLE_NUMBER = "xls Number"
STYLE_TOTAL = "xls Total"
STYLE_NOTE = "xls Note"
STYLE_COMPUTED = "xls Computed"
STYLE_COMPUTED_TOTAL = "xls Computed Total"

# Highlight colours: conditional format (live, no Python needed) and Python's own finding.
CF_FILL = "F8CBAD"
CF_FONT = "9C0006"
FINDING_FILL = "FFEB9C"
NOTE_AUTHOR = "xlsegment"


SETTINGS_NOTE_WIDTH = 70  # the Notes column: every note fits it (in its small font), so it prints whole
SETTINGS_VALUE_WIDTH = 72  # a rate source as fill writes it fits, unclipped


@dataclass(frozen=True, slots=True)
class Setting:
    """One row of the Settings sheet: the defined name that points at its value cell."""

    name: str
    label: str
    default: object = None
    number_format: str | None = None
    help: str = ""


SETTINGS_ROWS = (
    Setting("xls_Company", "Company", None, None, "Shown in the sheet titles and printed page headers."),
    Setting("xls_Currency", "Presentation currency", "CNY", None, "ISO code of the note."),
    Setting("xls_Unit", "Unit", "thousands", None, "units, thousands, millions or billions."),
    Setting("xls_ConvCurrency", "Convenience currency", None, None, "Blank if none."),
    Setting(
        "xls_FxRate",
        "Convenience rate",
        None,
        RATE_FORMAT,
        "Presentation currency per convenience unit: ROUND(value / rate, 0).",
    ),
    Setting("xls_FxNote", "Rate source", None, None, 'Where the filing states it ("Note 3").'),
    Setting("xls_Rounding", "Rounding", "half away from zero", None, "As Excel's ROUND."),
    Setting(
        "xls_Source",
        "Data source",
        None,
        None,
        "Optional: a note or tidy CSV Refresh re-reads into Data; blank: Data is the source.",
    ),
    Setting("xls_FilledFrom", "Filled from", None, None, "The file fill read (information)."),
    Setting(
        "xls_Origin",
        "Source kind",
        "data",
        None,
        "filing: totals as filed, all checked; data: line-level data, totals computed.",
    ),
    Setting(
        "xls_ConsRevenue",
        "Consolidated revenue",
        None,
        NUMBER_FORMAT,
        "Prepare mode: total revenue must tie to it (ASC 280-10-50-30(a)).",
    ),
    Setting(
        "xls_ConsNetIncome",
        "Consolidated net income (loss)",
        None,
        NUMBER_FORMAT,
        "Prepare mode: the reconciliation must end on it (ASC 280-10-50-30(b)).",
    ),
    Setting(
        "xls_ConsAssets",
        "Consolidated total assets",
        None,
        NUMBER_FORMAT,
        "Prepare mode: segment assets must tie to it (ASC 280-10-50-30(c)).",
    ),
    Setting("xls_ConsPeriod", "Period of the consolidated figures", None, None, "e.g. 2024."),
    # Last, so a Settings range of an earlier release (A3:B17) still holds every other row.
    Setting(
        "xls_ConvUnit",
        "Convenience unit",
        None,
        None,
        "Blank: the note's unit. Else the translated figures' (US$ thousands beside won millions).",
    ),
)
