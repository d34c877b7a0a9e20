"""The catalogue of finding codes: what each code means, its severity and its source.

Every finding xlsegment reports carries one of these codes. ``docs/codes.md`` is
generated from this catalogue (``python -m xlsegment.codes > docs/codes.md``) and a test
holds the two together, so the documentation cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsegment.model import RelationKind, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity  # the usual severity; a few codes report at two (see meaning)
    meaning: str
    citation: str = ""
    values: str = "amounts"  # what its expected and actual hold: amounts, or years


_CODES = (
    Code(
        "seg.crossfoot",
        E,
        "the segment columns do not add up to the Total column",
        "ASC 280-10-50-30; IFRS 8.28",
    ),
    Code(
        "seg.foot",
        E,
        "the lines above do not add up to a total or result line",
        "ASC 280-10-50-26B",
    ),
    Code(
        "seg.recon",
        E,
        "total segment profit plus the reconciling items does not equal the consolidated figure",
        "ASC 280-10-50-30(b); IFRS 8.28(b)",
    ),
    Code("seg.stacked", E, "the segment blocks do not add up to the Consolidated block", "ASC 280-10-50-30"),
    Code(
        "seg.tie", E, "the same consolidated figure is stated twice with different values", "ASC 280-10-50-30"
    ),
    Code(
        "seg.rounding",
        INFO,
        "a total differs from its parts by no more than their rounding explains (not an error)",
        "XBRL Calculations 1.1",
    ),
    Code(
        "seg.candidate",
        INFO,
        "a line or column looks like a total, but no set of the figures beside it adds up: it is not checked",
    ),
    Code(
        "seg.unsure",
        W,
        "a relation the note does not assert fails: it looks like a total but does not add up",
    ),
    Code(
        "seg.fx.rate",
        INFO,
        "the convenience rate: stated, or inferred from the translated figures (a warning if none fits)",
    ),
    Code(
        "seg.fx.stated", INFO, "the convenience rate the note states in words, used before any inferred rate"
    ),
    Code(
        "seg.fx.plug",
        INFO,
        "a translated line one unit off its direct translation while its column adds up: translated "
        "from unrounded amounts, or plugged so the column adds up",
    ),
    Code(
        "seg.fx.figure",
        E,
        "a translated figure differs from the local figure at the rate by more than both roundings",
    ),
    Code(
        "seg.fx.subtotal",
        INFO,
        "a translated subtotal is the sum of the translated lines, not the translation of its own figure",
    ),
    Code("seg.label.date", W, "a label names another year than its figure: a probable typo", values="years"),
    Code(
        "seg.header.currency",
        W,
        "a column's currency header disagrees with the note's currency: a probable typo",
    ),
    Code("seg.alias", INFO, "a line item renamed between periods was matched as the same line"),
    Code("seg.format.european", INFO, "numbers were read in the European format (1.234,5)"),
    Code(
        "seg.layout.columns", W, "the reader could not tell what the columns are; checked by arithmetic only"
    ),
    Code(
        "seg.layout.placement",
        W,
        "a row has fewer figures than columns and no total confirms where they belong",
    ),
    Code(
        "seg.layout.shape",
        W,
        "a row has more figures than the table has columns; the extra ones are not read",
    ),
    Code("seg.layout.unlabelled", INFO, "a row carries the figures of a second, unlabelled row (a subtotal)"),
    Code(
        "seg.note.matched",
        INFO,
        "the heading --note opened the note under, and the other texts it matched (a mention in "
        "another note or the table of contents is passed over for the heading itself)",
    ),
    Code(
        "seg.layout.translated",
        INFO,
        "a block under a lone currency cell states the lines above it again, translated: read as "
        "translated columns, each figure paired with the local figure of its line",
    ),
    Code(
        "seg.layout.percent",
        INFO,
        "change and percentage columns are not read as amounts; a row one figure short is "
        "read with its last figure as the percentage where the totals hold only so",
    ),
    Code(
        "seg.currency.dollar",
        W,
        'the note writes "$" without naming its dollar and writes its dates day first, as filers '
        "outside the US do: its figures carry no currency (not a guessed USD)",
    ),
    Code("seg.html.broken", W, "the HTML is broken; it was read as far as it goes"),
    Code(
        "seg.encoding", W, "the note is not UTF-8; it was read as cp1252 or Latin-1 (check symbols such as €)"
    ),
    Code("seg.xbrl.extra", W, "an inline-XBRL filing read as HTML: the XBRL checks need the xbrl extra"),
    Code("seg.xbrl.fragment", INFO, "tagged figures without the filing's contexts: read as HTML"),
    Code("seg.xbrl.arelle", W, "Arelle reported problems in the XBRL"),
    Code(
        "xbrl.scale",
        E,
        "a tagged value is not the shown figure in the table's unit: wrong scale",
        "Inline XBRL 1.1, ix:nonFraction @scale",
    ),
    Code(
        "xbrl.sign",
        E,
        "a tagged sign breaks the convention of its row: flipped sign",
        "Inline XBRL 1.1, @sign",
    ),
    Code(
        "xbrl.duplicate",
        E,
        "one concept tagged twice in one context with different values",
        "XBRL Calculations 1.1 (duplicate facts)",
    ),
    Code(
        "xbrl.member_sum",
        E,
        "the segment members of a concept do not add to its total (a warning where no table adds them)",
        "DQC_0150",
    ),
    Code("xbrl.untagged", INFO, "a figure of a segment table carries no XBRL tag", "EDGAR Filer Manual"),
    Code(
        "seg.nochecks", W, "no stated total was found to check: look at the layout before trusting the note"
    ),
    Code(
        "seg.prepare.sign",
        W,
        "prepare mode cannot tell whether a line is income or an expense; it says how it took it",
    ),
    Code("seg.duplicate", E, "the Data table states one figure twice"),
    Code(
        "seg.tie.consolidated",
        E,
        "a segment total does not tie to the consolidated amount entered in Settings",
        "ASC 280-10-50-30(a)-(c)",
    ),
    Code("seg.typed", E, "a number was typed over a schedule formula: the change belongs in the Data table"),
    Code("seg.internal", E, "a check failed with an internal error; the other checks ran"),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}

# The code of a broken relation of each kind.
RELATION_CODES = {
    RelationKind.CROSSFOOT: "seg.crossfoot",
    RelationKind.FOOT: "seg.foot",
    RelationKind.RECONCILIATION: "seg.recon",
    RelationKind.TIE: "seg.tie",
    RelationKind.STACKED: "seg.stacked",
}


def register(code: Code) -> None:
    """Add the codes of a reader or check of another module (the XBRL checks)."""
    CATALOGUE.setdefault(code.code, code)


def markdown_table() -> str:
    rows = [
        "# Finding codes",
        "",
        "Generated from `xlsegment/codes.py` by `python -m xlsegment.codes`; do not edit by hand.",
        "A relation the note does not assert is never the basis of an error: where it fails,",
        "the finding is `seg.unsure` (a warning).",
        "",
        "| code | severity | meaning | source |",
        "|---|---|---|---|",
    ]
    for c in sorted(CATALOGUE.values(), key=lambda c: c.code):
        rows.append(f"| `{c.code}` | {c.severity} | {c.meaning} | {c.citation} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
