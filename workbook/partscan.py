"""Namespace-aware scans of a workbook's XML parts: what in each part an openpyxl save keeps.

Every element is named by its namespace URI and local name, never by the prefix the file
happens to use, so ``<x14:sparklineGroups>``, ``<sparklineGroups xmlns="...x14 uri">`` and
any other spelling of the same element are one thing. Parts are read in chunks as they
inflate (a large sheet is never held whole), and a part that declares a DTD is refused:
OOXML forbids DTDs, and entity expansion is how XML bombs work.

Each scan reports losses as ``(what, where)`` and may collect what is carried over.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from xlsegment.workbook.engines.base import WorkbookError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
X15 = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"
X15AC = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"
XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"
C14 = "http://schemas.microsoft.com/office/drawing/2007/8/2/chart"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_CHUNK = 1 << 20


def clark(uri: str, local: str) -> str:
    """The name as expat reports it with namespace processing: "uri local"."""
    return f"{uri} {local}"


def local_name(name: str) -> str:
    return name.split(" ")[1] if " " in name else name


@dataclass
class Element:
    """One start tag: its namespace-resolved name, its prefix (to write it back) and attributes."""

    name: str  # "uri local", or "local" outside any namespace
    prefix: str | None
    attrs: dict[str, str]
    declared: dict[str, str]  # namespace declarations on this tag: prefix ("" = default) -> uri


class Scan:
    """Base of the part scans: a stack of open elements and the losses found."""

    def __init__(self, part: str, where: str) -> None:
        self.part, self.where = part, where
        self.stack: list[str] = []
        self.losses: list[tuple[str, str]] = []

    def lose(self, what: str) -> None:
        if (what, self.where) not in self.losses:
            self.losses.append((what, self.where))

    def start(self, el: Element) -> None:
        """Called for every start tag, before it is pushed on the stack."""

    def end(self, name: str) -> None:
        """Called for every end tag, after it is popped."""

    def text(self, data: str) -> None:
        """Character data."""

    def fast_subtree(self, el: Element) -> frozenset[str] | None:
        """For a subtree of many small elements (a sheet's cells), the names that may occur
        in it; the subtree is then checked by start tags alone, against these names."""
        return None

    def fast_exit(self, name: str) -> bool:
        """Whether a start tag met in a fast subtree is the next sibling of its root (the
        subtree's end tags are not reported, so the first sibling ends it)."""
        return False

    def unknown(self, name: str) -> None:
        """An element of a fast subtree that is not among its names."""


def run(archive: zipfile.ZipFile, part: str, scan: Scan, source: str) -> Scan:
    """Stream ``part`` through expat into ``scan``; corrupt or hostile parts are refused."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True
    parser.buffer_text = True
    parser.ordered_attributes = True  # a list is cheaper than a dict on millions of cells
    pending: dict[str, str] = {}

    def refuse_dtd(*_args) -> None:
        raise WorkbookError(f"{source}: part {part} declares a DTD, which a workbook never does; refused")

    def declare(prefix, uri) -> None:
        pending[prefix or ""] = uri or ""

    def start(name, attrs) -> None:
        uri_local, prefix = _split(name)
        names = {_split(attrs[i])[0]: attrs[i + 1] for i in range(0, len(attrs), 2)}
        el = Element(uri_local, prefix, names, dict(pending))
        scan.start(el)
        pending.clear()
        scan.stack.append(uri_local)
        allowed = scan.fast_subtree(el)
        if allowed is not None:
            _enter_fast(parser, scan, allowed, start, end)

    def end(name) -> None:
        scan.stack.pop()
        scan.end(_split(name)[0])

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartNamespaceDeclHandler = declare
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = scan.text
    if part not in archive.NameToInfo:  # a relationship to a part the package does not hold
        raise WorkbookError(f"{source}: part {part} is missing; nothing was written")
    try:
        with archive.open(part) as fh:
            while chunk := fh.read(_CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        where = f"line {exc.lineno}, column {exc.offset}"
        raise WorkbookError(
            f"{source}: part {part} is not well-formed XML ({where}); nothing was written"
        ) from None
    except DAMAGED_PART as exc:
        raise WorkbookError(f"{source}: part {part} is corrupt ({exc}); nothing was written") from None
    except LookupError as exc:  # an encoding expat does not know ("UTFw8", a damaged byte)
        raise WorkbookError(f"{source}: part {part} declares an {exc}; nothing was written") from None
    return scan


# What zipfile and zlib raise for a damaged part; RuntimeError: a flag bit that says the
# part is encrypted, which a damaged byte can set.
DAMAGED_PART = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError)


def _enter_fast(parser, scan: Scan, allowed: frozenset[str], start, end) -> None:
    """Check a subtree by its start tags only: a large sheet has millions of elements, and
    one call per element instead of two (and no text) halves the time of the scan."""
    text = parser.CharacterDataHandler

    def fast_start(name, attrs) -> None:
        if name in allowed:
            return
        plain = _split(name)[0]
        if plain in allowed:
            return
        if not scan.fast_exit(plain):
            scan.unknown(plain)
            return
        parser.StartElementHandler, parser.EndElementHandler = start, end
        parser.CharacterDataHandler = text
        root = scan.stack.pop()
        scan.end(root)
        start(name, attrs)

    parser.StartElementHandler, parser.EndElementHandler = fast_start, None
    parser.CharacterDataHandler = None


def _split(name: str) -> tuple[str, str | None]:
    """expat's "uri local prefix" into ("uri local", prefix)."""
    bits = name.split(" ")
    if len(bits) == 3:
        return f"{bits[0]} {bits[1]}", bits[2]
    return name, None


# ---------------------------------------------------------------- workbook.xml


_WORKBOOK_KEPT = {clark(MAIN, n) for n in (
    "workbookPr", "workbookProtection", "bookViews", "sheets", "definedNames", "calcPr",
    "externalReferences", "pivotCaches",
)}  # fmt: skip
# Written anew or of no content: the file format version, recovery flags, the revision id.
_WORKBOOK_REBUILT = {clark(MAIN, "fileVersion"), clark(MAIN, "fileRecoveryPr"), clark(XR, "revisionPtr")}
_WORKBOOK_LOST = {
    "fileSharing": "the read-only recommendation or write password (fileSharing)",
    "customWorkbookViews": "custom views",
    "functionGroups": "function groups",
    "oleSize": "the embedded-object size (oleSize)",
    "smartTagPr": "smart tags",
    "smartTagTypes": "smart tags",
    "webPublishing": "web publishing settings",
    "webPublishObjects": "web publishing items",
}


class WorkbookScan(Scan):
    """workbook.xml: its children against what openpyxl writes back. The extLst (calculation
    features, chart tracking, image DPI) is carried over unless an extension points at a
    part by relationship, which openpyxl renumbers."""

    def __init__(self, part: str, where: str) -> None:
        super().__init__(part, where)
        self.scopes: list[dict[str, str]] = []
        self.carried_ext: list[str] = []  # each <ext> element as XML
        self._capture: Capture | None = None
        self._ext_uri = ""
        self._ext_points = False

    def start(self, el: Element) -> None:
        self.scopes.append({**(self.scopes[-1] if self.scopes else {}), **el.declared})
        depth = len(self.stack)
        if self._capture is not None:
            self._capture.start(el)
            if any(_split_uri(k) == REL for k in el.attrs):
                self._ext_points = True
            return
        if depth == 1:
            self._child(el)
        elif depth == 3 and self.stack[1] == clark(MC, "AlternateContent"):
            # Excel's alternative content here is the folder of the last save (x15ac:absPath).
            if el.name != clark(X15AC, "absPath"):
                self.lose(f"workbook content only newer Excel reads ({local_name(el.name)})")
        elif depth == 2 and self.stack[1] == clark(MAIN, "extLst") and el.name == clark(MAIN, "ext"):
            self._capture = Capture(self.scopes[-1])
            self._capture.start(el)
            self._ext_uri, self._ext_points = el.attrs.get("uri", "?"), False

    def _child(self, el: Element) -> None:
        name = el.name
        if name in _WORKBOOK_KEPT or name in _WORKBOOK_REBUILT or name == clark(MAIN, "extLst"):
            return
        if name == clark(MC, "AlternateContent"):
            return  # checked by its children below
        what = _WORKBOOK_LOST.get(local_name(name)) if name.startswith(MAIN + " ") else None
        self.lose(what or f"workbook element {local_name(name)} ({_uri(name) or 'no namespace'})")

    def end(self, name: str) -> None:
        self.scopes.pop()
        if self._capture is not None:
            self._capture.end(name)
            if len(self.stack) == 2:  # the <ext> closed
                if self._ext_points:
                    self.lose(f"a workbook extension that refers to other parts ({self._ext_uri})")
                else:
                    self.carried_ext.append(self._capture.xml())
                self._capture = None

    def text(self, data: str) -> None:
        if self._capture is not None:
            self._capture.text(data)


def _uri(name: str) -> str:
    return name.split(" ")[0] if " " in name else ""


def _split_uri(attr: str) -> str:
    return attr.split(" ")[0] if " " in attr else ""


class Capture:
    """Write a subtree back out as XML, declaring every namespace in scope at its root."""

    def __init__(self, scope: dict[str, str]) -> None:
        self.scope = scope
        self.out: list[str] = []
        self.names: list[str] = []

    def start(self, el: Element) -> None:
        tag = qname(el)
        attrs = dict(el.declared) if self.names else {**self.scope, **el.declared}
        parts = [f"<{tag}"]
        for prefix, uri in attrs.items():
            parts.append(f' xmlns{":" + prefix if prefix else ""}="{escape(uri)}"')
        for key, value in el.attrs.items():
            parts.append(f' {attr_qname(key, self.scope | el.declared)}="{escape(value)}"')
        self.out.append("".join(parts) + ">")
        self.names.append(tag)

    def end(self, name: str) -> None:
        self.out.append(f"</{self.names.pop()}>")

    def text(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def xml(self) -> str:
        return "".join(self.out)


def qname(el: Element) -> str:
    return f"{el.prefix}:{local_name(el.name)}" if el.prefix else local_name(el.name)


def attr_qname(key: str, scope: dict[str, str]) -> str:
    if " " not in key:
        return key
    uri, local = key.split(" ", 1)
    if uri == XML_NS:
        return f"xml:{local}"
    prefix = next((p for p, u in scope.items() if u == uri and p), None)
    return f"{prefix}:{local}" if prefix else local


def escape(text: str, quote: bool = True) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if quote:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


# ---------------------------------------------------------------- worksheets


_SHEET_KEPT = {clark(MAIN, n) for n in (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetProtection",
    "scenarios", "autoFilter", "mergeCells", "conditionalFormatting", "dataValidations", "hyperlinks",
    "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "drawing",
    "legacyDrawing", "tableParts",
)}  # fmt: skip
# Recalculation flags and phonetic display settings: settings, not content.
_SHEET_REBUILT = {clark(MAIN, "sheetCalcPr"), clark(MAIN, "phoneticPr")}
_SHEET_LOST = {
    "protectedRanges": "protected ranges (ranges users may edit)",
    "sortState": "a saved sort",
    "dataConsolidate": "data consolidation settings",
    "customSheetViews": "custom views",
    "legacyDrawingHF": "pictures in page headers or footers",
    "drawingHF": "pictures in page headers or footers",
    "picture": "the sheet background picture",
    "oleObjects": "embedded objects",
    "controls": "form and ActiveX controls",
    "webPublishItems": "web publishing items",
    "cellWatches": "Watch Window entries",
    "smartTags": "smart tags",
    "customProperties": "sheet custom properties",
    "ignoredErrors": "ignored error markers (Excel would show the green triangles again)",
}
_EXTENSIONS = {
    clark(X14, "sparklineGroups"): "sparklines",
    clark(X14, "conditionalFormattings"): "x14 conditional formats (data bars, icon sets)",
    clark(X14, "dataValidations"): "x14 data validations (lists from other sheets)",
    clark(X14, "slicerList"): "slicers",
    clark(X15, "slicerList"): "slicers",
    clark(X15, "timelineRefs"): "timelines",
    clark(X14, "protectedRanges"): "protected ranges (ranges users may edit)",
    clark(X14, "ignoredErrors"): "ignored error markers (Excel would show the green triangles again)",
    clark(X15, "webExtensions"): "web extensions (Office add-in parts)",
}
_SHEET_CHILDREN = frozenset(_SHEET_KEPT | _SHEET_REBUILT | {clark(MAIN, n) for n in (*_SHEET_LOST, "extLst")})
# What a cell may hold and openpyxl keeps (rich text runs with rich_text=True).
_FONT = ("rFont", "charset", "family", "b", "i", "strike", "outline", "shadow", "condense", "extend",
         "color", "sz", "u", "vertAlign", "scheme")  # fmt: skip
_CELL_KEPT = frozenset(clark(MAIN, n) for n in ("row", "c", "f", "v", "is", "t", "r", "rPr", *_FONT))
_PHONETIC = {clark(MAIN, "rPh"), clark(MAIN, "phoneticPr")}


@dataclass
class SheetFacts:
    """What a worksheet scan found that the carry-over needs."""

    printer_rel: str | None = None  # r:id of <pageSetup>, pointing at printer settings


class WorksheetScan(Scan):
    def __init__(self, part: str, where: str) -> None:
        super().__init__(part, where)
        self.facts = SheetFacts()

    def fast_subtree(self, el: Element) -> frozenset[str] | None:
        return _CELL_KEPT if el.name == clark(MAIN, "sheetData") and len(self.stack) == 2 else None

    def unknown(self, name: str) -> None:
        self.lose(_cell_loss(name))

    def fast_exit(self, name: str) -> bool:
        return name in _SHEET_CHILDREN

    def start(self, el: Element) -> None:
        depth = len(self.stack)
        if depth == 1:
            self._child(el)
        elif depth == 3 and self.stack[1] == clark(MAIN, "extLst"):
            self.lose(
                _EXTENSIONS.get(el.name, f"a worksheet extension ({local_name(el.name)}, {_uri(el.name)})")
            )
        elif depth >= 2 and el.name == clark(MC, "AlternateContent"):
            self.lose("content only newer Excel reads (mc:AlternateContent: controls or embedded objects)")

    def _child(self, el: Element) -> None:
        name = el.name
        if name == clark(MAIN, "pageSetup"):
            self.facts.printer_rel = el.attrs.get(clark(REL, "id"))
        elif name in _SHEET_KEPT or name in _SHEET_REBUILT or name == clark(MAIN, "extLst"):
            return
        elif name == clark(MC, "AlternateContent"):
            self.lose("content only newer Excel reads (mc:AlternateContent: controls or embedded objects)")
        elif name != clark(MAIN, "sheetData"):
            what = _SHEET_LOST.get(local_name(name)) if name.startswith(MAIN + " ") else None
            self.lose(what or f"worksheet element {local_name(name)} ({_uri(name) or 'no namespace'})")


def _cell_loss(name: str) -> str:
    if name in _PHONETIC:
        return "phonetic guides (furigana)"
    return f"cell content openpyxl does not keep ({local_name(name)}, {_uri(name) or 'no namespace'})"


# ---------------------------------------------------------------- shared strings and notes


_STRINGS_KEPT = _CELL_KEPT | {clark(MAIN, "si")}


class SharedStringsScan(Scan):
    """Strings: runs of rich text are kept (read with rich_text=True); phonetic guides are not."""

    def fast_subtree(self, el: Element) -> frozenset[str] | None:
        return _STRINGS_KEPT if not self.stack[:-1] else None

    def unknown(self, name: str) -> None:
        self.lose(_cell_loss(name))


class CommentsScan(Scan):
    """Notes keep their text; openpyxl drops the formatting of runs (a bold author name)."""

    def __init__(self, part: str, where: str) -> None:
        super().__init__(part, where)
        self._formats: set[str] = set()
        self._run_format: list[str] = []

    def start(self, el: Element) -> None:
        name = el.name
        if name == clark(MAIN, "comment"):
            self._formats = set()
        elif name == clark(MAIN, "rPr"):
            self._run_format = []
        elif len(self.stack) >= 2 and self.stack[-1] == clark(MAIN, "rPr"):
            self._run_format.append(f"{local_name(name)}={sorted(el.attrs.items())}")
        elif name in _PHONETIC:
            self.lose("phonetic guides (furigana) in notes")
        elif name == clark(MAIN, "extLst") or (name.startswith(MAIN + " ") is False and " " in name):
            self.lose(f"note content openpyxl does not keep ({local_name(name)})")

    def end(self, name: str) -> None:
        if name == clark(MAIN, "rPr"):
            self._formats.add(";".join(sorted(self._run_format)))
        elif name == clark(MAIN, "comment") and len(self._formats) > 1:
            self.lose("formatting in cell notes (such as a bold author name)")


# ---------------------------------------------------------------- drawings and charts


_GRAPHIC = {
    CHART: None,  # a chart: kept
    "http://schemas.microsoft.com/office/drawing/2014/chartex": "newer chart types (waterfall, treemap, ...)",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "SmartArt",
}
_ANCHORS = {clark(XDR, n) for n in ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")}
_ANCHOR_CONTENT = {
    clark(XDR, "sp"): "shapes and text boxes",
    clark(XDR, "grpSp"): "grouped shapes",
    clark(XDR, "cxnSp"): "connectors (lines and arrows)",
    clark(XDR, "contentPart"): "ink",
}


@dataclass
class Anchor:
    """Where a chart sits in a drawing: how openpyxl's copy of it is found after the save."""

    kind: str
    at: tuple[str, ...] = ()
    chart_rel: str | None = None


class DrawingScan(Scan):
    """A sheet's drawing: charts are kept, pictures with Pillow, everything else is lost."""

    def __init__(self, part: str, where: str, pillow: bool) -> None:
        super().__init__(part, where)
        self.pillow = pillow
        self.anchors: list[Anchor] = []
        self._at: list[str] = []
        self._position = False

    def start(self, el: Element) -> None:
        depth, name = len(self.stack), el.name
        if depth == 1:
            if name in _ANCHORS:
                self.anchors.append(Anchor(local_name(name)))
            elif name == clark(MC, "AlternateContent"):
                self.lose("drawing objects only newer Excel reads (mc:AlternateContent)")
            else:
                self.lose(f"drawing content openpyxl does not keep ({local_name(name)})")
        elif depth == 2 and self.anchors:
            if name in (clark(XDR, "from"), clark(XDR, "pos")):
                self._position = True
            elif name in _ANCHOR_CONTENT:
                self.lose(_ANCHOR_CONTENT[name])
            elif name == clark(XDR, "pic") and not self.pillow:
                self.lose("images (install Pillow to keep them)")
            elif name == clark(MC, "AlternateContent"):
                self.lose("drawing objects only newer Excel reads (mc:AlternateContent)")
        elif name == clark(DRAWINGML, "graphicData"):
            what = _GRAPHIC.get(el.attrs.get("uri", ""), f"a drawing object ({el.attrs.get('uri', '?')})")
            if what:
                self.lose(what)
        elif name == clark(CHART, "chart") and self.anchors:
            self.anchors[-1].chart_rel = el.attrs.get(clark(REL, "id"))
        elif self._position and depth == 3:
            self._at = []
        if self._position and depth == 2 and name == clark(XDR, "pos"):
            self.anchors[-1].at = (el.attrs.get("x", ""), el.attrs.get("y", ""))

    def text(self, data: str) -> None:
        if self._position and len(self.stack) == 4:
            self._at.append(data.strip())

    def end(self, name: str) -> None:
        if self._position and len(self.stack) == 3:
            self.anchors[-1].at += (self._at[-1] if self._at else "",)
        if name in (clark(XDR, "from"), clark(XDR, "pos")):
            self._position = False


# c16's unique ids of series: identifiers only, nothing shown.
_CHART_EXT_HARMLESS = {"{C3380CC4-5D6E-409C-BE32-E72D297353CC}"}


class ChartScan(Scan):
    """A chart: openpyxl models the chart schema; extensions and newer-Excel alternatives are
    not kept, except c16 series ids and the c14 style number (its style part is carried)."""

    def start(self, el: Element) -> None:
        name = el.name
        if name == clark(CHART, "ext") or (
            name.endswith(" ext") and self.stack and self.stack[-1].endswith("extLst")
        ):
            uri = el.attrs.get("uri", "?")
            if uri.upper() not in _CHART_EXT_HARMLESS:
                self.lose(f"chart extensions ({uri})")
        elif name == clark(MC, "Choice"):
            if el.attrs.get("Requires", "") != "c14":
                self.lose(f"chart content only newer Excel reads (requires {el.attrs.get('Requires', '?')})")
        elif self.stack and self.stack[-1] == clark(MC, "Choice") and name != clark(C14, "style"):
            self.lose(f"chart content only newer Excel reads ({local_name(name)})")


# ---------------------------------------------------------------- styles and tables


_STYLE_EXT_DEFAULTS = {clark(X14, "slicerStyles"), clark(X15, "timelineStyles")}


class StylesScan(Scan):
    """Styles are rewritten by openpyxl from its model; of the extensions only the default
    slicer and timeline style names (which every Excel file carries) may go."""

    def start(self, el: Element) -> None:
        depth = len(self.stack)
        if depth < 3 or self.stack[1] != clark(MAIN, "extLst"):
            return
        if depth == 3 and el.name not in _STYLE_EXT_DEFAULTS:
            self.lose(f"style extensions ({local_name(el.name)})")
        elif depth == 4 and self.stack[3] in _STYLE_EXT_DEFAULTS:
            self.lose("custom slicer or timeline styles")


class TableScan(Scan):
    """An Excel table: openpyxl keeps it whole but for its extensions (alt text)."""

    def start(self, el: Element) -> None:
        if len(self.stack) == 2 and self.stack[1] == clark(MAIN, "extLst"):
            self.lose(f"table extensions such as alt text ({el.attrs.get('uri', '?')})")


@dataclass
class Found:
    """Everything the scans of one package found."""

    losses: list[tuple[str, str]] = field(default_factory=list)
