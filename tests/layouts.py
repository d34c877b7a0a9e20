"""A layout generator: the structured tables of the corpus JSONs rendered as filing text.

Each corpus note's JSON states its tables cell by cell (header rows, data rows with their
values). ``render`` writes a note back as text one cell per line, in the layout a variant
asks for: "$" cells on their own line, joined to the amount or left out; blank lines
between tables or none; rows flowed onto one line each, as PDF text has them; European
number format; a "% Change" column after the amounts; column names wrapped over two lines;
the years stacked, one block per year under its own year line, where a table's columns are
years; a local-currency note with a US$ convenience column for the latest year, with the
rate stated in the text and the year repeated over the US$ column, or in euros with
neither (the rate inferred, the column after the years as in the reference 20-F); two
measure blocks side by side over the same years; rows with a figure in the consolidated
column only, below a table of segment columns.
``tests/header_layouts.py`` is the other generator: synthetic tables in each header
arrangement, with the identity of every figure.
The reader must find the same figures in every layout, so the tests can show generality
without the notes kept aside.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
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
    "stacked",
    "translated",
    "translated_inferred",
    "side_by_side",
    "total_only",
)
# The translated layouts turn a note into a local-currency note with a US$ convenience
# column, as 20-F filers lay it out, translated at RATE with Excel's rounding: in RMB with
# the rate stated, or in euros ("€" cells over the columns) with the rate left to infer.
TRANSLATED = ("translated", "translated_inferred")
LOCAL_MARK = {"translated": "RMB", "translated_inferred": "€"}
RATE = Decimal("7.2993")
TRANSLATED_COLUMN = -1


@dataclass
class Rendered:
    text: str
    # (JSON table, row, column) -> the line the figure is on
    lines: dict[tuple[int, int, int], int] = field(default_factory=dict)
    # translated figures the layout adds: (JSON table, row) -> value; their lines are in
    # ``lines`` under the column TRANSLATED_COLUMN
    translated: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    # other figures the layout adds: (JSON table, row, column) -> value; a second measure
    # block's columns count on from the table's own (``_side_by_side``), rows added below
    # a table from its last row (``_total_only``)
    added: dict[tuple[int, int, int], Decimal] = field(default_factory=dict)


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

    def emit(text: str, key=None) -> None:
        lines.append(text)
        if key is not None:
            out.lines[key] = len(lines)

    translated_width = 0
    if variant == "translated":
        emit(
            "Translations of amounts from RMB into US$ are solely for the convenience of the "
            f"reader and were made at a rate of RMB{RATE} to US$1.00."
        )
    for t in doc["tables"]:
        if t.get("lead_in"):
            emit(t["lead_in"])
        years = _year_row(t)
        head = years or _names_row(t)
        if variant in TRANSLATED and head is not None:
            translated_width = len(head["cells"])
        if not _special_layout(t, variant, years, head, translated_width, emit, shift, out):
            _plain_table(t, variant, emit, shift, out, lines)
        if variant == "total_only" and head is not None and head is not years:
            _total_only(t, emit, shift, out)
        if variant not in ("no_blank_lines", "flowed"):
            emit("")
    out.text = "\n".join(lines) + "\n"
    return out


def _special_layout(t, variant: str, years, head, translated_width: int, emit, shift, out: Rendered) -> bool:
    """Render the table in a layout that rearranges it whole; False where none applies."""
    if variant == "stacked" and years is not None:
        _stacked(t, years, emit, shift)
    elif variant == "side_by_side" and years is not None and len(years["cells"]) >= 2:
        _side_by_side(t, years, emit, shift, out)
    elif variant in TRANSLATED and head is not None:
        _translated(t, head, emit, shift, out, variant)
    elif variant in TRANSLATED and _width(t) == translated_width:
        # A later block of the table above, under its own year only: translated alike.
        _translated(t, None, emit, shift, out, variant)
    else:
        return False
    return True


def _plain_table(t, variant: str, emit, shift, out: Rendered, lines: list[str]) -> None:
    """The table cell by cell, with the variant's "$" cells, format and extra columns."""
    european = variant == "european"
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


def _year_row(t):
    """The header row that names a year over every column ("2024", "Fiscal2024"), if any."""
    for r in t["rows"]:
        filled = [c.strip() for c in r["cells"] if c.strip()]
        if r["kind"] == "header" and filled and len(filled) == len(r["cells"]) and all(map(_year, filled)):
            return r
    return None


def _year(cell: str) -> int | None:
    found = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", cell)
    return int(found[-1]) if len(found) == 1 else None


def _stacked(t, years, emit, shift) -> None:
    """One block per year column: the year on its own line, then every row with that
    year's figure only, each block after a blank line."""
    for ci, year in enumerate(years["cells"]):
        for ri, row in enumerate(t["rows"]):
            if row is years:
                emit(year.strip())
            elif row["kind"] in ("header", "label"):
                if row["label"]:
                    emit(row["label"])
            else:
                if row["label"]:
                    emit(row["label"])
                cell = row["cells"][ci] if ci < len(row["cells"]) else ""
                if cell.strip():
                    text = _shifted(t, ri, ci, cell, shift)
                    if "$" in text:
                        emit("$")
                    emit(_amount(text, False), (t["index"], ri, ci))
        emit("")


TOTAL_ONLY = ("Unallocated items", "Total after unallocated items")


def _total_only(t, emit, shift, out: Rendered) -> None:
    """Below a table whose columns are segments and a consolidated column, two rows with a
    figure in the consolidated column only, as corporate items are shown: an item, then the
    last row's consolidated figure after it. A lone figure's default place is the last
    column, so these rows test that no coincidental sum pulls it elsewhere and that the
    pair is checked. The item is an eighth of that figure, negative, with its decimals."""
    data = [ri for ri, r in enumerate(t["rows"]) if r["kind"] == "data"]
    last = t["rows"][data[-1]] if data else None
    col = len(last["cells"]) - 1 if last else -1
    if last is None or not last["cells"][col].strip() or last["values"][col] is None:
        return
    text = _amount(last["cells"][col], False)
    places = len(text.split(".")[1].rstrip(")")) if "." in text else 0
    unit = Decimal(1).scaleb(-places)
    figure = Decimal(str(last["values"][col]))
    item = -max((abs(figure) / 8).quantize(unit, ROUND_HALF_UP), unit)
    rows = len(t["rows"])
    for offset, (label, value) in enumerate(zip(TOTAL_ONLY, (item, figure + item), strict=True)):
        key = (t["index"], rows + offset, col)
        if shift is not None and shift[:3] == key:
            value += Decimal(shift[3])
        body = f"{abs(value):,.{places}f}"
        emit(label)
        emit(f"({body})" if value < 0 else body, key)
        out.added[key] = value


MEASURES = ("Reported", "Comparable")


def _side_by_side(t, years, emit, shift, out: Rendered) -> None:
    """Two measure blocks side by side, as segment notes show revenue beside operating
    earnings: the measure names over the blocks, the years repeated under each, and every
    row's figures for the first block, then the second's. The second block is the table's
    columns rotated by one (its first year shows the next year's figures), so each of its
    columns adds up as the note's do, while a figure relating across the blocks does not:
    relations must stay inside one measure. Its column ``n + j`` is the table's ``j + 1``."""
    n = len(years["cells"])
    for ri, row in enumerate(t["rows"]):
        if row is years:
            if row["label"]:
                emit(row["label"])
            for name in MEASURES:
                emit(name)
            for _ in MEASURES:
                for c in row["cells"]:
                    emit(c.strip())
            continue
        if _header_or_label(row, emit):
            continue
        cells = list(row["cells"]) + [""] * (n - len(row["cells"]))
        for col in range(2 * n):
            source = col if col < n else (col - n + 1) % n
            cell = cells[source]
            if not cell.strip():
                continue
            moved = shift is not None and shift[:3] == (t["index"], ri, col)
            text = _shifted(t, ri, source, cell, (t["index"], ri, source, shift[3]) if moved else None)
            if "$" in text:
                emit("$")
            emit(_amount(text, False), (t["index"], ri, col))
            if col >= n and row["values"][source] is not None:
                out.added[(t["index"], ri, col)] = Decimal(str(row["values"][source]))
    emit("")


def _translated(t, head, emit, shift, out: Rendered, variant: str) -> None:
    """The table in RMB with a US$ column translating one column: the latest year where the
    columns are years, else the last (consolidated) column. After the header row ``head``
    comes the latest year again over the US$ column if asked (years only), then a currency
    row; no "$" cells. Without ``head`` the table continues the one above."""
    repeat_year = variant == "translated"
    is_years = head is not None and head is _year_row(t)
    n = len(head["cells"]) if head is not None else _width(t)
    source = max(range(n), key=lambda i: _year(head["cells"][i])) if is_years else n - 1
    for ri, row in enumerate(t["rows"]):
        if row is head:
            if row["label"]:
                emit(row["label"])
            for c in row["cells"]:
                if c.strip():
                    emit(c.strip())
            if repeat_year and is_years:
                emit(row["cells"][source].strip())
            for _ in row["cells"]:
                emit(LOCAL_MARK[variant])
            emit("US$")
            continue
        if _header_or_label(row, emit):
            continue
        for ci, c in enumerate(row["cells"]):
            if c.strip():
                emit(_amount(_shifted(t, ri, ci, c, shift), False), (t["index"], ri, ci))
        cell = row["cells"][source] if source < len(row["cells"]) else ""
        if cell.strip() and row["values"][source] is not None:
            text = _amount(cell, False)
            places = len(text.split(".")[1].rstrip(")")) if "." in text else 0
            exact = Decimal(str(row["values"][source])) / RATE
            value = exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
            if shift is not None and shift[:3] == (t["index"], ri, TRANSLATED_COLUMN):
                value += Decimal(shift[3])
            body = f"{abs(value):,.{places}f}"
            emit(f"({body})" if value < 0 else body, (t["index"], ri, TRANSLATED_COLUMN))
            out.translated[(t["index"], ri)] = value
    emit("")


def _header_or_label(row, emit) -> bool:
    """Emit a header row whole, or a data row's label; True where the row was a header."""
    if row["kind"] in ("header", "label"):
        _header(row, "plain", emit, percent=False)
        return True
    if row["label"]:
        emit(row["label"])
    return False


def _width(t) -> int:
    return max((len(r["cells"]) for r in t["rows"]), default=0)


def _names_row(t):
    """The header row that names every column (segments, then the consolidated column)."""
    for r in reversed(t["rows"]):
        names = [r["label"], *r["cells"]] if r["label"] and not r["cells"][0].strip() else r["cells"]
        filled = [c.strip() for c in names if c.strip()]
        if r["kind"] == "header" and len(filled) == len(r["cells"]) >= 2 and not any(map(_year, filled)):
            return r
    return None


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


NIL_DASHES = {"—", "–", "-", "$ —", "$ –", "$—"}


def without_dashes(doc: dict) -> dict:
    """The note with its nil dashes left out, as some filers leave those cells empty: the
    rows that had them become short rows whose figures must be placed."""
    out = json.loads(json.dumps(doc))
    for t in out["tables"]:
        for row in t["rows"]:
            if row["kind"] != "data":
                continue
            for i, cell in enumerate(row["cells"]):
                if cell.strip() in NIL_DASHES:
                    row["cells"][i] = ""
                    if row["values"]:
                        row["values"][i] = None
    return out


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
