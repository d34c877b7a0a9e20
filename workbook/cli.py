"""Click commands ``fill`` and ``refresh``; the main CLI loads them lazily.

Every fault the user can fix ends as one line naming the file (and sheet or cell), exit 2,
and no traceback; nothing is half-written because every save is atomic.
"""

from __future__ import annotations

import functools

import click

from xlsegment.cli import EXIT_WRITTEN, RATE, output_option, read_options, reading_options
from xlsegment.cli import UsageFault as _Usage  # one line on stderr, exit 2


def _one_line_errors(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from xlsegment.workbook.engines.base import WorkbookError

        try:
            return func(*args, **kwargs)
        except click.ClickException:
            raise
        except WorkbookError as exc:
            raise _Usage(str(exc)) from None
        except Exception as exc:  # the core's XlsegmentError and I/O faults
            if _is_user_fault(exc):
                raise _Usage(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
            raise

    return wrapper


def _is_user_fault(exc: Exception) -> bool:
    if isinstance(exc, OSError | UnicodeDecodeError):
        return True
    try:
        from xlsegment.errors import XlsegmentError
    except ImportError:
        return False
    return isinstance(exc, XlsegmentError)


def _summary_line(result, path) -> str:
    s = getattr(result, "summary", {}) or {}
    return (
        f"{path}: {s.get('checks', 0)} checks, {s.get('errors', 0)} errors, {s.get('warnings', 0)} warnings"
    )


def _echo_broken(result) -> None:
    """Each broken total, as ``check`` prints it."""
    from xlsegment.report import broken_totals

    if (getattr(result, "summary", {}) or {}).get("errors", 0):
        for line in broken_totals(result):
            click.echo(line)


def _source_line(result, workbook) -> str:
    """What the refresh read: the data source Settings names, or the Data table."""
    from pathlib import Path

    source = result.note.source
    if source and Path(source).resolve() != Path(workbook).resolve():
        return f"{workbook}: read the data source {source} named in Settings"
    return f"{workbook}: read the Data table (Settings names no data source)"


@click.command("fill", epilog=EXIT_WRITTEN)
@click.argument("source", type=click.Path())
@output_option("Workbook to write (.xlsx).", required=True)
@click.option("--rate", type=RATE, default=None, help="Convenience rate, e.g. 7.2993; wins over the note's.")
@click.option(
    "--company",
    default=None,
    metavar="NAME",
    help="Company name for Settings, shown in the sheet titles and printed page headers.",
)
@reading_options
@_one_line_errors
def fill(source: str, output, rate, company, note_heading, tables, list_tables) -> None:
    """Fill a new workbook from filing text, a tidy CSV, an HTML or iXBRL filing, an XBRL
    instance or an xlsx Data table."""
    from pathlib import Path

    options = read_options(Path(source), note_heading, tables, list_tables)
    if options.note or options.tables:
        from xlsegment.api import parse

        source = parse(source, options)  # the note found as asked, filled as read
    from xlsegment.workbook.api import fill_checked

    result = fill_checked(source, output, rate=rate, company=company)
    path = Path(output)
    click.echo(_summary_line(result, path))
    _echo_broken(result)
    if (getattr(result, "summary", {}) or {}).get("errors", 0):
        raise SystemExit(1)  # written, but with broken totals: as check and refresh say


@click.command("refresh", epilog=EXIT_WRITTEN)
@click.argument("workbook", type=click.Path())
@output_option("Write the refreshed workbook here instead of in place.")
@_one_line_errors
def refresh(workbook: str, output) -> None:
    """Re-read the data source named in Settings (else the Data table) and Settings,
    re-check and re-highlight, in place."""
    from pathlib import Path

    from xlsegment.workbook.api import refresh as do_refresh
    from xlsegment.workbook.package import lossy_parts

    out = str(output) if output is not None else None
    losses = lossy_parts(workbook) if out and Path(workbook).exists() else []
    result = do_refresh(workbook, out=out)
    if losses:
        click.echo(f"{out}: not carried over from {workbook}: {', '.join(losses)}", err=True)
    errors = (getattr(result, "summary", {}) or {}).get("errors", 0)
    click.echo(_source_line(result, workbook))
    click.echo(_summary_line(result, out or workbook))
    _echo_broken(result)
    if errors:
        raise SystemExit(1)
