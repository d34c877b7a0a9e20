"""The ``share``, ``addin`` and ``lite`` commands; xlsegment.cli loads them on first use."""

from __future__ import annotations

import click

from xlsegment.cli import EXIT_DONE, UsageFault, output_option
from xlsegment.errors import XlsegmentError


def _fault(error: Exception) -> UsageFault:
    return UsageFault(str(error))


@click.command(epilog=EXIT_DONE)
@click.argument("workbook", type=click.Path())
@output_option("The copy to write (.xlsx).", required=True)
def share(workbook: str, output) -> None:
    """Copy WORKBOOK with every xlsegment function replaced by its value."""
    from .share import share as make_copy

    try:
        result = make_copy(workbook, str(output))
    except XlsegmentError as error:
        raise _fault(error) from None
    except Exception as error:  # noqa: BLE001 - openpyxl and the OS raise many types
        raise _fault(f"{workbook}: {error}") from None
    click.echo(f"{result.target}: {len(result.replaced)} function cells replaced by values")
    if result.dropped:
        click.echo(f"note: the copy does not carry {', '.join(result.dropped)}")


@click.group(epilog=EXIT_DONE)
def addin() -> None:
    """Install or remove the Excel add-in (the Segments ribbon and the functions)."""


@addin.command(epilog=EXIT_DONE)
def install() -> None:
    """Install xlsegment.xlam into Excel (Windows or macOS)."""
    from .install import install as run

    try:
        path = run()
    except XlsegmentError as error:
        raise _fault(error) from None
    click.echo(f"installed {path.name}; restart Excel and look for the Segments tab")


@addin.command(epilog=EXIT_DONE)
def uninstall() -> None:
    """Remove xlsegment.xlam from Excel."""
    from .install import uninstall as run

    try:
        run()
    except XlsegmentError as error:
        raise _fault(error) from None


@click.command(epilog=EXIT_DONE)
@output_option("The folder to write main.py and requirements.txt into.", required=True)
@click.option("--wheel", default=None, help="URL of the xlsegment wheel Lite installs, when not from PyPI.")
def lite(output, wheel: str | None) -> None:
    """Write xlwings Lite's main.py and requirements.txt, to paste into Lite's editor."""
    from .lite.files import write_lite_files

    try:
        written = write_lite_files(output, wheel)
    except XlsegmentError as error:
        raise _fault(error) from None
    for path in written:
        click.echo(f"wrote {path}")
    click.echo("paste main.py into xlwings Lite's editor and requirements.txt into its requirements tab")
