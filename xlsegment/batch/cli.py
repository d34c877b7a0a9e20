"""Click command ``batch``; the main CLI loads it lazily, so ``check`` never imports Dask."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xlsegment.cli import RATE, UsageFault, _guard

EXIT_BATCH = (
    "Exit codes: 0 every filing checked clean (refused files aside); 1 a filing has errors, "
    "failed or timed out; 2 unusable options or output folder (one line on stderr); "
    "130 interrupted (the output folder is consistent; run again to resume)."
)


@click.command(epilog=EXIT_BATCH)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Output folder: filings.parquet, findings.parquet, and the parts a rerun resumes from.",
)
@click.option("--scheduler", metavar="ADDRESS", default=None, help="Run on the Dask cluster at ADDRESS.")
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Local worker processes [default: cores]."
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=300.0, show_default=True, help="Seconds per filing."
)
@click.option(
    "--memory",
    "memory_mb",
    type=click.IntRange(min=256),
    default=4096,
    show_default=True,
    help="MB per filing.",
)
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV files instead of Parquet.")
@click.option("--retry-failed", is_flag=True, help="Check again the filings that failed or timed out before.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--rate", type=RATE, default=None, help="Convenience rate for every filing, as check's --rate.")
@click.option(
    "--note", "note_heading", metavar="TEXT", default=None, help="Heading of the note, as check's --note."
)
@click.option(
    "--tables", metavar="N,M", default=None, help="Tables of each filing to read, as check's --tables."
)
def batch(
    sources,
    out,
    scheduler,
    workers,
    timeout,
    memory_mb,
    as_csv,
    retry_failed,
    quiet,
    rate,
    note_heading,
    tables,
):
    """Check many filings (files, folders, globs, @list files, SEC data-set folders) on a
    Dask cluster, local by default; one row per filing and per finding in OUT."""
    from xlsegment.batch.run import INSTALL_HINT, run_batch
    from xlsegment.batch.task import Options

    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageFault(INSTALL_HINT) from None
    options = Options(note_heading, _table_numbers(tables), rate, timeout, memory_mb)
    try:
        how = {"scheduler": scheduler, "workers": workers, "as_csv": as_csv, "quiet": quiet}
        tally, written = _guard(run_batch, list(sources), out, options, retry_failed=retry_failed, **how)
    except KeyboardInterrupt:
        click.echo(f"interrupted: the finished filings are in {out}; run the same command again to resume")
        sys.exit(130)
    click.echo(tally.summary())
    click.echo("wrote " + ", ".join(str(p) for p in written))
    sys.exit(1 if tally.not_clean else 0)


def _table_numbers(tables: str | None) -> tuple[int, ...]:
    if not tables:
        return ()
    try:
        return tuple(dict.fromkeys(int(n) for n in tables.replace(" ", "").split(",") if n))
    except ValueError:
        raise UsageFault(f"--tables {tables!r}: give table numbers such as 3,4") from None
