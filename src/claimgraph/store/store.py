"""`Store`: the persistent, queryable record of extractions."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Connection, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from claimgraph.errors import StoreError, UnknownDocument
from claimgraph.model import Extraction
from claimgraph.store import backend, migrate, queries, rebuild, search, sqlite, writer
from claimgraph.store.filters import ClaimQuery
from claimgraph.store.schema import (
    claim_sources,
    claims,
    documents,
    entities,
    ingest_errors,
    mentions,
    quotes,
)

BATCH_SIZE = 200
WRITE_ATTEMPTS = 4
RETRY_PAUSE_S = 0.2
# SQLSTATEs after which PostgreSQL expects the client to run the transaction again.
RETRY_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected

_T = TypeVar("_T")


def _transient(exc: DBAPIError) -> bool:
    """Return True when `exc` aborted a transaction that may simply be run again."""
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in RETRY_SQLSTATES:
        return True
    return isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)


@contextmanager
def _mapped(action: str) -> Iterator[None]:
    """Turn database errors into StoreError (the only error callers need to handle)."""
    try:
        yield
    except (SQLAlchemyError, sqlite3.Error) as exc:
        # The driver's message, not SQLAlchemy's, which repeats the SQL and every bound value.
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(f"could not {action}: {reason}") from exc


class Store:
    """A claim store in a SQL database: a SQLite file or a PostgreSQL database, same interface."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name

    # --- lifecycle -----------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Return a Store on `url` (default $CLAIMGRAPH_DB, else ./claimgraph.db) at the newest schema.

        A new database gets the whole schema and an older one is upgraded (both in one locked
        transaction); a database written by a newer claimgraph raises StoreError.
        """
        engine = backend.create(backend.resolve_url(url))
        try:
            with _mapped(f"open the store at {engine.url!r}"):
                migrate.ensure_current(engine)
        except StoreError:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine of this store (for modules that keep tables of their own)."""
        return self._engine

    def close(self) -> None:
        """Release every database connection; returns None."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """Yield a connection inside a write transaction, committed on success, rolled back on error."""
        with self._engine.connect() as conn:
            conn.execution_options(**{sqlite.WRITE_OPTION: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """Yield a connection in a read transaction, so multi-query reads see one snapshot."""
        with self._engine.connect() as conn, conn.begin():
            yield conn

    # --- writing -------------------------------------------------------------------------------
    def _retrying(self, work: Callable[[Connection], _T]) -> _T:
        """Return work(conn) run in a write transaction, retried whole when the database asks for it.

        PostgreSQL may abort a transaction as a deadlock victim or a serialization failure and
        SQLite may stay locked past busy_timeout; the transaction then left nothing behind, so
        running it again is safe.
        """
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._write() as conn:
                    return work(conn)
            except DBAPIError as exc:
                if attempt + 1 == WRITE_ATTEMPTS or not _transient(exc):
                    raise
                time.sleep(RETRY_PAUSE_S * (attempt + 1))
        raise AssertionError("unreachable")

    def add(self, extraction: Extraction) -> bool:
        """Store one extraction in one transaction; return False (storing nothing) if its document is known."""
        with _mapped("store the extraction"):
            return bool(self._retrying(lambda conn: writer.write_batch(conn, [extraction])))

    def add_many(self, extractions: Iterable[Extraction]) -> tuple[int, int]:
        """Store extractions in transactions of up to 200 documents; return (new, already known).

        A failing batch is rolled back entirely and raises StoreError; earlier batches stay stored.
        """
        new = known = 0
        it = iter(extractions)
        while batch := list(islice(it, BATCH_SIZE)):
            with _mapped("store a batch of extractions"):
                added = len(self._retrying(lambda conn: writer.write_batch(conn, batch)))
            new += added
            known += len(batch) - added
        return new, known

    def record_error(self, origin: str | None, reason: str, detail: str | None = None) -> None:
        """Record that an input could not be ingested; returns None."""
        row = {"origin": origin, "reason": reason, "detail": detail, "created_at": writer.now_iso()}
        with _mapped("record an ingest error"), self._write() as conn:
            conn.execute(ingest_errors.insert(), row)

    # --- reading -------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        """Return True when a document with this id is stored."""
        return bool(self.known_ids([doc_id]))

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Return the subset of `ids` that are stored documents."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with _mapped("look up document ids"), self._read() as conn:
            for part in queries.chunks(wanted):
                found.update(conn.execute(select(documents.c.id).where(documents.c.id.in_(part))).scalars())
        return found

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        """Return the most recent ingest errors, newest first, as dicts."""
        stmt = select(ingest_errors).order_by(ingest_errors.c.id.desc()).limit(max(0, int(limit)))
        with _mapped("list ingest errors"), self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def get_extraction(self, doc_id: str) -> Extraction:
        """Return the stored Extraction of a document; raise UnknownDocument if there is none."""
        with _mapped("read the extraction"), self._read() as conn:
            doc_row = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
            if doc_row is None:
                raise UnknownDocument(doc_id)
            mention_rows = conn.execute(
                select(mentions, entities.c.name, entities.c.type, entities.c.country,
                       entities.c.kind, entities.c.wikidata, entities.c.known)
                .join(entities, entities.c.id == mentions.c.entity_id)
                .where(mentions.c.document_id == doc_id)
                .order_by(mentions.c.seq)
            )
            claim_rows = conn.execute(
                select(claims).where(claims.c.document_id == doc_id).order_by(claims.c.seq)
            )
            source_rows = conn.execute(
                select(claim_sources)
                .join(claims, claims.c.id == claim_sources.c.claim_id)
                .where(claims.c.document_id == doc_id)
                .order_by(claims.c.seq, claim_sources.c.position)
            )
            quote_rows = conn.execute(
                select(quotes).where(quotes.c.document_id == doc_id).order_by(quotes.c.seq)
            )
            return rebuild.extraction(
                doc_row._mapping,
                [r._mapping for r in mention_rows],
                [r._mapping for r in claim_rows],
                [r._mapping for r in source_rows],
                [r._mapping for r in quote_rows],
            )

    def documents(
        self, *, lang: str | None = None, since: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Return document summaries (id, url, title, outlet, published, lang, n_claims, n_quotes, snippet)."""
        with _mapped("list documents"), self._read() as conn:
            return queries.document_rows(conn, lang=lang, since=since, limit=limit, offset=offset)

    def count_documents(self) -> int:
        """Return the number of stored documents."""
        with _mapped("count documents"), self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Return documents matching every word of `query`, best first, with a snippet and a score."""
        with _mapped("search documents"), self._read() as conn:
            if self._dialect == "sqlite":
                return search.search_fts(conn, query, limit)
            if self._dialect == "postgresql":
                return search.search_tsvector(conn, query, limit)
            return search.search_like(conn, query, limit)

    def claims(self, query: ClaimQuery | None = None, /, **fields: Any) -> list[dict[str, Any]]:
        """Return claims matching every filter as FORMAT-style dicts with document fields.

        Filters are a `ClaimQuery` or its fields as keywords (kind, actor, target, source, unit,
        modality, lang, since, until, document_id, text, limit, offset). actor/target/source/text
        are case-insensitive substring matches; since/until compare the claim's date (its time,
        else the document's publication date) with ISO dates.
        """
        query = query or ClaimQuery(**fields)
        with _mapped("list claims"), self._read() as conn:
            return queries.claim_rows(conn, query)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        document_id: str | None = None,
        text: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Return quotes (id, document_id, speaker, text, start, end, published, title) matching the filters."""
        with _mapped("list quotes"), self._read() as conn:
            return queries.quote_rows(
                conn, speaker=speaker, document_id=document_id, text=text, limit=limit, offset=offset
            )

    def entities(
        self, *, type: str | None = None, name: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Return entities with their mention count, document count and aliases seen (with counts)."""
        with _mapped("list entities"), self._read() as conn:
            return queries.entity_rows(conn, type=type, name=name, limit=limit, offset=offset)

    def counts(self) -> dict[str, int]:
        """Return the number of documents, claims, quotes, entities, mentions and ingest errors."""
        tables = {
            "documents": documents,
            "claims": claims,
            "quotes": quotes,
            "entities": entities,
            "mentions": mentions,
            "errors": ingest_errors,
        }
        with _mapped("count records"), self._read() as conn:
            return {
                name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }
