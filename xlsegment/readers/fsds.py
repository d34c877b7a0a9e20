"""Reader of the SEC's Financial Statement Data Sets: one filing's segment facts as a note.

The data sets (https://www.sec.gov/dera/data/financial-statement-data-sets) hold every
number of every filing in tab-separated files: ``sub.txt`` (one row per filing),
``num.txt`` (one row per number, with the dimension members in ``segments``:
``BusinessSegments=AmericasSegment;``) and ``pre.txt`` (where each tag is presented, with
its label). A folder holding them is a source; where it holds several filings,
``FOLDER#ADSH`` names one (``filings`` lists them). Findings name num.txt's lines.

What becomes the note (ASC 280-10-50-22 and -41: the segment and entity-wide
disclosures as tagged):
- **Segment information**: every number on the operating segments axis alone, members as
  segments, each line a tag (labelled as the statements present it); its Total is the
  ``ConsolidationItems=OperatingSegments`` figure of the same tag and period, or, for a
  revenue line with no consolidation items, the undimensioned figure. Other lines have no
  Total rather than a guessed one: a profit measure's consolidated figure differs from
  the segments' total by the reconciling items, whose signs the data sets do not carry.
- **Entity-wide tables** (geographic areas, products and services, major customers): one
  table per axis, read but not totalled, since a filer may tag some members only, or a
  parent member beside its children.
- **Periods**: ``qtrs`` 4 and 0 are the fiscal year (the filing's ``fy``, earlier years
  counted back from it) and its instant; 1 to 3 are ``3M``, ``6M`` and ``9M``.
- **Scale**: the largest of millions, thousands and units that every figure is a whole
  number of, as a note states it.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from xlsegment.errors import InputError
from xlsegment.model import Note
from xlsegment.vocabulary import LineKind, classify

FILES = ("sub.txt", "num.txt", "pre.txt")
SEGMENT_AXES = ("BusinessSegments", "StatementBusinessSegments", "Segments")
# Entity-wide axes and the table each is read into (ASC 280-10-50-40 to -42).
ENTITY_WIDE_AXES = {
    "Geographical": "Revenue by geography",
    "StatementGeographical": "Revenue by geography",
    "ProductOrService": "Revenue by product or service",
    "MajorCustomers": "Revenue by major customer",
}
CONSOLIDATION_AXIS = "ConsolidationItems"
SEGMENTS_TOTAL = "OperatingSegments"
_SCALES = (("millions", Decimal(10) ** 6), ("thousands", Decimal(10) ** 3), ("units", Decimal(1)))
_DURATIONS = {1: "3M ", 2: "6M ", 3: "9M "}


@dataclass(frozen=True)
class Number:
    """One row of num.txt, as the note needs it."""

    tag: str
    ddate: str
    qtrs: int
    uom: str
    members: tuple[tuple[str, str], ...]  # (axis, member), in the order the row gives them
    value: Decimal
    line: int  # of num.txt: where findings point


def is_fsds_folder(path: Path) -> bool:
    """Whether ``path`` (a folder, or ``FOLDER#ADSH``) holds the data sets' files."""
    folder = Path(str(path).split("#", 1)[0])
    return folder.is_dir() and all((folder / f).is_file() for f in FILES)


class FsdsReader:
    """A folder of the SEC's Financial Statement Data Sets (sub, num and pre files)."""

    name = "SEC financial statement data sets"

    def can_read(self, source, peek) -> bool:
        return isinstance(source, str | Path) and is_fsds_folder(Path(source))

    def read(self, source, options) -> Note:
        return read_fsds(Path(source), options.name)


def filings(folder: Path) -> list[str]:
    """The accession numbers (adsh) of the filings a folder holds, in sub.txt's order."""
    return [row["adsh"] for _, row in _rows(folder / "sub.txt")]


def read_fsds(source: Path, name: str | None = None) -> Note:
    """The segment note of one filing of a data-set folder (``FOLDER`` or ``FOLDER#ADSH``)."""
    from xlsegment.readers.tidy import read_tidy

    folder_text, _, adsh = str(source).partition("#")
    folder = Path(folder_text)
    subs = {row["adsh"]: row for _, row in _rows(folder / "sub.txt")}
    if not adsh:
        if len(subs) != 1:
            shown = ", ".join(list(subs)[:3])
            raise InputError(
                str(folder), None, f"holds {len(subs)} filings; name one as FOLDER#ADSH (e.g. {shown})"
            )
        adsh = next(iter(subs))
    if adsh not in subs:
        raise InputError(str(folder), None, f"no filing {adsh} in sub.txt")
    numbers = _numbers(folder / "num.txt", adsh)
    records = _records(numbers, _labels(folder / "pre.txt", adsh), subs[adsh])
    if not records:
        raise InputError(f"{folder}#{adsh}", None, "the filing tags no figure on a segment axis")
    return read_tidy(records, name or f"{folder}#{adsh}")


def _rows(path: Path):
    """(line, row) of a tab-separated data-set file, one line error naming file and line."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            for row in reader:
                if None in row or "adsh" not in row:
                    raise InputError(
                        str(path), reader.line_num, "not a data-set row (tab-separated, adsh first)"
                    )
                yield reader.line_num, row
    except OSError as e:
        raise InputError(str(path), None, e.strerror or "cannot read") from None
    except UnicodeDecodeError:
        raise InputError(str(path), None, "not UTF-8 text") from None


def _numbers(path: Path, adsh: str) -> list[Number]:
    out = []
    for line, row in _rows(path):
        if row["adsh"] != adsh or not row["value"] or row.get("coreg"):
            continue  # a nil or co-registrant's figure is no figure of the note
        try:
            value = Decimal(row["value"])
            qtrs = int(row["qtrs"])
        except (InvalidOperation, ValueError):
            raise InputError(
                str(path), line, f"value {row['value']!r} or qtrs {row['qtrs']!r} is not a number"
            ) from None
        members = tuple(
            tuple(part.split("=", 1)) for part in (row.get("segments") or "").split(";") if "=" in part
        )
        out.append(Number(row["tag"], row["ddate"], qtrs, row["uom"], members, value, line))
    return out


def _labels(path: Path, adsh: str) -> dict[str, str]:
    """Each tag's label as the statements present it (the first presentation wins)."""
    out: dict[str, str] = {}
    for _, row in _rows(path):
        if row["adsh"] == adsh and row.get("plabel"):
            out.setdefault(row["tag"], row["plabel"])
    return out


def _period(n: Number, sub: dict) -> str:
    """The fiscal year as the filing counts it: ``fy`` for the year ending at its period,
    earlier years counted back (a February year end's fiscal 2023 ends in 2024)."""
    shift = int(sub["period"][:4]) - int(sub["fy"]) if sub.get("fy") and sub.get("period") else 0
    return f"{_DURATIONS.get(n.qtrs, '')}{int(n.ddate[:4]) - shift}"


def _word_label(tag: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", tag)


def member_name(member: str) -> str:
    """A member's name as a note writes it: "RestOfAsiaPacificSegment" -> "Rest of Asia
    Pacific"."""
    words = _word_label(re.sub(r"(?:Segment|Member)$", "", member)).split()
    return " ".join(
        w if i == 0 or w.isupper() else w.lower() if w in ("Of", "And", "The") else w
        for i, w in enumerate(words)
    )


def _records(numbers: list[Number], labels: dict[str, str], sub: dict) -> list[dict]:
    money = [n for n in numbers if re.fullmatch(r"[A-Z]{3}", n.uom)]
    rows: list[tuple[str, Number, str, str]] = []  # (table, number, segment, role)
    by_key = defaultdict(dict)  # (tag, period) -> {"": total, OperatingSegments: ..., ...}
    for n in money:
        if len(n.members) == 1 and n.members[0][0] == CONSOLIDATION_AXIS:
            by_key[(n.tag, n.ddate, n.qtrs)][n.members[0][1]] = n
        elif not n.members:
            by_key[(n.tag, n.ddate, n.qtrs)][""] = n
    for n in money:
        if len(n.members) != 1:
            continue
        axis, member = n.members[0]
        if axis in SEGMENT_AXES:
            rows.append(("Segment information", n, member_name(member), "segment"))
        elif axis in ENTITY_WIDE_AXES:
            rows.append((ENTITY_WIDE_AXES[axis], n, member_name(member), "segment"))
    rows += _segment_totals([n for t, n, _, _ in rows if t == "Segment information"], by_key, labels)
    unit, scale = _scale([n.value for _, n, _, _ in rows])
    tables = ["Segment information", *dict.fromkeys(ENTITY_WIDE_AXES.values())]
    order = {tag: i for i, tag in enumerate(labels)}
    rows.sort(
        key=lambda r: (
            tables.index(r[0]),
            -int(r[1].ddate),
            order.get(r[1].tag, len(order)),
            r[3] == "total",
            r[2],
        )
    )
    return [
        {
            "table": table,
            "period": _period(n, sub),
            "line": labels.get(n.tag) or _word_label(n.tag),
            "segment": segment,
            "currency": n.uom,
            "value": format((n.value / scale).normalize(), "f"),
            "role": role,
            "unit": unit,
            "origin": "filing",
            "source_line": n.line,
        }
        for table, n, segment, role in rows
    ]


def _segment_totals(numbers: list[Number], by_key: dict, labels: dict[str, str]):
    """The Total of each segment line and period the data sets state (module docstring)."""
    out = []
    for key in dict.fromkeys((n.tag, n.ddate, n.qtrs) for n in numbers):
        given = by_key.get(key, {})
        total = given.get(SEGMENTS_TOTAL)
        revenue = classify(labels.get(key[0]) or _word_label(key[0])).kind == LineKind.REVENUE
        if total is None and revenue and set(given) == {""}:
            total = given[""]
        if total is not None:
            out.append(("Segment information", total, "Total", "total"))
    return out


def _scale(values: list[Decimal]) -> tuple[str, Decimal]:
    for unit, scale in _SCALES:
        if all((v / scale) == (v / scale).to_integral_value() for v in values):
            return unit, scale
    return "units", Decimal(1)
