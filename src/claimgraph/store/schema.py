"""The relational schema of the claim store, as SQLAlchemy Core tables.

Only portable column types are used (String, Text, Integer, Float, Boolean) so that another
backend (PostgreSQL) needs a backend module, not a second schema. Backend-specific objects
(SQLite's FTS5 table and its triggers) live in the backend modules.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = "1"

# Stable constraint names keep future migrations (and PostgreSQL, which names everything) predictable.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Documents keep SQLite's implicit rowid (no WITHOUT ROWID): the FTS5 index refers to it.
documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),
    # Not unique: the same text under two URLs is two documents sharing a content hash.
    Column("content_hash", String(64), nullable=False, index=True),
    Column("url", String, nullable=True, unique=True),
    Column("title", Text),
    Column("outlet", String),
    Column("author", String),
    Column("published", String(10), index=True),  # YYYY, YYYY-MM or YYYY-MM-DD
    Column("lang", String(16), index=True),
    Column("text", Text, nullable=False),
    Column("origin", String),
    Column("ingested_at", String(32), nullable=False),  # ISO 8601, UTC
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String, nullable=False, unique=True),  # f"{type}:{name}"
    Column("name", String, nullable=False),
    Column("type", String(16), nullable=False, index=True),
    Column("country", String),
    Column("kind", String),
    Column("wikidata", String),
    Column("known", Boolean, nullable=False, default=True),
)

def _document_id() -> Column[str]:
    """The column tying a row to its document; deleting the document deletes the row."""
    return Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)


mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_id(),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False, index=True),
    # Position of the mention in the extraction (entity order, then mention order): autoincrement
    # ids are not guaranteed to follow insertion order within one multi-row insert everywhere.
    Column("seq", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("form", String(32), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String, primary_key=True),  # f"{document_id}:c{seq}"
    _document_id(),
    Column("seq", Integer, nullable=False),  # 1-based, the n of the extraction's "c{n}"
    Column("kind", String(32), nullable=False, index=True),
    Column("actor", String, index=True),
    Column("target", String, index=True),
    Column("quantity_min", Float),
    Column("quantity_max", Float),
    Column("unit", String(32)),
    Column("noun", String),
    Column("quantity_start", Integer),
    Column("quantity_end", Integer),
    Column("time_value", String(32)),
    Column("time_after", String(32)),
    Column("time_before", String(32)),
    Column("time_start", Integer),
    Column("time_end", Integer),
    Column("place", String),
    Column("modality", String(16), nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
)

claim_sources = Table(
    "claim_sources",
    metadata,
    Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # 0 = outermost source of the chain
    Column("name", String, nullable=False),
    Column("country", String),
    Column("kind", String(32)),
    Column("start", Integer),
    Column("end", Integer),
    PrimaryKeyConstraint("claim_id", "position"),
)
Index("ix_claim_sources_name", claim_sources.c.name)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String, primary_key=True),  # f"{document_id}:q{seq}"
    _document_id(),
    Column("seq", Integer, nullable=False),
    Column("speaker", String, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", String),
    Column("reason", String, nullable=False),
    Column("detail", Text),
    Column("created_at", String(32), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)
