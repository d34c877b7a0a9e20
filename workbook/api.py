"""Python API of the workbook layer: ``fill``, ``refresh`` and ``check_workbook``.

The pipeline is the core's (read, relate, translate, check); this module only decides where
the note comes from and where the workbook goes, and guards the user's file on the way.
"""

from __future__ import annotations

import copy
import dataclasses
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from xlsegment import limits
from xlsegment.model import Note
from xlsegment.workbook import contract as c
from xlsegment.workbook import package, safety
from xlsegment.workbook.engines.base import WorkbookError
from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook
from xlsegment.workbook.mapping.notedata import note_from_frame
from xlsegment.workbook.render import (
    build,
    locate,
    read_consolidated,
    read_data,
    read_rate,
    read_setting,
    render,
)
from xlsegment.workbook.sheets.checks import finding_key, read_reader_rows, reader_findings
from xlsegment.workbook.sheets.guards import refuse_typed_over
from xlsegment.workbook.sheets.roles import resolve
from xlsegment.workbook.sheets.settings import read_unit

TEMPLATE = Path(__file__).with_name("template.xlsx")


def _rate(rate) -> Decimal | None:
    """The rate as an exact Decimal Excel can hold (a float through its shortest repr)."""
    return None if rate is None else limits.rate(rate, "rate")


def load_source(source) -> tuple[Note, str]:
    """A Note from filing text, a tidy CSV, an xlsx with a Data table, or a Note."""
    if isinstance(source, Note):
        return source, source.source or "Note"
    if hasattr(source, "columns"):  # a pandas DataFrame of tidy facts
        from xlsegment.readers.tidy import read_tidy

        return read_tidy(source), "DataFrame"
    path = Path(source)
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from xlsegment.readers.tidy import read_tidy

        return read_tidy(str(path)), path.name
    if suffix in (".xlsx", ".xlsm"):
        return note_from_workbook(OpenpyxlWorkbook.open(path), path.name), path.name
    from xlsegment.api import parse

    return parse(str(path)), path.name


def _check(note: Note, rate: Decimal | None):
    from xlsegment.api import check

    return check(note, rate=rate)


def _with_findings(result, findings):
    """The core's CheckResult with located findings (sheet and cell filled in)."""
    if dataclasses.is_dataclass(result):
        try:
            return dataclasses.replace(result, findings=list(findings))
        except (TypeError, ValueError):
            pass
    clone = copy.copy(result)
    clone.findings = list(findings)
    return clone


_INFERRED = "inferred from the translated figures"


def _settings_for(note: Note, result, source_name: str, rate: Decimal | None) -> dict:
    used = rate
    source = note.rate_note
    if source and source.startswith(_INFERRED):  # refilled from a filled workbook
        source = source.rsplit("; ", 1)[-1]
    info = getattr(result, "rate", None)
    if used is None and info is not None and info.rate is not None:
        used = info.rate
        # Say that the rate was inferred, and within which bounds, so no one reads the
        # midpoint as the filing's stated rate.
        within = f" (any rate from {info.low} to {info.high} fits)" if info.low is not None else ""
        source = f"{_INFERRED}{within}; {source or 'state it here'}"
    return {
        "xls_Currency": note.presentation_currency,
        "xls_Unit": note.unit,
        "xls_ConvCurrency": note.convenience_currency,
        "xls_FxRate": used,
        "xls_FxNote": source,
        "xls_FilledFrom": source_name,
    }


def fill(source, out, rate=None, template: str | Path = TEMPLATE):
    """Fill a new workbook ``out`` from ``source``; returns the path written.

    ``out`` is written atomically; an existing file there is replaced only if it is not
    open in Excel."""
    out = Path(out)
    with _about(source if isinstance(source, str | Path) else None):
        note, name = load_source(source)
    rate = _rate(rate)
    result = _check(note, rate)
    wb = OpenpyxlWorkbook.open(template)
    settings = _settings_for(note, result, name, rate)
    # Draw with the rate source as Settings will state it, so a refresh draws the same.
    note = dataclasses.replace(note, rate_note=settings["xls_FxNote"])
    render(wb, note, result, write_data_table=True, settings=settings)
    with safety.exclusive(out) as lock:
        _guard_new_file(out)
        safety.save(out, wb.save, lock=lock)
    return out


@contextmanager
def _about(path):
    """Name the workbook in every message about it ("book.xlsx: the workbook has no ...")."""
    try:
        yield
    except WorkbookError as exc:
        text = str(exc)
        if path is None or text.startswith(str(path)):
            raise
        raise WorkbookError(f"{path}: {text}") from None


def _guard_new_file(out: Path) -> None:
    """fill writes a whole new workbook: never over a file that is not one of ours."""
    if out.suffix.lower() != ".xlsx":
        raise WorkbookError(f"{out}: the output must be an .xlsx file")
    safety.ensure_writable(out)
    if not out.exists():
        return
    import openpyxl

    try:
        book = openpyxl.load_workbook(out, read_only=True)
        names = book.sheetnames
        book.close()
    except Exception as exc:  # not a workbook at all
        raise WorkbookError(f"{out}: exists and is not a workbook; choose another -o") from exc
    own = [s for s in names if s not in (c.SETTINGS, c.DATA, c.SCHEDULES, c.CHECKS)]
    if own:
        raise WorkbookError(
            f"{out}: exists with sheets of its own ({', '.join(own)}); "
            "use `xlsegment refresh` to update it, or choose another -o"
        )


def _require_xlsx(path: Path, allowed: tuple[str, ...] = (".xlsx",)) -> None:
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    if not path.is_file():  # a folder named x.xlsx, a FIFO, a device
        with _about(path):
            OpenpyxlWorkbook.open(path)  # refuses it in one line
    if path.suffix.lower() not in allowed:
        hint = "; write a new .xlsx with -o" if path.suffix.lower() == ".xlsm" else ""
        raise WorkbookError(f"{path}: only .xlsx workbooks can be refreshed in place headless{hint}")


def _open_for_refresh(path: Path, allowed: tuple[str, ...] = (".xlsx",)):
    """The workbook, the snapshot of its bytes, and what a save of it would keep. The
    package is scanned before openpyxl parses it (a part with a DTD never reaches it)."""
    _require_xlsx(path, allowed)
    snapshot = safety.Snapshot.take(path)  # parse exactly the bytes that are fingerprinted
    kept = package.inventory(snapshot.data, path)
    return OpenpyxlWorkbook.open(path, snapshot.data), snapshot, kept


def note_from_workbook(wb, name: str = "Data") -> Note:
    """The note as the workbook's Data table and Settings state it."""
    frame = read_data(wb)
    settings = {}
    for key in ("xls_Currency", "xls_Unit", "xls_ConvCurrency", "xls_FxNote"):
        try:
            settings[key] = read_setting(wb, key)
        except WorkbookError:
            settings[key] = None
    if settings["xls_Unit"] is not None:
        settings["xls_Unit"] = read_unit(wb)  # refuses "7.2993" typed into Unit, naming the cell
    note = note_from_frame(frame, settings, name)
    if note is None:  # user-supplied rows without layout: let the core lay them out
        from xlsegment.readers.tidy import read_tidy

        tidy = [col for col in frame.columns if col in c.DATA_COLUMNS]
        note = read_tidy(frame[tidy], name=name)
    return note


def _recheck(wb: OpenpyxlWorkbook, name: str = "Data"):
    note = note_from_workbook(wb, name)
    return note, _check(note, read_rate(wb))


def refresh(path, out=None):
    """Re-read the Data table and Settings, re-check, redraw Schedules and Checks in place.

    Refuses to write over a workbook that is open, changed while we worked, or holds parts
    openpyxl would drop; pass ``out`` to write the refreshed copy to a new file instead."""
    path = Path(path)
    # A macro workbook can be read; only a new .xlsx can be written from it.
    allowed = (".xlsx", ".xlsm") if out is not None else (".xlsx",)
    _require_xlsx(path, allowed)
    in_place = out is None or Path(out).resolve() == path.resolve()
    target = path if in_place else Path(out)
    if not in_place and target.exists():
        raise WorkbookError(f"{target}: exists; refresh into a new file")
    with safety.exclusive(target) as lock:  # the whole read-modify-write, one writer at a time
        safety.ensure_writable(path)
        wb, seen, kept = _open_for_refresh(path, allowed)
        if kept.losses and in_place:
            raise WorkbookError(
                f"{path}: saving in place would drop {', '.join(kept.losses)}; "
                "refresh into a new file with -o NEW.xlsx"
            )
        with _about(path):
            refuse_typed_over(wb, resolve(wb).schedules)  # fail fast; render checks it too
            note, result = _recheck(wb, str(path))
            located = render(wb, note, result, write_data_table=False)
        safety.save(target, kept.writer(wb.save), seen.fingerprint if in_place else None, lock)
    return _with_findings(result, _with_reader_findings(wb, located))


def check_workbook(path):
    """Check a filled workbook without writing it: findings carry sheet and cell."""
    path = Path(path)
    wb, _, _ = _open_for_refresh(path, (".xlsx", ".xlsm"))  # reading only: macros are no risk
    with _about(path):
        note, result = _recheck(wb, str(path))
        consolidated, period = read_consolidated(wb)
        built = build(note, result, rate=read_rate(wb), consolidated=consolidated, period=period)
    findings = [*result.findings, *built.findings]
    sheet = resolve(wb).schedules
    located = locate(findings, built.note, built.schedule, sheet)
    return _with_findings(result, _with_reader_findings(wb, located))


def _with_reader_findings(wb, located):
    """What the reader noticed at fill time is kept on the Checks sheet; report it too."""
    kept = reader_findings(read_reader_rows(wb))
    keys = {finding_key(f) for f in kept}
    return [f for f in located if finding_key(f) not in keys] + kept


__all__ = ["TEMPLATE", "check_workbook", "fill", "load_source", "note_from_workbook", "refresh"]
