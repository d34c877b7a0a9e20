"""The one segment a lead-in names, and the phrases that name none.

"The following table presents results for our Primary segment:" makes every row of its
table that segment's (a single-segment note, ASC 280-10-50-1). Capitalised words before
"segment" are a name only when they are words of a name: a date, a sentence break, "by
segment" or two segments named leave the table to its own rows. Grid: each phrasing with
each name, against every way of saying none.
"""

from __future__ import annotations

import pytest

from xlsegment.readers.naming import title_segment

NAMES = ["Primary", "Payment Solutions", "U.S. Retail", "Oil and Gas", "Food & Beverage", "North America"]
PHRASES = [
    "The following table presents financial information for our {name} segment:",
    "Results of the {name} reportable segment were as follows (in millions):",
    "Revenue and operating income of its {name} operating segment",
    "Information about the {name} segment. Amounts in thousands.",
]
NONE = [
    "The following table presents revenue for the Year Ended December 31, 2024 by segment:",
    "Revenue for the Years Ended December 31, 2024 and 2023 by segment (in millions):",
    "We operate in the Americas. The following table presents segment revenue:",
    "Revenue for the {name} segment and the Europe segment is as follows:",
    "The following table presents information for the Company's reportable segment:",
    "The Company has one reportable segment; its results are as follows:",
    "Summarized financial information by reportable segment for Fiscal 2025 is as follows:",
    "The CODM reviews our single operating segment's results:",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("phrase", PHRASES)
def test_a_lead_in_naming_one_segment_names_it(phrase, name):
    assert title_segment(phrase.format(name=name)) == name


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("phrase", NONE)
def test_a_lead_in_naming_no_single_segment_names_none(phrase, name):
    assert title_segment(phrase.format(name=name)) == ""
