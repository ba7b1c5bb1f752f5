"""The analysis tables, on the store's metadata (created by migration 0002_analysis).

Everything here is derived from `documents` and `claims` and can be rebuilt at any time
(`claimgraph analyze --rebuild`); deleting a document deletes its analysis rows.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from claimgraph.store.schema import metadata

# One row per analysed document: its MinHash signature and, for a copy, the earliest copy.
analysis_documents = Table(
    "analysis_documents",
    metadata,
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("content_hash", String(64), nullable=False, index=True),
    # published, ingested_at and id joined: the smallest key is the earliest copy.
    Column("sort_key", String, nullable=False),
    Column("signature", LargeBinary),  # MinHash hash values (uint64); None for very short texts
    Column("duplicate_of", String, index=True),
    Column("duplicate_kind", String(8)),  # exact | near
    Column("similarity", Float),
)

# The LSH index: one row per (band, bucket) a document's signature falls into.
analysis_bands = Table(
    "analysis_bands",
    metadata,
    Column("band", Integer, nullable=False),
    Column("bucket", BigInteger, nullable=False),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    PrimaryKeyConstraint("band", "bucket", "document_id"),
)

# Which storyline each claim with a figure belongs to.
analysis_claims = Table(
    "analysis_claims",
    metadata,
    Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("storyline_id", String, nullable=False, index=True),
)

# Per storyline: its key and the figures a listing shows, refreshed when its claims change.
analysis_storylines = Table(
    "analysis_storylines",
    metadata,
    Column("id", String, primary_key=True),
    Column("label", Text, nullable=False),
    Column("kind", String(32), nullable=False, index=True),
    Column("actor", String),
    Column("target", String),
    Column("category", String(32), nullable=False),
    Column("place", String),
    Column("claims", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("first", String(32)),
    Column("last", String(32)),
    Column("disagreements", Integer, nullable=False),
)

ANALYSIS_TABLES = (analysis_documents, analysis_bands, analysis_claims, analysis_storylines)
