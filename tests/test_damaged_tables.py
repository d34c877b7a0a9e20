"""A workbook whose Excel table parts are damaged is refreshed cleanly or refused in one
line: a table whose display name differs from its key, two tables of one name."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from tests.xlsx_parts import Package, parts
from xlsegment.cli import cli
from xlsegment.workbook.api import fill


@pytest.fixture(scope="module")
def filled(seed_path, tmp_path_factory):
    return fill(seed_path, tmp_path_factory.mktemp("tables") / "seed.xlsx")


def _table_part(book, name: str) -> str:
    return next(
        p
        for p, data in parts(book).items()
        if p.startswith("xl/tables/") and f'displayName="{name}"'.encode() in data
    )


@pytest.mark.parametrize("renamed", ["C2ecks", "Data"])
def test_a_table_renamed_inside_its_part_is_refreshed_or_refused_in_one_line(filled, tmp_path, renamed):
    pkg = Package(filled)
    part = _table_part(filled, "Checks")
    pkg.edit(part, lambda x: x.replace(b'displayName="Checks"', f'displayName="{renamed}"'.encode()))
    book = pkg.save(tmp_path / "damaged.xlsx")
    before = book.read_bytes()
    result = CliRunner().invoke(cli, ["refresh", str(book)])
    assert "Traceback" not in result.output and not isinstance(result.exception, KeyError | ValueError)
    if result.exit_code == 2:
        assert len(result.output.strip().splitlines()) == 1 and book.read_bytes() == before
    else:
        assert result.exit_code in (0, 1)
        openpyxl.load_workbook(book)  # saved: a readable workbook
