"""Acceptance policies: how much arithmetic evidence makes a candidate a relation.

Every threshold of the relation search is named here, with the reason it has the value it
has; ``tests/test_relate_policy.py`` shows on small grids what each one decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from xlsegment.relate.evidence import Tally

TYPO_SHARE = Decimal("0.005")
"""A miss within half a percent of the figures' size (the total and its parts, in absolute
value) is a typo in a real total, not a sign that the figures are no total: a 12-unit slip in
a 2,400-unit sum. Beyond it, a labelled total that misses is reported as a total whose parts
are unknown, not as a broken sum."""

GIVE_UP_AFTER = 2
"""An evaluation stops once two instances miss and one misses by more than a typo: such a
candidate cannot meet any policy below, and the search stays linear in the table's size."""

LABELLED_COLUMN_SHARE = Fraction(2, 3)
"""A column headed Total (or Subtotal) adds up the columns it totals in at least two rows
of three. More misses mean the columns tried are not its parts."""

UNLABELLED_MIN_ROWS = 3
"""An unlabelled column, or an unlabelled or plain-named row, is a total only where it can
be tested in three rows or columns: two agreeing numbers are too easily a coincidence."""

UNLABELLED_FORGIVEN = 1
"""Where a total is only suggested by the arithmetic, one instance may miss: a typo in one
period must not hide the relation that holds in all the others (it is reported as an error,
confirmed by the others)."""


NAMED_ROW_MIN_COLUMNS = 4
"""A row named like an item, with no total or result word ("Life insurance" after its
kinds of business), is a total only where the arithmetic holds in four columns at least,
all but one: among rows of items, two or three agreeing columns are too easily a
coincidence."""


@dataclass(frozen=True, slots=True)
class Policy:
    """When a candidate's tally makes it a relation."""

    name: str
    reason: str
    share: Fraction = Fraction(1)  # of the tested instances, this share must hold
    forgiven: int = 0  # this many tested instances may miss
    min_tested: int = 1
    min_holds: int = 1
    nontrivial: bool = False  # must hold somewhere with a nonzero total and two nonzero parts
    typos_hold: bool = False  # when every miss is a typo, one holding instance is enough
    any_tally: bool = False  # declared by position: kept whatever the arithmetic says

    def accepts(self, t: Tally) -> bool:
        if self.any_tally:
            return t.tested > 0
        if t.tested < self.min_tested or t.holds < self.min_holds:
            return False
        if self.nontrivial and not t.nontrivial:
            return False
        if self.typos_hold and t.near == t.tested:
            return True
        need = max(self.min_holds, -(-self.share.numerator * t.tested // self.share.denominator))
        return t.holds >= min(need, t.tested - self.forgiven) if self.forgiven else t.holds >= need


LABELLED_COLUMN = Policy(
    "labelled column",
    "a column headed Total adds its columns in two rows of three, or misses only by typos",
    share=LABELLED_COLUMN_SHARE,
    typos_hold=True,
)
UNLABELLED_COLUMN = Policy(
    "unlabelled column",
    "an unnamed column is a total only if it adds up in every row but one, in three rows at least",
    forgiven=UNLABELLED_FORGIVEN,
    min_tested=UNLABELLED_MIN_ROWS,
    min_holds=UNLABELLED_MIN_ROWS - UNLABELLED_FORGIVEN,
)
ROW_EVERY_COLUMN = Policy(
    "every column",
    "a total row whose parts add up in every column it can be tested in",
    nontrivial=True,
)
ROW_ALL_BUT_ONE = Policy(
    "all columns but one",
    "with three columns or more, one broken column must not hide the relation",
    forgiven=UNLABELLED_FORGIVEN,
    min_tested=UNLABELLED_MIN_ROWS,
    min_holds=UNLABELLED_MIN_ROWS - UNLABELLED_FORGIVEN,
    nontrivial=True,
)
LABELLED_ROW_MIN_COLUMNS = 2
"""A row labelled as a total or result ("Total revenue", "Segment profit") that adds its rows
exactly in one column and misses in the other of two is broken there, not a coincidence:
the label declares the sum and the holding column names its parts."""

LABELLED_ROW = Policy(
    "labelled, all columns but one",
    "a row labelled as a total adds its rows in every column but one, two columns at least",
    forgiven=UNLABELLED_FORGIVEN,
    min_tested=LABELLED_ROW_MIN_COLUMNS,
    min_holds=LABELLED_ROW_MIN_COLUMNS - UNLABELLED_FORGIVEN,
    nontrivial=True,
)
NAMED_ROW = Policy(
    "named row, four columns",
    "a row named like an item is a total only where its parts add up in four columns, all but one",
    forgiven=UNLABELLED_FORGIVEN,
    min_tested=NAMED_ROW_MIN_COLUMNS,
    min_holds=NAMED_ROW_MIN_COLUMNS - UNLABELLED_FORGIVEN,
    nontrivial=True,
)
BREAKDOWN = Policy(
    "breakdown below",
    "'of which' rows are the whole of the total above them only where they add up to it in every "
    "column but one (an 'of which' may name a part only)",
    forgiven=UNLABELLED_FORGIVEN,
    min_holds=1,
    nontrivial=True,
)
RECONCILIATION_END = Policy(
    "end of a reconciliation",
    "the last line of a reconciliation block is its total by position (ASC 280-10-50-30)",
    any_tally=True,
)
SAME_LABELS_IN_BLOCKS = Policy(
    "same labels in every block",
    "segment blocks with the same line items add to the Consolidated block where it holds once",
    share=Fraction(0),
)
IDENTITY_PERIODS = Policy(
    "two periods of three",
    "revenue less significant expenses equals segment profit in two thirds of a segment's periods",
    share=Fraction(2, 3),
)


def near_miss(t: Tally) -> bool:
    """Every miss is within a typo of the figures' size."""
    return t.tested > 0 and t.worst <= TYPO_SHARE
