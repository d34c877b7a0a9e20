"""The mapping between the workbook and the note: the Data table, and ties to Settings."""
