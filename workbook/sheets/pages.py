"""Page setup of the generated sheets: whole pages, titled, numbered."""

from __future__ import annotations


def page_setup(title: str, *, repeat_rows: str | None = None, landscape: bool = True) -> dict:
    """Keyword arguments of ``Workbook.set_layout`` that print a sheet on whole pages: as
    wide as one page (never a column cut off onto a page of its own), its header rows on
    every page, the title (with the company) in the page header, page numbers below."""
    return {
        "landscape": landscape,
        "fit_width": True,
        "repeat_rows": repeat_rows,
        "header": title.replace("&", "&&"),  # "&" starts a header code in Excel
        "footer": "Page &P of &N",
    }
