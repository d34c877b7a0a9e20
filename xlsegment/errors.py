"""One exception base for input that cannot be used and for environment faults."""

from __future__ import annotations


class XlsegmentError(Exception):
    """A fault the user must fix; the message says what to do next."""


class InputError(XlsegmentError):
    """Input that cannot be read at all: names the file and the line (or sheet and cell)."""

    def __init__(self, file: str, line: int | None, message: str, cell: str | None = None):
        self.file, self.line, self.cell, self.reason = file, line, cell, message
        where = file
        if cell:
            where = f"{file}!{cell}"
        elif line is not None:
            where = f"{file}:{line}"
        super().__init__(f"{where}: {message}")


# What a file that should be an xlsx workbook but is no readable zip package is told
# (check, refresh and share say the same).
NOT_A_WORKBOOK = "not an xlsx workbook (not a zip package); it may be damaged or another file renamed"
