"""xlsegment in xlwings Lite (Excel on Windows, Mac and the web, Python in Pyodide).

``main.py`` is what goes into Lite's editor and ``requirements.txt`` into its requirements
tab; ``xlsegment lite`` writes both out. The functions are the classic add-in's own
(``udfs.functions``); the Refresh script is ``refresh.refresh_book_in_lite``.
"""
