"""What an openpyxl save of a workbook would lose, decided by reading the package.

openpyxl rewrites the whole package on save and keeps only what it models (see its
documentation: shapes, images without Pillow, charts' extensions, VBA and more are not
read). So before a save over a user's file, the package is read as Excel reads it:

1. ``[Content_Types].xml`` and the relationships, walked from the package root: every part
   is reached through a relationship whose type says what the part is;
2. each relationship type is kept, rebuilt (openpyxl or Excel write it anew and nothing of
   the user's goes: the calculation chain, application statistics), carried over (copied
   across after the save: printer settings, chart styles and colours) or lost;
3. the XML of every kept part is scanned, namespace-aware (partscan.py), against what an
   openpyxl save carries over.

Everything not on these lists is a loss, named with where it is. A refresh into a new file
(openpyxl's save) says what they are. A refresh in place keeps every part it does not
redraw (splice.py), so it refuses only the losses on the sheets it redraws.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from xlsegment import limits
from xlsegment.errors import NOT_A_WORKBOOK, InputError
from xlsegment.readers import peek
from xlsegment.workbook import partscan as ps
from xlsegment.workbook.engines.base import WorkbookError

KEPT, REBUILT, CARRIED, LOST = "kept", "rebuilt", "carried", "lost"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships/"
MS = "http://schemas.microsoft.com/office/"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Relationship types (the part after OFFICE) and how a save treats the part they point at.
_OFFICE_TYPES: dict[str, tuple[str, str]] = {
    "officeDocument": (KEPT, "workbook"),
    "worksheet": (KEPT, "worksheet"),
    "chartsheet": (KEPT, "chartsheet"),
    "styles": (KEPT, "styles"),
    "theme": (KEPT, "theme"),
    "sharedStrings": (KEPT, "strings"),
    "table": (KEPT, "table"),
    "comments": (KEPT, "comments"),
    "drawing": (KEPT, "drawing"),
    "chart": (KEPT, "chart"),
    "externalLink": (KEPT, "external link"),
    "externalLinkPath": (KEPT, "external link path"),
    "hyperlink": (KEPT, "hyperlink"),
    "pivotTable": (KEPT, "pivot table"),
    "pivotCacheDefinition": (KEPT, "pivot cache"),
    "pivotCacheRecords": (KEPT, "pivot cache"),
    "custom-properties": (KEPT, "custom properties"),
    "image": (KEPT, "image"),  # judged by what refers to it, below
    "extended-properties": (REBUILT, "application properties"),
    "calcChain": (REBUILT, "calculation chain (Excel rebuilds it)"),
    "vmlDrawing": (REBUILT, "note boxes (openpyxl draws them anew)"),
    "volatileDependencies": (REBUILT, "volatile dependencies"),
    "printerSettings": (CARRIED, "printer settings"),
    "dialogsheet": (LOST, "dialog sheets"),
    "connections": (LOST, "data connections (external data, Power Query)"),
    "queryTable": (LOST, "query tables"),
    "customXml": (LOST, "customXml parts"),
    "customProperty": (LOST, "sheet custom properties"),
    "control": (LOST, "form and ActiveX controls"),
    "ctrlProp": (LOST, "form and ActiveX controls"),
    "oleObject": (LOST, "embedded objects"),
    "package": (LOST, "embedded objects"),
    "diagramData": (LOST, "SmartArt"),
    "diagramLayout": (LOST, "SmartArt"),
    "diagramQuickStyle": (LOST, "SmartArt"),
    "diagramColors": (LOST, "SmartArt"),
    "chartUserShapes": (LOST, "shapes drawn on charts"),
    "themeOverride": (LOST, "chart colour theme overrides"),
    "revisionHeaders": (LOST, "the shared-workbook revision history"),
    "usernames": (LOST, "the shared-workbook revision history"),
    "sheetMetadata": (LOST, "dynamic-array formula metadata (spills become legacy arrays)"),
    "xmlMaps": (LOST, "XML maps"),
    "tableSingleCells": (LOST, "XML map cells"),
    "powerPivotData": (LOST, "a Power Pivot data model"),
}
_PACKAGE_TYPES: dict[str, tuple[str, str]] = {
    "metadata/core-properties": (KEPT, "document properties"),
    "metadata/thumbnail": (REBUILT, "the preview picture (Excel makes a new one)"),
    "digital-signature/origin": (LOST, "a digital signature"),
}
# Microsoft's own relationship types, by the words that end them.
_MS_TYPES: dict[str, tuple[str, str]] = {
    "vbaProject": (LOST, "VBA macros"),
    "ui/extensibility": (LOST, "a custom ribbon"),
    "slicer": (LOST, "slicers"),
    "slicerCache": (LOST, "slicers"),
    "timeline": (LOST, "timelines"),
    "timelineCache": (LOST, "timelines"),
    "chartStyle": (CARRIED, "chart style"),
    "chartColorStyle": (CARRIED, "chart colours"),
    "webextension": (LOST, "web extensions (Office add-in parts)"),
    "webextensiontaskpanes": (LOST, "web extensions (Office add-in parts)"),
    "threadedComment": (LOST, "threaded comments (they would become plain notes)"),
    "person": (LOST, "threaded comments (they would become plain notes)"),
    "classificationlabels": (LOST, "a sensitivity label"),
    "namedSheetView": (LOST, "sheet views"),
    "FeaturePropertyBag": (LOST, "checkboxes and other cell features (feature property bag)"),
    "sheetMetadata": (LOST, "dynamic-array formula metadata (spills become legacy arrays)"),
}
_BROKEN_BY_ANY_CHANGE = {_PACKAGE_TYPES["digital-signature/origin"][1]}
_RICH_VALUES = ("rdRichValue", "richValue", "rdArray", "richStyles", "rdSupportingProperty")
_RASTER = ("image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff")


def classify(rel_type: str) -> tuple[str, str]:
    """(disposition, what) of a relationship type; an unknown type is a loss."""
    if rel_type.startswith(OFFICE):
        return _OFFICE_TYPES.get(rel_type[len(OFFICE) :], (LOST, ""))
    if rel_type.startswith(PACKAGE):
        return _PACKAGE_TYPES.get(rel_type[len(PACKAGE) :], (LOST, ""))
    if rel_type.startswith(MS):
        tail = rel_type.rsplit("/", 1)[-1]
        if any(tail.startswith(word) for word in _RICH_VALUES):
            return LOST, "pictures and data types in cells (rich values)"
        for words, kind in _MS_TYPES.items():
            if rel_type.endswith("/" + words):
                return kind
    return LOST, ""


@contextlib.contextmanager
def open_package(path: str | Path, data: bytes | None = None) -> Iterator[object]:
    """The package to hand to openpyxl (the path, or the bytes as a file), once it is known to
    be a regular file and a zip whose parts stay within the bounds of limits.package."""
    name = str(path)
    try:
        if data is None:
            if Path(path).is_dir():
                raise WorkbookError(f"{name}: is a folder, not a workbook")
            peek(Path(path))  # a FIFO or a device: refused, never opened (it would block)
            source: object = path
        else:
            source = io.BytesIO(data)
        with zipfile.ZipFile(source) as archive:
            limits.package(archive, name)
    except InputError as exc:
        raise WorkbookError(str(exc)) from None
    except zipfile.BadZipFile:
        raise WorkbookError(f"{name}: {NOT_A_WORKBOOK}") from None
    except (zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise WorkbookError(f"{name}: cannot read as an xlsx workbook ({exc})") from None
    if isinstance(source, io.BytesIO):
        source.seek(0)
    yield source


# ---------------------------------------------------------------- content types and relationships


@dataclass(frozen=True, slots=True)
class Rel:
    id: str
    type: str
    target: str  # a part name, or the external target
    external: bool


def rels_part(part: str) -> str:
    """The relationships part of ``part`` ("" is the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def relationships(archive: zipfile.ZipFile, part: str, source: str) -> list[Rel]:
    name = rels_part(part)
    if name not in archive.NameToInfo:
        return []
    found = ps.run(archive, name, _Collect(clark_of(RELATIONSHIPS, "Relationship")), source).found
    rels = []
    for attrs in found:
        external = attrs.get("TargetMode", "") == "External"
        target = attrs.get("Target", "")
        if not external:
            target = resolve_target(part, target)
        rels.append(Rel(attrs.get("Id", ""), attrs.get("Type", ""), target, external))
    return rels


def resolve_target(source: str, target: str) -> str:
    """A relationship's target as a part name, from the part that holds the relationship."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def content_types(archive: zipfile.ZipFile, source: str) -> Callable[[str], str]:
    """The content type of a part, by its Override or its extension's Default."""
    if "[Content_Types].xml" not in archive.NameToInfo:
        raise WorkbookError(f"{source}: not an xlsx package (no [Content_Types].xml)")
    defaults = ps.run(
        archive, "[Content_Types].xml", _Collect(clark_of(CONTENT_TYPES, "Default")), source
    ).found
    overrides = ps.run(
        archive, "[Content_Types].xml", _Collect(clark_of(CONTENT_TYPES, "Override")), source
    ).found
    by_ext = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in defaults}
    by_part = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "") for o in overrides}

    def of(part: str) -> str:
        return by_part.get(part.lower()) or by_ext.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")

    return of


def clark_of(uri: str, local: str) -> str:
    return ps.clark(uri, local)


class _Collect(ps.Scan):
    """The attributes of every element of one name (relationships, content types)."""

    def __init__(self, name: str) -> None:
        super().__init__("", "")
        self.name, self.found = name, []

    def start(self, el: ps.Element) -> None:
        if el.name == self.name:
            self.found.append(el.attrs)


# ---------------------------------------------------------------- the inventory


@dataclass
class Carry:
    """What is copied across after openpyxl's save, and where it goes."""

    printer: dict[str, str] = field(default_factory=dict)  # sheet name -> printer settings part
    # (sheet name, anchor kind, position) -> [(part, relationship type, content type)]
    chart_parts: dict[tuple, list[tuple[str, str, str]]] = field(default_factory=dict)
    workbook_ext: list[str] = field(default_factory=list)  # <ext> elements as XML

    def __bool__(self) -> bool:
        return bool(self.printer or self.chart_parts or self.workbook_ext)


@dataclass
class Inventory:
    """What a save by openpyxl would not carry over (losses), and how to save the rest."""

    losses: list[str]
    carry: Carry
    data: bytes = b""
    source: str = "workbook"
    placed: list[tuple[str, str]] = field(default_factory=list)  # (what, where) of each loss

    def in_place_losses(self, redrawn: Iterable[str]) -> list[str]:
        """What a refresh in place would lose though it keeps every part it does not redraw:
        what openpyxl drops on the sheets it redraws (by name), and a digital signature,
        which any change breaks."""
        places = {sheet_place(name) for name in redrawn}
        lost = [(w, p) for w, p in self.placed if p in places or w in _BROKEN_BY_ANY_CHANGE]
        return describe(lost)

    def splicer(self, save: Callable[[object], None], owned: Iterable[str]) -> Callable[[str], None]:
        """``save`` (openpyxl's), keeping of it only the sheets ``owned``: the rest of the
        package is the user's, byte for byte (splice.py)."""
        owned = tuple(owned)

        def write(target: str) -> None:
            from xlsegment.workbook.splice import splice

            saved = io.BytesIO()
            save(saved)
            splice(self.data, saved.getvalue(), owned, target, self.source)

        return write

    def writer(self, save: Callable[[object], None]) -> Callable[[str], None]:
        """``save`` (openpyxl's), then the carried parts copied into the saved package."""
        if not self.carry:
            return save

        def write(target: str) -> None:
            from xlsegment.workbook.carry import carry_over

            saved = io.BytesIO()
            save(saved)
            carry_over(self.data, saved.getvalue(), self.carry, target, self.source)

        return write


def _pillow() -> bool:
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def inventory(data: bytes, path: str | Path, pillow: bool | None = None) -> Inventory:
    """Read the package in ``data`` (the bytes of ``path``) and decide what a save keeps."""
    pillow = _pillow() if pillow is None else pillow
    with open_package(path, data) as source, zipfile.ZipFile(source) as archive:
        walk = _Walk(archive, str(path), pillow)
        walk.run()
    return Inventory(describe(walk.losses), walk.carry, data, str(path), list(walk.losses))


def lossy_parts(path: str | Path, pillow: bool | None = None) -> list[str]:
    """What an openpyxl round-trip of the workbook at ``path`` would drop; empty when safe."""
    with open_package(path) as checked:  # a regular file within bounds: safe to read whole
        try:
            data = Path(checked).read_bytes()
        except OSError as exc:
            raise WorkbookError(f"{path}: cannot read ({exc.strerror})") from None
    return inventory(data, path, pillow).losses


def workbook_part(archive: zipfile.ZipFile, source: str) -> str:
    """The workbook part the package's officeDocument relationship names."""
    workbook = next(
        (r.target for r in relationships(archive, "", source) if r.type == OFFICE + "officeDocument"), None
    )
    if workbook is None:
        raise WorkbookError(f"{source}: the package has no workbook part")
    if workbook not in archive.NameToInfo:  # Excel too refuses a package whose workbook is missing
        raise WorkbookError(f"{source}: the package names its workbook part {workbook}, which is missing")
    return workbook


def sheet_parts(archive: zipfile.ZipFile, source: str) -> dict[str, str]:
    """Sheet name -> its part, as the workbook part lists them."""
    workbook = workbook_part(archive, source)
    by_id = {r.id: r.target for r in relationships(archive, workbook, source)}
    sheets = ps.run(archive, workbook, _Collect(ps.clark(ps.MAIN, "sheet")), source).found
    return {
        s.get("name", ""): by_id[s.get(ps.clark(ps.REL, "id"), "")]
        for s in sheets
        if s.get(ps.clark(ps.REL, "id"), "") in by_id
    }


def sheet_place(name: str) -> str:
    """How a sheet is named in losses and in the keys of carried chart parts."""
    return f"sheet {name!r}"


def chart_places(archive: zipfile.ZipFile, source: str) -> dict[tuple, str]:
    """(sheet, anchor kind, anchor position) -> chart part, for every chart on a sheet."""
    places: dict[tuple, str] = {}
    for name, part in sheet_parts(archive, source).items():
        for rel in relationships(archive, part, source):
            if rel.type != OFFICE + "drawing" or rel.target not in archive.NameToInfo:
                continue
            scan = ps.run(archive, rel.target, ps.DrawingScan(rel.target, "", True), source)
            targets = {r.id: r.target for r in relationships(archive, rel.target, source)}
            for anchor in scan.anchors:
                if anchor.chart_rel in targets:
                    places[(sheet_place(name), anchor.kind, anchor.at)] = targets[anchor.chart_rel]
    return places


def describe(losses: Iterable[tuple[str, str]]) -> list[str]:
    """One entry per kind of loss, with the places it occurs."""
    places: dict[str, list[str]] = {}
    for what, where in losses:
        spots = places.setdefault(what, [])
        if where and where not in spots:
            spots.append(where)
    return [f"{what} ({', '.join(spots)})" if spots else what for what, spots in places.items()]


class _Walk:
    """Follow the relationships from the package root and judge every part reached."""

    def __init__(self, archive: zipfile.ZipFile, source: str, pillow: bool) -> None:
        self.archive, self.source, self.pillow = archive, source, pillow
        self.type_of = content_types(archive, source)
        self.losses: list[tuple[str, str]] = []
        self.carry = Carry()
        self.seen: set[str] = set()
        self.sheet_names: dict[str, str] = {}

    def lose(self, what: str, where: str) -> None:
        if (what, where) not in self.losses:
            self.losses.append((what, where))

    def run(self) -> None:
        for rel in relationships(self.archive, "", self.source):
            self.follow("", rel, "")

    def follow(self, parent: str, rel: Rel, where: str) -> None:
        disposition, what = classify(rel.type)
        if rel.external:
            if disposition == LOST:
                self.lose(what or f"a link of an unknown kind ({rel.type.rsplit('/', 1)[-1]})", where)
            return
        part = rel.target
        if part not in self.archive.NameToInfo:
            return  # a relationship to nothing: Excel and openpyxl both skip it
        if disposition == LOST:
            self.lose(what or f"part {part} ({rel.type.rsplit('/', 1)[-1]})", where or part)
            return
        if disposition == REBUILT or part in self.seen:
            return
        if disposition == CARRIED:
            self.carried(parent, rel, where)
            return
        self.seen.add(part)
        self.kept(part, what, parent, where)

    def kept(self, part: str, kind: str, parent: str, where: str) -> None:
        if kind == "workbook":
            self.workbook(part)
        elif kind in ("worksheet", "chartsheet"):
            self.sheet(part, kind)
        elif kind == "theme" and part != "xl/theme/theme1.xml":
            self.lose("a workbook theme stored under another name", part)
        elif kind == "theme":
            ps.run(self.archive, part, ps.Scan(part, where), self.source)
        elif kind == "image":
            self.image(part, parent, where)
        else:
            self.scan_part(part, kind, where)

    def workbook(self, part: str) -> None:
        scan = ps.run(self.archive, part, ps.WorkbookScan(part, ""), self.source)
        self.losses.extend(scan.losses)
        self.carry.workbook_ext = scan.carried_ext
        rels = relationships(self.archive, part, self.source)
        by_id = {r.id: r.target for r in rels}
        sheets = ps.run(self.archive, part, _Collect(ps.clark(ps.MAIN, "sheet")), self.source).found
        for sheet in sheets:
            target = by_id.get(sheet.get(ps.clark(ps.REL, "id"), ""))
            if target:
                self.sheet_names[target] = sheet.get("name", "")
        for rel in rels:
            self.follow(part, rel, self.sheet_names.get(rel.target, ""))

    def sheet(self, part: str, kind: str) -> None:
        where = sheet_place(self.sheet_names.get(part, part))
        facts = None
        if kind == "worksheet":
            scan = ps.run(self.archive, part, ps.WorksheetScan(part, where), self.source)
            self.losses.extend(scan.losses)
            facts = scan.facts
        for rel in relationships(self.archive, part, self.source):
            if rel.type == OFFICE + "printerSettings":
                self.printer(part, rel, facts, where)
            else:
                self.follow(part, rel, where)

    def printer(self, sheet_part: str, rel: Rel, facts, where: str) -> None:
        if facts is None or facts.printer_rel != rel.id or rel.target not in self.archive.NameToInfo:
            if facts is None:
                self.lose("printer settings of chart sheets", where)
            return
        self.carry.printer[self.sheet_names.get(sheet_part, "")] = rel.target

    def scan_part(self, part: str, kind: str, where: str) -> None:
        scans = {
            "strings": lambda: ps.SharedStringsScan(part, where),
            "comments": lambda: ps.CommentsScan(part, where),
            "styles": lambda: ps.StylesScan(part, where),
            "table": lambda: ps.TableScan(part, where),
            "chart": lambda: ps.ChartScan(part, where),
            "drawing": lambda: ps.DrawingScan(part, where, self.pillow),
        }
        if kind in scans:
            scan = ps.run(self.archive, part, scans[kind](), self.source)
            self.losses.extend(scan.losses)
            if kind == "drawing":
                self.drawing(part, scan, where)
                return
        elif self.type_of(part).endswith("xml"):
            # Parts openpyxl reads without a scan of ours (properties, pivot caches, links):
            # still well-formed and free of DTDs, or refused before openpyxl parses them.
            ps.run(self.archive, part, ps.Scan(part, where), self.source)
        for rel in relationships(self.archive, part, self.source):
            self.follow(part, rel, where)

    def drawing(self, part: str, scan: ps.DrawingScan, where: str) -> None:
        charts = {a.chart_rel: a for a in scan.anchors if a.chart_rel}
        for rel in relationships(self.archive, part, self.source):
            anchor = charts.get(rel.id)
            if anchor is not None and rel.type == OFFICE + "chart":
                self.chart(rel, anchor, where)
            else:
                self.follow(part, rel, where)

    def chart(self, rel: Rel, anchor: ps.Anchor, where: str) -> None:
        if rel.target not in self.archive.NameToInfo or rel.target in self.seen:
            return
        self.seen.add(rel.target)
        scan = ps.run(self.archive, rel.target, ps.ChartScan(rel.target, where), self.source)
        self.losses.extend(scan.losses)
        key = (where, anchor.kind, anchor.at)
        for inner in relationships(self.archive, rel.target, self.source):
            disposition, _ = classify(inner.type)
            if disposition == CARRIED and not inner.external and inner.target in self.archive.NameToInfo:
                self.carry.chart_parts.setdefault(key, []).append(
                    (inner.target, inner.type, self.type_of(inner.target))
                )
            else:
                self.follow(rel.target, inner, where)

    def carried(self, parent: str, rel: Rel, where: str) -> None:
        # Printer settings and chart parts are collected where their owner is read; reached
        # any other way, they have no owner to go with and so are a loss.
        self.lose(f"{classify(rel.type)[1]} of {parent}", where)

    def image(self, part: str, parent: str, where: str) -> None:
        owner = self.type_of(parent)
        if owner.endswith("drawing+xml"):
            if self.type_of(part) not in _RASTER:
                self.lose("pictures in formats openpyxl cannot save (EMF, WMF)", where)
            elif not self.pillow:
                self.lose("images (install Pillow to keep them)", where)
        elif owner.endswith("worksheet+xml"):
            self.lose("the sheet background picture", where)
        elif "vml" in owner.lower() or parent.endswith(".vml"):
            self.lose("pictures in page headers or footers", where)
        else:
            self.lose(f"pictures in {posixpath.basename(parent)}", where)
