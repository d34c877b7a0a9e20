"""The Refresh button's logic, driven with a fake xlwings Book/App (no Excel)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from xlsegment.udfs import functions as f
from xlsegment.udfs import ribbon, session
from xlsegment.udfs.cache import IndexCache
from xlsegment.udfs.sources import WorkbookSource
from xlsegment.workbook.engines.xlwings_engine import XlwingsWorkbook


class FakeApp:
    """Records the xlwings App calls ribbon.main makes: status_bar, alert, calculate, books."""

    def __init__(self, books=()) -> None:
        self.status: list = []
        self.alerts: list[tuple] = []
        self.calculations = 0
        self.books = list(books)

    @property
    def status_bar(self):
        return self.status[-1] if self.status else None

    @status_bar.setter
    def status_bar(self, value) -> None:
        self.status.append(value)

    def alert(self, prompt, title=None, mode=None, **_):
        self.alerts.append((prompt, title, mode))

    def calculate(self) -> None:
        self.calculations += 1


class FakeAddin:
    def __init__(self, components=(), trusted=True) -> None:
        self.name = "xlsegment.xlam"
        self.saved = 0
        self._components = [SimpleNamespace(Name=n) for n in components]
        self._trusted = trusted

    @property
    def api(self):
        if not self._trusted:
            raise RuntimeError("Programmatic access to Visual Basic Project is not trusted")
        return SimpleNamespace(VBProject=SimpleNamespace(VBComponents=self._components))

    def save(self) -> None:
        self.saved += 1


def book(app) -> SimpleNamespace:
    return SimpleNamespace(fullname="C:\\notes\\report.xlsx", app=app)


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.setattr(session, "CACHE", IndexCache())


def test_refresh_reports_checks_and_broken_totals_in_the_status_bar(monkeypatch):
    app = FakeApp()
    seen = []

    def refresh(workbook):
        seen.append(workbook.book)
        return SimpleNamespace(summary={"checks": 42, "errors": 3, "warnings": 1})

    session.CACHE._entries["C:\\notes\\report.xlsx"] = object()  # a stale index
    ribbon.main(book(app), refresh=refresh, register=lambda app: None)
    assert app.status == ["xlsegment: refreshing...", "xlsegment: 42 checks, 3 broken"]
    assert app.calculations == 1 and app.alerts == []
    assert "C:\\notes\\report.xlsx" not in session.CACHE
    assert seen[0].fullname == "C:\\notes\\report.xlsx"


def test_a_failure_is_one_alert_and_the_status_bar_is_released():
    app = FakeApp()

    def refresh(workbook):
        raise ValueError("Settings names no data source")

    ribbon.main(book(app), refresh=refresh, register=lambda app: pytest.fail("no register"))
    assert app.alerts == [("Refresh failed: Settings names no data source", "xlsegment",
                           "critical")]  # fmt: skip
    assert app.status[-1] is False


def test_register_imports_the_udfs_once_and_saves_the_addin():
    addin = FakeAddin(components=["xlwings", "RibbonMyAddin"])
    imported = []
    app = FakeApp(books=[SimpleNamespace(name="report.xlsx"), addin])
    message = ribbon.register_udfs(app, import_udfs=lambda m, wb: imported.append(m))
    assert message is None and imported == ["xlsegment.udfs.functions"] and addin.saved == 1
    present = FakeAddin(components=["xlwings", "xlwings_udfs"])
    assert ribbon.register_udfs(FakeApp([present]), import_udfs=pytest.fail) is None


def test_register_says_what_to_do_when_vba_access_is_not_trusted():
    app = FakeApp(books=[FakeAddin(trusted=False)])
    message = ribbon.register_udfs(app, import_udfs=pytest.fail)
    assert "Trust access to the VBA project object model" in message
    app = FakeApp()
    ribbon.main(book(app), refresh=lambda wb: {"checks": 1, "errors": 0},
                register=lambda app: ribbon.TRUST_MESSAGE)  # fmt: skip
    assert app.alerts == [(ribbon.TRUST_MESSAGE, "xlsegment", "info")]
    assert app.status[-1] == "xlsegment: 1 checks, 0 broken"


def test_register_without_the_addin_open_says_how_to_install():
    message = ribbon.register_udfs(FakeApp(), import_udfs=pytest.fail)
    assert message == "xlsegment.xlam is not open; run: xlsegment addin install"


def test_refresh_end_to_end_through_the_xlwings_engine(seed_path, tmp_path):
    """A filled workbook open in (fake) Excel; Settings names the seed as data source."""
    from xlsegment.workbook.api import fill

    from .test_addin_xlwings_engine import live_workbook

    filled = fill(seed_path, tmp_path / "report.xlsx", rate="7.2993")
    book = live_workbook(filled)
    book.app = FakeApp()
    live = XlwingsWorkbook(book)
    sheet, cell = live.names()["xls_Source"].split("!")
    live.write_block(sheet.strip("'"), cell.replace("$", ""), [[str(seed_path)]])
    book.calls.clear()
    ribbon.main(book, register=lambda app: None)
    assert book.app.alerts == []
    assert book.app.status[-1] == "xlsegment: 86 checks, 0 broken"
    writes = [c for c in book.calls if c[0] in ("set value", "set formula2")]
    cells = sum(_size(address) for _, address in writes)
    assert cells > 2000 and len(writes) < 60  # thousands of cells in a few dozen blocks
    # the UDFs now answer from the rewritten Data table
    session.use(WorkbookSource(live, book.fullname))
    try:
        assert f.SEGPROFIT("Cryptocurrency Mining", 2024) == 57716
    finally:
        session.use(None)


def _size(address: str) -> int:
    from xlsegment.workbook.engines.base import range_bounds

    r1, c1, r2, c2 = range_bounds(address)
    return (r2 - r1 + 1) * (c2 - c1 + 1)
