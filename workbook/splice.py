"""Refresh in place by splicing the package: xlsegment's sheets afresh, the rest as it was.

openpyxl draws the refreshed workbook, but its save keeps only what it models. So the file
written in place is the user's package with only what refresh redraws replaced:

- the parts of the sheets refresh redraws (the workbook contract's Schedules and Checks,
  and Data when the data source named in Settings rewrites it), with their notes, tables
  and drawings, taken from openpyxl's save under the same sheet part names; their strings
  are inline (openpyxl writes no shared strings), so the user's sharedStrings.xml stays;
- styles.xml, with the formats those sheets use appended (splicestyles.py);
- in workbook.xml, the print areas and print titles of those sheets, and the request
  that Excel recalculate on opening (openpyxl writes no cached values);
- [Content_Types].xml and the relationships, only where parts come or go: the calculation
  chain is removed (it lists formula cells of the old sheets; Excel rebuilds it).

Every other part is copied byte for byte, so what openpyxl cannot keep (sparklines,
slicers, threaded comments, controls, dynamic-array metadata, customXml, printer settings,
rich text) is kept by construction.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from collections.abc import Collection, Iterable
from io import BytesIO
from typing import IO

from xlsegment.workbook import package as pk
from xlsegment.workbook import partscan as ps
from xlsegment.workbook.engines.base import WorkbookError
from xlsegment.workbook.splicestyles import StyleMerge, parse, serialise
from xlsegment.workbook.splicewb import content_types_xml, rels_xml, without_relationships, workbook_xml

TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
# In openpyxl's serialisation (double-quoted attributes, "<" and ">" escaped inside values)
# a cell's style is the s attribute of its start tag: one pass over the bytes remaps them.
_CELL_STYLE = re.compile(rb'(<(?:c|row) [^>]*?\bs=")(\d+)(")')
_COLUMN_STYLE = re.compile(rb'(<col [^>]*?\bstyle=")(\d+)(")')
_RULE_FORMAT = re.compile(rb'(<cfRule [^>]*?\bdxfId=")(\d+)(")')
_SHARED_STRING = re.compile(rb'<c [^>]*?\bt="s"')
_PAGE_SETUP = re.compile(rb"<pageSetup\b")
_TABLE_FORMATS = ("headerRowDxfId", "dataDxfId", "totalsRowDxfId", "headerRowBorderDxfId",
                  "tableBorderDxfId", "totalsRowBorderDxfId")  # fmt: skip


def read(archive: zipfile.ZipFile, part: str, source: str) -> bytes:
    """A part's bytes; a damaged one is refused in one line naming it."""
    try:
        return archive.read(part)
    except ps.DAMAGED_PART as exc:
        raise WorkbookError(f"{source}: part {part} is corrupt ({exc}); nothing was written") from None


def reachable(
    archive: zipfile.ZipFile, starts: Iterable[str], source: str, stop: Collection[str] = ()
) -> set[str]:
    """Every part reached through relationships from ``starts`` ("" is the package), not
    going into the parts of ``stop``."""
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        for rel in pk.relationships(archive, todo.pop(), source):
            target = rel.target
            if rel.external or target in seen or target in stop or target not in archive.NameToInfo:
                continue
            seen.add(target)
            todo.append(target)
    return seen


class Splice:
    """The user's package (``original``) with the ``owned`` sheets of openpyxl's ``saved``."""

    def __init__(self, original: bytes, saved: bytes, owned: Collection[str], source: str) -> None:
        self.old = zipfile.ZipFile(BytesIO(original))
        self.new = zipfile.ZipFile(BytesIO(saved))
        self.source = source
        self.parts: dict[str, bytes] = {}  # new or replaced parts
        self.removed: set[str] = set()
        self.declared: dict[str, str] = {}  # content type of each new part
        self.copied: dict[str, str] = {}  # part of the save -> its name in the result
        old_sheets = pk.sheet_parts(self.old, source)
        new_sheets = pk.sheet_parts(self.new, source)
        missing = [s for s in owned if s not in old_sheets or s not in new_sheets]
        if missing:
            raise WorkbookError(
                f"{source}: the package has no sheet part for {missing[0]!r}; nothing was written"
            )
        self.owned = {name: (old_sheets[name], new_sheets[name]) for name in owned}
        self.new_types = pk.content_types(self.new, "openpyxl's save")
        self.old_types = pk.content_types(self.old, source)
        self.styles = self._styles()
        self.printers: dict[str, str] = {}  # owned sheet part -> its printer settings, kept
        self._plan_removals()
        self.taken = (set(self.old.NameToInfo) - self.removed) | set(self.owned_parts())
        self.table_ids = self._kept_table_ids()

    def owned_parts(self) -> list[str]:
        return [old for old, _ in self.owned.values()]

    # -- what goes ------------------------------------------------------------------------
    def _plan_removals(self) -> None:
        """The parts only the redrawn sheets reach (their notes, tables, drawings) go, but
        their printer settings, which the new sheet parts point at again."""
        owned = set(self.owned_parts())
        kept = reachable(self.old, [""], self.source, owned) | owned
        for part in owned:
            for rel in pk.relationships(self.old, part, self.source):
                if rel.type == pk.OFFICE + "printerSettings" and rel.target in self.old.NameToInfo:
                    self.printers.setdefault(part, rel.target)
                    kept.add(rel.target)
        gone = reachable(self.old, owned, self.source) - kept
        gone |= {pk.rels_part(p) for p in gone | owned}
        self.removed = {p for p in gone if p in self.old.NameToInfo}

    def _kept_table_ids(self) -> set[int]:
        ids = set()
        for name in set(self.old.NameToInfo) - self.removed:
            if self.old_types(name) == TABLE:
                root = parse(read(self.old, name, self.source), name, self.source)
                ids.add(int(root.get("id", "0")))
        return ids

    # -- styles ---------------------------------------------------------------------------
    def _styles(self) -> StyleMerge:
        old = self._styles_part(self.old, self.source)
        new = self._styles_part(self.new, "openpyxl's save")
        self.styles_part = old
        return StyleMerge(read(self.old, old, self.source), self.new.read(new), old, self.source)

    @staticmethod
    def _styles_part(archive: zipfile.ZipFile, source: str) -> str:
        workbook = pk.workbook_part(archive, source)
        for rel in pk.relationships(archive, workbook, source):
            if rel.type == pk.OFFICE + "styles" and rel.target in archive.NameToInfo:
                return rel.target
        raise WorkbookError(f"{source}: the package has no styles part; nothing was written")

    # -- the redrawn sheets -----------------------------------------------------------------
    def plan(self) -> None:
        for old, new in self.owned.values():
            self._sheet(old, new)
        styles = self.styles.xml()
        if styles is not None:
            self.parts[self.styles_part] = styles
        self._workbook()
        types = content_types_xml(self.old, self.source, self.removed, self.declared)
        if types is not None:
            self.parts["[Content_Types].xml"] = types

    def _sheet(self, old: str, new: str) -> None:
        rels = [self._related(rel) for rel in pk.relationships(self.new, new, "openpyxl's save")]
        rels = [r for r in rels if r is not None]
        data = self.new.read(new)
        if _SHARED_STRING.search(data):
            raise WorkbookError(
                f"{self.source}: openpyxl wrote shared strings into {new}; nothing was written"
            )
        data = self._restyled(data)
        printer = self.printers.get(old)
        if printer is not None and _PAGE_SETUP.search(data):
            rel_id = _free_id(r[0] for r in rels)
            rels.append((rel_id, pk.OFFICE + "printerSettings", printer, False))
            link = f'<pageSetup xmlns:r="{pk.OFFICE[:-1]}" r:id="{rel_id}"'.encode()
            data = _PAGE_SETUP.sub(link, data, count=1)
        self.parts[old] = data
        if rels:
            self.removed.discard(pk.rels_part(old))
            self.parts[pk.rels_part(old)] = rels_xml(old, rels)

    def _restyled(self, data: bytes) -> bytes:
        """The sheet with its cell, column and rule formats pointing into the user's styles."""
        xf, dxf = self.styles.xf, self.styles.dxf
        data = _CELL_STYLE.sub(lambda m: m[1] + b"%d" % xf(int(m[2])) + m[3], data)
        data = _COLUMN_STYLE.sub(lambda m: m[1] + b"%d" % xf(int(m[2])) + m[3], data)
        return _RULE_FORMAT.sub(lambda m: m[1] + b"%d" % dxf(int(m[2])) + m[3], data)

    def _related(self, rel: pk.Rel) -> tuple[str, str, str, bool] | None:
        """A relationship of a part of the save, pointing at its copy in the result."""
        if rel.external:
            return rel.id, rel.type, rel.target, True
        if rel.target not in self.new.NameToInfo:
            return None
        return rel.id, rel.type, self._copy(rel.target), False

    def _copy(self, part: str) -> str:
        """Copy a part of the save (a note, table, drawing, chart) and what it refers to."""
        if part in self.copied:
            return self.copied[part]
        dest = self._free_name(part)
        self.copied[part] = dest
        content_type = self.new_types(part)
        data = self.new.read(part)
        if content_type == TABLE:
            data = self._table(data, part)
        rels = [self._related(rel) for rel in pk.relationships(self.new, part, "openpyxl's save")]
        rels = [r for r in rels if r is not None]
        self.parts[dest] = data
        self.declared[dest] = content_type
        if rels:
            self.parts[pk.rels_part(dest)] = rels_xml(dest, rels)
        return dest

    def _free_name(self, part: str) -> str:
        """The save's part name, or the next free one like it (``table3.xml``)."""
        if part not in self.taken:
            self.taken.add(part)
            return part
        folder, name = posixpath.split(part)
        stem, ext = posixpath.splitext(name)
        stem = stem.rstrip("0123456789")
        n = 1
        while f"{folder}/{stem}{n}{ext}" in self.taken:
            n += 1
        dest = f"{folder}/{stem}{n}{ext}"
        self.taken.add(dest)
        return dest

    def _table(self, data: bytes, part: str) -> bytes:
        """A table of a redrawn sheet: an id no kept table has, formats in the user's styles."""
        root = parse(data, part, "openpyxl's save")
        table_id = int(root.get("id", "0"))
        while table_id in self.table_ids or table_id < 1:
            table_id += 1
        self.table_ids.add(table_id)
        root.set("id", str(table_id))
        for el in root.iter():
            for attr in _TABLE_FORMATS:
                if el.get(attr) is not None:
                    el.set(attr, str(self.styles.dxf(int(el.get(attr)))))
        return serialise(root)

    # -- the workbook -----------------------------------------------------------------------
    def _workbook(self) -> None:
        part = pk.workbook_part(self.old, self.source)
        saved = self.new.read(pk.workbook_part(self.new, "openpyxl's save"))
        xml = workbook_xml(read(self.old, part, self.source), saved, set(self.owned), part, self.source)
        if xml is not None:
            self.parts[part] = xml
        rels = pk.relationships(self.old, part, self.source)
        chain = [r for r in rels if r.type == pk.OFFICE + "calcChain"]
        if chain:
            # It lists the formula cells of the sheets as they were; Excel rebuilds it.
            self.removed |= {r.target for r in chain if r.target in self.old.NameToInfo}
            self.parts[pk.rels_part(part)] = without_relationships(
                self.old, part, {r.id for r in chain}, self.source
            )

    # -- writing ----------------------------------------------------------------------------
    def write(self, target: str | IO[bytes]) -> None:
        """The package: the user's parts in their order, replaced ones in their place."""
        written = set()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self.old.infolist():
                name = info.filename
                if name in self.removed and name not in self.parts:
                    continue
                entry = zipfile.ZipInfo(name, info.date_time)
                entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
                if name in self.parts:
                    out.writestr(entry, self.parts[name])
                    written.add(name)
                    continue
                entry.file_size = info.file_size  # so zipfile knows whether it needs Zip64
                try:
                    with self.old.open(info) as src, out.open(entry, "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                except ps.DAMAGED_PART as exc:
                    raise WorkbookError(
                        f"{self.source}: part {name} is corrupt ({exc}); nothing was written"
                    ) from None
            for name, data in self.parts.items():
                if name not in written:
                    out.writestr(name, data)


def _free_id(taken: Iterable[str]) -> str:
    taken = set(taken)
    n = 1
    while f"rId{n}" in taken:
        n += 1
    return f"rId{n}"


def splice(
    original: bytes, saved: bytes, owned: Collection[str], target: str | IO[bytes], source: str
) -> None:
    """Write to ``target`` the user's package ``original`` with the sheets ``owned`` (by
    name) as openpyxl drew them in ``saved``; refuses in one line, writing nothing usable,
    when either package lacks what a workbook has."""
    try:
        job = Splice(original, saved, owned, source)
        job.plan()
    except (ValueError, IndexError) as exc:  # an index or id in a part that is no number, or none
        raise WorkbookError(
            f"{source}: a part of the package refers to what is not there ({exc}); nothing was written"
        ) from None
    job.write(target)


__all__ = ["splice", "reachable", "Splice"]
