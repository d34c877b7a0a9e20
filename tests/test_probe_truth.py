"""The probe notes (tests/data/probe): every figure's identity against the hand truth.

43 notes in layouts the corpus lacks, written for issue 17 (see their README). None may
be read with another segment, line, period or currency; the unnamed and missing are the
known ones below, each left unnamed with a warning rather than guessed; the checks find
no error in any of them (they all add up).
"""

from __future__ import annotations

import pytest

from tests import probe2
from tests.probe import notes, score
from xlsegment.api import check

# Read as unnamed columns, with a warning: a header of amounts and "% of Total" pairs
# whose second year the text cannot place (n14).
KNOWN = {"n14_percent_cols": {"unnamed": 4, "missing": 4}}


@pytest.mark.parametrize("path", notes(), ids=lambda p: p.stem)
def test_every_probe_figure_has_its_identity(path):
    counts, found = score(path)
    assert counts["wrong"] == 0, found
    known = KNOWN.get(path.stem, {})
    assert counts["unnamed"] == known.get("unnamed", 0), found
    assert counts["missing"] == known.get("missing", 0), found


@pytest.mark.parametrize("path", notes(), ids=lambda p: p.stem)
def test_no_probe_note_has_a_false_error(path):
    result = check(path)
    assert result.summary["errors"] == 0, [f.message for f in result.errors]


# The second probe (tests/data/probe2), written apart from the first. Left unnamed with a
# warning: a segment over measure columns with the years as rows (t14).
KNOWN2 = {
    "t14_seg_x_measure_year_rows": 24,
    "t10_products_under_segments": 24,  # the note names no currency: none is guessed
}


@pytest.mark.parametrize("path", probe2.notes(), ids=lambda p: p.stem)
def test_every_second_probe_figure_has_its_identity(path):
    counts, found = probe2.score(path)
    assert counts["wrong"] == 0 and counts["missing"] == 0, found
    assert counts["unnamed"] == KNOWN2.get(path.stem, 0), found


@pytest.mark.parametrize("path", probe2.notes(), ids=lambda p: p.stem)
def test_no_second_probe_note_has_a_false_error(path):
    result = check(path)
    assert result.summary["errors"] == 0, [f.message for f in result.errors]


# The third probe (tests/data/probe3); its README says what is still read wrong.
KNOWN3_WRONG: dict[str, int] = {}
KNOWN3_ERRORS: dict[str, int] = {}


@pytest.mark.parametrize("path", probe2.notes(probe2.PROBE3), ids=lambda p: p.stem)
def test_every_third_probe_figure_has_its_identity(path):
    counts, found = probe2.score(path)
    assert counts["wrong"] == KNOWN3_WRONG.get(path.stem, 0), found
    assert counts["missing"] == 0 and counts["unnamed"] == 0, found


@pytest.mark.parametrize("path", probe2.notes(probe2.PROBE3), ids=lambda p: p.stem)
def test_no_third_probe_note_has_a_false_error_but_the_known(path):
    result = check(path)
    assert result.summary["errors"] == KNOWN3_ERRORS.get(path.stem, 0), [f.message for f in result.errors]


# The fourth probe (tests/data/probe4); its README says what is still read wrong.
KNOWN4_WRONG = {"t03_hkd_year_major": 2}


@pytest.mark.parametrize("path", probe2.notes(probe2.PROBE4), ids=lambda p: p.stem)
def test_every_fourth_probe_figure_has_its_identity(path):
    counts, found = probe2.score(path)
    assert counts["wrong"] == KNOWN4_WRONG.get(path.stem, 0), found
    assert counts["missing"] == 0 and counts["unnamed"] == 0, found


@pytest.mark.parametrize("path", probe2.notes(probe2.PROBE4), ids=lambda p: p.stem)
def test_no_fourth_probe_note_has_a_false_error(path):
    result = check(path)
    assert result.summary["errors"] == 0, [f.message for f in result.errors]


# The fifth probe (tests/data/probe5); its README says what is still read wrong. t09 writes
# "$" and dates day first and never names its dollar: its figures carry no currency.
KNOWN5_WRONG = {
    "h01_saas_10k_contribution_margin": 3,
    # a nil dash read as 0, which the scorer pairs with the optional "0 %" change
    "h06_swiss_20f_chf_core_reconciliation_columns": 1,
    "t05_japan_20f_yen_usd_thousands": 3,
    "t11_medtech_10k_single_segment": 3,
}
KNOWN5_UNNAMED = {"t09_australia_ifrs8_segments_as_rows": 91, "t12_south_africa_ifrs8_space_separators": 30}


@pytest.mark.parametrize("path", probe2.notes(probe2.PROBE5), ids=lambda p: p.stem)
def test_every_fifth_probe_figure_has_its_identity(path):
    counts, found = probe2.score(path)
    assert counts["wrong"] == KNOWN5_WRONG.get(path.stem, 0), found
    assert counts["unnamed"] == KNOWN5_UNNAMED.get(path.stem, 0), found
    assert counts["missing"] == 0, found


@pytest.mark.parametrize("path", probe2.notes(probe2.PROBE5), ids=lambda p: p.stem)
def test_no_fifth_probe_note_has_a_false_error(path):
    result = check(path)
    assert result.summary["errors"] == 0, [f.message for f in result.errors]


# The sixth probe (tests/data/probe6); its README says what is still read wrong. t11's
# missing figures are a "Variance" column in pounds, a change the reader leaves out.
KNOWN6_WRONG = {
    "h05_china_interim_rmb_heading_periods": 8,
    "h09_uk_gbp_stacked_blocks_as_adjusted": 2,
    "t05_china_rmb_interim_6m_table_per_period": 4,
    "t06_india_inr_crore_usd_block_segments_as_rows": 3,
    "t07_brazil_brl_portuguese_stacked_segment_blocks": 8,
}
KNOWN6_MISSING = {"t11_uk_gbp_interim_period_in_leadin_variance": 8}


@pytest.mark.parametrize("path", probe2.notes(probe2.PROBE6), ids=lambda p: p.stem)
def test_every_sixth_probe_figure_has_its_identity(path):
    counts, found = probe2.score(path)
    assert counts["wrong"] == KNOWN6_WRONG.get(path.stem, 0), found
    assert counts["missing"] == KNOWN6_MISSING.get(path.stem, 0), found
    assert counts["unnamed"] == 0, found


@pytest.mark.parametrize("path", probe2.notes(probe2.PROBE6), ids=lambda p: p.stem)
def test_no_sixth_probe_note_has_a_false_error(path):
    result = check(path)
    assert result.summary["errors"] == 0, [f.message for f in result.errors]
