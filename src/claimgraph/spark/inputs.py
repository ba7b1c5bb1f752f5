"""Turning what Spark reads (whole files, lines, Parquet rows) into Documents with the ingest readers."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlparse

from claimgraph.ingest.decode import decode_bytes
from claimgraph.ingest.failures import IngestError, IngestFailure
from claimgraph.ingest.jsonl import parse_json_line, parse_json_text, record_to_document
from claimgraph.ingest.text import parse_text_file
from claimgraph.model import Document

Item = Document | IngestFailure


def text_file(origin: str, data: bytes) -> Iterator[Item]:
    """Yield the document of one text file (header lines allowed), or its failure."""
    try:
        yield parse_text_file(decode_bytes(data, origin), origin)
    except IngestError as exc:
        yield exc.to_failure(origin)


def json_file(origin: str, data: bytes) -> Iterator[Item]:
    """Yield the documents of one JSON / JSON Lines file read whole."""
    try:
        text = decode_bytes(data, origin)
    except IngestError as exc:
        yield exc.to_failure(origin)
        return
    yield from parse_json_text(text, origin)


def json_line(origin: str, line: str) -> Iterator[Item]:
    """Yield the document of one JSON Lines line, or its failure (blank lines yield nothing)."""
    item = parse_json_line(line, origin)
    if item is not None:
        yield item


def parquet_row(origin: str, row: dict[str, Any]) -> Item:
    """Return the document of one Parquet row with a `text` column (like a JSON Lines object)."""
    try:
        return record_to_document({k: v for k, v in row.items() if v is not None}, origin)
    except IngestError as exc:
        return exc.to_failure(origin)


def _local_path(uri: str) -> str | None:
    parsed = urlparse(uri)
    if parsed.scheme in ("", "file") and os.path.exists(unquote(parsed.path)):
        return unquote(parsed.path)
    return None


def warc_file(origin: str, data: bytes) -> Iterator[Item]:
    """Yield the documents of one WARC archive (HTML response records) with the WARC reader of ingest."""
    from claimgraph.ingest.warc import read_warc

    local = _local_path(origin)
    if local is not None:
        yield from read_warc(local)
        return
    # A remote archive (HDFS, S3) arrives as bytes; the reader streams from a file.
    suffix = ".warc.gz" if origin.endswith(".gz") else ".warc"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        for item in read_warc(handle.name):
            if isinstance(item, IngestFailure):
                yield IngestFailure(item.origin.replace(handle.name, origin), item.reason, item.detail)
            else:
                item.origin = (item.origin or "").replace(handle.name, origin)
                yield item
