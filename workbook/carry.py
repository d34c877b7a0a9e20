"""Copy into a package openpyxl just saved what openpyxl does not carry itself.

- printer settings of each worksheet (a binary part, its relationship and the ``r:id`` of
  ``<pageSetup>``);
- the style and colour parts of each chart (Excel 2013 and later), found again by the
  chart's place on its sheet;
- the workbook's ``extLst`` (calculation features and the like);
- for ``share``, the cached values of formulas, which openpyxl never writes.

The saved package is rewritten part by part into the target file; parts are streamed
through the XML rewriter, so a large sheet is never held whole.
"""

from __future__ import annotations

import io
import posixpath
import shutil
import zipfile
from collections.abc import Callable
from typing import IO

from xlsegment.workbook import package as pk
from xlsegment.workbook import partscan as ps
from xlsegment.workbook.engines.base import WorkbookError

PRINTER_SETTINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# <pageSetup> comes after these worksheet children and before all others (ECMA-376 §18.3.1.99).
_BEFORE_PAGE_SETUP = {ps.clark(ps.MAIN, n) for n in (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins",
)}  # fmt: skip


class Rewriter(ps.Scan):
    """Write a part back out as it was read, with the changes its subclass makes."""

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__("", "")
        self.out = out
        self.scopes: list[dict[str, str]] = [{"xml": ps.XML_NS}]
        self.names: list[str] = []
        out.write(_DECLARATION)

    def write(self, text: str) -> None:
        self.out.write(text.encode("utf-8"))

    def open_tag(self, el: ps.Element, extra: dict[str, str] | None = None) -> None:
        scope = {**self.scopes[-1], **el.declared}
        self.scopes.append(scope)
        bits = [f"<{ps.qname(el)}"]
        for prefix, uri in el.declared.items():
            bits.append(f' xmlns{":" + prefix if prefix else ""}="{ps.escape(uri)}"')
        for key, value in {**el.attrs, **(extra or {})}.items():
            bits.append(f' {ps.attr_qname(key, scope)}="{ps.escape(value)}"')
        self.write("".join(bits) + ">")
        self.names.append(ps.qname(el))

    def close_tag(self) -> None:
        self.scopes.pop()
        self.write(f"</{self.names.pop()}>")

    def start(self, el: ps.Element) -> None:
        self.open_tag(el)

    def end(self, name: str) -> None:
        self.close_tag()

    def text(self, data: str) -> None:
        self.write(ps.escape(data, quote=False))


class PageSetupLink(Rewriter):
    """Point ``<pageSetup>`` at the carried printer settings, adding the element if needed."""

    def __init__(self, out: IO[bytes], rel_id: str) -> None:
        super().__init__(out)
        self.rel_id, self.done = rel_id, False

    def _link(self) -> dict[str, str]:
        self.done = True
        return {ps.clark(ps.REL, "id"): self.rel_id}

    def _declare_r(self, el: ps.Element) -> ps.Element:
        if any(uri == ps.REL and p for p, uri in {**self.scopes[-1], **el.declared}.items()):
            return el
        return ps.Element(el.name, el.prefix, el.attrs, {**el.declared, "r": ps.REL})

    def start(self, el: ps.Element) -> None:
        depth = len(self.stack)
        if depth == 1 and not self.done and el.name == ps.clark(ps.MAIN, "pageSetup"):
            self.open_tag(self._declare_r(el), self._link())
            return
        if depth == 1 and not self.done and el.name not in _BEFORE_PAGE_SETUP:
            self._insert()
        self.open_tag(el)

    def end(self, name: str) -> None:
        if not self.stack and not self.done:
            self._insert()
        self.close_tag()

    def _insert(self) -> None:
        self.done = True
        main = next((p for p, uri in self.scopes[-1].items() if uri == ps.MAIN), "")
        tag = f"{main}:pageSetup" if main else "pageSetup"
        self.write(f'<{tag} xmlns:r="{ps.REL}" r:id="{ps.escape(self.rel_id)}"></{tag}>')


class AppendBeforeRootEnd(Rewriter):
    """Add XML as the last children of the root element (``extLst``, ``Override``)."""

    def __init__(self, out: IO[bytes], xml: str) -> None:
        super().__init__(out)
        self.xml = xml

    def end(self, name: str) -> None:
        if not self.stack:
            self.write(self.xml)
        self.close_tag()


class CachedValues(Rewriter):
    """Give each formula cell of a sheet the value Excel last computed for it."""

    def __init__(self, out: IO[bytes], values: dict[str, tuple[str | None, str]]) -> None:
        super().__init__(out)
        self.values = values
        self.cell: tuple[str | None, str] | None = None
        self.written = False

    def start(self, el: ps.Element) -> None:
        if el.name == ps.clark(ps.MAIN, "c"):
            self.cell, self.written = self.values.get(el.attrs.get("r", "")), False
            if self.cell is not None:
                attrs = {k: v for k, v in el.attrs.items() if k != "t"}
                if self.cell[0]:
                    attrs["t"] = self.cell[0]
                el = ps.Element(el.name, el.prefix, attrs, el.declared)
        elif el.name == ps.clark(ps.MAIN, "v") and self.cell is not None:
            self.open_tag(el)
            self.write(ps.escape(self.cell[1], quote=False))
            self.written = True
            return
        self.open_tag(el)

    def text(self, data: str) -> None:
        if self.cell is not None and self.stack and self.stack[-1] == ps.clark(ps.MAIN, "v"):
            return  # replaced by the cached value
        super().text(data)

    def end(self, name: str) -> None:
        if name == ps.clark(ps.MAIN, "c") and self.cell is not None:
            if not self.written:
                main = self.names[-1].rsplit(":", 1)[0] + ":" if ":" in self.names[-1] else ""
                self.write(f"<{main}v>{ps.escape(self.cell[1], quote=False)}</{main}v>")
            self.cell = None
        self.close_tag()


class Editor:
    """A saved package and the parts, relationships and edits to add to it."""

    def __init__(self, saved: bytes, source: str) -> None:
        self.archive = zipfile.ZipFile(io.BytesIO(saved))
        self.source = source
        self.added: dict[str, bytes] = {}
        self.new_rels: dict[str, list[tuple[str, str, str]]] = {}
        self.overrides: list[tuple[str, str]] = []
        self.edits: dict[str, Callable[[IO[bytes]], Rewriter]] = {}

    def unique(self, folder: str, stem: str, ext: str) -> str:
        n = 1
        while True:
            name = f"{folder}/{stem}{n}{ext}"
            if name not in self.archive.NameToInfo and name not in self.added:
                return name
            n += 1

    def add_part(self, name: str, data: bytes, content_type: str) -> None:
        self.added[name] = data
        if content_type:
            self.overrides.append((name, content_type))

    def add_rel(self, source: str, rel_type: str, target: str) -> str:
        taken = {r.id for r in pk.relationships(self.archive, source, self.source)}
        taken |= {i for i, _, _ in self.new_rels.get(source, [])}
        n = len(taken) + 1
        while f"rId{n}" in taken:
            n += 1
        rel_id = f"rId{n}"
        self.new_rels.setdefault(source, []).append((rel_id, rel_type, target))
        return rel_id

    def save(self, target: str | IO[bytes]) -> None:
        rels = {pk.rels_part(source): source for source in self.new_rels}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self.archive.infolist():
                name = info.filename
                if name in rels:
                    out.writestr(name, self._rels_xml(rels.pop(name)))
                elif name == "[Content_Types].xml" and self.overrides:
                    self._stream(out, name, lambda fh: AppendBeforeRootEnd(fh, self._overrides_xml()))
                elif name in self.edits:
                    self._stream(out, name, self.edits[name])
                else:
                    with self.archive.open(info) as src, out.open(name, "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
            for name, source in rels.items():
                out.writestr(name, self._rels_xml(source))
            for name, data in self.added.items():
                out.writestr(name, data)

    def _stream(self, out: zipfile.ZipFile, name: str, make: Callable[[IO[bytes]], Rewriter]) -> None:
        with out.open(name, "w") as dst:
            ps.run(self.archive, name, make(dst), self.source)

    def _rels_xml(self, source: str) -> str:
        name = pk.rels_part(source)
        old = []
        if name in self.archive.NameToInfo:
            tag = ps.clark(pk.RELATIONSHIPS, "Relationship")
            old = ps.run(self.archive, name, pk._Collect(tag), self.source).found
        rows = [
            '<Relationship Id="{}" Type="{}" Target="{}"{}/>'.format(
                ps.escape(r.get("Id", "")),
                ps.escape(r.get("Type", "")),
                ps.escape(r.get("Target", "")),
                f' TargetMode="{ps.escape(r["TargetMode"])}"' if "TargetMode" in r else "",
            )
            for r in old
        ]
        folder = posixpath.dirname(source)
        for rel_id, rel_type, target in self.new_rels[source]:
            where = posixpath.relpath(target, folder)
            rows.append(f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{where}"/>')
        return (
            _DECLARATION.decode()
            + f'<Relationships xmlns="{pk.RELATIONSHIPS}">'
            + "".join(rows)
            + "</Relationships>"
        )

    def _overrides_xml(self) -> str:
        ns = pk.CONTENT_TYPES
        return "".join(
            f'<Override xmlns="{ns}" PartName="/{ps.escape(name)}" ContentType="{ps.escape(ct)}"/>'
            for name, ct in self.overrides
        )


def carry_over(
    original: bytes, saved: bytes, carry: pk.Carry, target: str | IO[bytes], source: str = "workbook"
) -> None:
    """Write ``saved`` (openpyxl's save) to ``target`` with what ``carry`` lists copied from
    ``original``; refuses, writing nothing, when a carried part has no place to go."""
    old = zipfile.ZipFile(io.BytesIO(original))
    editor = Editor(saved, source)
    sheets = pk.sheet_parts(editor.archive, source)
    for sheet, part in carry.printer.items():
        if sheet not in sheets:
            continue  # the sheet itself is gone: its printer settings go with it
        name = editor.unique("xl/printerSettings", "printerSettings", ".bin")
        editor.add_part(name, old.read(part), PRINTER_SETTINGS)
        rel_id = editor.add_rel(sheets[sheet], pk.OFFICE + "printerSettings", name)
        editor.edits[sheets[sheet]] = lambda fh, r=rel_id: PageSetupLink(fh, r)
    if carry.chart_parts:
        places = pk.chart_places(editor.archive, source)
        for key, parts in carry.chart_parts.items():
            chart = places.get(key)
            if chart is None:
                raise WorkbookError(
                    f"{source}: the style of a chart on {key[0]} could not be carried over; nothing was "
                    "written; refresh into a new file with -o NEW.xlsx"
                )
            for part, rel_type, content_type in parts:
                stem = "colors" if rel_type.endswith("ColorStyle") else "style"
                name = editor.unique("xl/charts", stem, ".xml")
                editor.add_part(name, old.read(part), content_type)
                editor.add_rel(chart, rel_type, name)
    if carry.workbook_ext:
        workbook = next(
            r.target
            for r in pk.relationships(editor.archive, "", source)
            if r.type == pk.OFFICE + "officeDocument"
        )
        ext = f'<extLst xmlns="{ps.MAIN}">{"".join(carry.workbook_ext)}</extLst>'
        editor.edits[workbook] = lambda fh: AppendBeforeRootEnd(fh, ext)
    editor.save(target)


def with_cached_values(
    saved: bytes, values: dict[str, dict[str, tuple[str | None, str]]], target: str | IO[bytes]
) -> None:
    """Write ``saved`` to ``target`` with formula cells given their cached values:
    ``values[sheet][cell] = (t attribute or None, text of <v>)``."""
    editor = Editor(saved, "shared copy")
    sheets = pk.sheet_parts(editor.archive, "shared copy")
    for sheet, cells in values.items():
        if sheet in sheets and cells:
            editor.edits[sheets[sheet]] = lambda fh, c=cells: CachedValues(fh, c)
    editor.save(target)
