"""Which database to talk to: URL resolution, engine creation and dialect-specific statements."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Table, create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.sql.dml import Insert

from claimgraph.errors import StoreError
from claimgraph.store import sqlite

DEFAULT_URL = "sqlite:///claimgraph.db"
ENV_VAR = "CLAIMGRAPH_DB"
SUPPORTED = ("sqlite", "postgresql")


def resolve_url(url: str | None) -> str:
    """Return a SQLAlchemy URL: `url`, else $CLAIMGRAPH_DB, else the default; a plain path becomes sqlite."""
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" in chosen:
        return chosen
    if chosen == ":memory:":
        return "sqlite://"
    # An absolute path keeps the database where the user meant it even if the cwd changes later.
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def create(url: str) -> Engine:
    """Return an engine for `url` with the backend's connection settings installed; raise StoreError."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    # Checked before create_engine so an unsupported URL fails with our message, not a driver import.
    if backend not in SUPPORTED:
        raise StoreError(f"unsupported database backend {backend!r} (supported: {', '.join(SUPPORTED)})")
    try:
        engine = create_engine(parsed)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot create a database engine for {parsed!r}: {exc}") from exc
    if backend == "sqlite":
        sqlite.install(engine)
    return engine


def insert_ignore(dialect_name: str, table: Table, index_elements: list[str] | None = None) -> Insert:
    """Return `INSERT … ON CONFLICT (index_elements) DO NOTHING` for `table` in the given dialect.

    Without `index_elements` a conflict on any unique constraint skips the row.
    """
    module: Any
    if dialect_name == "sqlite":
        from sqlalchemy.dialects import sqlite as module
    elif dialect_name == "postgresql":
        from sqlalchemy.dialects import postgresql as module
    else:
        raise StoreError(f"unsupported database backend {dialect_name!r}")
    return module.insert(table).on_conflict_do_nothing(index_elements=index_elements)
