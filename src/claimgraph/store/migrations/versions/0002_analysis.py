"""Analysis: duplicates (MinHash LSH), storyline membership of claims, storyline summaries.

The tables hold derived data only (`claimgraph analyze --rebuild` recreates their rows); they
are spelled out here, as in the baseline, so that this revision never changes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _document_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["document_id"], ["documents.id"], name=f"fk_{table}_document_id_documents", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "analysis_documents",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("sort_key", sa.String(), nullable=False),
        sa.Column("signature", sa.LargeBinary()),
        sa.Column("duplicate_of", sa.String()),
        sa.Column("duplicate_kind", sa.String(8)),
        sa.Column("similarity", sa.Float()),
        _document_fk("analysis_documents"),
        sa.PrimaryKeyConstraint("document_id", name="pk_analysis_documents"),
    )
    op.create_index("ix_analysis_documents_content_hash", "analysis_documents", ["content_hash"])
    op.create_index("ix_analysis_documents_duplicate_of", "analysis_documents", ["duplicate_of"])

    op.create_table(
        "analysis_bands",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        _document_fk("analysis_bands"),
        sa.PrimaryKeyConstraint("band", "bucket", "document_id", name="pk_analysis_bands"),
    )
    op.create_index("ix_analysis_bands_document_id", "analysis_bands", ["document_id"])

    op.create_table(
        "analysis_claims",
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("storyline_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name="fk_analysis_claims_claim_id_claims", ondelete="CASCADE"
        ),
        _document_fk("analysis_claims"),
        sa.PrimaryKeyConstraint("claim_id", name="pk_analysis_claims"),
    )
    op.create_index("ix_analysis_claims_document_id", "analysis_claims", ["document_id"])
    op.create_index("ix_analysis_claims_storyline_id", "analysis_claims", ["storyline_id"])

    op.create_table(
        "analysis_storylines",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String()),
        sa.Column("target", sa.String()),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("place", sa.String()),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("first", sa.String(32)),
        sa.Column("last", sa.String(32)),
        sa.Column("disagreements", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_analysis_storylines"),
    )
    op.create_index("ix_analysis_storylines_kind", "analysis_storylines", ["kind"])


def downgrade() -> None:
    for table in ("analysis_storylines", "analysis_claims", "analysis_bands", "analysis_documents"):
        op.drop_table(table)
