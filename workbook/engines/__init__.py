"""Workbook engines: one interface, with openpyxl, xlwings, in-memory and LibreOffice behind it."""
