"""A filing's HTML as a sequence of text blocks and tables, and where its segment note is.

The document is parsed with lxml's HTML parser (libxml2): it is fast on multi-MB filings,
tolerant of the broken markup EDGAR documents carry, and the parser Arelle is built on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from xlsegment.errors import InputError
from xlsegment.readers import decoding, fixedwidth
from xlsegment.readers.htmlgrid import grid_rows, is_hidden, visible_text
from xlsegment.settings import SETTINGS

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "center",
        "blockquote",
        "pre",
        "br",
        "hr",
        "body",
        "section",
        "article",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "font",
    }
)  # "font" is inline in HTML, but old EDGAR filings use <font> lines as paragraphs
_SEGMENT_HEADINGS = ("segment information", "segment reporting", "reportable segments", "operating segments")
# The same note under IFRS 8 as filers outside the US head it: the UK's "segmental", and
# the standard's title as its official translations and local GAAPs word it (Brazil's CPC
# 22 "Informações por Segmento", Spain's "Segmentos de operación", Germany's IFRS 8
# "Geschäftssegmente", France's "Secteurs opérationnels", Italy's "Settori operativi",
# China's and Hong Kong's "分部"). Matched at the heading's start, after its numbering.
_SEGMENT_HEADINGS_ABROAD = (
    "segmental ",
    "informações por segmento",
    "informação por segmento",
    "segmentos operacionais",
    "información por segmento",
    "información financiera por segmento",
    "segmentos de operación",
    "segmentos operativos",
    "segmentberichterstattung",
    "geschäftssegmente",
    "information sectorielle",
    "informations sectorielles",
    "secteurs opérationnels",
    "informativa di settore",
    "informativa per settore",
    "settori operativi",
    "分部",
    "經營分部",
    "经营分部",
)
# "Note 5", and "Nota 5" in Spanish, Portuguese and Italian reports
_NUMBERING = re.compile(r"^(?:not[ae]\s+\d+[a-z]?|\d{1,2}[a-z]?)\s*[.:\-—–]*\s*", re.IGNORECASE)
_NOTE_HEADING = re.compile(
    r"^(?:not[ae]\s+\d+[a-z]?\b|\d{1,2}[a-z]?\.\s+\S|item\s+\d+[a-z]?\b)", re.IGNORECASE
)
SEGMENT_AXIS = "us-gaap:StatementBusinessSegmentsAxis"
_TEXT_BLOCK = "SegmentReportingDisclosureTextBlock"
# "Segment and Geographic Area Information", "Business Segment Data", "Segments"
_SEGMENT_VARIANT = re.compile(
    r"^(?:business\s+)?segments?\b(?:.*\b(?:information|reporting|data|results))?\s*(?:\(continued\))?$"
)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of text, or a table (numbered 1, 2, ... in document order)."""

    kind: str  # "text" or "table"
    text: str
    line: int | None
    element: object = field(repr=False, compare=False, default=None)
    number: int = 0  # tables only


@dataclass
class Document:
    path: str
    blocks: list[Block]
    root: object = field(repr=False)
    parse_errors: list[str] = field(default_factory=list)
    truncated: bool = False

    _places: dict[int, int] | None = field(default=None, init=False, repr=False, compare=False)
    _sections: Sections | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]

    def place(self, table: Block) -> int:
        """The index of ``table`` in ``blocks``, by its number: a filing of thousands of
        tables asks for every one, and a search of the list each time was quadratic."""
        if self._places is None:
            self._places = {b.number: i for i, b in enumerate(self.blocks) if b.kind == "table"}
        i = self._places.get(table.number)
        return i if i is not None and self.blocks[i] is table else self.blocks.index(table)

    @property
    def sections(self) -> Sections:
        if self._sections is None:
            self._sections = Sections(self.blocks)
        return self._sections


def parse(path: str | Path) -> Document:
    """Parse an HTML file; raises InputError when it holds no HTML to read."""
    import lxml.etree
    import lxml.html

    p = Path(path)
    data = decoding.read_bytes(p)  # refused by its size before it is read
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(str(p), None, "binary data, not an HTML filing")
    encoding = "utf-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = "windows-1252"  # what EDGAR documents that are not UTF-8 are written in
    parser = lxml.html.HTMLParser(encoding=encoding, remove_comments=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise InputError(str(p), None, f"not readable as HTML ({e})") from None
    body = root.find("body")
    if body is None:
        raise InputError(str(p), None, "no <body>: not an HTML filing")
    errors = [
        f"line {e.line}: {e.message}"
        for e in parser.error_log
        if e.level_name in ("ERROR", "FATAL") and "invalid" not in e.message  # ix:* tags are "invalid"
    ]
    truncated = b"</html" not in data[-4096:].lower()
    if body.find(".//table") is None:
        fixedwidth.expand_pre(body)  # an old filing's fixed-width tables, with their column marks
    return Document(str(p), _blocks(body), root, errors, truncated)


def from_text(path: str, text: str, elements=None) -> Document:
    """A plain-text filing with EDGAR fixed-width table blocks, as a document of
    paragraphs and tables whose elements carry the text's line numbers; ``elements``:
    another layout's paragraphs and tables of the text (readers/aligned.py)."""
    import lxml.html

    root = lxml.html.document_fromstring("<html><body></body></html>")
    body = root.find("body")
    for el in fixedwidth.to_elements(text, 1) if elements is None else elements:
        body.append(el)
    return Document(path, _blocks(body), root)


def _blocks(body) -> list[Block]:
    """Text blocks and tables in document order; tables are not entered."""
    import lxml.etree

    out: list[Block] = []
    buffer: list[str] = []
    line: list[int | None] = [None]

    def flush():
        text = " ".join(" ".join(buffer).split())
        if text:
            out.append(Block("text", text, line[0]))
        buffer.clear()
        line[0] = None

    tables = 0  # counted as met: counting the blocks again made the reader quadratic
    walker = lxml.etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if not tag or is_hidden(el):
                walker.skip_subtree()
                continue
            if tag == "table":
                flush()
                tables += 1
                out.append(Block("table", "", el.sourceline, el, tables))
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                flush()
            if el.text:
                buffer.append(el.text.replace("\u00a0", " "))
                line[0] = line[0] or el.sourceline
        else:
            if tag in _BLOCKS:
                flush()
            if el.tail and el is not body:
                buffer.append(el.tail.replace("\u00a0", " "))
    flush()
    return out


# ---------------------------------------------------------------- the segment note


@dataclass(frozen=True, slots=True)
class Located:
    """The tables of the segment note and how they were found."""

    tables: list[Block]
    how: str
    heading: str = ""


def locate(doc: Document, note: str | None = None, tables: tuple[int, ...] = ()) -> Located:
    """The segment note's tables: those asked for, else the note under a heading."""
    if tables:
        return _numbered(doc, tables)
    if note:
        return _by_note_text(doc, note)
    found = _by_heading(doc) or _by_text_block(doc) or _by_segment_tags(doc) or _fragment(doc)
    if found is None:
        searched = ", ".join(f"'{h.title()}'" for h in _SEGMENT_HEADINGS)
        raise InputError(
            doc.path,
            None,
            f"no segment note found (searched the headings {searched}, the {_TEXT_BLOCK} tag and "
            f"tables tagged on {SEGMENT_AXIS}); give --note TEXT or --tables N,M (--list-tables shows them)",
        )
    return found


def _numbered(doc: Document, numbers: tuple[int, ...]) -> Located:
    all_tables = doc.tables
    picked = []
    for n in numbers:
        if not 1 <= n <= len(all_tables):
            raise InputError(
                doc.path, None, f"no table {n}: the file has {len(all_tables)} tables (1-{len(all_tables)})"
            )
        picked.append(all_tables[n - 1])
    return Located(picked, "tables " + ",".join(str(n) for n in numbers))


def _by_note_text(doc: Document, note: str) -> Located:
    """The note a user names with --note: of the text blocks holding those words, the one
    that reads most like that note's heading. A heading that is the text (numbering
    aside) beats one that starts with it, which beats a mention in a sentence ("see Note
    17, Segment Information"); then a numbered note heading, then the heading with more
    tables of figures under it (a table of contents has none). The others are named."""
    want = note.strip().lower()
    words = _note_words(want)
    hits = [
        i
        for i, b in enumerate(doc.blocks)
        if b.kind == "text" and (want in b.text.lower() or (words and words <= _note_words(b.text)))
    ]
    if not hits:
        raise InputError(
            doc.path, None, f"no text '{note}' found to open the note (--list-tables shows the tables)"
        )

    def score(i: int) -> tuple:
        text = doc.blocks[i].text
        core = _NUMBERING.sub("", text.strip()).strip(" .:—–-").lower()
        tables = doc.sections.count(i)
        fit = 2 if core == want else 1 if core.startswith(want) or _note_words(core) == words else 0
        return (bool(tables), fit, _numbered_heading(text), tables, -i)

    ranked = sorted(hits, key=score, reverse=True)
    best = ranked[0]
    others = [doc.blocks[i].text[:40] for i in ranked[1:4]]
    how = f"under '{doc.blocks[best].text[:60]}'"
    if others:
        how += f"; --note also matched {len(ranked) - 1} other text(s): " + "; ".join(
            f"'{o}'" for o in others
        )
    return Located(doc.sections.tables(best), how, doc.blocks[best].text)


_NOTE_STOP = frozenset({"by", "of", "and", "the", "on", "for", "to", "in", "a", "an", "&"})


def _note_words(text: str) -> frozenset[str]:
    """The words a --note asks for, in any order and number: "Information by segment"
    finds "Segment Information", "Segments" finds "SEGMENT INFORMATION"."""
    return frozenset(w.rstrip("s") for w in re.findall(r"\w+", text.lower()) if w not in _NOTE_STOP)


def _find_heading(doc: Document, match) -> int | None:
    hits = [i for i, b in enumerate(doc.blocks) if b.kind == "text" and match(b.text)]
    short = [i for i in hits if len(doc.blocks[i].text) <= SETTINGS.document_heading_chars]
    return (short or hits or [None])[0]


def is_segment_heading(text: str) -> bool:
    if len(text) > SETTINGS.document_heading_chars:
        return False
    core = _NUMBERING.sub("", text.strip()).strip(" .:—–-").lower()
    return any(core.startswith(h) for h in (*_SEGMENT_HEADINGS, *_SEGMENT_HEADINGS_ABROAD)) or bool(
        _SEGMENT_VARIANT.match(core)
    )


# A word of the segment family in any wording: "Segmented information" (Canada),
# "Segmentation of key figures", "Information by segment and geographic area".
_SEGMENT_ROOT = re.compile(r"\b(?:segment|segmento|sectori|settor)\w*|分部", re.IGNORECASE)


def names_segments(text: str) -> bool:
    """A numbered note heading with a word of the segment family: a candidate for the note
    where no heading names it in the usual words (those win, then more tables). An "Item"
    heading of the 10-K is no note."""
    number = _NUMBERING.match(text.strip())
    return bool(number and number.group(0)) and _numbered_heading(text) and bool(_SEGMENT_ROOT.search(text))


def _numbered_heading(text: str) -> bool:
    return bool(_NOTE_HEADING.match(text.strip())) and len(text) <= SETTINGS.document_heading_chars


class Sections:
    """The tables of the note under each heading: those after it, up to the next note (or
    item) heading, that hold figures.

    A filing may hold thousands of candidate headings, each with a note running to the end;
    walking the blocks from each one was quadratic. Each block is judged once here: where
    the next heading after it stands, and how many tables with figures lie before it."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._stop: dict[int, int] = {}  # block index -> the first heading at or after it
        self._same: dict[tuple[str, int], int] = {}  # (numbering, heading) -> the note's end
        self._figures: dict[int, bool] = {}
        self._base = 0  # self._counts[k] counts tables with figures in blocks[_base:_base + k]
        self._counts: list[int] = [0]

    def _is_heading(self, k: int) -> bool:
        b = self.blocks[k]
        if b.kind == "table":
            return _is_heading_table(b)  # "Item 9." laid out in a table of its own
        return _numbered_heading(b.text) and "continued" not in b.text.lower()

    def _next_heading(self, k: int) -> int:
        walked = []
        while k < len(self.blocks) and k not in self._stop and not self._is_heading(k):
            walked.append(k)
            k += 1
        end = self._stop.setdefault(k, k)
        for w in walked:
            self._stop[w] = end
        return end

    def end(self, start: int) -> int:
        """The index of the heading that ends the note under ``start`` (or the last block's
        successor); the same note's heading repeated on the next page does not end it."""
        own = _NUMBERING.match(self.blocks[start].text.strip())
        numbering = own.group(0).strip().lower() if own else ""
        k = self._next_heading(start + 1)
        walked = []
        while numbering and self._repeats(k, numbering):
            if (numbering, k) in self._same:
                k = self._same[(numbering, k)]
                break
            walked.append(k)
            k = self._next_heading(k + 1)
        for w in walked:
            self._same[(numbering, w)] = k
        return k

    def _repeats(self, k: int, numbering: str) -> bool:
        b = self.blocks[k] if k < len(self.blocks) else None
        return b is not None and b.kind == "text" and b.text.strip().lower().startswith(numbering)

    def _has_figures(self, k: int) -> bool:
        if k not in self._figures:
            b = self.blocks[k]
            self._figures[k] = b.kind == "table" and _has_figures(b)
        return self._figures[k]

    def count(self, start: int) -> int:
        """How many tables of figures the note under ``start`` holds."""
        lo, hi = start + 1, self.end(start)
        if lo < self._base:
            self._base, self._counts = lo, [0]  # headings asked out of order: count afresh
        while self._base + len(self._counts) - 1 < hi:
            k = self._base + len(self._counts) - 1
            self._counts.append(self._counts[-1] + self._has_figures(k))
        return self._counts[hi - self._base] - self._counts[lo - self._base]

    def tables(self, start: int) -> list[Block]:
        """The note's tables of figures under the heading at ``start``."""
        return [self.blocks[k] for k in range(start + 1, self.end(start)) if self._has_figures(k)]


def _is_heading_table(block: Block) -> bool:
    text = visible_text(block.element)
    return len(text) <= 2 * SETTINGS.document_heading_chars and _numbered_heading(
        text[: SETTINGS.document_heading_chars]
    )


def _has_figures(block: Block) -> bool:
    text = visible_text(block.element)
    return sum(ch.isdigit() for ch in text) >= 3


def _by_heading(doc: Document) -> Located | None:
    # A "(Continued)" heading repeats the note's heading on a later page: the note began earlier.
    candidates = [
        i
        for i, b in enumerate(doc.blocks)
        if b.kind == "text"
        and (is_segment_heading(b.text) or names_segments(b.text))
        and "continued" not in b.text.lower()
    ]
    scored = []
    for i in candidates:
        count = doc.sections.count(i)
        if count:
            text = doc.blocks[i].text
            scored.append((_numbered_heading(text), is_segment_heading(text), count, i))
    if not scored:
        return None
    *_, i = max(scored, key=lambda s: s[:3])
    tables = doc.sections.tables(i)
    return Located(tables, f"under the heading '{doc.blocks[i].text[:60]}'", doc.blocks[i].text)


def _by_text_block(doc: Document) -> Located | None:
    for el in doc.root.iter("ix:nonnumeric"):
        if (el.get("name") or "").endswith(_TEXT_BLOCK):
            text = " ".join(visible_text(el).split())[: SETTINGS.document_heading_chars]
            start = _find_heading(doc, lambda t, text=text: t.startswith(text[:40]) or text[:40] in t)
            if start is not None and (tables := doc.sections.tables(start)):
                return Located(tables, f"by the {_TEXT_BLOCK} tag", doc.blocks[start].text)
    return None


def segment_contexts(root) -> set[str]:
    """Ids of the contexts in the inline-XBRL header that carry the segment axis."""
    ids = set()
    for ctx in root.iter("xbrli:context"):
        for member in ctx.iter("xbrldi:explicitmember"):
            if member.get("dimension") == SEGMENT_AXIS:
                ids.add(ctx.get("id"))
    return ids


def _by_segment_tags(doc: Document) -> Located | None:
    contexts = segment_contexts(doc.root)
    if not contexts:
        return None
    tagged = [
        t
        for t in doc.tables
        if any(el.get("contextref") in contexts for el in t.element.iter("ix:nonfraction"))
    ]
    return Located(tagged, f"by the tags on {SEGMENT_AXIS}") if tagged else None


def _fragment(doc: Document) -> Located | None:
    """A file that holds only the note: tables with figures and no note or item headings
    (a whole filing has them, and its segment note is then searched by heading)."""
    if any(
        b.kind == "text" and _numbered_heading(b.text) and "continued" not in b.text.lower()
        for b in doc.blocks
    ):
        return None
    tables = [t for t in doc.tables if _has_figures(t)]
    return Located(tables, "the whole file (a note on its own)") if tables else None


def lead_in(doc: Document, table: Block, limit: int = 3) -> str:
    """The text between the previous table and this one: the sentence that leads into it."""
    i = doc.place(table)
    texts: list[str] = []
    # Walk back by index: a slice of the blocks before each table made the reader
    # quadratic in the number of tables.
    for j in range(i - 1, -1, -1):
        b = doc.blocks[j]
        if b.kind == "table" or len(texts) >= limit:
            break
        texts.append(b.text)
    return " ".join(reversed(texts))


def list_tables(path: str | Path) -> list[str]:
    """One line per table of the file: its number, shape and the text that leads into it."""
    doc = parse(path)
    out = []
    for block in doc.tables:
        rows = [r for r in grid_rows(block.element) if any(c.text for c in r)]
        width = max((sum(1 for c in r if c.text) for r in rows), default=0)
        lead = _last_words(" ".join(lead_in(doc, block, 1).split()), 70)
        out.append(f"{block.number:>4}  {len(rows):>3} rows x {width:>2} cells  {lead}")
    return out


def _last_words(text: str, width: int) -> str:
    """The end of a lead-in, cut at a word: "... the table below is as follows:"."""
    if len(text) <= width:
        return text
    tail = text[-width:]
    return "…" + tail[tail.find(" ") + 1 :] if " " in tail else "…" + tail
