"""Reading flat Parquet tables (from `export --format parquet` or the Spark job) back into Extractions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError
from claimgraph.export.tables import extraction_from_rows
from claimgraph.model import Extraction

CHILD_TABLES = ("claims", "quotes", "mentions")
DOCUMENT_BATCH = 2_000


def _dataset(root: Path, name: str) -> Any:
    """Return the pyarrow dataset of a table: the folder `name/` (Spark) or the file `name.parquet`."""
    import pyarrow.dataset as ds

    for candidate in (root / name, root / f"{name}.parquet"):
        if candidate.exists():
            try:
                return ds.dataset(str(candidate), format="parquet")
            except Exception as exc:  # pyarrow raises several error types for unreadable data
                raise InputError(f"{candidate} is not a Parquet dataset: {exc}") from exc
    raise InputError(f"{root} has no {name}/ dataset nor {name}.parquet (is it an export or spark output folder?)")


def read_parquet_dir(root: Path, *, batch: int = DOCUMENT_BATCH) -> Iterator[Extraction]:
    """Yield the Extraction of every document in the Parquet tables under `root`.

    Documents are read `batch` at a time, and only the child rows of those documents are
    loaded (a filtered scan per table), so memory is bounded by the batch, not the dataset.
    Raises InputError when a table is missing or unreadable."""
    import pyarrow.compute as pc

    documents = _dataset(root, "documents")
    children = {name: _dataset(root, name) for name in CHILD_TABLES}
    for record_batch in documents.to_batches(batch_size=batch):
        doc_rows = record_batch.to_pylist()
        if not doc_rows:
            continue
        ids = [row["id"] for row in doc_rows]
        grouped: dict[str, dict[str, list[dict[str, Any]]]] = {i: {n: [] for n in CHILD_TABLES} for i in ids}
        for name, dataset in children.items():
            table = dataset.to_table(filter=pc.field("document_id").isin(ids))
            for row in table.to_pylist():
                grouped[row["document_id"]][name].append(row)
        for row in doc_rows:
            parts = grouped[row["id"]]
            yield extraction_from_rows(row, parts["claims"], parts["quotes"], parts["mentions"])
