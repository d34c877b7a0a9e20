"""Excel entry points: the functions (``functions``), the ribbon's Refresh (``ribbon``), and
the ``share`` and ``addin`` commands (``cli``).

Outside Excel, ``xlsegment.udfs.session.use(note_or_path)`` points the functions at a note
or a workbook file, so they can be called from Python directly.
"""
