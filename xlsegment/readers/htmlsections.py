"""The headings above an HTML table's rows: a line item's heading, a group's block
heading under it, and what they make of the rows below (years as row labels, two label
cells, a group's own total). The text reader's counterpart is ``textbody``."""

from __future__ import annotations

from dataclasses import dataclass, replace

from xlsegment import labels
from xlsegment.model import Role, Table
from xlsegment.readers import naming
from xlsegment.readers.htmlgrid import LogicalRow
from xlsegment.readers.layout import is_lead_in
from xlsegment.settings import SETTINGS
from xlsegment.vocabulary import LineKind, classify


def classify_financial(label: str) -> bool:
    return classify(label).financial


def year_row(lr, sections: Sections, label: str) -> tuple[str, int | None]:
    """Years as row labels under a line item's heading ("Net revenue" over "2025" and
    "2024", each with its figures, segments in the columns): the row is that year's
    figures of the heading's line item, as the text reader reads it (textbody._year_row)."""
    label = labels.strip_footnotes(label)
    ahead = [y for y in lr.years if lr.amounts and y.col < lr.amounts[0].first]
    if label or len(ahead) != 1 or not sections.section:
        return label, None
    return sections.section, labels.year_cell(ahead[0].text)


def inner_label(lr, sections: Sections) -> str:
    """A row with two label cells before its figures ("Humira | United States | 7,142"):
    the first names the group the rows below belong to, until the next such cell; the
    second is the row's own label. A text cell after the figures is no label."""
    inner = [t for t in lr.texts if lr.amounts and t.col < lr.amounts[0].first and t.text.strip()]
    if not lr.label or not inner:
        return lr.label
    sections.heading(lr.label)
    return inner[-1].text


@dataclass
class Sections:
    """The headings above a row: a line-item heading ("Net revenue:") and, under it, a
    block heading that groups some of its rows ("Client Computing")."""

    section: str = ""
    block: str = ""
    carried: bool = False  # the section is the open heading of the part before a page break

    def heading(self, label: str) -> None:
        text = labels.strip_footnotes(label)
        if not text or is_lead_in(text) or labels.NOISE_RE.match(text):
            return
        if labels.unit_of(text) and len(text) < SETTINGS.heading_chars:
            return  # "(in thousands)" over the labels: no heading, and it closes none
        if self.carried:
            # A heading of this part's own: the part before's heading is closed.
            self.section, self.block, self.carried = "", "", False
        if naming.keeps_heading(self.block or self.section, text):
            return  # "Less:" under a segment's heading: the rows stay that segment's
        # A ratio's heading ("Operating EBIT margin, %") is a line item of its own, no group.
        ratio = classify(text).kind == LineKind.PERCENT
        if self.section and classify_financial(self.section) and not classify_financial(text) and not ratio:
            self.block = text
            return
        self.section, self.block = text, ""

    def closed_by(self, label: str) -> None:
        """A group's total ends the group ("Total" or "Total Americas" under "Americas"):
        the rows after it are not in it, as in the text reader."""
        if self.block and naming.closes_group(label, self.block):
            self.block = ""
        elif (
            self.section and not classify_financial(self.section) and naming.closes_group(label, self.section)
        ):
            self.section = ""


def section_subtotals(table: Table) -> Table:
    """'Total Americas' under the heading 'Americas:' is that section's subtotal, not the
    consolidated Total: the HTML keeps the heading, so the row is named after it."""
    subtotal = {
        r: row.section
        for r, row in enumerate(table.rows)
        if row.section
        # "Total net sales" under "Net sales:" closes the line item, not a group.
        and not classify(row.section).financial
        and labels.norm_key(row.label) == labels.norm_key(row.section)
        and row.label.lower().startswith("total")
    }
    if not subtotal:
        return table
    cells = {
        k: f.replace(segment=subtotal[k[0]], role=Role.SUBTOTAL)
        if k[0] in subtotal and f.segment == "Total"
        else f
        for k, f in table.cells.items()
    }
    rows = tuple(
        replace(row, segment=subtotal[r]) if r in subtotal else row for r, row in enumerate(table.rows)
    )
    return replace(table, rows=rows, cells=cells)


def _is_heading_row(row: LogicalRow) -> bool:
    """A row without figures that names columns or a period, not a section of rows."""
    if row.amounts:
        return False
    if row.years or row.texts:
        return True
    text = row.label
    return bool(text) and (
        labels.is_period_heading(text) or bool(labels.years_in(text) and len(text) < SETTINGS.heading_chars)
    )


def _header_piece(row: LogicalRow, header: list[LogicalRow]) -> bool:
    """Under header rows, a row whose one text stands right of the labels' column ("Reagents"
    under "Life Science", "EBITDA" under "Adjusted"): a piece of a wrapped heading. Atop
    the table, such a text over one column alone ("Higher" over "Education") is one too; a
    title spans the table or starts at its labels."""
    cell = row.label_cell
    if row.amounts or cell is None or cell.col == 0:
        return False
    return bool(header) or cell.span == 1


def split_parts(rows: list[LogicalRow]) -> list[tuple[list[LogicalRow], list[LogicalRow]]]:
    """Header rows and body rows; a heading inside the body starts a new part, as a new
    period block does in filing text ("Fiscal 2023" under the 2024 figures)."""
    parts: list[tuple[list[LogicalRow], list[LogicalRow]]] = [([], [])]
    for row in rows:
        if not (row.label or row.amounts or row.texts or row.years):
            continue
        header, body = parts[-1]
        if _is_heading_row(row) and any(r.amounts for r in body):
            # The column names of the part above head this part too; a period beside them
            # ("2000 | The | United") is the part above's only.
            names = [
                _without_years(r)
                for r in header
                if r.texts and not labels.years_in(" ".join(c.text for c in r.texts))
            ]
            parts.append(([*names, row] if not row.texts else [row], []))
        elif not any(r.amounts for r in body) and (_is_heading_row(row) or _header_piece(row, header)):
            header.append(row)
        else:
            body.append(row)
    return [(h, b) for h, b in parts if any(r.amounts for r in b)]


def _without_years(row: LogicalRow) -> LogicalRow:
    if not row.years:
        return row
    bare = labels.YEAR_RE.match(row.label.strip()) is not None
    return replace(
        row, years=[], label="" if bare else row.label, label_cell=None if bare else row.label_cell
    )
