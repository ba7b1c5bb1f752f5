"""Baseline: the claim store's schema "1" (documents, entities, mentions, claims, sources, quotes).

Frozen history: the tables are spelled out here rather than taken from `schema.metadata`, so
this revision creates the same database whatever later code looks like. Stores made before
migrations existed hold exactly this schema and are stamped with this revision, not rebuilt.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 index over title and text, kept in sync by triggers.
SQLITE_SEARCH = (
    (
        "CREATE VIRTUAL TABLE documents_fts "
        "USING fts5(title, text, content='documents', content_rowid='rowid')"
    ),
    (
        "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
    ),
    (
        "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); END"
    ),
    (
        "CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
    ),
)

# PostgreSQL: a generated tsvector in the text-search configuration of the document's language
# (title weighted A, body C) with a GIN index. to_tsvector(regconfig, text) is immutable, so it
# may feed a stored generated column; the CASE picks the configuration per row.
POSTGRES_CONFIG = (
    "CASE lang WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig "
    "ELSE 'simple'::regconfig END"
)
POSTGRES_SEARCH = (
    (
        "ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector({POSTGRES_CONFIG}, coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector({POSTGRES_CONFIG}, text), 'C')) STORED"
    ),
    "CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)",
)


def _document_id(table: str) -> list[Any]:
    return [
        sa.Column("document_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=f"fk_{table}_document_id_documents", ondelete="CASCADE"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("title", sa.Text()),
        sa.Column("outlet", sa.String()),
        sa.Column("published", sa.String(10)),
        sa.Column("lang", sa.String(16)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.String()),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("url", name="uq_documents_url"),
    )
    for column in ("content_hash", "published", "lang"):
        op.create_index(f"ix_documents_{column}", "documents", [column])

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String()),
        sa.Column("kind", sa.String()),
        sa.Column("wikidata", sa.String()),
        sa.Column("known", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("key", name="uq_entities_key"),
    )
    op.create_index("ix_entities_type", "entities", ["type"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_document_id("mentions"),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("form", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name="fk_mentions_entity_id_entities"),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])

    op.create_table(
        "claims",
        sa.Column("id", sa.String(), nullable=False),
        *_document_id("claims"),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String()),
        sa.Column("target", sa.String()),
        sa.Column("quantity_min", sa.Float()),
        sa.Column("quantity_max", sa.Float()),
        sa.Column("unit", sa.String(32)),
        sa.Column("noun", sa.String()),
        sa.Column("quantity_start", sa.Integer()),
        sa.Column("quantity_end", sa.Integer()),
        sa.Column("time_value", sa.String(32)),
        sa.Column("time_after", sa.String(32)),
        sa.Column("time_before", sa.String(32)),
        sa.Column("time_start", sa.Integer()),
        sa.Column("time_end", sa.Integer()),
        sa.Column("place", sa.String()),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    for column in ("document_id", "kind", "actor", "target"):
        op.create_index(f"ix_claims_{column}", "claims", [column])

    op.create_table(
        "claim_sources",
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("country", sa.String()),
        sa.Column("kind", sa.String(32)),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name="fk_claim_sources_claim_id_claims", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("claim_id", "position", name="pk_claim_sources"),
    )
    op.create_index("ix_claim_sources_name", "claim_sources", ["name"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.String(), nullable=False),
        *_document_id("quotes"),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("speaker_start", sa.Integer()),
        sa.Column("speaker_end", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
    )
    op.create_index("ix_quotes_document_id", "quotes", ["document_id"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])

    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("origin", sa.String()),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("detail", sa.Text()),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_errors"),
    )

    meta = op.create_table(
        "meta",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    # Kept for claimgraph versions that predate migrations: they read this value.
    op.bulk_insert(meta, [{"key": "schema_version", "value": "1"}])

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_SEARCH if dialect == "sqlite" else POSTGRES_SEARCH if dialect == "postgresql" else ():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("meta", "ingest_errors", "quotes", "claim_sources", "claims", "mentions", "entities", "documents"):
        op.drop_table(table)
