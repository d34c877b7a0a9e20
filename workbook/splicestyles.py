"""The user's styles.xml with the cell formats of xlsegment's redrawn sheets appended.

A refresh in place draws its sheets with openpyxl, whose save numbers every format afresh
(it merges duplicates and renumbers fonts, fills and borders). The user's styles.xml is
kept instead, indices and all, because the user's own sheets point into it: each format
the redrawn sheets use is looked up there by what it is (its number format code, font,
fill, border, alignment and named cell style, not its index) and appended when it is not
there yet. A second refresh therefore finds every format it needs and changes nothing.

Named cell styles are matched by name, so a user who restyled ``xls Number`` in Excel keeps
that style and its look; a style the user deleted comes back as openpyxl wrote it.
"""

from __future__ import annotations

import copy

from lxml import etree

from xlsegment.workbook.engines.base import WorkbookError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
FIRST_CUSTOM_FORMAT = 164  # number format ids below are Excel's built-in formats
# styleSheet's children in the order the schema fixes (ECMA-376 §18.8.39).
_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
          "tableStyles", "colors", "extLst")  # fmt: skip
_LISTS = {"font": "fonts", "fill": "fills", "border": "borders"}
# Attributes of <xf> that point elsewhere (resolved before comparing) or say nothing (the
# defaults openpyxl writes out).
_POINTERS = {"numFmtId", "fontId", "fillId", "borderId", "xfId"}
_DEFAULTS = {("pivotButton", "0"), ("quotePrefix", "0")}


def q(local: str) -> str:
    return f"{{{MAIN}}}{local}"


def parse(data: bytes, part: str, source: str) -> etree._Element:
    """A package part as an lxml tree; no DTDs, no entities, no network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise WorkbookError(
            f"{source}: part {part} is not well-formed XML ({exc}); nothing was written"
        ) from None


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def key(el: etree._Element) -> tuple:
    """What an element says, whatever the order of its children and attributes."""
    attrs = tuple(sorted((k, v) for k, v in el.attrib.items() if (k, v) not in _DEFAULTS))
    text = (el.text or "").strip()
    return (etree.QName(el).localname, attrs, text, tuple(sorted(key(child) for child in el)))


def child(root: etree._Element, local: str, create: bool = False) -> etree._Element | None:
    """The styleSheet's list element ``local``; created in its place when asked."""
    found = root.find(q(local))
    if found is not None or not create:
        return found
    made = etree.Element(q(local))
    later = set(_ORDER[_ORDER.index(local) + 1 :])
    for i, existing in enumerate(root):
        if isinstance(existing.tag, str) and etree.QName(existing).localname in later:
            root.insert(i, made)
            return made
    root.append(made)
    return made


def items(root: etree._Element, local: str) -> list[etree._Element]:
    found = root.find(q(local))
    return [] if found is None else [e for e in found if isinstance(e.tag, str)]


class Sheet:
    """One styles.xml: its lists, and what each entry says."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.formats = {int(n.get("numFmtId", "0")): n.get("formatCode", "") for n in items(root, "numFmts")}
        self.lists = {name: items(root, name) for name in ("fonts", "fills", "borders", "cellStyleXfs",
                                                            "cellXfs", "dxfs")}  # fmt: skip
        # Named styles by the cellStyleXfs entry they describe.
        self.style_names = {int(s.get("xfId", "0")): s for s in items(root, "cellStyles")}

    def format_of(self, xf: etree._Element) -> tuple:
        number = int(xf.get("numFmtId", "0"))
        return ("custom", self.formats[number]) if number in self.formats else ("builtin", number)

    def part_key(self, xf: etree._Element, attr: str, local: str) -> tuple | None:
        entries = self.lists[_LISTS[local]]
        index = int(xf.get(attr, "0"))
        return key(entries[index]) if index < len(entries) else None

    def xf_key(self, xf: etree._Element, parent: str | None) -> tuple:
        """An xf as what it says: its format, font, fill, border, own attributes and
        children, and the name of its cell style."""
        own = tuple(
            sorted((k, v) for k, v in xf.attrib.items() if k not in _POINTERS and (k, v) not in _DEFAULTS)
        )
        return (
            self.format_of(xf),
            self.part_key(xf, "fontId", "font"),
            self.part_key(xf, "fillId", "fill"),
            self.part_key(xf, "borderId", "border"),
            own,
            tuple(sorted(key(c) for c in xf if isinstance(c.tag, str))),
            parent,
        )

    def style_name(self, xf_id: int) -> str | None:
        style = self.style_names.get(xf_id)
        return None if style is None else style.get("name")


class StyleMerge:
    """Map the formats of openpyxl's save (``saved``) into the user's styles.xml (``user``),
    appending what is missing. ``xml()`` is the new part, or None when nothing was added."""

    def __init__(self, user: bytes, saved: bytes, part: str, source: str) -> None:
        self.user = Sheet(parse(user, part, source))
        self.saved = Sheet(parse(saved, part, "openpyxl's save"))
        self.changed = False
        self._xfs: dict[int, int] = {}
        self._dxfs: dict[int, int] = {}
        self._found: dict[str, dict[tuple, int]] = {}

    # -- lookups of what the user's file holds ------------------------------------------
    def _index(self, local: str, key_of) -> dict[tuple, int]:
        if local not in self._found:
            found: dict[tuple, int] = {}
            for i, el in enumerate(self.user.lists[local]):
                found.setdefault(key_of(el, i), i)
            self._found[local] = found
        return self._found[local]

    def _append(self, local: str, el: etree._Element, k: tuple) -> int:
        """Add ``el`` to the user's list ``local``; returns its index."""
        self.changed = True
        holder = child(self.user.root, local, create=True)
        holder.append(el)
        entries = self.user.lists[local]
        entries.append(el)
        holder.set("count", str(len(entries)))
        self._index(local, lambda e, i: key(e))[k] = len(entries) - 1
        return len(entries) - 1

    def _component(self, xf: etree._Element, attr: str, local: str) -> int:
        """The user's index of the font, fill or border that ``xf`` of the save points at."""
        plural = _LISTS[local]
        source = self.saved.lists[plural][int(xf.get(attr, "0"))]
        k = key(source)
        found = self._index(plural, lambda e, i: key(e)).get(k)
        return found if found is not None else self._append(plural, copy.deepcopy(source), k)

    def _number_format(self, xf: etree._Element) -> int:
        number = int(xf.get("numFmtId", "0"))
        code = self.saved.formats.get(number)
        if code is None:
            return number  # a built-in format: the same id everywhere
        for existing, text in self.user.formats.items():
            if text == code:
                return existing
        new = max([FIRST_CUSTOM_FORMAT - 1, *self.user.formats]) + 1
        self.changed = True
        holder = child(self.user.root, "numFmts", create=True)
        etree.SubElement(holder, q("numFmt"), numFmtId=str(new), formatCode=code)
        self.user.formats[new] = code
        holder.set("count", str(len(self.user.formats)))
        return new

    def _remapped(self, xf: etree._Element, parent: int | None) -> etree._Element:
        """A copy of the save's ``xf`` with its pointers into the user's lists."""
        made = copy.deepcopy(xf)
        made.set("numFmtId", str(self._number_format(xf)))
        for attr, local in (("fontId", "font"), ("fillId", "fill"), ("borderId", "border")):
            made.set(attr, str(self._component(xf, attr, local)))
        if parent is not None:
            made.set("xfId", str(parent))
        return made

    # -- named cell styles ---------------------------------------------------------------
    def _named(self, saved_xf_id: int) -> int:
        """The user's cellStyleXfs index of the saved format's named style, by its name."""
        name = self.saved.style_name(saved_xf_id)
        for xf_id, style in self.user.style_names.items():
            if style.get("name") == name:
                return xf_id
        source = self.saved.lists["cellStyleXfs"][saved_xf_id]
        index = self._append("cellStyleXfs", self._remapped(source, None), ("named", name))
        style = copy.deepcopy(self.saved.style_names[saved_xf_id])
        style.set("xfId", str(index))
        holder = child(self.user.root, "cellStyles", create=True)
        holder.append(style)
        holder.set("count", str(len(self.user.style_names) + 1))
        self.user.style_names[index] = style
        return index

    # -- the two maps -----------------------------------------------------------------------
    def xf(self, index: int) -> int:
        """The user's cellXfs index for the save's cellXfs ``index``."""
        found = self._xfs.get(index)
        if found is None:
            found = self._xfs[index] = self._map_xf(index)
        return found

    def _map_xf(self, index: int) -> int:
        saved = self.saved.lists["cellXfs"]
        if index >= len(saved):
            raise WorkbookError(f"openpyxl's save refers to cell format {index}, which it did not write")
        xf = saved[index]
        parent_id = int(xf.get("xfId", "0"))
        name = self.saved.style_name(parent_id)
        k = self.saved.xf_key(xf, name)
        user = self.user

        def user_key(el: etree._Element, _i: int) -> tuple:
            return user.xf_key(el, user.style_name(int(el.get("xfId", "0"))))

        found = self._index("cellXfs", user_key).get(k)
        if found is not None:
            return found
        parent = self._named(parent_id) if name is not None else 0
        return self._append("cellXfs", self._remapped(xf, parent), k)

    def dxf(self, index: int) -> int:
        """The user's dxfs index for the save's differential format ``index``."""
        found = self._dxfs.get(index)
        if found is None:
            source = self.saved.lists["dxfs"][index]
            k = key(source)
            found = self._index("dxfs", lambda e, i: key(e)).get(k)
            if found is None:
                found = self._append("dxfs", copy.deepcopy(source), k)
            self._dxfs[index] = found
        return found

    def xml(self) -> bytes | None:
        return serialise(self.user.root) if self.changed else None
