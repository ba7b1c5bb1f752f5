"""Exporting extractions as flat tables (JSON Lines, CSV, Parquet) or PLOVER event records.

`export_extractions(extractions, fmt, out_dir)` streams: each extraction's rows are appended
to the open table files as it comes, so memory does not grow with the store.
`iter_extractions(url, where)` reads a store in batches; `read_parquet_dir` reads back the
Parquet tables that `export --format parquet` or the Spark job wrote.
"""

from __future__ import annotations

from claimgraph.export.parquet_in import read_parquet_dir
from claimgraph.export.run import FORMATS, ExportResult, export_extractions
from claimgraph.export.stream import DocumentFilter, iter_extractions
from claimgraph.export.tables import TABLES, Column, extraction_from_rows, rows_of

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "DocumentFilter",
    "ExportResult",
    "export_extractions",
    "extraction_from_rows",
    "iter_extractions",
    "read_parquet_dir",
    "rows_of",
]
