"""Command line: parse, check, demo; workbook and add-in commands load only when called."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from xlsegment.errors import XlsegmentError

SAMPLE = Path(__file__).parent / "data" / "sample_note.txt"
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


class LazyGroup(click.Group):
    """Subcommands from other layers are imported on first use, keeping `check` fast."""

    lazy = {
        "fill": "xlsegment.workbook.cli:fill",
        "refresh": "xlsegment.workbook.cli:refresh",
        "share": "xlsegment.udfs.cli:share",
        "addin": "xlsegment.udfs.cli:addin",
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


def _guard(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except XlsegmentError as e:
        raise UsageFault(str(e)) from None


@click.group(cls=LazyGroup)
@click.version_option(package_name="xlsegment")
def cli():
    """Check, reconcile and translate segment-reporting notes (ASC 280, IFRS 8)."""


@cli.command()
@click.argument("note", type=click.Path(path_type=Path))
@click.option(
    "--csv",
    "csv_out",
    type=click.Path(path_type=Path),
    required=True,
    help="Write the tidy facts here; - writes them to standard output.",
)
def parse(note: Path, csv_out: Path):
    """Read NOTE and write its facts as a tidy CSV."""
    from xlsegment.api import parse as parse_note

    result = _guard(parse_note, note)
    where = _guard(_write_csv, result, csv_out)
    # With the CSV on standard output, the summary goes to stderr so a pipe gets only CSV.
    to_stdout = str(csv_out) == "-"
    click.echo(f"{len(result.facts)} facts from {len(result.tables)} tables -> {where}", err=to_stdout)


def _write_csv(note, out: Path) -> str:
    import csv
    import io

    from xlsegment import outputs
    from xlsegment.model import TIDY_COLUMNS, tidy_records

    if str(out) != outputs.STDOUT:
        _make_folder(out.parent)
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=TIDY_COLUMNS)
    writer.writeheader()
    writer.writerows(tidy_records(note.facts))
    return outputs.write_text(out, text.getvalue())


def _make_folder(folder: Path) -> None:
    from xlsegment.errors import InputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(str(folder), None, f"cannot make this folder ({e.strerror})") from None


@cli.command()
@click.argument("note", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON.")
@click.option("--rate", default=None, help="Convenience rate, e.g. 7.2993 (else inferred).")
@click.option("-v", "--verbose", is_flag=True, help="Also show infos and every relation.")
def check(note: Path, as_json: bool, rate: str | None, verbose: bool):
    """Check every total of NOTE (filing text, tidy CSV or a filled workbook)."""
    from xlsegment import report

    if note.suffix.lower() in WORKBOOK_SUFFIXES:
        from xlsegment.workbook.api import check_workbook

        result = _guard(check_workbook, note)
    else:
        from xlsegment.api import check as check_note

        result = _guard(check_note, note, rate)
    click.echo(report.to_json(result) if as_json else report.to_text(result, verbose))
    sys.exit(1 if result.summary["errors"] else 0)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("segment_report.xlsx"),
    show_default=True,
)
@click.option("-v", "--verbose", is_flag=True)
def demo(output: Path, verbose: bool):
    """Fill the bundled sample note into a workbook and print its check report."""
    from dataclasses import replace

    from xlsegment import report
    from xlsegment.api import check as check_note
    from xlsegment.api import parse as parse_note
    from xlsegment.workbook.api import fill

    note = replace(_guard(parse_note, SAMPLE), source="sample note (bundled)")
    result = check_note(note)
    _guard(fill, note, output)  # the note read once serves the report and the workbook
    click.echo(f"workbook: {output}")
    click.echo(report.to_text(result, verbose))


def main() -> None:
    cli(prog_name="xlsegment")


if __name__ == "__main__":
    main()
