"""An in-memory workbook that records every call: the third engine, for tests.

It keeps cell contents, fills, notes, names, tables and conditional formats in plain dicts
and appends each call to ``actions``. Tests can run the same layout code against it that
runs against openpyxl and xlwings, and assert on what was asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from xlsegment.workbook.engines.base import (
    Cell,
    CellFormat,
    ConditionalRule,
    TableSpec,
    Workbook,
    WorkbookError,
    cell_ref,
    iter_cells,
    range_bounds,
    range_ref,
    split_cell,
)


class MemoryWorkbook(Workbook):
    def __init__(self) -> None:
        self.sheets: dict[str, dict[str, Cell]] = {}
        self.formats: dict[tuple[str, str], CellFormat] = {}
        self.fills: dict[tuple[str, str], str] = {}
        self.styles: dict[tuple[str, str], str] = {}
        self.notes: dict[tuple[str, str], tuple[str, str]] = {}
        self.rules: dict[str, list[ConditionalRule]] = {}
        self.layouts: dict[str, dict] = {}
        self._names: dict[str, str] = {}
        self._tables: dict[str, tuple[str, str]] = {}
        self.actions: list[tuple] = []
        self.saved_to: list[str | None] = []

    def _log(self, *action) -> None:
        self.actions.append(action)

    def _sheet(self, sheet: str) -> dict[str, Cell]:
        if sheet not in self.sheets:
            raise WorkbookError(f"no sheet named {sheet!r}")
        return self.sheets[sheet]

    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def ensure_sheet(self, name: str, index: int | None = None) -> None:
        self._log("ensure_sheet", name, index)
        if name in self.sheets:
            return
        items = list(self.sheets.items())
        items.insert(len(items) if index is None else index, (name, {}))
        self.sheets = dict(items)

    def clear_sheet(self, sheet: str) -> None:
        self._log("clear_sheet", sheet)
        self._sheet(sheet).clear()
        for store in (self.formats, self.fills, self.notes, self.styles):
            for key in [k for k in store if k[0] == sheet]:
                del store[key]
        self.rules.pop(sheet, None)

    def read_block(self, sheet: str, ref: str) -> list[list[Cell]]:
        cells = self._sheet(sheet)
        r1, c1, r2, c2 = range_bounds(ref)
        return [[cells.get(cell_ref(r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    def write_block(self, sheet: str, anchor: str, rows: Sequence[Sequence[Cell]]) -> None:
        self._log("write_block", sheet, anchor, len(rows))
        cells = self._sheet(sheet)
        r0, c0 = split_cell(anchor)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                ref = cell_ref(r0 + i, c0 + j)
                if value is None:
                    cells.pop(ref, None)
                else:
                    cells[ref] = value

    def used_range(self, sheet: str) -> str | None:
        cells = self._sheet(sheet)
        if not cells:
            return None
        coords = [split_cell(c) for c in cells]
        rows = [r for r, _ in coords]
        cols = [c for _, c in coords]
        return range_ref(1, 1, max(rows), max(cols)) if coords else None

    def set_format(self, sheet: str, ref: str, fmt: CellFormat) -> None:
        self._log("set_format", sheet, ref)
        for cell in iter_cells(ref):
            self.formats[(sheet, cell)] = fmt

    def set_style(self, sheet: str, ref: str, style: str) -> None:
        self._log("set_style", sheet, ref, style)
        for cell in iter_cells(ref):
            self.styles[(sheet, cell)] = style

    def set_fills(self, sheet: str, fills: Mapping[str, str | None]) -> None:
        self._log("set_fills", sheet, dict(fills))
        for cell, colour in fills.items():
            if colour is None:
                self.fills.pop((sheet, cell), None)
            else:
                self.fills[(sheet, cell)] = colour

    def read_fills(self, sheet: str, cells: Iterable[str]) -> dict[str, str | None]:
        return {c: self.fills.get((sheet, c)) for c in cells}

    def set_notes(self, sheet: str, notes: Mapping[str, str | None], author: str) -> None:
        self._log("set_notes", sheet, dict(notes))
        for cell, text in notes.items():
            if text is None:
                self.notes.pop((sheet, cell), None)
            else:
                self.notes[(sheet, cell)] = (author, text)

    def read_notes(self, sheet: str) -> dict[str, tuple[str, str]]:
        return {c: v for (s, c), v in self.notes.items() if s == sheet}

    def set_conditional_formats(self, sheet: str, rules: Sequence[ConditionalRule]) -> None:
        self._log("set_conditional_formats", sheet, len(rules))
        self.rules[sheet] = list(rules)

    def conditional_formats(self, sheet: str) -> list[ConditionalRule]:
        return list(self.rules.get(sheet, []))

    def set_layout(self, sheet: str, **layout) -> None:
        self._log("set_layout", sheet, layout)
        self.layouts.setdefault(sheet, {}).update(layout)

    def define_name(self, name: str, refers_to: str) -> None:
        self._log("define_name", name, refers_to)
        self._names[name] = refers_to.lstrip("=")

    def names(self) -> dict[str, str]:
        return dict(self._names)

    def put_table(self, spec: TableSpec) -> str:
        self._log("put_table", spec.name, len(spec.rows))
        self.ensure_sheet(spec.sheet)
        old = self._tables.get(spec.name)
        if old:
            r1, c1, r2, c2 = range_bounds(old[1])
            blank = [[None] * (c2 - c1 + 1) for _ in range(r2 - r1 + 1)]
            self.write_block(old[0], cell_ref(r1, c1), blank)
        r0, c0 = split_cell(spec.anchor)
        self.write_block(spec.sheet, spec.anchor, [list(spec.header), *map(list, spec.rows)])
        ref = range_ref(r0, c0, r0 + max(len(spec.rows), 1), c0 + len(spec.header) - 1)
        self._tables[spec.name] = (spec.sheet, ref)
        return ref

    def read_table(self, name: str) -> tuple[str, list[str], list[list[Cell]]]:
        if name not in self._tables:
            raise WorkbookError(f"the workbook has no Excel table named {name!r}")
        sheet, ref = self._tables[name]
        block = self.read_block(sheet, ref)
        rows = [r for r in block[1:] if any(v is not None for v in r)]
        return sheet, [str(h) for h in block[0]], rows

    def tables(self) -> dict[str, tuple[str, str]]:
        return dict(self._tables)

    def save(self, path: str | None = None) -> None:
        self._log("save", path)
        self.saved_to.append(path)
