"""Writing extractions: one batch of documents with all their records in the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from claimgraph.model import Extraction
from claimgraph.store import rows
from claimgraph.store.backend import insert_ignore
from claimgraph.store.queries import chunks
from claimgraph.store.schema import claim_sources, claims, documents, entities, mentions, quotes


def now_iso() -> str:
    """Return the current UTC time as an ISO 8601 string with seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def identified(extraction: Extraction) -> Extraction:
    """Return `extraction` whose document has an id (a copy when one had to be computed)."""
    if extraction.document.id:
        return extraction
    return replace(extraction, document=extraction.document.with_identity())


def write_batch(conn: Connection, batch: Sequence[Extraction]) -> set[str]:
    """Insert the documents of `batch` that are not stored yet, with all their records.

    Returns the ids of the documents inserted. Runs inside the caller's transaction; every
    table gets one multi-row statement, so the cost is a handful of round trips per batch.
    """
    dialect = conn.dialect.name
    ready = [identified(e) for e in batch]
    stamp = now_iso()
    # Deciding what is new by the insert itself (ON CONFLICT DO NOTHING … RETURNING) leaves no
    # gap between "is it known?" and "insert it" for a concurrent writer to slip into.
    # Any unique key counts as "already stored": the id, and the URL (a document's identity).
    doc_insert = insert_ignore(dialect, documents).returning(documents.c.id)
    first: dict[str, Extraction] = {}
    for extraction in ready:
        # A document repeated within the batch is written once, for its first occurrence.
        first.setdefault(str(extraction.document.id), extraction)
    if not first:
        return set()
    # Rows go in key order: concurrent writers then take row locks in one global order (documents
    # by id, then entities by key), so two overlapping batches wait for each other, never deadlock.
    doc_rows = [rows.document_row(first[doc_id].document, stamp) for doc_id in sorted(first)]
    new_ids = {row.id for row in conn.execute(doc_insert, doc_rows)}
    fresh = [e for doc_id, e in first.items() if doc_id in new_ids]
    if not fresh:
        return new_ids

    entity_ids = _entity_ids(conn, dialect, fresh)
    mention_rows: list[rows.Row] = []
    claim_rows: list[rows.Row] = []
    source_rows: list[rows.Row] = []
    quote_rows: list[rows.Row] = []
    for extraction in fresh:
        doc_id = str(extraction.document.id)
        mention_rows += rows.mention_rows(doc_id, extraction, entity_ids)
        c_rows, s_rows = rows.claim_rows(doc_id, extraction)
        claim_rows += c_rows
        source_rows += s_rows
        quote_rows += rows.quote_rows(doc_id, extraction)
    # Parents before children, so foreign keys hold at every statement.
    for table, table_rows in (
        (mentions, mention_rows),
        (claims, claim_rows),
        (claim_sources, source_rows),
        (quotes, quote_rows),
    ):
        if table_rows:
            conn.execute(table.insert(), table_rows)
    return new_ids


def _entity_ids(conn: Connection, dialect: str, batch: Sequence[Extraction]) -> dict[str, int]:
    # Upsert then look up: concurrent writers may create the same entity at the same moment,
    # and ON CONFLICT DO NOTHING lets both succeed where check-then-insert would collide.
    by_key: dict[str, rows.Row] = {}
    for extraction in batch:
        for row in rows.entity_rows(extraction):
            by_key.setdefault(row["key"], row)
    if not by_key:
        return {}
    conn.execute(insert_ignore(dialect, entities, ["key"]), [by_key[key] for key in sorted(by_key)])
    ids: dict[str, int] = {}
    for part in chunks(list(by_key)):
        for found in conn.execute(select(entities.c.key, entities.c.id).where(entities.c.key.in_(part))):
            ids[found.key] = found.id
    return ids
