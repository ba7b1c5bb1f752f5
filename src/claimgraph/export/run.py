"""`export_extractions`: write a stream of extractions to one file per table in a folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.errors import ClaimgraphError
from claimgraph.export import plover
from claimgraph.export.tables import TABLES, rows_of
from claimgraph.export.writers import WRITERS, TableWriter
from claimgraph.model import Extraction

FORMATS = ("jsonl", "csv", "parquet", "plover")
PLOVER_FILE = "events.jsonl"


@dataclass
class ExportResult:
    """What an export wrote: rows per table and the file of each table."""

    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


def _prepare(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ClaimgraphError(f"output {out_dir} exists and is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)


def export_extractions(
    extractions: Iterable[Extraction],
    fmt: str,
    out_dir: Path,
    *,
    kinds: frozenset[str] | None = None,
    on_document: Callable[[], None] | None = None,
) -> ExportResult:
    """Write `extractions` to `out_dir` in `fmt`; return the rows written per table and the files.

    Flat formats write documents, claims, quotes, mentions and entities (one file each);
    `plover` writes events.jsonl. `kinds` keeps only claims of those kinds. `on_document` is
    called after each extraction (for progress). Raises ClaimgraphError for an unknown format."""
    if fmt not in FORMATS:
        raise ClaimgraphError(f"unknown export format {fmt!r} (choose {', '.join(FORMATS)})")
    _prepare(out_dir)
    if fmt == "plover":
        return _export_plover(extractions, out_dir, kinds, on_document)
    writer_class, extension = WRITERS[fmt]
    writers: dict[str, TableWriter] = {}
    counts: dict[str, int] = dict.fromkeys(TABLES, 0)
    try:
        for name, columns in TABLES.items():
            writers[name] = writer_class(out_dir / f"{name}{extension}", columns)
        for extraction in extractions:
            for name, rows in rows_of(extraction).items():
                if name == "claims" and kinds is not None:
                    rows = [r for r in rows if r["kind"] in kinds]
                writers[name].write(rows)
                counts[name] += len(rows)
            if on_document:
                on_document()
    finally:
        for writer in writers.values():
            writer.close()
    return ExportResult(counts, {name: w.path for name, w in writers.items()})


def _export_plover(
    extractions: Iterable[Extraction], out_dir: Path, kinds: frozenset[str] | None, on_document: Callable[[], None] | None
) -> ExportResult:
    path = out_dir / PLOVER_FILE
    events = 0
    with path.open("w", encoding="utf-8") as fh:
        for extraction in extractions:
            for record in plover.event_records(extraction):
                if kinds is None or record["claim_kind"] in kinds:
                    fh.write(plover.dumps(record) + "\n")
                    events += 1
            if on_document:
                on_document()
    return ExportResult({"events": events}, {"events": path})
