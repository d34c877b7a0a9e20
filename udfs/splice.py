"""The shared copy as a splice of the package: what changes, and nothing else.

Every part of the user's package is copied byte for byte, except the worksheets that hold
xlsegment's functions; in those, each function cell loses its formula and keeps the value
Excel saved for it, with its type and style (a text result becomes an inline string).
Threaded comments, slicers, form controls, spill metadata, customXml, Lite's parts,
printer settings, rich text, sparklines, shapes and VBA are parts or cells this never
touches, so the copy keeps them by construction. Two caches follow the cells:

- ``xl/calcChain.xml`` loses the entries of the cells that are no formulas any more (the
  part, its relationship and content type go only if no entry is left);
- external links to the add-in (``[1]!SEGPROFIT(``) go with their workbook entries once
  no formula needs them, so Excel does not ask to update links to a file that is not
  there. Links to anything else stay.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from xlsegment.errors import XlsegmentError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
EXTERNAL_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_LINK_REF = re.compile(r"\[\d+\]!")


def _q(local: str) -> str:
    return f"{{{MAIN}}}{local}"


@dataclass
class Splice:
    """What the copy changes: new bytes by part, parts to leave out, the cells replaced,
    and the function cells that cannot be replaced (no saved value, or #NAME?)."""

    parts: dict[str, bytes] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    replaced: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    cells: dict[str, set[str]] = field(default_factory=dict)  # sheet part -> replaced refs


def _parse(data: bytes):
    from lxml import etree

    # The package was scanned first (no DTD, within bounds); parse without entities anyway.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    return etree.fromstring(data, parser)


def _serialise(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _shared_udf_ids(root, calls: re.Pattern) -> set[str]:
    """The shared-formula groups whose master cell calls one of our functions."""
    return {
        f.get("si")
        for f in root.iter(_q("f"))
        if f.get("t") == "shared" and f.text and calls.search(f.text) and f.get("si") is not None
    }


def _as_value(cell, f) -> None:
    """The cell without its formula, keeping the saved value, its type and the style."""
    cell.remove(f)
    cell.attrib.pop("cm", None)  # dynamic-array metadata belongs to the formula
    if cell.get("t") == "str":  # a formula's text result: as a value it is an inline string
        v = cell.find(_q("v"))
        text = v.text or "" if v is not None else ""
        if v is not None:
            cell.remove(v)
        cell.set("t", "inlineStr")
        inline = cell.makeelement(_q("is"), {})
        t = inline.makeelement(_q("t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        t.text = text
        inline.append(t)
        cell.insert(0, inline)


def splice_sheet(data: bytes, sheet: str, calls: re.Pattern, out: Splice, part: str) -> None:
    """Replace the function cells of one worksheet part (untouched if it holds none)."""
    if not calls.search(data.decode("utf-8", "replace")):
        return
    root = _parse(data)
    shared = _shared_udf_ids(root, calls)
    changed = False
    for cell in root.iter(_q("c")):
        f = cell.find(_q("f"))
        if f is None:
            continue
        ours = bool(f.text and calls.search(f.text)) or (f.get("t") == "shared" and f.get("si") in shared)
        if not ours:
            continue
        where = f"{sheet}!{cell.get('r')}"
        v = cell.find(_q("v"))
        if v is None or v.text is None:
            out.missing.append(where)
            continue
        if cell.get("t") == "e" and v.text == "#NAME?":
            out.unnamed.append(where)
            continue
        _as_value(cell, f)
        out.replaced.append(where)
        out.cells.setdefault(part, set()).add(cell.get("r"))
        changed = True
    if changed:
        out.parts[part] = _serialise(root)


def fail_on_unreplaceable(out: Splice, source) -> None:
    """The refusals of ``share``, in one line each, before anything is written."""

    def listed(cells: list[str]) -> str:
        more = f" and {len(cells) - 3} more" if len(cells) > 3 else ""
        return ", ".join(cells[:3]) + more

    if out.unnamed:
        raise XlsegmentError(
            f"{source}: {listed(out.unnamed)} show #NAME?: it was calculated without the xlsegment "
            "add-in; open it in Excel with the add-in, let it calculate, save it, then share again"
        )
    if out.missing:
        raise XlsegmentError(
            f"{source}: no saved value for {listed(out.missing)}; open it in Excel, let it "
            "calculate, save it, then share again"
        )


def write_package(archive: zipfile.ZipFile, out: Splice) -> bytes:
    """The package again: each part's bytes as they were, or as the splice made them, with
    each entry's name, date and compression kept."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in archive.infolist():
            if info.filename in out.dropped:
                continue
            data = out.parts.get(info.filename)
            target.writestr(info, archive.read(info.filename) if data is None else data)
    return buffer.getvalue()
