"""The two caches that follow the replaced cells in a shared copy (see ``udfs.splice``):
the calculation chain, and external links to the add-in once no formula needs them."""

from __future__ import annotations

import zipfile

from xlsegment.workbook.package import rels_part, resolve_target

from .splice import (
    _LINK_REF,
    EXTERNAL_LINK,
    REL_ID,
    TYPES,
    Splice,
    _parse,
    _q,
    _serialise,
)

CALC_CHAIN = "xl/calcChain.xml"
CALC_CHAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
ADDIN = "xlsegment.xlam"


def _workbook_sheets(archive: zipfile.ZipFile, workbook: str) -> dict[str, str]:
    """sheetId -> worksheet part."""
    rels = _parse(archive.read(rels_part(workbook)))
    by_id = {r.get("Id"): resolve_target(workbook, r.get("Target", "")) for r in rels}
    root = _parse(archive.read(workbook))
    return {s.get("sheetId"): by_id.get(s.get(REL_ID), "") for s in root.iter(_q("sheet"))}


def _drop_relationship(archive, out: Splice, owner: str, rel_type: str, targets: set[str]) -> None:
    """Take the relationships of ``owner`` to ``targets`` (of ``rel_type``) out of its
    .rels part, and those parts' Overrides out of [Content_Types].xml."""
    name = rels_part(owner)
    rels = _parse(out.parts.get(name) or archive.read(name))
    for r in list(rels):
        if r.get("Type") == rel_type and resolve_target(owner, r.get("Target", "")) in targets:
            rels.remove(r)
    out.parts[name] = _serialise(rels)
    types = _parse(out.parts.get("[Content_Types].xml") or archive.read("[Content_Types].xml"))
    for o in list(types):
        if o.tag == f"{{{TYPES}}}Override" and o.get("PartName", "").lstrip("/") in targets:
            types.remove(o)
    out.parts["[Content_Types].xml"] = _serialise(types)


def prune_calc_chain(archive: zipfile.ZipFile, workbook: str, out: Splice) -> None:
    """Drop the calculation chain's entries of the cells that are values now."""
    if not out.cells or CALC_CHAIN not in archive.NameToInfo:
        return
    sheets = _workbook_sheets(archive, workbook)
    root = _parse(archive.read(CALC_CHAIN))
    sheet_id = None
    for entry in list(root):
        sheet_id = entry.get("i") or sheet_id  # an entry without i is on the sheet before's
        if entry.get("r") in out.cells.get(sheets.get(sheet_id, ""), set()):
            if entry.get("i") and len(root) > 1:
                following = entry.getnext()
                if following is not None and following.get("i") is None:
                    following.set("i", entry.get("i"))  # the next entry keeps its sheet
            root.remove(entry)
    if len(root):
        out.parts[CALC_CHAIN] = _serialise(root)
    else:
        out.dropped.add(CALC_CHAIN)
        _drop_relationship(archive, out, workbook, CALC_CHAIN_REL, {CALC_CHAIN})


def _formulas_need_links(archive: zipfile.ZipFile, workbook: str, out: Splice) -> bool:
    """Does any formula left in the copy (a cell's or a defined name's) refer to a link?"""
    parts = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    for name in [*parts, workbook]:
        text = (out.parts.get(name) or archive.read(name)).decode("utf-8", "replace")
        if _LINK_REF.search(text):
            return True
    return False


def drop_addin_links(archive: zipfile.ZipFile, workbook: str, out: Splice) -> None:
    """External links to the add-in, once no formula needs them: only where every link is
    the add-in's (links are numbered, and removing one would renumber the others)."""
    rels = _parse(archive.read(rels_part(workbook))) if rels_part(workbook) in archive.NameToInfo else []
    links = {
        resolve_target(workbook, r.get("Target", "")): r.get("Id")
        for r in rels
        if r.get("Type") == EXTERNAL_LINK
    }
    if not links or not out.replaced or _formulas_need_links(archive, workbook, out):
        return
    for part in links:
        link_rels = rels_part(part)
        if link_rels not in archive.NameToInfo:
            return
        targets = [r.get("Target", "") for r in _parse(archive.read(link_rels))]
        if not targets or not all(t.replace("\\", "/").casefold().endswith(ADDIN) for t in targets):
            return
    root = _parse(out.parts.get(workbook) or archive.read(workbook))
    for refs in root.iter(_q("externalReferences")):
        refs.getparent().remove(refs)
    out.parts[workbook] = _serialise(root)
    _drop_relationship(archive, out, workbook, EXTERNAL_LINK, set(links))
    out.dropped |= set(links) | {rels_part(p) for p in links}
