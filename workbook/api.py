"""Python API of the workbook layer: ``fill``, ``refresh`` and ``check_workbook``.

The pipeline is the core's (read, normalise, relate, translate, check); this module only
decides where the note comes from and where the workbook goes, and guards the user's file
on the way. Rendering draws the pipeline's result; nothing here relates or prepares.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from xlsegment.api import parse_rate
from xlsegment.model import Note
from xlsegment.pipeline import Result, run
from xlsegment.workbook import contract as c
from xlsegment.workbook import package, safety
from xlsegment.workbook.engines import registry
from xlsegment.workbook.engines.base import WorkbookError
from xlsegment.workbook.mapping.datatable import read_data_rows
from xlsegment.workbook.mapping.notedata import note_from_data
from xlsegment.workbook.render import build, located_findings, render, tie_findings_of
from xlsegment.workbook.sheets.checks import kept_findings, on_rows
from xlsegment.workbook.sheets.guards import typed_over_findings
from xlsegment.workbook.sheets.roles import resolve
from xlsegment.workbook.sheets.settings import (
    data_source,
    read_consolidated,
    read_origin,
    read_rate,
    read_setting,
    read_unit,
)

TEMPLATE = Path(__file__).with_name("template.xlsx")


def _openpyxl():
    """The openpyxl engine, imported when a file is opened: reading a live or Lite book
    (``note_from_workbook``, ``refresh_book``) needs no openpyxl."""
    from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook

    return OpenpyxlWorkbook


def workbook_key(path) -> tuple:
    st = os.stat(path)
    return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


def open_workbook(path) -> tuple:
    """A workbook file opened for reading, and the key of the version read: values through
    python-calamine where it is installed (every platform but Pyodide), else openpyxl."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookError(f"{path}: not an .xlsx or .xlsm workbook")
    key = workbook_key(path)
    engine = reading_engine()
    if engine is _package_reader():
        # calamine expands no entities; partscan refuses DTDs. Compared by the package
        # reader, so that reading never imports openpyxl (a fifth of a check's imports).
        snapshot = safety.Snapshot.take(path)
    else:
        snapshot, _ = _snapshot(path)  # scanned first: a part with a DTD never reaches openpyxl
    return engine.open(path, snapshot.data), key


def _package_reader():
    from xlsegment.workbook.engines import package_reader

    return package_reader.PackageWorkbook if package_reader.available() else None


def reading_engine():
    """The engine that reads a workbook file fastest here (package_reader's docstring says
    why); both answer every read alike."""
    return _package_reader() or _openpyxl()


_INFERRED = "inferred from the translated figures"


def _without_inferred(text: str | None) -> str | None:
    """The rate source a user wrote, without the "inferred ..." wording fill added."""
    if text and text.startswith(_INFERRED):
        return text.rsplit("; ", 1)[-1]
    return text


def _settings_for(result: Result, source_name: str, rate: Decimal | None) -> dict:
    note, info = result.note, result.rate
    used, source = rate, note.rate_note
    if rate is not None:
        source = _without_inferred(source)  # the user gave the rate
    elif info is not None and info.rate is not None:
        used = info.rate
        if not info.stated:
            # Say that the rate was inferred, and within which bounds, so no one reads the
            # midpoint as the filing's stated rate.
            within = f" (any rate from {info.low} to {info.high} fits)" if info.low is not None else ""
            source = f"{_INFERRED}{within}; {_without_inferred(source) or 'state it here'}"
    return {
        "xls_Currency": note.presentation_currency,
        "xls_Unit": note.unit,
        "xls_ConvCurrency": note.convenience_currency,
        "xls_ConvUnit": note.convenience_unit,
        "xls_FxRate": used,
        "xls_FxNote": source,
        "xls_FilledFrom": source_name,
        "xls_Origin": str(note.origin),
    }


def fill(
    source,
    out,
    rate=None,
    template: str | Path = TEMPLATE,
    company: str | None = None,
    engine: str | None = None,
):
    """Fill a new workbook ``out`` from ``source``; returns the path written. ``company``
    goes into Settings, and from there into the sheet titles and page headers. ``engine``
    names the writer (engines/registry.py); by default the fastest one that can.

    ``out`` is written atomically; an existing file there is replaced only if it is not
    open in Excel."""
    fill_checked(source, out, rate, template, company, engine)
    return Path(out)


def fill_checked(
    source,
    out,
    rate=None,
    template: str | Path = TEMPLATE,
    company: str | None = None,
    engine: str | None = None,
) -> Result:
    """``fill``, returning the result as ``check_workbook`` would report it on the new file:
    the same checks and the same findings on the same cells, taken from what was drawn
    rather than by reading back the workbook just written (which took longer than the fill
    on big notes). tests/test_fill_checked.py holds the two equal."""
    out = Path(out)
    rate = parse_rate(rate)
    with about(source if isinstance(source, str | Path) else None):
        result = run(source, rate=rate)
    name = Path(source).name if isinstance(source, str | Path) else (result.note.source or "Note")
    wb = registry.new_workbook(engine, template)
    settings = _settings_for(result, name, rate)
    if company is not None:
        settings["xls_Company"] = company.strip() or None
    # Draw with the rate source as Settings will state it, so a refresh draws the same.
    result = dataclasses.replace(
        result, note=dataclasses.replace(result.note, rate_note=settings["xls_FxNote"])
    )
    drawn = render(wb, result, write_data_table=True, settings=settings)
    with safety.exclusive(out) as lock:
        _guard_new_file(out)
        safety.save(out, wb.save, lock=lock)
    return dataclasses.replace(result, findings=tuple(drawn))


@contextmanager
def about(path):
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
        with about(path):
            _openpyxl().open(path)  # refuses it in one line
    if path.suffix.lower() not in allowed:
        hint = "; write a new .xlsx with -o" if path.suffix.lower() == ".xlsm" else ""
        raise WorkbookError(f"{path}: only .xlsx workbooks can be refreshed in place headless{hint}")


def _snapshot(path: Path):
    """The workbook's bytes read once, and what a save of it would keep. The package is
    scanned before openpyxl parses it (a part with a DTD never reaches it), and openpyxl
    parses exactly the bytes that are fingerprinted."""
    snapshot = safety.Snapshot.take(path)
    return snapshot, package.inventory(snapshot.data, path)


def note_from_workbook(wb, name: str = "Data") -> Note:
    """The note as the workbook's Data table and Settings state it, with what the reader
    noticed at fill time (kept on the Checks sheet, since the text is gone)."""
    data = read_data_rows(wb)
    settings = {}
    for key in ("xls_Currency", "xls_Unit", "xls_ConvCurrency", "xls_ConvUnit", "xls_FxNote"):
        try:  # a workbook filled before a setting existed lacks its name
            settings[key] = read_setting(wb, key)
        except WorkbookError:
            settings[key] = None
    for key in ("xls_Unit", "xls_ConvUnit"):
        if settings[key] is not None:
            settings[key] = read_unit(wb, key)  # refuses "7.2993" typed into Unit, naming the cell
    note = note_from_data(data.records, data.columns, settings, name, data.where)
    kept = kept_findings(wb)
    return dataclasses.replace(
        note,
        origin=read_origin(wb),
        stated_rate=read_rate(wb),
        findings=(*note.findings, *kept),
    )


def refresh(path, out=None):
    """Re-read the Data table and Settings, re-check, redraw Schedules and Checks in place.

    In place, only the sheets refresh redraws are written anew; every other part of the
    package is kept byte for byte (splice.py). Refuses to write over a workbook that is
    open or changed while we worked, or whose redrawn sheets hold what openpyxl would drop;
    pass ``out`` to write the refreshed copy to a new file (openpyxl's save) instead."""
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
        seen, kept = _snapshot(path)
        # In place from the Data table: the note through calamine, and openpyxl without
        # the Data sheet's cells, which the spliced save does not write (quickload.py).
        from xlsegment.workbook.quickload import prepared

        quick = prepared(path, seen.data, str(path)) if in_place else None
        wb = _openpyxl().open(path, seen.data if quick is None else quick[1])
        with about(path):
            result, redrawn = _redraw(wb, str(path), path.parent, quick[0] if quick else None)
        if in_place:
            _refuse_losses(path, kept.in_place_losses(redrawn))
            write = kept.splicer(functools.partial(wb.save, sheets=redrawn), redrawn)
        else:
            write = kept.writer(wb.save)
        safety.save(target, write, seen.fingerprint if in_place else None, lock)
    return result


def _refuse_losses(path: Path, losses: list[str]) -> None:
    """A redrawn sheet is written anew: what openpyxl cannot keep on it would be lost, and
    a signature would no longer hold."""
    if losses:
        raise WorkbookError(
            f"{path}: saving in place would drop {', '.join(losses)}; move what is on a sheet "
            "refresh redraws to a sheet of your own, or refresh into a new file with -o NEW.xlsx"
        )


def refresh_book(wb, name: str, folder: Path | None = None) -> Result:
    """Re-check an open workbook and redraw it (any engine): from the data source Settings
    names (a file in ``folder``, the workbook's), which rewrites the Data table, or else
    from the Data table itself. The result's note names what was read."""
    return _redraw(wb, name, folder)[0]


def _redraw(wb, name: str, folder: Path | None, note: Note | None = None) -> tuple[Result, tuple[str, ...]]:
    """``refresh_book``, and the sheets it drew afresh; ``note``: the Data table's, read
    already (through another engine)."""
    sheets = resolve(wb)  # refresh redraws every part: refuse a workbook that lacks one, naming it
    source = data_source(wb, folder)
    if source is None:
        result = run(note if note is not None else note_from_workbook(wb, name))
    else:
        result = run(source, rate=read_rate(wb))
    drawn = render(wb, result, write_data_table=source is not None)
    return dataclasses.replace(result, findings=tuple(drawn)), sheets.redrawn(source is not None)


def check_workbook(path, rate=None) -> Result:
    """Check a filled workbook without writing it: findings carry sheet and cell."""
    path = Path(path)
    _require_xlsx(path, (".xlsx", ".xlsm"))  # reading only: macros are no risk
    with about(path):
        return run(path, rate=parse_rate(rate))


def finish_check(wb, result: Result, name: str) -> Result:
    """A workbook's own checks after the core's: the ties to the consolidated amounts in
    Settings, numbers typed over schedule formulas, and every finding on its cell."""
    consolidated, period = read_consolidated(wb)
    sheet = resolve(wb).schedules
    located = []
    # Findings are placed on the cells of the schedule as build lays it out; a workbook
    # with none to place (the reader's, the checks' or the ties') needs no layout, which
    # is a good part of checking a big one.
    if result.note.findings or result.findings or tie_findings_of(result, consolidated, period):
        built = build(result, consolidated=consolidated, period=period)
        located = on_rows(wb, located_findings(result, built, sheet))  # note-wide ones: their Checks row
    return dataclasses.replace(result, findings=(*typed_over_findings(wb, sheet), *located))


__all__ = [
    "TEMPLATE",
    "check_workbook",
    "fill",
    "fill_checked",
    "note_from_workbook",
    "open_workbook",
    "refresh",
    "refresh_book",
]
