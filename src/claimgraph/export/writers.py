"""Table writers: one file per table, rows appended batch by batch (JSON Lines, CSV, Parquet)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Protocol, TextIO

from claimgraph.errors import ClaimgraphError
from claimgraph.export.tables import Column, Row

PARQUET_BATCH_ROWS = 5_000


class TableWriter(Protocol):
    """Appends rows to one table's file; `close()` finishes the file."""

    path: Path

    def write(self, rows: list[Row]) -> None: ...

    def close(self) -> None: ...


class JsonlWriter:
    """One JSON object per line, every column present (null when empty)."""

    def __init__(self, path: Path, columns: tuple[Column, ...]) -> None:
        self.path = path
        self._names = [c.name for c in columns]
        self._fh: TextIO = path.open("w", encoding="utf-8")

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            self._fh.write(json.dumps({n: row.get(n) for n in self._names}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._fh.close()


class CsvWriter:
    """RFC 4180 CSV with a header row; empty cells for nulls, booleans as true/false."""

    def __init__(self, path: Path, columns: tuple[Column, ...]) -> None:
        self.path = path
        self._names = [c.name for c in columns]
        self._fh: TextIO = path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._fh)
        self._csv.writerow(self._names)

    @staticmethod
    def _cell(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    def write(self, rows: list[Row]) -> None:
        self._csv.writerows([self._cell(row.get(n)) for n in self._names] for row in rows)

    def close(self) -> None:
        self._fh.close()


def arrow_schema(columns: tuple[Column, ...]) -> Any:
    """Return the pyarrow schema of a table, each field carrying its meaning as metadata."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([pa.field(c.name, types[c.type], nullable=True, metadata={"doc": c.doc}) for c in columns])


class ParquetWriter:
    """A Parquet file written in row groups of PARQUET_BATCH_ROWS rows (pyarrow)."""

    def __init__(self, path: Path, columns: tuple[Column, ...]) -> None:
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:  # pragma: no cover - pyarrow ships with the spark extra
            raise ClaimgraphError("Parquet needs pyarrow: pip install 'claimgraph[spark]'") from exc
        self.path = path
        self._schema = arrow_schema(columns)
        self._names = [c.name for c in columns]
        self._writer = pq.ParquetWriter(str(path), self._schema, compression="zstd")
        self._pending: list[Row] = []

    def write(self, rows: list[Row]) -> None:
        self._pending.extend(rows)
        if len(self._pending) >= PARQUET_BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._pending:
            data = {n: [row.get(n) for row in self._pending] for n in self._names}
            self._writer.write_table(pa.Table.from_pydict(data, schema=self._schema))
            self._pending = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


WRITERS: dict[str, tuple[type[Any], str]] = {
    "jsonl": (JsonlWriter, ".jsonl"),
    "csv": (CsvWriter, ".csv"),
    "parquet": (ParquetWriter, ".parquet"),
}
"""Writer class and file extension per flat format."""
