"""What ``xlsegment batch SOURCES...`` names, as filings with their content hash.

A source is a file, a folder (every note file under it, recursively), a glob (``"filings/
**/*.htm"``), a list file (``@list.txt``: one path per line, ``#`` comments), or a folder
of the SEC's Financial Statement Data Sets (one filing per accession number in its
sub.txt). Paths are kept in the order given, each once.

The content hash (SHA-256 of the file's bytes; for a data-set filing, of its accession
number and the folder's files) is what a rerun recognises as done, whatever the path.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from xlsegment import limits
from xlsegment.errors import InputError
from xlsegment.readers import fsds

# The files a folder is searched for: filing text, tidy CSV, HTML and iXBRL, XBRL
# instances, filled workbooks.
NOTE_SUFFIXES = frozenset({".txt", ".csv", ".htm", ".html", ".xhtml", ".xml", ".xbrl", ".xlsx", ".xlsm"})
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Filing:
    """One filing to check: its path as given (``FOLDER#ADSH`` for a data-set filing),
    the hash of its content, and the key of its part: the content checked with these
    options (``--note``, ``--tables``, ``--rate``), so that a rerun with other options
    checks it again."""

    path: str
    sha256: str
    key: str = ""


def expand(sources: list[str]) -> list[str]:
    """Every filing path the sources name, in order, each once; a source that names
    nothing is one line naming it."""
    out: dict[str, None] = {}
    for source in sources:
        found = _expand_one(source)
        if not found:
            raise InputError(source, None, "names no file (not a file, folder, glob or @list)")
        out.update(dict.fromkeys(found))
    return list(out)


def _expand_one(source: str) -> list[str]:
    if source.startswith("@"):
        return _from_list(Path(source[1:]))
    path = Path(os.path.normpath(source))  # "x" and "./x" are one filing
    if fsds.is_fsds_folder(path):
        return [str(path)] if "#" in source else [f"{path}#{adsh}" for adsh in fsds.filings(path)]
    if path.is_dir():
        return _folder(path)
    if glob.has_magic(source):
        # A folder a glob matches is searched as a folder would be.
        return [f for p in sorted(glob.glob(source, recursive=True)) for f in _expand_one(p)]
    if not path.exists():
        # A typo must not pass as a clean run of "refused" rows.
        raise InputError(source, None, "file not found")
    return [str(path)]


def _folder(root: Path) -> list[str]:
    """Every note file under a folder; a data-set folder below it is read as data sets,
    not as the text files it holds."""
    out = []
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        if fsds.is_fsds_folder(here):
            subfolders.clear()
            out.extend(f"{here}#{adsh}" for adsh in fsds.filings(here))
            continue
        subfolders.sort()
        out.extend(str(here / f) for f in sorted(files) if Path(f).suffix.lower() in NOTE_SUFFIXES)
    return out


def _from_list(listing: Path) -> list[str]:
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(str(listing), None, e.strerror or "cannot read the list") from None
    except UnicodeDecodeError:
        raise InputError(str(listing), None, "the list is not UTF-8 text") from None
    base = listing.parent
    out = []
    for line in (raw.strip() for raw in lines):
        if line and not line.startswith("#"):
            out.extend(_expand_one(line if Path(line).is_absolute() else str(base / line)))
    return out


def content_hash(path: str) -> str:
    """SHA-256 of what the path holds, read in chunks. Where it cannot be read as a
    regular file, the hash of its path: the task refuses it in one line, as ``check``
    would, and a rerun tries it again."""
    folder, _, adsh = path.partition("#")
    if adsh and fsds.is_fsds_folder(Path(folder)):
        return hashlib.sha256(adsh.encode() + bytes.fromhex(_folder_digest(folder))).hexdigest()
    # A file larger than any reader reads is refused by the task by its size: never hashed.
    largest = max(limits.NOTE_BYTES, limits.WORKBOOK_BYTES)
    return _file_digest(Path(path), largest) or hashlib.sha256(b"unreadable:" + path.encode()).hexdigest()


@lru_cache(maxsize=16)
def _folder_digest(folder: str) -> str:
    """One data-set folder's files hashed once, however many filings it holds."""
    return hashlib.sha256("".join(_file_digest(Path(folder) / n) for n in fsds.FILES).encode()).hexdigest()


def _file_digest(file: Path, largest: int | None = None) -> str:
    """SHA-256 of a regular file no larger than ``largest`` bytes, read in chunks; "" otherwise."""
    digest = hashlib.sha256()
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            return ""  # a pipe or device would block: never read here
        if largest is not None and info.st_size > largest:
            return ""
        with open(file, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def filings(sources: list[str], options: str = "") -> list[Filing]:
    """The filings the sources name, each with its content hash and its part's key."""
    out = []
    for path in expand(sources):
        sha = content_hash(path)
        out.append(
            Filing(path, sha, hashlib.sha256(f"{sha}|{options}".encode()).hexdigest() if options else sha)
        )
    return out
