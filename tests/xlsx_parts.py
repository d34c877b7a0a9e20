"""Build workbook packages part by part for tests: add parts with their content types and
relationships, edit a part's XML, and read parts back namespace-aware."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE = REL + "/"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"


def parts(path: str | Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def write(path: str | Path, contents: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


class Package:
    """A package in memory: edit it, then save it."""

    def __init__(self, path: str | Path) -> None:
        self.contents = parts(path)

    def save(self, path: str | Path) -> Path:
        write(path, self.contents)
        return Path(path)

    def sheet_part(self, name: str) -> str:
        """The part of the sheet named ``name``."""
        wb = ET.fromstring(self.contents["xl/workbook.xml"])
        rid = next(s.get(f"{{{REL}}}id") for s in wb.iter(f"{{{MAIN}}}sheet") if s.get("name") == name)
        rels = ET.fromstring(self.contents["xl/_rels/workbook.xml.rels"])
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        return (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )

    def add(self, name: str, data: bytes, content_type: str | None = None) -> None:
        self.contents[name] = data
        if content_type:
            override = f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
            self.edit("[Content_Types].xml", lambda x: x.replace(b"</Types>", override.encode()))

    def default(self, extension: str, content_type: str) -> None:
        entry = f'<Default Extension="{extension}" ContentType="{content_type}"/></Types>'
        self.edit("[Content_Types].xml", lambda x: x.replace(b"</Types>", entry.encode(), 1))

    def relate(self, source: str, rel_type: str, target: str, external: bool = False) -> str:
        """Add a relationship from ``source`` ("" = the package) and return its id."""
        name = "_rels/.rels" if source == "" else rels_name(source)
        xml = self.contents.get(name, f'<Relationships xmlns="{PKG_REL}"></Relationships>'.encode())
        n = 1
        while f'Id="rIdT{n}"'.encode() in xml:
            n += 1
        rel_id = f"rIdT{n}"
        where = target if external else posixpath.relpath(target, posixpath.dirname(source) or ".")
        mode = ' TargetMode="External"' if external else ""
        entry = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{where}"{mode}/></Relationships>'
        self.contents[name] = xml.replace(b"</Relationships>", entry.encode())
        return rel_id

    def related(self, source: str) -> list[tuple[str, str, str]]:
        """(id, type, part) of each relationship of ``source`` to a part of the package."""
        name = rels_name(source)
        if name not in self.contents:
            return []
        folder = posixpath.dirname(source)
        out = []
        for r in ET.fromstring(self.contents[name]):
            if r.get("TargetMode") != "External":
                target = r.get("Target", "")
                part = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                out.append((r.get("Id"), r.get("Type"), part))
        return out

    def edit(self, name: str, change: Callable[[bytes], bytes]) -> None:
        self.contents[name] = change(self.contents[name])

    def insert_in_sheet(self, sheet_part: str, xml: str, before: tuple[str, ...] = ()) -> None:
        """Put ``xml`` into a worksheet before the first of the elements ``before`` (local
        names, any prefix), else at its end: where the schema wants it."""

        def change(data: bytes) -> bytes:
            text = data.decode("utf-8")
            for local in before:
                m = re.search(rf"<(?:\w+:)?{local}[\s/>]", text)
                if m:
                    return (text[: m.start()] + xml + text[m.start() :]).encode("utf-8")
            end = text.rindex("</")
            return (text[:end] + xml + text[end:]).encode("utf-8")

        self.edit(sheet_part, change)


def xml(path: str | Path, part: str) -> ET.Element:
    with zipfile.ZipFile(path) as zf:
        return ET.fromstring(zf.read(part))


def related(path: str | Path, source: str) -> list[tuple[str, str, str]]:
    """(id, type, resolved target) of each relationship of ``source``."""
    with zipfile.ZipFile(path) as zf:
        name = rels_name(source)
        if name not in zf.namelist():
            return []
        rels = ET.fromstring(zf.read(name))
    out = []
    for r in rels:
        target = r.get("Target", "")
        if r.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        out.append((r.get("Id"), r.get("Type"), target))
    return out


def content_type(path: str | Path, part: str) -> str | None:
    root = xml(path, "[Content_Types].xml")
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    for o in root.iter(f"{ns}Override"):
        if o.get("PartName") == "/" + part:
            return o.get("ContentType")
    ext = posixpath.splitext(part)[1].lstrip(".")
    return next((d.get("ContentType") for d in root.iter(f"{ns}Default") if d.get("Extension") == ext), None)


# ---------------------------------------------------------------- what a refresh in place writes

REDRAWN = ("Schedules", "Checks")  # the sheets a refresh draws afresh (Data read as the source)
# The package-wide parts a refresh in place may edit: the formats appended, the redrawn
# sheets' print names, the calculation chain dropped.
SPLICED = (
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/calcChain.xml",
)


def redrawn_parts(path: str | Path, sheets: tuple[str, ...] = REDRAWN) -> set[str]:
    """The parts a refresh in place may write: the package-wide ones, the redrawn sheets and
    every part reached from them (their notes, tables, drawings, printer settings)."""
    pkg = Package(path)
    found = set(SPLICED)
    todo = [pkg.sheet_part(name) for name in sheets]
    while todo:
        part = todo.pop()
        found |= {part, rels_name(part)}
        todo += [t for _, _, t in related(path, part) if t in pkg.contents and t not in found]
    return found


def assert_kept(before: dict[str, bytes], path: str | Path, redrawn: set[str]) -> None:
    """Every part of ``before`` but the ``redrawn`` ones (as found before and after the
    refresh) is in the file at ``path``, byte for byte, and no other part came."""
    redrawn = redrawn | redrawn_parts(path)
    after = parts(path)
    changed = [n for n in before if n not in redrawn and after.get(n) != before[n]]
    assert changed == [], changed
    assert set(after) - set(before) <= redrawn, set(after) - set(before) - redrawn
