"""Documents keep their byline: `documents.author` (from web pages and feeds; null for the rest).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without a default: ALTER TABLE ADD COLUMN on both backends, a metadata-only
    # change however many documents the store holds (never a table copy, which on SQLite would
    # also cut the full-text index off its rows).
    op.add_column("documents", sa.Column("author", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("author")
