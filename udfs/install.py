"""``xlsegment addin install`` / ``uninstall``: xlwings' own add-in install, for our file.

The add-in is ``xlsegment.xlam``, shipped inside the package. xlwings copies it into
Excel's XLSTART folder (and on macOS installs its AppleScript helper), so Excel opens it at
every start. Excel add-ins exist on Windows and macOS only; elsewhere this says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from xlsegment.errors import XlsegmentError

ADDIN = "xlsegment.xlam"
UNSUPPORTED = "the Excel add-in needs Excel on Windows or macOS; on this system use "
UNSUPPORTED += "xlsegment fill, refresh and check on workbook files"
NO_XLWINGS = "the Excel add-in needs xlwings: pip install 'xlsegment[excel]'"


def addin_file() -> Path:
    """The packaged add-in (installed next to the workbook layer's template)."""
    import xlsegment.workbook

    path = Path(xlsegment.workbook.__file__).parent / ADDIN
    if not path.exists():
        raise XlsegmentError(f"{path} is missing; reinstall xlsegment")
    return path


def _check_platform(platform: str | None) -> None:
    if not (platform or sys.platform).startswith(("win", "darwin")):
        raise XlsegmentError(UNSUPPORTED)


def _xlwings_cli():
    try:
        import xlwings.cli
    except ImportError:
        raise XlsegmentError(NO_XLWINGS) from None
    return xlwings.cli


def install(platform: str | None = None, run: Callable | None = None) -> Path:
    """Install the add-in for the current user through ``xlwings addin install -f``."""
    _check_platform(platform)
    path = addin_file()
    if run is None:
        run = _xlwings_cli().addin_install
    run(argparse.Namespace(file=str(path), dir=None, glob=False))
    return path


def uninstall(platform: str | None = None, run: Callable | None = None) -> None:
    """Remove the add-in through ``xlwings addin remove -f xlsegment.xlam``."""
    _check_platform(platform)
    if run is None:
        run = _xlwings_cli().addin_remove
    run(argparse.Namespace(file=ADDIN, dir=None, glob=False))
