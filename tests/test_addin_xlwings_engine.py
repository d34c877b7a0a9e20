"""The xlwings engine against a recording fake of the xlwings calls it makes, and one
behaviour suite run on the memory, openpyxl and xlwings engines alike.

``FakeBook`` and friends implement exactly the xlwings Book/Sheet/Range/Table/Name calls
(and the few ``.api`` COM calls) that ``workbook/xlwings_engine.py`` uses, with Excel's
semantics where they matter: a leading apostrophe makes text, a leading ``=`` makes a
formula, one cell reads as a scalar and one row as a flat list. Every call that would cross
COM is appended to ``book.calls``, so the tests can count round trips.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from xlsegment.workbook.engines.base import (
    ConditionalRule,
    Formula,
    TableSpec,
    iter_cells,
    range_bounds,
)
from xlsegment.workbook.engines.memory_engine import MemoryWorkbook
from xlsegment.workbook.engines.openpyxl_engine import new_workbook
from xlsegment.workbook.engines.xlwings_engine import XlwingsWorkbook


class Sink:
    """Stands in for formatting objects (Font, PageSetup, Borders, Window...): records each
    attribute set as one call, and hands out further sinks for calls and attributes."""

    def __init__(self, calls: list, path: str) -> None:
        object.__setattr__(self, "_calls", calls)
        object.__setattr__(self, "_path", path)

    def __getattr__(self, name):
        return Sink(self._calls, f"{self._path}.{name}")

    def __setattr__(self, name, value) -> None:
        self._calls.append(("set " + name, self._path))

    def __call__(self, *args, **kwargs):
        return Sink(self._calls, f"{self._path}()")


class FakeRange:
    def __init__(self, sheet: FakeSheet, address: str) -> None:
        self.sheet, self.address = sheet, address
        self.calls = sheet.book.calls

    def __setattr__(self, name, value) -> None:
        if name in ("number_format", "column_width", "row_height"):
            self.calls.append((f"set {name}", self.address))
        object.__setattr__(self, name, value)

    def autofit(self) -> None:
        self.calls.append(("autofit", self.address))

    @property
    def font(self):
        return Sink(self.calls, f"font {self.address}")

    def merge(self) -> None:
        self.calls.append(("merge", self.address))

    def _cells(self) -> list[list[str]]:
        if "," in self.address:
            return [[c] for a in self.address.split(",") for c in iter_cells(a)]
        r1, c1, r2, c2 = range_bounds(self.address)
        return [list(iter_cells(f"{_a(r, c1)}:{_a(r, c2)}")) for r in range(r1, r2 + 1)]

    def _shape(self, grid):
        if len(grid) == 1 and len(grid[0]) == 1:
            return grid[0][0]
        if len(grid) == 1:
            return grid[0]
        if all(len(r) == 1 for r in grid):
            return [r[0] for r in grid]
        return grid

    def _set(self, matrix, formulas_allowed: bool) -> None:
        for row, values in zip(self._cells(), matrix, strict=True):
            for cell, v in zip(row, values, strict=True):
                if isinstance(v, str) and v.startswith("'"):
                    self.sheet.cells[cell] = ("v", v[1:])
                elif isinstance(v, str) and v.startswith("="):
                    self.sheet.cells[cell] = ("f", v)
                elif v is None:
                    self.sheet.cells.pop(cell, None)
                else:
                    assert not isinstance(v, Decimal), "Decimal would become a COM Currency"
                    self.sheet.cells[cell] = ("v", v)

    @property
    def value(self):
        self.calls.append(("get value", self.address))
        return self._shape([[self.sheet.cells.get(c, ("v", None))[1] if
                             self.sheet.cells.get(c, ("v", None))[0] == "v" else None
                             for c in row] for row in self._cells()])  # fmt: skip

    @value.setter
    def value(self, matrix) -> None:
        self.calls.append(("set value", self.address))
        self._set(matrix, formulas_allowed=True)

    @property
    def formula2(self):
        self.calls.append(("get formula2", self.address))
        return self._shape([[self.sheet.cells.get(c, ("v", ""))[1] for c in row]
                            for row in self._cells()])  # fmt: skip

    @formula2.setter
    def formula2(self, matrix) -> None:
        self.calls.append(("set formula2", self.address))
        self._set(matrix, formulas_allowed=True)

    @property
    def color(self):
        self.calls.append(("get color", self.address))
        colour = self.sheet.fills.get(self.address)
        return None if colour is None else tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    @color.setter
    def color(self, value) -> None:
        self.calls.append(("set color", self.address))
        for row in self._cells():
            for cell in row:
                if value is None:
                    self.sheet.fills.pop(cell, None)
                else:
                    self.sheet.fills[cell] = value

    @property
    def note(self):
        self.calls.append(("get note", self.address))
        if self.address not in self.sheet.notes:
            return None
        return SimpleNamespace(delete=lambda: self.sheet.notes.pop(self.address))

    @property
    def api(self):
        sheet, address = self.sheet, self.address

        def add_comment(text):
            self.calls.append(("AddComment", address))
            sheet.notes[address] = text

        def add_condition(Type, Formula1):  # noqa: N803 - COM's own argument names
            self.calls.append(("FormatConditions.Add", address))
            condition = SimpleNamespace(
                Type=Type, Formula1=Formula1, AppliesTo=SimpleNamespace(Address=_abs(address)),
                Interior=SimpleNamespace(Color=None), Font=SimpleNamespace(Color=None),
                StopIfTrue=True,
            )  # fmt: skip
            sheet.conditions.append(condition)
            return condition

        api = Sink(self.calls, f"api {address}")
        object.__setattr__(api, "AddComment", add_comment)
        object.__setattr__(api, "FormatConditions", SimpleNamespace(Add=add_condition))
        return api


class FakeTable:
    def __init__(self, sheet, name, address) -> None:
        self.sheet, self.name, self._address = sheet, name, address

    @property
    def range(self):
        return SimpleNamespace(address=_abs(self._address))

    def resize(self, rng) -> None:
        self.sheet.book.calls.append(("table resize", rng.address))
        self._address = rng.address


class FakeSheet:
    def __init__(self, book, name) -> None:
        self.book, self.name = book, name
        self.cells: dict[str, tuple[str, object]] = {}
        self.fills: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.conditions: list = []
        self.tables = FakeTables(self)

    def range(self, address: str) -> FakeRange:
        return FakeRange(self, address)

    @property
    def used_range(self):
        if not self.cells:
            return SimpleNamespace(address="$A$1", value=None)
        coords = [range_bounds(c)[:2] for c in self.cells]
        last = _a(max(r for r, _ in coords), max(c for _, c in coords))
        return SimpleNamespace(address=_abs(f"A1:{last}"), value=1)

    def clear(self) -> None:
        self.book.calls.append(("clear", self.name))
        self.cells.clear(), self.fills.clear(), self.notes.clear(), self.conditions.clear()

    @property
    def api(self):
        sheet = self

        def delete_all():
            sheet.book.calls.append(("FormatConditions.Delete", sheet.name))
            sheet.conditions.clear()

        class Conditions(list):
            Delete = staticmethod(delete_all)

        comments = [
            SimpleNamespace(Text=lambda t=t: t, Parent=SimpleNamespace(Address=_abs(c)))
            for c, t in self.notes.items()
        ]
        api = Sink(self.book.calls, f"api {self.name}")
        object.__setattr__(api, "Comments", comments)
        cells = SimpleNamespace(FormatConditions=Conditions(self.conditions))
        object.__setattr__(api, "Cells", cells)
        return api

    @property
    def freeze_panes(self):
        return Sink(self.book.calls, f"freeze_panes {self.name}")

    @property
    def page_setup(self):
        return Sink(self.book.calls, f"page_setup {self.name}")


class FakeTables(list):
    def __init__(self, sheet) -> None:
        super().__init__()
        self.sheet = sheet

    def add(self, source, name, table_style_name) -> FakeTable:
        self.sheet.book.calls.append(("tables.add", name))
        table = FakeTable(self.sheet, name, source.address)
        self.append(table)
        return table


class FakeSheets(list):
    def __init__(self, book) -> None:
        super().__init__()
        self.book = book

    def add(self, name, before=None, after=None):
        self.book.calls.append(("sheets.add", name))
        sheet = FakeSheet(self.book, name)
        names = [s.name for s in self]
        self.insert(names.index(before) if before else len(self), sheet)
        return sheet


class FakeNames(list):
    def __init__(self, book) -> None:
        super().__init__()
        self.book = book

    def add(self, name, refers_to):
        self.book.calls.append(("names.add", name))
        self[:] = [n for n in self if n.name != name]
        self.append(SimpleNamespace(name=name, refers_to=refers_to))


class FakeBook:
    """The xlwings Book calls the engine makes: sheets, names, save, fullname."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.sheets = FakeSheets(self)
        self.names = FakeNames(self)
        self.fullname = "C:\\notes\\report.xlsx"
        self.saved: list = []
        self.api = Sink(self.calls, "book api")

    def save(self, path=None) -> None:
        self.saved.append(path)


def _a(row: int, col: int) -> str:
    from xlsegment.workbook.engines.base import cell_ref

    return cell_ref(row, col)


def _abs(address: str) -> str:
    import re

    return re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", address)


# -- one behaviour suite across engines ----------------------------------------------------
def memory():
    return MemoryWorkbook()


def openpyxl_engine():
    return new_workbook()


def xlwings_engine():
    return XlwingsWorkbook(FakeBook())


ENGINES = [memory, openpyxl_engine, xlwings_engine]


@pytest.fixture(params=ENGINES, ids=lambda f: f.__name__)
def wb(request):
    workbook = request.param()
    workbook.ensure_sheet("Data")
    return workbook


def test_values_and_formulas_round_trip(wb):
    wb.write_block("Data", "B2", [["Revenue", 110739, Decimal("1.5")],
                                  ["=not a formula", Formula("=SUM(C2:C2)"), None]])  # fmt: skip
    block = wb.read_block("Data", "B2:D3")
    assert block[0] == ["Revenue", 110739, 1.5]
    assert block[1][0] == "=not a formula" and not isinstance(block[1][0], Formula)
    assert isinstance(block[1][1], Formula) and block[1][1] == "=SUM(C2:C2)"
    assert block[1][2] is None
    assert wb.read_block("Data", "C2") == [[110739]]
    assert wb.used_range("Data") == "A1:D3"


def test_tables_are_created_resized_and_read(wb):
    header = ("table", "period", "line", "segment", "currency", "value")
    rows = [("T1", "2024", "Revenue", "Corporate", "RMB", 975)] * 3
    assert wb.put_table(TableSpec("Data", "Data", "A1", header, rows)) == "A1:F4"
    assert wb.put_table(TableSpec("Data", "Data", "A1", header, rows[:1])) == "A1:F2"
    sheet, got_header, got_rows = wb.read_table("Data")
    assert (sheet, got_header) == ("Data", list(header))
    assert got_rows == [list(rows[0])]
    assert wb.tables() == {"Data": ("Data", "A1:F2")}


def test_names_fills_notes_and_rules(wb):
    wb.define_name("xls_FxRate", "'Settings'!$B$6")
    assert wb.names()["xls_FxRate"] == "'Settings'!$B$6"
    wb.set_fills("Data", {"B2": "FFEB9C", "C3": "FFEB9C", "D4": None})
    assert wb.read_fills("Data", ["B2", "C3", "D4"]) == {"B2": "FFEB9C", "C3": "FFEB9C",
                                                         "D4": None}  # fmt: skip
    wb.set_notes("Data", {"B2": "reported 111,714, computed 111,715 (+1)"}, "xlsegment")
    assert wb.read_notes("Data") == {"B2": ("xlsegment", "reported 111,714, computed 111,715 (+1)")}
    rule = ConditionalRule("B2:B9", "ABS(B2-C2)>1", fill="F8CBAD", font_color="9C0006")
    wb.set_conditional_formats("Data", [rule])
    wb.set_conditional_formats("Data", [rule])  # replaces, never stacks
    assert wb.conditional_formats("Data") == [rule]


# -- round trips: blocks, not cells --------------------------------------------------------
def test_a_block_write_is_one_call_and_a_read_two():
    book = FakeBook()
    wb = XlwingsWorkbook(book)
    wb.ensure_sheet("Data")
    book.calls.clear()
    rows = [[f"line {i}", i, Formula(f"=C{i}*2")] for i in range(1, 501)]
    wb.write_block("Data", "B1", rows)
    assert book.calls == [("set formula2", "B1:D500")]
    book.calls.clear()
    assert wb.read_block("Data", "B1:D500")[499] == ["line 500", 500, "=C500*2"]
    assert book.calls == [("get value", "B1:D500"), ("get formula2", "B1:D500")]
    book.calls.clear()
    wb.write_block("Data", "F1", [[1, 2], [3, 4]])  # no formula: plain values
    assert book.calls == [("set value", "F1:G2")]


def test_fills_are_grouped_by_colour():
    book = FakeBook()
    wb = XlwingsWorkbook(book)
    wb.ensure_sheet("Checks")
    book.calls.clear()
    wb.set_fills("Checks", {f"B{i}": "FFEB9C" for i in range(1, 201)} | {"C1": None})
    sets = [c for c in book.calls if c[0] == "set color"]
    # 200 cells (about 890 characters of addresses) in 4 areas under 255 characters; 1 clear
    assert len(sets) == 5 and all(len(address) <= 255 for _, address in sets)
    assert sum(len(address.split(",")) for _, address in sets) == 201


def test_dynamic_array_formulas_go_through_formula2():
    book = FakeBook()
    wb = XlwingsWorkbook(book)
    wb.ensure_sheet("Schedules")
    wb.write_block("Schedules", "A1", [[Formula("=SEGRECON(2024)")]])
    assert ("set formula2", "A1:A1") in book.calls
    assert book.sheets[0].cells["A1"] == ("f", "=SEGRECON(2024)")


def test_row_heights_are_set_or_given_back_to_what_the_text_needs():
    book = FakeBook()
    wb = XlwingsWorkbook(book)
    wb.ensure_sheet("Checks")
    book.calls.clear()
    wb.set_layout("Checks", row_heights={4: 42.0, 5: None})
    assert ("set row_height", "4:4") in book.calls and ("autofit", "5:5") in book.calls


def live_workbook(path, fullname: str | None = None) -> FakeBook:
    """A fake live workbook holding what the file at ``path`` holds: every sheet's cells
    (values and formulas), its Excel tables and its defined names."""
    from xlsegment.workbook.engines.openpyxl_engine import OpenpyxlWorkbook

    source = OpenpyxlWorkbook.open(path)
    book = FakeBook()
    book.fullname = fullname or str(path)
    live = XlwingsWorkbook(book)
    for sheet in source.sheet_names():
        live.ensure_sheet(sheet)
        used = source.used_range(sheet)
        if used:
            live.write_block(sheet, "A1", source.read_block(sheet, used))
    for name, (sheet, ref) in source.tables().items():
        fake = book.sheets[source.sheet_names().index(sheet)]
        fake.tables.add(source=FakeRange(fake, ref), name=name, table_style_name="")
    for name, target in source.names().items():
        live.define_name(name, target)
    book.calls.clear()
    return book


# -- the workbook layer's own engine suite, run on the xlwings engine ------------------------
def _engine_suite():
    import inspect

    from . import test_workbook_engine as suite

    return [
        pytest.param(test, id=name)
        for name, test in vars(suite).items()
        if name.startswith("test_") and list(inspect.signature(test).parameters) == ["engine"]
    ]


@pytest.mark.parametrize("suite_test", _engine_suite())
def test_engine_suite_on_xlwings(suite_test):
    wb = XlwingsWorkbook(FakeBook())
    wb.ensure_sheet("S")
    suite_test((wb, lambda: wb))
