"""What tables and rows mean: schedule names, line item versus segment, renamed line items."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from xlsegment import labels
from xlsegment.model import Role, Row
from xlsegment.readers.declared import is_declared
from xlsegment.settings import SETTINGS
from xlsegment.vocabulary import LineKind, classify, column_role, is_sign_heading

PNL = "Segment profit or loss"
ASSETS = "Segment assets"
DA = "Depreciation and amortization"
GEO_REVENUE = "Revenue by geography"
GEO_ASSETS = "Long-lived assets by geography"
OTHER = "Segment information"


# The measure a table's heading names when its rows are segments or regions ("Total
# segment assets reconciled to consolidated amounts", "Property and equipment, net by
# segment", "Capital Expenditures"): the filer's own words, qualifiers included.
_MEASURE_IN_TITLE = re.compile(
    # "Non-current assets" is IFRS 8.33(b)'s measure by place, as "long-lived assets" is US GAAP's
    r"(?:\b(?:total|segment|net|external|subscription|intersegment|consolidated|worldwide|non-current)\s+)*"
    r"(?:long-lived assets|identifiable assets|total assets|assets"
    r"|property(?:,)?\s+(?:plant\s+)?and\s+equipment(?:,\s+net)?|additions\s+to\s+property\s+and\s+equipment"
    r"|capital\s+expenditures|depreciation(?:\s+and\s+amortization)?(?:\s+expense)?"
    r"|net\s+sales|sales|revenues?|operating\s+(?:income|profit|earnings|result)|adjusted\s+ebitda|ebitda"
    r"|ebita|ebit"
    # revenue in the other languages read ("Umsatzerlöse nach Sitz der Kunden", "Chiffre
    # d'affaires par zone", "Ingresos por región"), and the British "turnover"
    r"|umsatzerl[öo]se|au[ßs]+enumsatz|umsatz|chiffre\s+d['’]affaires|ingresos|receitas?|ricavi|omzet|turnover"
    # counts by segment ("Number of stores at fiscal year end", "Employees")
    r"|number\s+of\s+[a-z]+|employees|headcount)\b",
    re.IGNORECASE,
)
_PAGE_FURNITURE = re.compile(r"^.*\btable\s+of\s+contents\s*", re.IGNORECASE)
# Where a heading's last sentence starts: after ". " or ": ", and after a title a page
# break repeats with "(Continued)" ("Note 16 ... (Continued) Net Sales to External Customers").
_SENTENCE_BREAK = re.compile(r"(?<=[.:])\s+(?=[A-Z])|(?<=\(continued\))\s+", re.IGNORECASE)
# A sentence that presents one measure per segment names it further in ("The following
# table presents revenue by reportable segment", "... summarizes segment assets for each of
# our segments"): the words between the verb and "by segment" must be that measure alone,
# so "revenue and operating income by segment" names none.
_MEASURE_BY_SEGMENT = re.compile(
    r"\b(?:presents?|summarizes?|shows?|sets\s+forth|provides?|details?|disaggregates?)\s+"
    r"(?:(?:the|our|its|certain)\s+)?(.+?)\s+(?:by|for\s+each(?:\s+of\s+(?:our|the|its))?)\s+"
    r"(?:reportable\s+|operating\s+|business\s+)?segments?\b",
    re.IGNORECASE,
)
# A segment named in prose: "our Primary segment", "the Payment Solutions segment", "the
# U.S. Retail reportable segment". The name is capitalised words (an abbreviation such as
# "U.S." among them), joined at most by "and", "of" or "&": never a date ("the Year Ended
# December 31, 2024 by segment"), never across a sentence ("in the Americas. The ...").
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'’-]*)"
_NAMED_SEGMENT = re.compile(
    rf"\b(?:our|the|its)\s+({_NAME_WORD}(?:\s+(?:(?:and|of|&)\s+)?{_NAME_WORD}){{0,5}})"
    r"\s+(?:reportable\s+|operating\s+)?segment\b(?!s)"
)


# The end of a sentence: not after an abbreviation's letter ("U.S. Retail").
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)]{2}[.:])\s+(?=[A-Z(])")


@lru_cache(maxsize=1024)
def title_measure(title: str, anywhere: bool = False) -> str:
    """The measure the heading nearest the table names, in its own words, or "".
    ``anywhere``: in any place of that heading, not only at its start."""
    # Only a heading that starts with its measure names it ("Total segment assets are as
    # follows", "Capital Expenditures"); a measure further into a sentence may be any word.
    last = _SENTENCE_BREAK.split(title.strip())[-1] if title else ""
    # a footnote of the table above may end before a word in lower case ("n/m — not
    # meaningful Total assets by segment were as follows:"): the heading is after it
    last = labels.after_footnote(last)
    last = re.sub(r"^n/?m\b\W*not meaningful\s*", "", last, flags=re.IGNORECASE)
    last = _PAGE_FURNITURE.sub("", last)  # "118 Table of Contents Assets": the heading after it
    last = re.sub(r"^(?:our|the)\s+", "", last, flags=re.IGNORECASE)
    m = _MEASURE_IN_TITLE.search(last) if anywhere else _MEASURE_IN_TITLE.match(last)
    if m is None:
        by = _MEASURE_BY_SEGMENT.search(last)
        m = _MEASURE_IN_TITLE.fullmatch(by.group(1)) if by else None
    if m is None:
        return ""
    found = m.group(0).strip()
    return found[:1].upper() + found[1:]


@lru_cache(maxsize=1024)
def title_segment(title: str) -> str:
    """The one segment a table's lead-in names ("... for our Primary segment:"), or "":
    where it names two ("the Americas segment and the EMEA segment") the table is not one
    segment's, and "the Company's reportable segment" names the company, not a segment."""
    # The sentence that names it must be the table's own: nothing but a unit line may
    # follow it ("... about the Primary segment. Amounts in thousands."). A footnote of the
    # table above ("... exclude fuel for the Fuel segment. Net sales by category") names
    # no segment of the table below.
    sentences = _SENTENCE_END.split(title or "")
    while (
        len(sentences) > 1 and labels.unit_of(sentences[-1]) and len(sentences[-1]) <= SETTINGS.heading_chars
    ):
        sentences.pop()
    names = {m.group(1) for m in _NAMED_SEGMENT.finditer(sentences[-1])}
    names = {n for n in names if not n.endswith(("'s", "’s"))}
    return names.pop() if len(names) == 1 else ""


def table_name(title: str, rows: list[Row], columns) -> str:
    low = title.lower()
    # The geographic cue must be the table's own heading or introducing sentence: "...;
    # accordingly, no geographic information is presented" after "Revenues by segment
    # ... were as follows." names no geographic table.
    last = _SENTENCE_BREAK.split(title.strip())[-1]
    own = (labels.introducing_sentence(title) or ("" if last.endswith(".") else last)).lower()
    text = " ".join(r.label.lower() for r in rows)
    if ("geograph" in own or "by region" in own) and _rows_are_places(rows):
        if "long-lived" in low or "long - lived" in low or "long-lived" in text:
            return GEO_ASSETS
        # A geographic table of one measure is as common for assets as for revenue.
        measure = title_measure(title, anywhere=True)
        if measure and classify(measure).kind not in (LineKind.REVENUE, LineKind.UNKNOWN):
            # "Total assets by geographic area": the heading's measure, never "Revenue".
            return f"{measure} by geography"
        if measure or "revenue" in text or "sales" in text:
            return GEO_REVENUE
        return OTHER  # a geographic table that names no measure is not taken for revenue
    if rows and all("depreciation" in r.label.lower() for r in rows):
        return DA
    if "segment assets" in low or (rows and all("asset" in r.label.lower() for r in rows)):
        return ASSETS
    if ("revenue" in text or "sales" in text) and any(
        w in text for w in ("profit", "income", "earnings", "loss", "contribution", "ebit")
    ):
        return PNL
    return OTHER


def _rows_are_places(rows: list[Row]) -> bool:
    """Most rows name places (or their totals), not line items: a reconciliation under the
    running head "Segment and Geographic Area Information" is no geographic table."""
    places = sum(1 for r in rows if _names_a_segment(classify(r.label)) or classify(r.label).closes)
    return places * 2 >= len(rows)


def consolidated_segment(label: str) -> bool:
    """A row that stands for the whole entity: a bare total ("Total", "Worldwide") or a
    total of a line item ("Total revenue"); not the total of a group ("Total Americas")."""
    line = classify(label)
    return line.kind != LineKind.SUBTOTAL and (line.total or line.kind == LineKind.TOTAL)


@dataclass(frozen=True)
class RowsMeasure:
    """What the rows of a table are amounts of, where its rows are segments.

    ``measure``: named by the table's heading ("Capital Expenditures") or, failing that,
    by its closing row ("Total intersegment revenue"): the rows add up to that total, so
    they are amounts of what it totals. ``closing``: the label of the table's last row."""

    measure: str = ""
    closing: str = ""
    # Labels listed under two or more measure headings ("Online marketing services" under
    # "Revenues:" and under "Segment operating income:"): the same names under each measure
    # are its segments, whatever words they use; a line item is not repeated per measure.
    repeated: frozenset[str] = frozenset()
    declared: tuple[str, ...] = ()  # the segments the note's prose names (readers/declared.py)
    single: bool = False  # the prose says the entity is its one segment: rows are its lines

    def one_sum(self, measure: str) -> bool:
        """The table ends in a bare total or the total of ``measure``: every row above it
        is a part of that one sum."""
        low = self.closing.lower()
        kind = classify(measure).kind if measure else LineKind.UNKNOWN
        return bool(measure) and (
            low in BARE_TOTALS
            or (low.startswith("total") and labels.norm_key(measure) in labels.norm_key(low))
            # "Total assets" closes "Segment assets": the same kind of amount
            or (low.startswith("total") and kind in _HELD_MEASURES and classify(low).kind == kind)
        )


def rows_measure(title: str, rows: list[Row], header: str = "") -> RowsMeasure:
    """The measure a table's rows are amounts of: named by a header cell over every period
    (``header``), by its heading, or by its closing total."""
    closing = labels.strip_footnotes(rows[-1].label).strip(" :") if rows else ""
    named = _TOTAL_OF_MEASURE.match(closing) or _cjk_total_of(closing)
    measure = (
        title_measure(header, anywhere=True)
        or title_measure(title)
        or (named.group(1)[:1].upper() + named.group(1)[1:] if named else "")
    )
    return RowsMeasure(measure, closing, _repeated_under_measures(rows))


def _repeated_under_measures(rows: list[Row]) -> frozenset[str]:
    under: dict[str, set[str]] = {}
    for row in rows:
        if row.section and classify(row.section).financial and not classify(row.line_item).closes:
            under.setdefault(row.line_item, set()).add(row.section)
    return frozenset(label for label, sections in under.items() if len(sections) >= 2)


# "Total intersegment revenue": a closing row that totals one measure, named after "Total".
_TOTAL_OF_MEASURE = re.compile(r"^total\s+(" + _MEASURE_IN_TITLE.pattern + r")$", re.IGNORECASE)


# "资产总额", "営業利益合計": Chinese and Japanese name the measure, then its total.
_CJK_TOTAL_OF_MEASURE = re.compile(r"^(\S+?)(?:合计|合計|总计|總計|总额|總額)$")


def _cjk_total_of(closing: str) -> re.Match | None:
    found = _CJK_TOTAL_OF_MEASURE.match(closing)
    return found if found and classify(found.group(1)).financial else None


SEGMENTS_SUBTOTAL = "Subtotal of segments"  # an unlabelled total of the segments above it


def unlabelled_subtotal(previous: str) -> str:
    """The name of a row of figures with no label of its own, after the row it closes."""
    return f"Subtotal after {previous}"


def is_unlabelled_subtotal(label: str) -> bool:
    return label.startswith("Subtotal after ")


def row_semantics(
    row: Row, columns, table: str, last: bool = True, title: str = "", rows: RowsMeasure | None = None
) -> Row:
    """Split a row into line item and segment where the layout puts segments in rows.
    ``last``: the row ends its table (a bare total before the end closes a group);
    ``title``: the table's heading, which may name the one segment the table is about
    ("... for our Primary segment:"): then every row is that segment's, its totals too;
    ``rows``: the measure the rows are amounts of (`rows_measure`)."""
    # Columns of periods, or of bases of the same figures ("As Previously Reported |
    # Realignment | As Recast", columnkinds.reconciled_bases): the rows say whose figures.
    bases = any(c.basis for c in columns) and all(not c.segment for c in columns)
    by_period = columns and (bases or all(c.role in (Role.PERIOD, Role.CONVENIENCE) for c in columns))
    if not by_period:
        return _total_of_heading(row)
    read = _row_by_layout(row, columns, table, last, rows or RowsMeasure(title_measure(title)))
    one = title_segment(title)
    return replace(read, segment=one) if one and read.segment in (None, "", "Total") else read


def _unlabelled_row(row: Row, label: str, last: bool) -> Row | None:
    """A row of figures with no label of its own under a measure's heading (``label``:
    its line item), where it is not the table's last row; None for any other row."""
    section = row.section
    if not (section and classify(section).financial):
        return None
    if row.block and is_unlabelled_subtotal(label):
        # The unlabelled row that closes a block ("Client Computing" under "Net revenue").
        return replace(row, line_item=section, segment=row.block)
    if is_unlabelled_subtotal(row.label) and not (last or row.block or row.segment):
        # Segments as rows, then a row of figures with no label, then "Assets held for sale",
        # "Unallocated" and "Total": the unlabelled row totals the segments above it, and
        # the rows below reconcile it to the Total (ASC 280-10-50-30), which it is not.
        return replace(row, line_item=section, segment=SEGMENTS_SUBTOTAL)
    return None


# Words of a category that holds a part of a measure beside the segments.
_HOLDER = re.compile(r"\b(?:corporate|unallocated)\b", re.IGNORECASE)


def _holds_a_part(section: str, label: str, line, rows: RowsMeasure) -> bool:
    """Under a measure's heading, a row that holds a part of the measure: a segment (a
    name, or one listed under each measure heading), or a corporate or unallocated
    category beside them ("Corporate and unallocated" under "Operating income (loss):")."""
    if not (section and classify(section).financial):
        return False
    if not line.financial or label in rows.repeated:
        return True
    # Corporate holds a part of the entity's measures ("Identifiable assets") and of a held
    # one ("Segment assets": Unallocated assets beside the segments, then Total assets),
    # none of a segment profit measure: its corporate costs reconcile it to the entity's.
    segment_measure = section.lower().lstrip().startswith(("segment", "total segment"))
    held = classify(section).kind in _HELD_MEASURES
    return line.kind == LineKind.RECONCILING and bool(_HOLDER.search(label)) and (held or not segment_measure)


def _reconciles_segment_measure(section: str, label: str) -> bool:
    """Corporate costs under "Segment operating income:" hold no part of a segment measure:
    they reconcile the segments' total to the entity's figure (ASC 280-10-50-30(b)), a
    line of the entity's own, not a segment of the heading. "All other" is no such line:
    it is the category of the other segments (ASC 280-10-50-15). Under a held measure
    ("Segment assets:") Corporate holds its part of the total beside the segments."""
    if classify(section).kind in _HELD_MEASURES:
        return False
    segment_measure = section.lower().lstrip().startswith(("segment", "total segment"))
    corporate = classify(label).kind == LineKind.CORPORATE and not _ALL_OTHER.match(label.strip())
    return segment_measure and classify(section).financial and corporate


_ALL_OTHER = re.compile(r"^all\s+other\b", re.IGNORECASE)


def keeps_heading(section: str, heading: str) -> bool:
    """A sign heading ("Less:") under a segment's or a group's heading ("Alpha") marks the
    sign of the rows after it, which stay that segment's: ASU 2023-07 notes lay each
    segment out so ("Alpha", "Net sales", "Less:", "Cost of sales", "Segment profit";
    ASC 280-10-50-26A). Under a measure's or a reconciliation's heading it heads rows as
    before."""
    if not (section and is_sign_heading(heading)) or is_sign_heading(section):
        return False
    kind = classify(section)
    return not kind.financial and kind.kind != LineKind.RECONCILING


def _total_of_heading(row: Row) -> Row:
    """Where the columns are segments, a heading over rows heads line items, so a bare
    "Total" under it ("New insurance written" over "Individual", "Group", "Total") is that
    heading's total: its line is the heading."""
    bare = row.line_item.strip(" :").lower() in BARE_TOTALS
    section = row.section.strip(" :")
    if bare and section and len(section) <= SETTINGS.heading_chars and not is_sign_heading(row.section):
        return replace(row, line_item=section)
    return row


def _outside_its_heading(row: Row, label: str) -> tuple[Row, bool]:
    """A row whose heading marks signs or reconciling items, not a group of segments; and
    whether that settles it. "Add:", "Less:" mark signs; under "Reconciling items:" or
    "Significant items:" the rows are the entity's reconciling items (ASC 280-10-50-30,
    IAS 1.97), never segments of a measure, though Corporate and Eliminations stay the
    categories they name; corporate costs under "Segment operating income:" reconcile it."""
    reconciling = classify(row.section).kind == LineKind.RECONCILING
    if is_sign_heading(row.section) or (reconciling and not classify(row.section).total):
        row = replace(row, section="")
        if reconciling and classify(label).kind not in (LineKind.CORPORATE, LineKind.ELIMINATION):
            return row, True
    if _reconciles_segment_measure(row.section, label):
        return replace(row, section=""), True
    if _ATTRIBUTABLE.search(row.section):
        # "Net earnings attributable to:" over "Common shareholders": the owners' shares of
        # the entity's figure, each a line of its own, never segments (IAS 1.81B).
        heading = row.section.strip().rstrip(":")
        return replace(row, line_item=f"{heading} {labels.strip_footnotes(label)}", section=""), True
    return row, False


_ATTRIBUTABLE = re.compile(r"\battributable\s+to\s*:?\s*$", re.IGNORECASE)


def _row_by_layout(row: Row, columns, table: str, last: bool, rows: RowsMeasure) -> Row:
    label = row.line_item
    row, settled = _outside_its_heading(row, label)
    if settled:
        return row
    if table == GEO_REVENUE or table.endswith(" by geography"):
        return _geographic_row(row, label, table, last, rows.measure)
    section = row.section
    line = classify(label)
    measure = row.measure or (section if section and classify(section).financial else "") or rows.measure
    if any(c.measure for c in columns):
        measure = ""  # measures side by side: each column names its own
    ratio = next((h for h in (row.block, section) if h and classify(h).kind == LineKind.PERCENT), "")
    if ratio and (_names_a_segment(line) or line.kind == LineKind.TOTAL):
        # "EBITA margin, %" over the segments and "Group": each row is that segment's (or
        # the entity's) ratio, never an amount of the measure the table is about.
        segment = "Total" if line.kind == LineKind.TOTAL else label
        return replace(row, line_item=labels.strip_footnotes(ratio).strip(" :"), segment=segment)
    unlabelled = _unlabelled_row(row, label, last)
    if unlabelled is not None:
        return unlabelled
    if rows.single and section and not line.closes:
        # "Research and development:" over "Clinical programs": the one segment's lines
        return row
    if _holds_a_part(section, label, line, rows):
        return replace(row, line_item=section, segment=label)
    if section and classify(section).financial and line.closes and not row.block:
        # Under a block heading (a product or region group) a total row is that block's.
        return replace(row, segment="Total")
    if section and not classify(section).financial:
        if _lines_of_declared_segment(section, label, line, rows.declared):
            return replace(row, segment=labels.strip_footnotes(section).strip(" :"))
        return _row_in_group(row, label, line, section, measure)
    if measure and _names_a_segment(line) and not row.segment:
        # Segments as rows under a heading that names the measure ("Total segment assets").
        return replace(row, line_item=measure, segment=label)
    if measure and not row.segment and names_segments_total(label):
        # "Total segment assets" names its line; "Total reportable segments" the measure's
        item = row.line_item if line.financial and line.kind != LineKind.SUBTOTAL else measure
        return replace(row, line_item=item, segment=labels.segments_total(label))
    # "Total", and a bare total of another wording ("Group", "Worldwide", "Konzern")
    bare = labels.strip_footnotes(label).lower().strip(" :") in BARE_TOTALS or line.kind == LineKind.TOTAL
    closing = (
        last and labels.strip_footnotes(label).strip(" :") == rows.closing and _totals_of(label, measure)
    )
    if measure and not row.segment and (bare or closing):
        # A bare "Total" of those rows, or the table's closing total naming their measure.
        return replace(row, line_item=measure, segment="Total")
    if rows.one_sum(measure) and not row.segment and _category_of(line, measure, label):
        return replace(row, line_item=measure, segment=label)
    return row


def _lines_of_declared_segment(section: str, label: str, line, declared: tuple[str, ...]) -> bool:
    """Under a heading the note declares a segment ("Water Technologies:"), the rows are
    that segment's lines (its products, its costs), where they are no declared segment
    themselves and do not close the heading's group (its total stays the group's)."""
    return (
        is_declared(section, declared)
        and not is_declared(label, declared)
        and not (line.closes and closes_group(label, section))
        and not names_segments_total(label)  # "Total segment net sales" after the last block
    )


def _row_in_group(row: Row, label: str, line, section: str, measure: str) -> Row:
    """A row under a heading that names no measure: a segment's block, or a group of
    segments, regions or products ("Oral, Personal and Home Care" over its regions)."""
    if names_segments_total(label):
        # "Total segment net sales" after the last segment's block adds every block:
        # the segments' total, no one block's figure.
        return replace(row, segment="Total")
    low = section.lower()
    if _names_a_segment(line) and not low.startswith(("total", "consolidated")):
        # "Net sales" over "Oral, Personal and Home Care" over its regions: each region
        # is a segment, and the group's total row is the group's figure. Where no
        # heading names the measure, the row is still the segment, not its group.
        return replace(row, line_item=measure or row.line_item, segment=label)
    if line.closes and closes_group(label, section):
        # A bare "Total" under a group's name ("Humira" over its regions) is that
        # group's total: named so, where no measure heads the rows.
        named = f"Total {section}" if labels.strip_footnotes(label).lower() == "total" else row.line_item
        item = measure or (named if len(section) <= SETTINGS.heading_chars else row.line_item)
        return replace(row, line_item=item, segment=section)
    if measure and _totals_of(label, measure) and line.total:
        # "Total net revenue" under the last group closes the measure, not the group:
        # the measure's total, named as its rows are. A segment's own profit line
        # ("Segment Adjusted EBITDA" closing its ASU 2023-07 block) names no total.
        return replace(row, line_item=measure, segment="Total")
    seg = "Total" if low.strip(" :") in BARE_TOTALS or _totals_measure(low) else section
    # "Worldwide" under a product's heading is that product's figure of the measure.
    item = measure if measure and line.kind == LineKind.TOTAL else row.line_item
    return replace(row, line_item=item, segment=seg)


# Measures whose one-sum tables list only who holds a part of them: assets, capital
# spending, depreciation and revenue are not reconciled by expense or income lines.
_HELD_MEASURES = frozenset({LineKind.REVENUE, LineKind.ASSETS, LineKind.DEPRECIATION, LineKind.CAPEX})


def _category_of(line, measure: str, label: str = "") -> bool:
    """A row of a one-sum table of a held measure whose wording names another kind of
    amount: "Centrally Managed Assets" among depreciation by segment, "Unallocated" among
    segment assets, "Adjustments" as a Japanese or IFRS note heads its reconciling column.
    It cannot be a line of that sum, so it names who holds a part of it (ASC 280-10-50-30:
    reconciling categories shown beside the segments)."""
    kind = classify(measure).kind
    # A caption of no measure's kind ("Cash and investments") is a part of the sum, but
    # the bare "Adjustments" is the reconciling column's name (vocabulary.column_role).
    other = line.kind == LineKind.OTHER_AMOUNT and column_role(labels.strip_footnotes(label)) == Role.SEGMENT
    return (
        kind in _HELD_MEASURES
        and line.financial
        and not line.closes
        and not other
        and line.kind not in (kind, LineKind.INTERSEGMENT, LineKind.PERCENT)
    )


def _totals_of(label: str, measure: str) -> bool:
    """ "Total intersegment revenue" closes the rows of "Intersegment revenue"."""
    return classify(label).closes and labels.norm_key(measure) in labels.norm_key(label)


def _totals_measure(heading: str) -> bool:
    """ "Total revenue" or "Consolidated net sales": a heading over the entity's figures;
    "TOTAL INNOVATIVE MEDICINE" is one group's total, named as the heading says."""
    rest = re.sub(r"^(?:total|consolidated)\b", "", heading.strip(), flags=re.IGNORECASE)
    return rest != heading.strip() and (not rest.strip(" :") or classify(rest).financial)


BARE_TOTALS = frozenset({"total", "totals", "consolidated", "total consolidated"})


def _names_a_segment(line) -> bool:
    """A row label that is a segment, a region or a product rather than a line item."""
    return line.kind in (LineKind.UNKNOWN, LineKind.CORPORATE, LineKind.ELIMINATION) and not line.closes


def totals_heading(label: str, heading: str) -> bool:
    """A total row of the rows under a line-item heading: "Total" alone, or "Total" with
    the heading's words ("Total reportable segment cost of revenue"); the rows after it
    (reconciling items) are no longer that line item's."""
    if not classify(label).closes:
        return False
    words = set(labels.norm_key(label).split())
    return not words or words <= set(labels.norm_key(heading).split())


# Words that qualify a measure without naming whose it is ("Total segment Adjusted EBITDA").
_GENERIC = frozenset(
    {"total", "segment", "segments", "consolidated", "adjusted", "reportable", "group", "company", "net",
     "operating", "combined", "non-gaap", "core", "underlying"}
)  # fmt: skip


def owner_of(label: str) -> str | None:
    """The reconciling category a closing line names before its measure: "All other" of
    "All other Adjusted EBITDA", "Corporate" of "Corporate operating loss"; None where the
    words before the measure only qualify it ("Total segment Adjusted EBITDA") or name no
    Corporate, All other or Eliminations column ("Noninterest income")."""
    words = labels.strip_footnotes(label).split()
    kind = classify(label).kind
    for k in range(len(words) - 1, 0, -1):
        if classify(" ".join(words[k:])).kind != kind:
            continue
        head = words[:k]
        while head and head[-1].lower() in _GENERIC:
            head = head[:-1]
        name = " ".join(head)
        if not head or not head[0][:1].isupper() or any(w.lower() in _GENERIC for w in head):
            return None
        return name if column_role(name) != Role.SEGMENT else None
    return None


def names_segments_total(label: str) -> bool:
    """The label totals the segments only (``labels.segments_total``)."""
    return labels.segments_total(label) is not None


def closes_group(label: str, section: str) -> bool:
    """ "Total" or "Total Oral, Personal and Home Care" under that group's heading."""
    rest = labels.strip_footnotes(label).lower().removeprefix("total").strip(" :")
    return rest in ("", section.lower().strip(" :"))


def _geographic_row(row: Row, label: str, table: str, last: bool, measure: str = "") -> Row:
    """A row of a geographic table: the region is the segment, the measure the heading's."""
    # Revenue and long-lived assets keep their schedule's line item; another measure is the
    # heading's own ("Total assets by geographic area").
    item = {GEO_REVENUE: "Revenue", GEO_ASSETS: "Long-lived assets"}.get(
        table, table.removesuffix(" by geography")
    )
    if measure and classify(measure).kind == classify(item).kind:
        item = measure  # the heading's own words for that measure ("Net Sales")
    if row.section and classify(row.section).financial:
        item = row.section
    # The table's own measure as a closing row ("Revenue" under the regions) is their total.
    own = last and classify(label).kind == classify(item).kind != LineKind.UNKNOWN
    seg = "Total" if consolidated_segment(label) or own else label
    group = row.section and not classify(row.section).financial
    if group and not last and label.strip(" :").lower() in ("total", "totals"):
        # "Americas:" over United States, Other and a bare "Total", then EMEA: the
        # total inside the table is the group's, not the whole entity's.
        seg = f"Total {row.section}"
    return replace(row, line_item=item, segment=seg)
