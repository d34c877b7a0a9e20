"""What the readers of filing text laid out as tables share: a text file whose tables a
layout module finds (``has_tables``) and turns into ``<table>`` elements
(``to_elements``) is read by the HTML reader, its lines kept as the figures' sources.
Aligned text (``aligned``) and delimited rows (``delimited``) are two such layouts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


class LaidOutTextReader:
    """A reader of text whose tables ``has_tables`` finds and ``to_elements`` lays out;
    ``skipped`` suffixes are another reader's (a tidy CSV)."""

    name = ""
    skipped: tuple[str, ...] = ()

    def __init__(self, has_tables: Callable[[str], bool], to_elements: Callable[[str], list]) -> None:
        self._has_tables, self._to_elements = has_tables, to_elements

    def can_read(self, source, peek) -> bool:
        from xlsegment.readers import decoding, fixedwidth
        from xlsegment.readers.html import HTML_SUFFIXES

        if peek is None or peek.is_zip or peek.suffix in (*HTML_SUFFIXES, *self.skipped):
            return False
        text = decoding.text_or_none(peek.path)
        return text is not None and not fixedwidth.has_tables(text) and self._has_tables(text)

    def read(self, source, options):
        from xlsegment.readers import decoding, htmldoc
        from xlsegment.readers.html import read_document

        name = str(source)
        text = decoding.text_or_none(Path(source)) or ""
        return read_document(htmldoc.from_text(name, text, self._to_elements(text)), name, options)
