"""The rules that keep printed schedules readable: a header or label that wraps gets the
height its lines need, a figure column is as wide as its longest word or figure, and a
sheet too wide for one page at 8 pt prints at the smallest readable scale with its row
labels on every page instead of shrinking."""

from __future__ import annotations

import pytest

from xlsegment.workbook.sheets import fit, pages


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("USD millions", 19, 1),
        ("UnitedHealthcare", 19, 1),
        ("Optum Eliminations", 12, 3),  # "Eliminations" fills more than a line
        ("Loss on sale of subsidiary and subsidiaries held for sale", 44, 2),
        ("Loss on sale of subsidiary and subsidiaries held for sale", 60, 1),
        ("Year ended December 31, 2024", 10, 4),
        ("Supercalifragilistic", 8, 3),  # one word longer than the column breaks
        ("", 10, 1),
    ],
)
def test_wrapped_lines(text, width, lines):
    assert fit.wrapped_lines(text, width) == lines


@pytest.mark.parametrize("lines", [1, 2, 3, 4])
@pytest.mark.parametrize("width", [8, 12, 19, 44])
def test_grid_a_row_is_as_tall_as_its_most_wrapped_cell(lines, width):
    word = "x" * (width - 1)
    tall = " ".join([word] * lines)
    height = fit.row_height([("short", width), (tall, width), ("", width)])
    if lines == 1:
        assert height is None  # Excel's default height shows one line
    else:
        assert height == lines * fit.LINE_PT + fit.PADDING_PT


@pytest.mark.parametrize(
    ("headers", "figures", "width"),
    [
        (["UnitedHealthcare", "USD millions"], ["298,208"], 16 + fit.MARGIN),
        (["Optum Eliminations"], ["(1,035,173)"], 12 + fit.MARGIN),
        (["Total", "USD"], ["12"], 5 + fit.MARGIN),
        (["Pneumonoultramicroscopicsilicovolcanoconiosis"], [], fit.MAX_FIGURE_WIDTH),
    ],
)
def test_a_figure_column_is_as_wide_as_its_longest_word_or_figure(headers, figures, width):
    assert fit.figure_width(headers, figures) == width


def test_a_long_label_column_is_capped_and_wraps():
    assert fit.label_width(["Premiums", "Total"]) == len("Premiums") + 2
    assert fit.label_width(["x" * 80]) == fit.MAX_LABEL_WIDTH


@pytest.mark.parametrize("landscape", [True, False])
@pytest.mark.parametrize("figures", [1, 3, 6, 9, 14])
def test_grid_a_sheet_prints_one_page_wide_only_where_its_text_stays_8_pt(landscape, figures):
    widths = {"A": 44.0} | {chr(ord("B") + j): 19.0 for j in range(figures)}
    last = chr(ord("A") + figures)
    width = pages.area_points(widths, f"A1:{last}40")
    setup = pages.page_setup("Schedules", landscape=landscape, width_pt=width)
    fits = width * pages.MIN_SCALE / 100 <= pages.PRINTABLE_PT[landscape]
    assert setup["fit_width"] is fits
    if fits:
        assert setup["scale"] is None and setup["repeat_cols"] is None
    else:
        assert setup["scale"] * pages.SMALLEST_FONT_PT / 100 >= pages.SMALLEST_PRINT_PT
        assert setup["repeat_cols"] == "A:A"


def test_hidden_columns_take_no_printed_width():
    widths = {"A": 40.0, "B": 19.0, "C": 19.0}
    assert pages.area_points(widths, "A1:C9", hidden=["C"]) == pages.area_points(widths, "A1:B9")
    assert pages.area_points({}, "A1:A1") == pages.column_points(pages.DEFAULT_WIDTH)


def test_the_checks_table_fits_a_landscape_page_at_8_pt():
    """The Checks columns are sized so the table needs no second page across: widening
    one would print every check over two pages."""
    from xlsegment.workbook.sheets.checks import CHECK_WIDTHS

    setup = pages.page_setup("Checks", width_pt=pages.area_points(CHECK_WIDTHS, "A1:J200"))
    assert setup["fit_width"] is True and setup["repeat_cols"] is None
