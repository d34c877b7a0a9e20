"""Which sheet plays which part: found through the contract, so users may rename tabs.

The Data and Checks sheets are wherever their Excel tables are; Settings is wherever its
defined names point; Schedules is wherever the name ``xls_Schedules`` points (workbooks
filled before that name existed use the sheet called Schedules).
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsegment.workbook import contract as c
from xlsegment.workbook.engines.base import Workbook, WorkbookError


@dataclass(frozen=True, slots=True)
class Sheets:
    settings: str = c.SETTINGS
    data: str = c.DATA
    schedules: str = c.SCHEDULES
    checks: str = c.CHECKS

    def redrawn(self, data: bool) -> tuple[str, ...]:
        """The sheets a refresh draws afresh: Schedules and Checks, and Data when it is
        rewritten from the data source Settings names (``data``). Settings, and Data read
        as the source, are the user's input: refresh reads them and leaves them as they are."""
        return (self.schedules, self.checks, self.data) if data else (self.schedules, self.checks)


def _sheet_of(target: str | None) -> str | None:
    if not target or "!" not in target:
        return None
    return target.rsplit("!", 1)[0].strip("'").replace("''", "'")


def resolve(wb: Workbook) -> Sheets:
    """The workbook's sheets by part; raises when one is missing."""
    names, tables = wb.names(), wb.tables()
    found = Sheets(
        settings=_sheet_of(names.get("xls_FxRate")) or c.SETTINGS,
        data=tables.get(c.DATA_TABLE, (c.DATA,))[0],
        schedules=_sheet_of(names.get(c.SCHEDULES_NAME)) or c.SCHEDULES,
        checks=tables.get(c.CHECKS_TABLE, (c.CHECKS,))[0],
    )
    present = set(wb.sheet_names())
    for part in ("settings", "data", "schedules", "checks"):
        sheet = getattr(found, part)
        if sheet not in present:
            raise WorkbookError(
                f"the workbook has no {part.capitalize()} sheet ({sheet!r}): start from the "
                "template with `xlsegment fill`"
            )
    return found
