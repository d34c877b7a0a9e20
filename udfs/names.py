"""The names of the Excel functions, for code that must know them without importing
xlwings (the shared copy finds their cells by name)."""

NAMES = ("SEGPROFIT", "SEGREVENUE", "SEGVALUE", "SEGTOTAL", "SEGRECON", "SEGTABLE", "SEGFX",
         "SEGRATE", "SEGCHECK", "SEGDATA")  # fmt: skip
