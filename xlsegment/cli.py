"""The command line, and the one place that composes the core, workbook and udfs layers.

The core modules import nothing from ``xlsegment.workbook`` or ``xlsegment.udfs``; this
entry point does, lazily: the workbook layer (which registers the reader of filled
workbooks) is imported when a command reads a source, the workbook and add-in commands
when they are called, so ``check`` stays fast.
"""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path

import click

from xlsegment.errors import InputError, XlsegmentError
from xlsegment.gcpause import paused_gc

SAMPLE = Path(__file__).parent / "data" / "sample_note.txt"


class LazyGroup(click.Group):
    """Subcommands from other layers are imported on first use, keeping `check` fast."""

    lazy = {
        "fill": "xlsegment.workbook.cli:fill",
        "refresh": "xlsegment.workbook.cli:refresh",
        "share": "xlsegment.udfs.cli:share",
        "addin": "xlsegment.udfs.cli:addin",
        "lite": "xlsegment.udfs.cli:lite",
        "batch": "xlsegment.batch.cli:batch",
    }

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name):
        if name in self.lazy:
            module, attr = self.lazy[name].split(":")
            try:
                return getattr(importlib.import_module(module), attr)
            except (ImportError, AttributeError) as e:
                raise click.ClickException(f"command '{name}' is not available: {e}") from None
        return super().get_command(ctx, name)


class UsageFault(click.ClickException):
    """Unusable input: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None):
        click.echo(f"xlsegment: {self.message}", err=True)


# Exit codes, as every command's --help states them.
EXIT_CHECKED = (
    "Exit codes: 0 no errors found; 1 errors found (broken totals, typed-over formulas, ...); "
    "2 unusable input (one line on stderr, nothing written)."
)
EXIT_WRITTEN = (
    "Exit codes: 0 written, no errors found; 1 written, errors found (broken totals, ...); "
    "2 unusable input (one line on stderr, nothing written)."
)
EXIT_DONE = "Exit codes: 0 done; 2 unusable input (one line on stderr, nothing written)."


class RateType(click.ParamType):
    """--rate: a positive number, exact; anything else is refused in one line."""

    name = "RATE"

    def convert(self, value, param, ctx):
        from xlsegment.api import parse_rate

        try:
            return parse_rate(value)
        except InputError as exc:
            raise UsageFault(
                f"--rate: {exc.reason}; give the convenience rate as a positive number, e.g. 7.2993"
            ) from None


RATE = RateType()


def output_option(help: str, *, required: bool = False, default: Path | None = None):
    """``-o/--output``, the same on every command that writes a file. ``--out``, its name
    on ``fill`` and ``refresh`` before 0.2, still works (hidden) so scripts keep running."""
    shown = f"{help} [default: {default}]" if default is not None else help
    shown += " [required]" if required else ""

    def decorate(command):
        @functools.wraps(command)
        def merged(*args, output=None, out_alias=None, **kwargs):
            if out_alias is not None and output is not None and Path(out_alias) != Path(output):
                raise UsageFault(f"-o/--output {output} and --out {out_alias}: give the output once")
            output = output or out_alias or default
            if output is None and required:
                raise UsageFault("-o/--output is missing: name the file to write")
            return command(*args, output=output, **kwargs)

        merged = click.option("--out", "out_alias", type=click.Path(path_type=Path), hidden=True)(merged)
        return click.option("-o", "--output", "output", type=click.Path(path_type=Path), help=shown)(merged)

    return decorate


def _guard(fn, *args, **kwargs):
    try:
        with paused_gc():
            return fn(*args, **kwargs)
    except XlsegmentError as e:
        raise UsageFault(str(e)) from None


def compose() -> None:
    """Register the readers of the layers above the core (a filled workbook)."""
    importlib.import_module("xlsegment.workbook")


_COMPOSED = {
    "fill": "xlsegment.workbook.api:fill",
    "refresh": "xlsegment.workbook.api:refresh",
    "check_workbook": "xlsegment.workbook.api:check_workbook",
    "main": "xlsegment.udfs.ribbon:main",  # the ribbon's Refresh: xlsegment.xlam runs xlsegment.main()
}


def composed(name: str):
    """A function of an upper layer, for the package's public API (``xlsegment.fill``)."""
    compose()
    module, attr = _COMPOSED[name].split(":")
    return getattr(importlib.import_module(module), attr)


def reading_options(command):
    """The options that say where the segment note is in a whole filing (HTML, iXBRL)."""
    command = click.option(
        "--list-tables",
        is_flag=True,
        help="List the tables of an HTML filing (number, rows, lead-in) and stop.",
    )(command)
    command = click.option(
        "--tables",
        "tables",
        metavar="N,M",
        default=None,
        help="Read these tables of an HTML filing as the note (numbers as --list-tables shows).",
    )(command)
    return click.option(
        "--note",
        "note_heading",
        metavar="TEXT",
        default=None,
        help="Text of the heading that opens the segment note in a whole filing.",
    )(command)


def read_options(source: Path, note_heading: str | None, tables: str | None, list_tables: bool):
    """ReadOptions from the reading options; with --list-tables, print the tables and exit."""
    from xlsegment.readers import ReadOptions, reader_for

    asked = (("--list-tables", list_tables), ("--tables", tables), ("--note", note_heading))
    given = [option for option, value in asked if value]
    if given:
        reader, _ = _guard(reader_for, source)
        if not getattr(reader, "picks_tables", False):
            # Never ignored in silence: these options pick tables out of a whole filing.
            raise UsageFault(
                f"{source}: {given[0]} picks tables in an HTML or iXBRL filing; this file is {reader.name}"
            )
    if list_tables:
        from xlsegment.readers.htmldoc import list_tables as tables_of

        for line in _guard(tables_of, source):
            click.echo(line)
        sys.exit(0)
    numbers: tuple[int, ...] = ()
    if tables:
        try:
            # A table named twice is read once: twice would tie each figure to itself.
            numbers = tuple(dict.fromkeys(int(n) for n in tables.replace(" ", "").split(",") if n))
        except ValueError:
            raise UsageFault(f"--tables {tables!r}: give table numbers such as 3,4") from None
    return ReadOptions(note=note_heading, tables=numbers)


@click.group(
    cls=LazyGroup,
    epilog="Exit codes: 0 ok; 1 errors found (check, fill, refresh); 2 unusable input (one line on stderr).",
)
@click.version_option(package_name="xlsegment")
def cli():
    """Check, reconcile and translate segment-reporting notes (ASC 280, IFRS 8)."""


@cli.command(epilog=EXIT_DONE)
@click.argument("note", type=click.Path(path_type=Path))
@click.option(
    "--csv",
    "csv_out",
    type=click.Path(path_type=Path),
    required=True,
    help="Write the tidy facts here; - writes them to standard output.",
)
@reading_options
def parse(note: Path, csv_out: Path, note_heading, tables, list_tables):
    """Read NOTE and write its facts as a tidy CSV."""
    from xlsegment.api import parse as parse_note

    compose()
    options = read_options(note, note_heading, tables, list_tables)
    result = _guard(parse_note, note, options)
    where = _guard(_write_csv, result, csv_out)
    # With the CSV on standard output, the summary goes to stderr so a pipe gets only CSV.
    to_stdout = str(csv_out) == "-"
    click.echo(f"{len(result.facts)} facts from {len(result.tables)} tables -> {where}", err=to_stdout)


def _write_csv(note, out: Path) -> str:
    import io

    from xlsegment import outputs
    from xlsegment.readers.tidy import write_tidy_csv

    if str(out) != outputs.STDOUT:
        _make_folder(out.parent)
    text = io.StringIO(newline="")
    write_tidy_csv(note, text)
    return outputs.write_text(out, text.getvalue())


def _make_folder(folder: Path) -> None:
    from xlsegment.errors import InputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(str(folder), None, f"cannot make this folder ({e.strerror})") from None


@cli.command(epilog=EXIT_CHECKED)
@click.argument("note", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON.")
@click.option(
    "--rate",
    type=RATE,
    default=None,
    help="Convenience rate, e.g. 7.2993; wins over the rate the source states (a workbook's Settings) "
    "or the rate inferred from the translated figures.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also show infos and every relation.")
@reading_options
def check(note: Path, as_json: bool, rate, verbose: bool, note_heading, tables, list_tables):
    """Check every total of NOTE (filing text, tidy CSV, HTML or iXBRL filing, XBRL
    instance, or a filled workbook)."""
    from xlsegment import report
    from xlsegment.api import check as check_note

    compose()
    options = read_options(note, note_heading, tables, list_tables)
    result = _guard(check_note, note, rate, options)
    click.echo(report.to_json(result) if as_json else report.to_text(result, verbose))
    sys.exit(1 if result.summary["errors"] else 0)


@cli.command(epilog=EXIT_DONE)
@output_option("Workbook to write (.xlsx).", default=Path("segment_report.xlsx"))
@click.option("-v", "--verbose", is_flag=True, help="Also show infos and every relation.")
def demo(output: Path, verbose: bool):
    """Fill the bundled sample note into a workbook and print its check report."""
    from dataclasses import replace

    from xlsegment import report
    from xlsegment.api import check as check_note
    from xlsegment.api import parse as parse_note
    from xlsegment.workbook.api import fill

    note = replace(_guard(parse_note, SAMPLE), source="sample note (bundled)")
    result = _guard(check_note, note)
    _guard(fill, note, output)
    click.echo(f"workbook: {output}")
    click.echo(report.to_text(result, verbose))


def main() -> None:
    cli(prog_name="xlsegment")


if __name__ == "__main__":
    main()
