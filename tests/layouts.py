"""A layout generator: the structured tables of the corpus JSONs rendered as filing text.

Each corpus note's JSON states its tables cell by cell (header rows, data rows with their
values). ``render`` writes a note back as text one cell per line, in the layout a variant
asks for: "$" cells on their own line, joined to the amount or left out; blank lines
between tables or none; rows flowed onto one line each, as PDF text has them; European
number format; a "% Change" column after the amounts; column names wrapped over two lines.
The reader must find the same figures in every layout, so the tests can show generality
without the notes kept aside.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

VARIANTS = (
    "plain",
    "joined_dollar",
    "no_dollar",
    "no_blank_lines",
    "flowed",
    "european",
    "percent",
    "wrapped",
)


@dataclass
class Rendered:
    text: str
    # (JSON table, row, column) -> the line the figure is on
    lines: dict[tuple[int, int, int], int] = field(default_factory=dict)


def load(json_path: Path) -> dict:
    return json.loads(json_path.read_text(encoding="utf-8"))


def _amount(cell: str, european: bool) -> str:
    """The cell's amount text without its "$" (kept apart), in the format asked for."""
    body = cell.replace("$", "").strip()
    if european:
        body = body.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return body


def render(doc: dict, variant: str, shift: tuple[int, int, int, int] | None = None) -> Rendered:
    """The note's tables as text in ``variant``; ``shift`` = (table, row, column, delta)
    moves one figure by delta units of its last digit."""
    out = Rendered("")
    lines: list[str] = []
    european = variant == "european"

    def emit(text: str, key=None) -> None:
        lines.append(text)
        if key is not None:
            out.lines[key] = len(lines)

    for t in doc["tables"]:
        if t.get("lead_in"):
            emit(t["lead_in"])
        header_rows = [r for r in t["rows"] if r["kind"] == "header"]
        last_header = header_rows[-1] if header_rows else None
        for ri, row in enumerate(t["rows"]):
            if row["kind"] in ("header", "label"):
                _header(row, variant, emit, percent=variant == "percent" and row is last_header)
                continue
            cells = [(ci, c) for ci, c in enumerate(row["cells"]) if c.strip()]
            if variant == "flowed":
                parts = [row["label"]] + [_dollar(_shifted(t, ri, ci, c, shift), european) for ci, c in cells]
                emit(" ".join(p for p in parts if p))
                for ci, _ in cells:
                    out.lines[(t["index"], ri, ci)] = len(lines)
                continue
            if row["label"]:
                emit(row["label"])
            for ci, c in cells:
                text = _shifted(t, ri, ci, c, shift)
                if "$" in text and variant not in ("no_dollar", "joined_dollar"):
                    emit("$")
                amount = _amount(text, european)
                if variant == "joined_dollar" and "$" in text:
                    amount = "$" + amount
                emit(amount, (t["index"], ri, ci))
            if variant == "percent" and _is_period_table(t) and cells:
                emit("12.3%" if ri == _first_data(t) else "4.5")
        if variant not in ("no_blank_lines", "flowed"):
            emit("")
    out.text = "\n".join(lines) + "\n"
    return out


def _dollar(cell: str, european: bool) -> str:
    amount = _amount(cell, european)
    return ("$" if "$" in cell else "") + amount


def _header(row, variant: str, emit, percent: bool) -> None:
    if row["label"]:
        emit(row["label"])
    cells = [c for c in row["cells"] if c.strip()]
    if variant == "flowed" and cells and all(re.fullmatch(r"(19|20)\d\d", c.strip()) for c in cells):
        emit(" ".join(cells))  # a year row flowed onto one line
    else:
        for c in cells:
            words = c.split()
            if variant == "wrapped" and len(words) >= 2 and not re.search(r"\d", c):
                # "Total Automotive" over two lines, its second line starting lower case
                emit(words[0])
                emit(" ".join(words[1:]).lower())
            else:
                emit(c)
    if percent:
        emit("% Change")


def _is_period_table(t) -> bool:
    header = [r for r in t["rows"] if r["kind"] == "header"]
    year = re.compile(r"(19|20)\d\d")
    return any(r["cells"] and all(year.fullmatch(c.strip()) for c in r["cells"] if c.strip()) for r in header)


def _first_data(t) -> int:
    return next(i for i, r in enumerate(t["rows"]) if r["kind"] == "data")


def _shifted(t, ri, ci, cell, shift) -> str:
    if shift is None or shift[:3] != (t["index"], ri, ci):
        return cell
    value = t["rows"][ri]["values"][ci]
    text = cell.replace("$", "").strip()
    decimals = len(text.split(".")[1].rstrip(")")) if "." in text else 0
    moved = Decimal(str(value)) + Decimal(shift[3])
    body = f"{abs(moved):,.{decimals}f}"
    return ("$ " if "$" in cell else "") + (f"({body})" if moved < 0 else body)


def figures(doc: dict) -> list[tuple[int, int, int, Decimal]]:
    """Every figure the JSON states: (table, row, column, value)."""
    out = []
    for t in doc["tables"]:
        for ri, row in enumerate(t["rows"]):
            if row["kind"] != "data" or not row["values"]:
                continue
            for ci, (cell, value) in enumerate(zip(row["cells"], row["values"], strict=True)):
                if cell.strip() and value is not None:
                    out.append((t["index"], ri, ci, Decimal(str(value))))
    return out
