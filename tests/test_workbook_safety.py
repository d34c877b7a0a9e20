"""Refresh must never make a user's workbook poorer, half-written or overwrite a newer one."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from tests.xlsx_parts import Package
from xlsegment.workbook import api
from xlsegment.workbook.api import fill, refresh
from xlsegment.workbook.engines.base import WorkbookError
from xlsegment.workbook.package import lossy_parts
from xlsegment.workbook.safety import owner_files

SEED = Path(__file__).resolve().parents[1] / "xlsegment" / "data" / "sample_note.txt"


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return fill(SEED, tmp_path_factory.mktemp("safety") / "seed.xlsx")


@pytest.fixture
def user_book(filled, tmp_path):
    """The filled seed after a user added a sheet, a chart, notes, a name and validation."""
    path = tmp_path / "user.xlsx"
    book = openpyxl.load_workbook(filled)
    ws = book.create_sheet("My analysis")
    ws["A1"] = "Segment"
    ws["B1"] = "Revenue"
    ws.append(["Cryptocurrency Mining", "='Schedules'!B7"])
    ws.append(["Corporate", "='Schedules'!C7"])
    ws["A1"].comment = Comment("Reviewed by audit", "Auditor")
    dv = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("C2:C3")
    chart = BarChart()
    chart.title = "Revenue by segment"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=3))
    ws.add_chart(chart, "E2")
    book.defined_names["MyRevenue"] = DefinedName("MyRevenue", attr_text="'My analysis'!$B$2:$B$3")
    book.save(path)
    return path


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_refresh_keeps_user_sheets_chart_comments_names_and_validation(user_book):
    before = parts(user_book)
    refresh(user_book)
    after = parts(user_book)
    assert set(after) == set(before)
    user_parts = [
        n
        for n in before
        if n.startswith(("xl/charts/", "xl/drawings/", "xl/comments/")) or n == "xl/worksheets/sheet5.xml"
    ]
    assert any(n.startswith("xl/charts/chart") for n in user_parts)
    assert any(n.startswith("xl/comments/") for n in user_parts)
    for name in user_parts:
        assert after[name] == before[name], name
    sheet = after["xl/worksheets/sheet5.xml"]
    assert b"<dataValidation" in sheet and b"Yes,No" in sheet
    assert b'name="MyRevenue"' in after["xl/workbook.xml"]
    book = openpyxl.load_workbook(user_book)
    assert book.sheetnames[-1] == "My analysis"
    assert book["My analysis"]["A1"].comment.text == "Reviewed by audit"


OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MS = "http://schemas.microsoft.com/office/"
SHAPE = (
    b'<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">'
    b"<xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr/></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>"
)
DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"


def _with_part(
    path: Path, owner: str, rel_type: str, part: str, data: bytes, ctype: str | None = None
) -> None:
    """Add a part as Excel would: with a content type and a relationship from its owner."""
    pkg = Package(path)
    owner = pkg.sheet_part("Schedules") if owner == "sheet" else owner
    pkg.add(part, data, ctype)
    pkg.relate(owner, rel_type, part)
    pkg.save(path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("owner", "rel_type", "part", "data", "loss"),
    [
        ("xl/workbook.xml", OFFICE + "customXml", "customXml/item1.xml", b"<x/>", "customXml parts"),
        ("xl/workbook.xml", MS + "2006/relationships/vbaProject", "xl/vbaProject.bin", b"\0", "VBA macros"),
        ("xl/workbook.xml", OFFICE + "sheetMetadata", "xl/metadata.xml", b"<metadata/>",
         "dynamic-array formula metadata"),
        ("", MS + "2011/relationships/webextensiontaskpanes", "xl/webextensions/taskpanes.xml", b"<we/>",
         "web extensions"),
    ],
)  # fmt: skip
def test_refresh_in_place_keeps_what_openpyxl_cannot(filled, tmp_path, owner, rel_type, part, data, loss):
    path = tmp_path / "rich.xlsx"
    shutil.copyfile(filled, path)
    _with_part(path, owner, rel_type, part, data)
    assert any(loss in found for found in lossy_parts(path))
    refresh(path)
    assert parts(path)[part] == data
    rels = parts(path)[(owner.rsplit("/", 1)[0] + "/_rels/workbook.xml.rels") if owner else "_rels/.rels"]
    assert rel_type.encode() in rels
    # A new file is openpyxl's save: it goes without (and says so on the command line).
    out = tmp_path / "copy.xlsx"
    refresh(path, out=out)
    assert part not in parts(out)


def test_refresh_refuses_to_drop_what_a_redrawn_sheet_holds(filled, tmp_path):
    path = tmp_path / "rich.xlsx"
    shutil.copyfile(filled, path)
    _with_part(path, "sheet", OFFICE + "drawing", "xl/drawings/drawing9.xml", SHAPE, DRAWING)
    assert any("shapes and text boxes" in found for found in lossy_parts(path))
    before = digest(path)
    with pytest.raises(WorkbookError, match="shapes and text boxes .*sheet 'Schedules'.*a sheet of your own"):
        refresh(path)
    assert digest(path) == before
    # Writing a new file is allowed: the original stays as it was.
    out = tmp_path / "copy.xlsx"
    refresh(path, out=out)
    assert out.exists() and digest(path) == before


def test_images_are_a_loss_only_without_pillow(filled, tmp_path):
    path = tmp_path / "pic.xlsx"
    shutil.copyfile(filled, path)
    pic = SHAPE.replace(b"<xdr:sp><xdr:nvSpPr/></xdr:sp>", b"<xdr:pic><xdr:nvPicPr/></xdr:pic>")
    _with_part(path, "sheet", OFFICE + "drawing", "xl/drawings/drawing9.xml", pic, DRAWING)
    _with_part(
        path, "xl/drawings/drawing9.xml", OFFICE + "image", "xl/media/image1.png", b"\x89PNG", "image/png"
    )
    assert lossy_parts(path, pillow=False) == ["images (install Pillow to keep them) (sheet 'Schedules')"]
    assert lossy_parts(path, pillow=True) == []


@pytest.mark.parametrize("owner", ["~${name}", "~${short}", ".~lock.{name}#"])
def test_refresh_refuses_a_workbook_that_is_open(filled, tmp_path, owner):
    path = tmp_path / "budget2024.xlsx"
    shutil.copyfile(filled, path)
    lock = tmp_path / owner.format(name=path.name, short=path.name[2:])
    lock.write_bytes(b"owner")
    assert owner_files(path) == [lock]
    before = digest(path)
    with pytest.raises(WorkbookError, match="is open"):
        refresh(path)
    assert digest(path) == before


def test_refresh_refuses_when_the_file_changed_while_it_worked(filled, tmp_path, monkeypatch):
    path = tmp_path / "shared.xlsx"
    shutil.copyfile(filled, path)
    real = api.render

    def render_while_a_colleague_saves(*args, **kwargs):
        located = real(*args, **kwargs)
        book = openpyxl.load_workbook(path)
        book["Settings"]["B4"] = "Saved by a colleague"
        book.save(path)
        return located

    monkeypatch.setattr(api, "render", render_while_a_colleague_saves)
    with pytest.raises(WorkbookError, match="changed on disk"):
        refresh(path)
    assert openpyxl.load_workbook(path)["Settings"]["B4"].value == "Saved by a colleague"
    assert not list(tmp_path.glob(".~xlsegment-*"))


@pytest.mark.slow
def test_a_refresh_killed_while_saving_leaves_the_original_intact(filled, tmp_path):
    path = tmp_path / "victim.xlsx"
    shutil.copyfile(filled, path)
    before = digest(path)
    started = tmp_path / "saving"
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from xlsegment.workbook.engines import openpyxl_engine
        from xlsegment.workbook.api import refresh

        def slow_save(self, target=None, sheets=None):  # in place, the engine saves into memory first
            (target if hasattr(target, "write") else open(target, "wb")).write(b"PK half a workbook")
            Path({str(started)!r}).touch()
            time.sleep(60)

        openpyxl_engine.OpenpyxlWorkbook.save = slow_save
        refresh({str(path)!r})
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert started.exists(), "refresh never reached its save"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    assert digest(path) == before
    openpyxl.load_workbook(path)  # still a readable workbook
    # A kill cannot be caught: its temp file and lock stay until the next run removes them.
    assert len(list(tmp_path.glob(".~xlsegment-*.xlsx"))) == 1
    assert (tmp_path / ".~xlsegment.victim.xlsx.lock").exists()


def test_the_next_refresh_cleans_up_after_a_killed_one(filled, tmp_path, capsys):
    test_a_refresh_killed_while_saving_leaves_the_original_intact(filled, tmp_path)
    capsys.readouterr()
    refresh(tmp_path / "victim.xlsx")
    assert "took over the lock left by xlsegment process" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saving", "victim.xlsx"]


def test_an_exception_during_save_leaves_no_temp_file(filled, tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    shutil.copyfile(filled, path)
    before = digest(path)
    from xlsegment.workbook.engines import openpyxl_engine

    def failing_save(self, target=None, sheets=None):  # in place, the engine saves into memory first
        if not hasattr(target, "write"):
            target = Path(target).open("wb")  # noqa: SIM115 - left open, as a crash leaves it
        target.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl_engine.OpenpyxlWorkbook, "save", failing_save)
    from xlsegment.workbook.engines.base import WorkbookError

    with pytest.raises(WorkbookError, match="disk full.*unchanged"):
        refresh(path)
    assert digest(path) == before
    assert not list(tmp_path.glob(".~xlsegment-*"))


def test_fill_never_overwrites_a_workbook_with_sheets_of_its_own(user_book, tmp_path):
    before = digest(user_book)
    with pytest.raises(WorkbookError, match="sheets of its own \\(My analysis\\)"):
        fill(SEED, user_book)
    assert digest(user_book) == before
    text = tmp_path / "note.txt"
    text.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(WorkbookError, match="must be an .xlsx"):
        fill(SEED, text)
    assert text.read_text(encoding="utf-8") == "not a workbook"


def test_messages_about_a_workbook_name_it(tmp_path):
    bare = tmp_path / "bare.xlsx"
    openpyxl.Workbook().save(bare)
    with pytest.raises(WorkbookError, match=r"bare\.xlsx: .*no Settings sheet .* fill"):
        refresh(bare)
    with pytest.raises(WorkbookError, match=r"bare\.xlsx: .*no Excel table named 'Data'"):
        fill(bare, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_refresh_to_a_new_file_never_replaces_an_existing_one(filled, tmp_path):
    other = tmp_path / "other.xlsx"
    other.write_bytes(b"someone's file")
    with pytest.raises(WorkbookError, match="exists"):
        refresh(filled, out=other)
    assert other.read_bytes() == b"someone's file"


def test_refresh_will_not_drop_a_number_typed_over_a_schedule_formula(filled, tmp_path):
    path = tmp_path / "typed.xlsx"
    shutil.copyfile(filled, path)
    book = openpyxl.load_workbook(path)
    ws = book["Schedules"]
    target = next(
        cell
        for row in ws.iter_rows(min_row=4, max_col=4)
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=SUMIFS")
    )
    target.value = 12345
    book.save(path)
    before = digest(path)
    with pytest.raises(WorkbookError, match=f"Schedules!{target.coordinate}: a number was typed"):
        refresh(path)
    assert digest(path) == before
