"""Reading a store's extractions in batches, so exports of any size run in flat memory.

`Store` answers page-sized queries; an export needs every record of every document. This
module runs SQLAlchemy Core selects on the store's tables, a batch of documents at a time,
and rebuilds each document's Extraction exactly as `Store.get_extraction` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from claimgraph.errors import StoreError
from claimgraph.model import Extraction
from claimgraph.store import backend, rebuild
from claimgraph.store.schema import claim_sources, claims, documents, entities, mentions, quotes

BATCH_DOCUMENTS = 200


@dataclass(frozen=True, kw_only=True)
class DocumentFilter:
    """Which documents an export takes: by language and publication date (inclusive ISO prefixes)."""

    lang: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


def _document_query(where: DocumentFilter) -> Any:
    stmt = select(documents).order_by(documents.c.id)
    if where.lang:
        stmt = stmt.where(documents.c.lang == where.lang)
    if where.since:
        stmt = stmt.where(documents.c.published >= where.since)
    if where.until:
        # "2025-07" as an upper bound includes every day of July 2025.
        stmt = stmt.where(documents.c.published <= where.until + "\uffff")
    if where.limit is not None:
        stmt = stmt.limit(where.limit)
    return stmt


def _children(conn: Connection, ids: list[str]) -> dict[str, dict[str, list[Any]]]:
    """Return every child row of the given documents, grouped by document id and table."""
    grouped: dict[str, dict[str, list[Any]]] = {i: {"mentions": [], "claims": [], "sources": [], "quotes": []} for i in ids}
    mention_stmt = (
        select(mentions, entities.c.name, entities.c.type, entities.c.country, entities.c.kind,
               entities.c.wikidata, entities.c.known)
        .join(entities, entities.c.id == mentions.c.entity_id)
        .where(mentions.c.document_id.in_(ids))
        .order_by(mentions.c.document_id, mentions.c.seq)
    )
    for row in conn.execute(mention_stmt):
        grouped[row.document_id]["mentions"].append(row._mapping)
    for row in conn.execute(select(claims).where(claims.c.document_id.in_(ids)).order_by(claims.c.document_id, claims.c.seq)):
        grouped[row.document_id]["claims"].append(row._mapping)
    source_stmt = (
        select(claim_sources, claims.c.document_id)
        .join(claims, claims.c.id == claim_sources.c.claim_id)
        .where(claims.c.document_id.in_(ids))
        .order_by(claims.c.document_id, claims.c.seq, claim_sources.c.position)
    )
    for row in conn.execute(source_stmt):
        grouped[row.document_id]["sources"].append(row._mapping)
    for row in conn.execute(select(quotes).where(quotes.c.document_id.in_(ids)).order_by(quotes.c.document_id, quotes.c.seq)):
        grouped[row.document_id]["quotes"].append(row._mapping)
    return grouped


def iter_extractions(url: str | None, where: DocumentFilter | None = None, *, batch: int = BATCH_DOCUMENTS) -> Iterator[Extraction]:
    """Yield the stored extractions of the documents `where` selects, in document id order.

    Documents are read in batches of `batch` (a server-side cursor where the backend has one),
    so memory stays flat however large the store. Raises StoreError when the store cannot be read."""
    engine = backend.create(backend.resolve_url(url))
    try:
        with engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch).execute(
                _document_query(where or DocumentFilter())
            )
            # Child rows are read on a second connection: one connection cannot run queries while
            # a server-side cursor on it is still open (PostgreSQL).
            with engine.connect() as child_conn:
                for part in result.partitions(batch):
                    ids = [row.id for row in part]
                    grouped = _children(child_conn, ids)
                    for row in part:
                        rows = grouped[row.id]
                        yield rebuild.extraction(row._mapping, rows["mentions"], rows["claims"], rows["sources"], rows["quotes"])
    except SQLAlchemyError as exc:
        raise StoreError(f"could not read the store for export: {getattr(exc, 'orig', None) or exc}") from exc
    finally:
        engine.dispose()
