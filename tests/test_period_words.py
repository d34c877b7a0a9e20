"""The words a header states over its years ("Year ended December 31,") caption each
year in the schedules: "Year ended December 31, 2024" (readers/layout.period_words).
Grid tests over how filings state them, as text and as HTML, and their round trip
through the tidy CSV a workbook's Data table is made of."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlsegment.api import parse
from xlsegment.readers.layout import period_words
from xlsegment.workbook.sheets.schedules import period_caption


@pytest.mark.parametrize(
    ("headings", "words"),
    [
        (["Years ended December 31,"], "Year ended December 31"),
        (["Year Ended December 31, 2023"], "Year Ended December 31"),
        (["Year ended December 31, 2024:"], "Year ended December 31"),
        (["As of and for the Fiscal Year Ended February 3, 2024"],
         "As of and for the Fiscal Year Ended February 3"),
        (["December 31,"], "December 31"),
        (["At December 31, 2024 and 2023"], "At December 31"),
        (["Year Ended Jan 26, 2025"], "Year Ended Jan 26"),
        (["Fiscal 2024"], ""),  # the label says it: no month and day to add
        (["Three Months Ended June 30,", "Six Months Ended June 30,"], ""),  # two bands: per column
        (["Year Ended December 31,", "Year ended December 31,"], "Year Ended December 31"),
        ([], ""),
    ],
)  # fmt: skip
def test_period_words(headings, words):
    assert period_words(headings) == words


HEADERS = {
    "a caption row over the years": (["Year ended December 31,"], "Year ended December 31"),
    "an instant over the years": (["December 31,"], "December 31"),
    "a plural caption": (["Years Ended December 31,"], "Year Ended December 31"),
    "no caption": ([], ""),
}


def _text_note(tmp_path, caption: list[str], segments: list[str], years: list[int]) -> str:
    """Segments as rows over the years, then their total, one cell per line."""
    figures = {s: [100 * (i + 1) + k for k in range(len(years))] for i, s in enumerate(segments)}
    figures["Total revenues"] = [sum(v[k] for v in figures.values()) for k in range(len(years))]
    cells = ["The following table presents segment information (in millions):", *caption, *map(str, years)]
    for label, values in figures.items():
        cells += [label, *(f"{v:,}" for v in values)]
    path = tmp_path / "note.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("years", [[2024], [2024, 2023], [2024, 2023, 2022]])
@pytest.mark.parametrize("segments", [["Mining", "Hosting"], ["Mining", "Hosting", "Engineering"]])
@pytest.mark.parametrize("header", list(HEADERS))
def test_grid_text_years_are_captioned_in_the_filings_words(tmp_path, header, segments, years):
    caption, words = HEADERS[header]
    note = parse(_text_note(tmp_path, caption, segments, years))
    [table] = note.tables
    assert table.period_words == words
    periods = sorted({f.period for f in table.cells.values()}, reverse=True)
    assert periods == [str(y) for y in years]
    for period in periods:
        assert period_caption(table, period) == (f"{words}, {period}" if words else period)


@pytest.mark.parametrize("header", [h for h in HEADERS if HEADERS[h][0]])
@pytest.mark.parametrize("years", [[2024, 2023], [2024, 2023, 2022]])
def test_grid_html_years_are_captioned_in_the_filings_words(tmp_path, header, years):
    caption, words = HEADERS[header]
    span = f'<tr><td></td><td colspan="{len(years)}">{caption[0]}</td></tr>'
    head = "<tr><td></td>" + "".join(f"<td>{y}</td>" for y in years) + "</tr>"
    body = "".join(
        f"<tr><td>{label}</td>" + "".join(f"<td>{v + k}</td>" for k in range(len(years))) + "</tr>"
        for label, v in (("Mining", 100), ("Hosting", 200))
    )
    total = (
        "<tr><td>Total revenues</td>"
        + "".join(f"<td>{300 + 2 * k}</td>" for k in range(len(years)))
        + "</tr>"
    )
    lead_in = "<p>The following table presents segment information:</p>"
    html = f"<html><body>{lead_in}<table>{span}{head}{body}{total}</table></body></html>"
    path = tmp_path / "note.html"
    path.write_text(html, encoding="utf-8")
    [table] = parse(path).tables
    assert table.period_words == words


def test_the_words_survive_the_tidy_csv(tmp_path):
    """The seed's words round-trip through `xlsegment parse --csv`, as the Data table's
    hidden layout_table_period_words column carries them through a refresh."""
    from click.testing import CliRunner

    from xlsegment.cli import cli

    seed = Path(__file__).parents[1] / "xlsegment" / "data" / "sample_note.txt"
    csv = tmp_path / "facts.csv"
    assert CliRunner().invoke(cli, ["parse", str(seed), "--csv", str(csv)]).exit_code == 0
    words = [t.period_words for t in parse(csv).tables]
    assert words == [t.period_words for t in parse(seed).tables]
    assert words[0] == "Year ended December 31"
