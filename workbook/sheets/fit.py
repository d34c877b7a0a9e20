"""How much room a schedule's text needs: the width of its label and figure columns, the
lines a wrapped header or label takes, and the row height that shows them all.

Excel keeps a row a program writes at the default height, whatever its wrapped text
needs, so a two-line header would show one line and run into the rule below it. The
height is set here instead, from the words and the column's width.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from xlsegment.workbook.sheets import pages

LINE_PT = 13.0  # one line of the 10 pt header font: Excel's 12.75 pt row, rounded up
PADDING_PT = 3.0  # above and below the lines, so the bottom rule clears the last one
# The label column takes at most a quarter of a landscape page at the smallest readable
# scale (40 characters), leaving three quarters to the figures; a longer label wraps.
MAX_LABEL_WIDTH = pages.page_chars() // 4
MAX_FIGURE_WIDTH = 24  # a figure column wider than this wraps its header instead
MARGIN = 2  # characters beside the widest word or figure: the cell's padding and the bold


def figure_width(headers: Iterable[str], figures: Iterable[str]) -> float:
    """A figure column as wide as its widest figure (or other text kept on one line, such
    as "USD millions") or the longest word of its headers ("UnitedHealthcare"), never the
    whole header: a long header wraps onto more lines."""
    words = [len(w) for text in headers for w in text.split()]
    widest = max([*words, *(len(f) for f in figures)], default=7)
    return min(widest + MARGIN, MAX_FIGURE_WIDTH)


def label_width(labels: Iterable[str]) -> float:
    """The label column: as wide as the longest label, within ``MAX_LABEL_WIDTH``."""
    return min(max((len(x) for x in labels), default=30) + 2, MAX_LABEL_WIDTH)


# Characters of regular text per unit of Excel's width (the width of a digit): Calibri's
# lower-case letters are narrower than its digits. A bold header counts one per unit.
REGULAR_PER_DIGIT = 1.1


def wrapped_lines(text: str, width: float, regular: bool = False) -> int:
    """Lines a text takes wrapped at word boundaries in a column ``width`` characters
    wide (a bold character is about as wide as the digit Excel's width counts)."""
    room = max(int(width * (REGULAR_PER_DIGIT if regular else 1)) - 1, 1)
    lines, used = 0, room + 1
    for word in str(text).split():
        if used + 1 + len(word) <= room:
            used += 1 + len(word)
        else:
            lines += math.ceil(len(word) / room)
            used = len(word) % room or room
    return max(lines, 1)


def row_height(cells: Iterable[tuple[str, float]], regular: bool = False) -> float | None:
    """The height of a row of (text, column width) cells, bold headers unless
    ``regular``; None where every text fits on one line (the row keeps Excel's default)."""
    lines = max((wrapped_lines(text, width, regular) for text, width in cells if text), default=1)
    return None if lines <= 1 else lines * LINE_PT + PADDING_PT
