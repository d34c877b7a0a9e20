"""Settings sheet: values behind the xls_* defined names, read and written exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xlsegment import limits
from xlsegment.errors import InputError
from xlsegment.model import UNITS, Origin
from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import Workbook, WorkbookError
from xlsegment.workbook.mapping.datatable import text
from xlsegment.workbook.mapping.ties import TIE_SETTINGS


def settings_cell(wb: Workbook, name: str) -> tuple[str, str]:
    """(sheet, cell) a Settings name points at; raises if the name is missing."""
    target = wb.names().get(name)
    if not target or "!" not in target:
        raise WorkbookError(f"the workbook has no defined name {name} (sheet {c.SETTINGS})")
    sheet, cell = target.rsplit("!", 1)
    return sheet.strip("'").replace("''", "'"), cell.replace("$", "")


def read_setting(wb: Workbook, name: str):
    sheet, cell = settings_cell(wb, name)
    return wb.read_block(sheet, cell)[0][0]


def company_title(wb: Workbook, what: str) -> str:
    """A sheet's title with the company of Settings before it, when one is set."""
    try:
        company = text(read_setting(wb, "xls_Company")).strip()
    except WorkbookError:  # a workbook from before the setting existed
        company = ""
    return f"{company}: {what}" if company else what


def write_settings(wb: Workbook, values: dict[str, object]) -> None:
    for name, value in values.items():
        sheet, cell = settings_cell(wb, name)
        wb.write_block(sheet, cell, [[value]])


def data_source(wb: Workbook, folder: Path | None = None) -> Path | None:
    """The file Settings names as the data source (``xls_Source``), relative to the
    workbook's ``folder``; None when the cell is blank (the Data table is the source).
    A name that is not a file is refused, naming the cell: a refresh never falls back to
    the Data table without a word."""
    try:
        named = text(read_setting(wb, "xls_Source")).strip()
    except WorkbookError:  # a workbook from before the setting existed
        return None
    if not named:
        return None
    path = Path(named)
    if not path.is_absolute() and folder is not None:
        path = folder / path
    if not path.is_file():
        sheet, cell = settings_cell(wb, "xls_Source")
        raise WorkbookError(
            f"{sheet}!{cell}: the data source {named!r} is not a file (looked for {path.absolute()}); "
            "correct it, or clear the cell to refresh from the Data table"
        )
    return path


def read_rate(wb: Workbook) -> Decimal | None:
    """The convenience rate in Settings, exact: a float cell is read through its shortest
    decimal representation, which is what the user typed."""
    value = read_setting(wb, "xls_FxRate")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    sheet, cell = settings_cell(wb, "xls_FxRate")
    try:
        return limits.rate(value, f"{sheet}!{cell}", "the convenience rate")
    except InputError as exc:
        raise WorkbookError(str(exc)) from None


def read_unit(wb: Workbook, name: str = "xls_Unit") -> str | None:
    """The unit in Settings (or the convenience unit, ``name``); anything but a known
    scale is refused, naming the cell."""
    value = read_setting(wb, name)
    if value is None or str(value).strip() == "":
        return None
    unit = str(value).strip().lower()
    if unit not in UNITS:
        sheet, cell = settings_cell(wb, name)
        raise WorkbookError(f"{sheet}!{cell}: the unit {value!r} is not one of {', '.join(UNITS)}")
    return unit


def read_origin(wb: Workbook) -> Origin:
    """What the workbook was filled from: a filing (totals as filed) or data (prepare mode
    computes the totals it lacks). Workbooks from before the setting existed are data."""
    try:
        value = read_setting(wb, "xls_Origin")
    except WorkbookError:
        return Origin.DATA
    text_value = text(value).strip().lower()
    if not text_value:
        return Origin.DATA
    try:
        return Origin(text_value)
    except ValueError:
        sheet, cell = settings_cell(wb, "xls_Origin")
        kinds = ", ".join(str(o) for o in Origin)
        raise WorkbookError(f"{sheet}!{cell}: the source kind {value!r} is not one of {kinds}") from None


def read_consolidated(wb: Workbook) -> tuple[dict[str, object], str | None]:
    """Consolidated amounts entered in Settings, and the period they are for."""
    values = {}
    for name, _, _ in TIE_SETTINGS:
        try:
            values[name] = read_setting(wb, name)
        except WorkbookError:
            values[name] = None
    try:
        period = read_setting(wb, "xls_ConsPeriod")
    except WorkbookError:
        period = None
    return values, (text(period) or None)
