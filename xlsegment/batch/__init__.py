"""Many filings checked at once: ``xlsegment batch`` on a Dask cluster.

- :mod:`.sources`: what SOURCES name (files, folders, globs, list files, the SEC's data
  sets), each filing with its content hash;
- :mod:`.task`: one filing through the one pipeline, in a child process that a timeout or
  a memory limit can end, as one row and its findings;
- :mod:`.store`: the output folder: each filing's part written at once, the Parquet or
  CSV tables made from the parts, a rerun's skipping;
- :mod:`.run`: the cluster (local by default, or ``--scheduler``), the progress bar,
  Ctrl-C.

Dask, distributed and pyarrow are the ``[batch]`` extra; nothing here imports them until
a batch runs.
"""
