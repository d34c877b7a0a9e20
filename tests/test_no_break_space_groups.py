"""Flowed rows whose figures group their digits by a no-break space ("412\u202f306"), as
French notes print them, with plain spaces between the cells.

Python's ``str.split`` parts words at every Unicode space, so each group of three digits
became a cell of its own and the rows could not be placed. Now a line is split at plain
spaces only (``flowed.tokens_of``), and a no-break or narrow no-break space stays inside
its figure.

Grid: narrow or plain no-break space x 2 or 3 year columns x negatives in parentheses.
"""

from __future__ import annotations

import pytest

from xlsegment.api import check, parse
from xlsegment.readers.flowed import tokens_of

ROWS = {
    "France": (412306, 398114, 385002),
    "Europe du Sud": (286412, 271905, 260118),
    "International": (148219, 131662, 120907),
}


def _grouped(value: int, space: str) -> str:
    text = f"{abs(value):,}".replace(",", space)
    return f"({text})" if value < 0 else text


@pytest.mark.parametrize("space", ["\u202f", "\u00a0"])
@pytest.mark.parametrize("years", [2, 3])
@pytest.mark.parametrize("negative", [False, True])
def test_a_no_break_space_groups_digits_and_a_space_parts_cells(tmp_path, space, years, negative):
    ys = ["2025", "2024", "2023"][:years]
    rows = {k: v[:years] for k, v in ROWS.items()}
    if negative:
        rows["Holding et autres"] = tuple(-4812 - 100 * k for k in range(years))
    total = [sum(v[k] for v in rows.values()) for k in range(years)]
    lines = [
        "Note 5 - Information sectorielle",
        f"(en milliers d'euros) {' '.join(ys)}",
        "Chiffre d'affaires",
    ]
    for label, values in [*rows.items(), ("Total Groupe", total)]:
        lines.append(f"{label} " + " ".join(_grouped(v, space) for v in values))
    path = tmp_path / "note.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = {(f.segment, f.period): f.value for f in parse(path).facts}
    for label, values in rows.items():
        assert [facts[(label, y)] for y in ys] == list(values)
    assert check(path).summary["errors"] == 0


def test_tokens_part_at_plain_spaces_only():
    assert tokens_of("France 412\u202f306 438\u00a0915\t(4\u202f812)") == [
        "France",
        "412\u202f306",
        "438\u00a0915",
        "(4\u202f812)",
    ]
