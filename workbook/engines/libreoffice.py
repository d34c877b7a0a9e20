"""LibreOffice headless as an independent engine: recalculate workbooks and render them.

openpyxl writes formulas without cached values. LibreOffice recalculates them on load when
its profile sets ``OOXMLRecalcMode`` to 0 (always); a throwaway profile directory keeps
the user's own LibreOffice settings untouched and lets runs proceed side by side.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from xlsegment.workbook.engines.base import WorkbookError

_RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise WorkbookError("LibreOffice is not installed: apt-get install libreoffice-calc-nogui")
    return exe


def convert(paths: Sequence[str | Path], outdir: str | Path, fmt: str = "xlsx") -> list[Path]:
    """Convert ``paths`` in ONE soffice run (start-up dominates the cost) into ``outdir``.

    Formulas are recalculated on load, so the output carries LibreOffice's values."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xls-lo-profile-") as profile:
        user = Path(profile, "user")
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_PROFILE, encoding="utf-8")
        cmd = [
            soffice(),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, paths),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    suffix = "." + fmt.split(":")[0]
    out = [outdir / (Path(p).stem + suffix) for p in paths]
    missing = [str(p) for p in out if not p.exists()]
    if missing:
        raise WorkbookError(f"LibreOffice did not convert {missing}: {proc.stderr.strip()}")
    return out


def recalculated_values(path: str | Path, workdir: str | Path) -> dict[str, dict[str, object]]:
    """Every sheet's cell values after a LibreOffice recalculation: ``{sheet: {A1: value}}``."""
    return read_values(convert([path], workdir)[0])


def read_values(path: str | Path) -> dict[str, dict[str, object]]:
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    return {
        ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
        for ws in book.worksheets
    }


def render_png(
    xlsx: str | Path,
    png: str | Path,
    sheet: str | None = None,
    dpi: int = 110,
    height: float = 1.0,
    top: float = 0.0,
) -> Path:
    """Render the first page of ``sheet`` (default: every sheet's first page is the first
    sheet's) to PNG through PDF: LibreOffice, then poppler's pdftoppm. ``top`` and
    ``height`` (fractions of the page) crop it, for a legible picture of a long sheet."""
    import openpyxl

    png = Path(png)
    with tempfile.TemporaryDirectory(prefix="xls-render-") as tmp:
        source = Path(xlsx)
        if sheet is not None:
            # Recalculate, then keep only the sheet's values and formats in a scratch copy,
            # so the PDF's first page is that sheet whatever else the workbook holds.
            calc = convert([xlsx], Path(tmp, "calc"))[0]
            book = openpyxl.load_workbook(calc, data_only=True)
            for ws in list(book.worksheets):
                if ws.title != sheet:
                    book.remove(ws)
            book.defined_names.clear()
            source = Path(tmp, source.stem + "-render.xlsx")
            book.save(source)
        pdf = convert([source], tmp, fmt="pdf")[0]
        exe = shutil.which("pdftoppm")
        if not exe:
            raise WorkbookError("pdftoppm is not installed: apt-get install poppler-utils")
        stem = Path(tmp, "page")
        crop = []
        if height < 1.0 or top > 0.0:
            width_pt, height_pt = _page_size(pdf)
            y = str(int(height_pt * dpi / 72 * top))
            crop = ["-x", "0", "-y", y, "-W", str(int(width_pt * dpi / 72))]
            crop += ["-H", str(int(height_pt * dpi / 72 * height))]
        subprocess.run(
            [exe, "-png", "-r", str(dpi), "-f", "1", "-l", "1", *crop, str(pdf), str(stem)],
            check=True,
            capture_output=True,
        )
        pages = sorted(Path(tmp).glob("page*.png"))
        if not pages:
            raise WorkbookError(f"pdftoppm produced no page for {xlsx}")
        png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pages[0], png)
    return png


def _page_size(pdf: Path) -> tuple[float, float]:
    """Width and height of the PDF's first page in points (poppler's pdfinfo)."""
    exe = shutil.which("pdfinfo")
    if exe:
        out = subprocess.run([exe, str(pdf)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Page size:"):
                parts = line.split()
                return float(parts[2]), float(parts[4])
    return 842.0, 595.0  # A4 landscape


def add_rule_probes(path: str | Path, sheet: str, probe_col: int) -> dict[str, str]:
    """Copy every conditional-format rule of ``sheet``, shifted to each cell it covers, into
    a probe cell at column ``probe_col`` + (the cell's column - 2), same row; the probes'
    recalculated values then tell which cells Excel would colour. Returns {cell: probe}.

    Excel evaluates each rule on its own, so an error in one must not hide another."""
    from openpyxl.formula.translate import Translator

    from xlsegment.workbook.engines.base import cell_ref, iter_cells, split_cell
    from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook

    wb = OpenpyxlWorkbook.open(path)
    per_cell: dict[str, list[str]] = {}
    for rule in wb.conditional_formats(sheet):
        origin = rule.ref.split(":")[0]
        for cell in iter_cells(rule.ref):
            formula = Translator("=" + rule.formula, origin=origin).translate_formula(cell)
            per_cell.setdefault(cell, []).append(formula[1:])
    ws = wb.book[sheet]
    probes = {}
    for cell, formulas in per_cell.items():
        r, col = split_cell(cell)
        target = cell_ref(r, probe_col + col - 2)
        probes[cell] = target
        ws[target] = "=OR(" + ",".join(f"IFERROR({f},FALSE)" for f in formulas) + ")"
    wb.save(str(path))
    return probes
