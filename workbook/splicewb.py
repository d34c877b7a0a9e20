"""The package-wide parts a splice edits: workbook.xml, [Content_Types].xml, relationships.

Each is edited in its tree (lxml), so what the edit does not touch (the user's names,
extensions, namespace prefixes) stays as it was; each returns None when nothing changed,
and the part is then copied byte for byte.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Collection, Iterable, Mapping

from lxml import etree

from xlsegment.workbook import package as pk
from xlsegment.workbook.partscan import escape
from xlsegment.workbook.splicestyles import parse, q, serialise

# The names a refresh sets on the sheets it redraws (Workbook.set_layout); every other
# defined name is the user's, or the contract's, and left as it is.
OWN_NAMES = ("_xlnm.Print_Area", "_xlnm.Print_Titles")
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _local(el) -> str | None:
    return etree.QName(el).localname if isinstance(el.tag, str) else None


def insert(root: etree._Element, local: str, after: tuple[str, ...]) -> etree._Element:
    """A new child ``local`` of ``root``, after the last child named in ``after`` (the
    schema's order), else first."""
    made = etree.Element(q(local))
    position = 0
    for i, existing in enumerate(root):
        if _local(existing) in after:
            position = i + 1
    root.insert(position, made)
    return made


# ---------------------------------------------------------------- workbook.xml


def _sheet_names(root: etree._Element) -> list[str]:
    sheets = root.find(q("sheets"))
    return [] if sheets is None else [s.get("name", "") for s in sheets if _local(s) == "sheet"]


def _owned_names(root: etree._Element, owned: Collection[str]) -> dict[tuple[str, str], etree._Element]:
    """(name, sheet) -> element of the print names local to the ``owned`` sheets."""
    sheets = _sheet_names(root)
    holder = root.find(q("definedNames"))
    found = {}
    for el in [] if holder is None else holder:
        local = el.get("localSheetId", "")
        sheet = sheets[int(local)] if local.isdigit() and int(local) < len(sheets) else None
        if el.get("name") in OWN_NAMES and sheet in owned:
            found[(el.get("name"), sheet)] = el
    return found


def _print_names(root: etree._Element, saved: etree._Element, owned: Collection[str]) -> bool:
    """The redrawn sheets' print areas and titles as openpyxl's save has them."""
    mine, wanted = _owned_names(root, owned), _owned_names(saved, owned)
    if {k: e.text or "" for k, e in mine.items()} == {k: e.text or "" for k, e in wanted.items()}:
        return False
    holder = root.find(q("definedNames"))
    for el in mine.values():
        holder.remove(el)
    if wanted and holder is None:
        holder = insert(root, "definedNames", ("sheets", "functionGroups", "externalReferences"))
    index = {name: i for i, name in enumerate(_sheet_names(root))}
    for (name, sheet), el in wanted.items():
        made = etree.SubElement(holder, q("definedName"), name=name, localSheetId=str(index[sheet]))
        made.text = el.text
    if holder is not None and len(holder) == 0:
        root.remove(holder)
    return True


def _recalculate(root: etree._Element) -> bool:
    """Ask Excel to recalculate on opening: the redrawn sheets hold no cached values."""
    calc = root.find(q("calcPr"))
    if calc is None:
        calc = insert(root, "calcPr", ("sheets", "functionGroups", "externalReferences", "definedNames"))
    elif calc.get("fullCalcOnLoad") in ("1", "true"):
        return False
    calc.set("fullCalcOnLoad", "1")
    return True


def workbook_xml(user: bytes, saved: bytes, owned: Collection[str], part: str, source: str) -> bytes | None:
    """The user's workbook.xml with the redrawn sheets' print names and the recalculation
    request; None when it already says all that."""
    root = parse(user, part, source)
    theirs = parse(saved, part, "openpyxl's save")
    changed = _print_names(root, theirs, owned)
    changed = _recalculate(root) or changed
    return serialise(root) if changed else None


# ---------------------------------------------------------------- content types, relationships


def content_types_xml(
    archive: zipfile.ZipFile, source: str, removed: Collection[str], declared: Mapping[str, str]
) -> bytes | None:
    """[Content_Types].xml without the parts that went and with those that came; None when
    it already says it (a new part named like a removed one, of its type)."""
    root = parse(archive.read("[Content_Types].xml"), "[Content_Types].xml", source)
    ns = pk.CONTENT_TYPES
    defaults = {
        d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(f"{{{ns}}}Default")
    }
    overrides = {o.get("PartName", "").lstrip("/").lower(): o for o in root.iter(f"{{{ns}}}Override")}
    gone = {p.lower() for p in removed} - {p.lower() for p in declared}
    changed = False
    for name in gone & set(overrides):
        root.remove(overrides.pop(name))
        changed = True
    for name, content_type in declared.items():
        override = overrides.get(name.lower())
        if override is not None:
            if override.get("ContentType") != content_type:
                override.set("ContentType", content_type)
                changed = True
        elif defaults.get(posixpath.splitext(name)[1].lstrip(".").lower()) != content_type:
            etree.SubElement(root, f"{{{ns}}}Override", PartName="/" + name, ContentType=content_type)
            changed = True
    return serialise(root) if changed else None


def rels_xml(part: str, rels: Iterable[tuple[str, str, str, bool]]) -> bytes:
    """The relationships part of ``part``: (id, type, target part or URL, external)."""
    folder = posixpath.dirname(part) or "."
    rows = []
    for rel_id, rel_type, target, external in rels:
        where = target if external else posixpath.relpath(target, folder)
        mode = ' TargetMode="External"' if external else ""
        rows.append(
            f'<Relationship Id="{escape(rel_id)}" Type="{escape(rel_type)}" Target="{escape(where)}"{mode}/>'
        )
    body = f'<Relationships xmlns="{pk.RELATIONSHIPS}">{"".join(rows)}</Relationships>'
    return (_DECLARATION + body).encode("utf-8")


def without_relationships(archive: zipfile.ZipFile, part: str, ids: Collection[str], source: str) -> bytes:
    """The relationships part of ``part`` less the relationships ``ids``."""
    name = pk.rels_part(part)
    root = parse(archive.read(name), name, source)
    for el in list(root):
        if el.get("Id") in ids:
            root.remove(el)
    return serialise(root)
