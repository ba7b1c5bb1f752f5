"""Schema migrations: Alembic run programmatically, one upgrade at a time per database.

The revisions live in `claimgraph/store/migrations/versions/`. A database is in one of these
states (`SchemaStatus.state`):

- "empty": none of our tables; upgrading creates the whole schema.
- "legacy": made before migrations existed (a `meta` table with schema_version "1", no
  `alembic_version`); it is stamped with the baseline revision, then upgraded.
- "behind": an older revision; upgrading applies the missing revisions.
- "current": at the newest revision this code knows.
- "newer": a revision this code does not know, written by a newer claimgraph; refused.
- "foreign": a `meta` table without our schema version (some other application's); refused.

Upgrades hold a lock for their whole transaction (PostgreSQL: a transaction-level advisory
lock; SQLite: BEGIN IMMEDIATE), and the state is read again under the lock, so processes
opening a new database at the same moment upgrade it once and never see a half-built schema.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy import Connection, MetaData, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from claimgraph.errors import StoreError
from claimgraph.store import backend, sqlite
from claimgraph.store.schema import metadata

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BASELINE = "0001"
LEGACY_SCHEMA_VERSION = "1"
# Any fixed 64-bit number; every claimgraph process takes this lock to upgrade a PostgreSQL database.
ADVISORY_LOCK_KEY = 0x636C_6169_6D67
# Modules that add tables to `schema.metadata`; imported (when present) so that comparisons and
# autogenerate see every table the migrations create.
TABLE_MODULES = ("claimgraph.analyze.tables",)
# Backend-specific search objects the revisions create outside the portable metadata.
SEARCH_TABLE_PREFIX = "documents_fts"
SEARCH_COLUMNS = {("documents", "search_vector")}
SEARCH_INDEXES = {"ix_documents_search_vector"}

_T = TypeVar("_T")


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database stands: its revision (None when it has none) and the newest one known."""

    current: str | None
    head: str
    state: str  # empty | legacy | behind | current | newer | foreign

    def to_dict(self) -> dict[str, str | None]:
        """Return the status as a JSON-ready dict."""
        return {"current": self.current, "head": self.head, "state": self.state}


def config(connection: Connection | None = None) -> Config:
    """Return an Alembic Config pointing at the packaged migrations, bound to `connection`."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head_revision() -> str:
    """Return the newest revision id this claimgraph knows."""
    head = _script().get_current_head()
    if head is None:
        raise StoreError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def history() -> list[dict[str, str | None]]:
    """Return every known revision, oldest first, as {revision, down_revision, message}."""
    revisions = list(_script().walk_revisions())
    revisions.reverse()
    return [
        {"revision": r.revision, "down_revision": _down(r.down_revision), "message": r.doc}
        for r in revisions
    ]


def _down(down: Any) -> str | None:
    if down is None or isinstance(down, str):
        return down
    return ",".join(down)


def target_metadata() -> MetaData:
    """Return the metadata every migration must produce, with every table module loaded."""
    for name in TABLE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
    return metadata


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Return False for the backend's own search objects, which the portable metadata leaves out."""
    if type_ == "table" and name is not None and name.startswith(SEARCH_TABLE_PREFIX):
        return False
    if type_ == "column" and (getattr(obj, "table", None) is not None):
        return (obj.table.name, name) not in SEARCH_COLUMNS
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return True


def status(conn: Connection) -> SchemaStatus:
    """Return the schema status of the database behind `conn` (reads only)."""
    head = head_revision()
    current = MigrationContext.configure(conn).get_current_revision()
    if current is not None:
        try:
            known = _script().get_revision(current) is not None
        except (CommandError, RevisionError):
            known = False
        if not known:
            return SchemaStatus(current, head, "newer")
        return SchemaStatus(current, head, "current" if current == head else "behind")
    inspector = inspect(conn)
    if not inspector.has_table("meta"):
        return SchemaStatus(None, head, "empty")
    if {"key", "value"} - {c["name"] for c in inspector.get_columns("meta")}:
        return SchemaStatus(None, head, "foreign")
    version = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
    if version == LEGACY_SCHEMA_VERSION:
        return SchemaStatus(None, head, "legacy")
    if version is None:  # a `meta` table, but not ours
        return SchemaStatus(None, head, "foreign")
    return SchemaStatus(str(version), head, "newer")


def refuse_newer(found: SchemaStatus) -> None:
    """Raise StoreError when `found` is a schema newer than this code (or not ours); returns None otherwise."""
    if found.state == "foreign":
        raise StoreError("this database has a 'meta' table without a claimgraph schema version: not a claimgraph store")
    if found.state == "newer":
        raise StoreError(
            f"this database was written by a newer claimgraph (schema {found.current}); "
            f"upgrade claimgraph (this one knows schemas up to {found.head})"
        )


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """Yield a connection in a transaction that holds the database's upgrade lock until commit."""
    with engine.connect() as conn:
        conn.execution_options(**{sqlite.WRITE_OPTION: True})  # SQLite: BEGIN IMMEDIATE
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield conn


def upgrade(engine: Engine, target: str = "head") -> tuple[SchemaStatus, SchemaStatus]:
    """Upgrade the database to `target` in one locked transaction; return (before, after).

    Raises StoreError for a schema newer than this code. A legacy store is stamped first.
    """
    with _locked(engine) as conn:
        before = status(conn)
        refuse_newer(before)
        cfg = config(conn)
        try:
            if before.state == "legacy":
                command.stamp(cfg, BASELINE)
            if before.state != "current" or target != "head":
                command.upgrade(cfg, target)
        except CommandError as exc:  # an unknown or older target revision
            raise StoreError(f"cannot upgrade to {target!r}: {exc}") from exc
        after = status(conn)
    return before, after


def ensure_current(engine: Engine) -> SchemaStatus:
    """Return the status after bringing the database to the newest schema (upgrading if needed).

    The common case (already current) costs one read and takes no lock.
    """
    with engine.connect() as conn, conn.begin():
        found = status(conn)
    refuse_newer(found)
    if found.state == "current":
        return found
    return upgrade(engine)[1]


def _on_url(url: str | None, action: str, work: Callable[[Engine], _T]) -> _T:
    """Return work(engine) on the database at `url` (resolved like Store.open); errors become StoreError."""
    engine = backend.create(backend.resolve_url(url))
    try:
        return work(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"could not {action}: {getattr(exc, 'orig', None) or exc}") from exc
    finally:
        engine.dispose()


def database_status(url: str | None) -> SchemaStatus:
    """Return the schema status of the database at `url`, changing nothing."""

    def read(engine: Engine) -> SchemaStatus:
        with engine.connect() as conn, conn.begin():
            return status(conn)

    return _on_url(url, "read the schema version", read)


def upgrade_database(url: str | None, target: str = "head") -> tuple[SchemaStatus, SchemaStatus]:
    """Upgrade the database at `url` to `target` (default: newest); return (before, after)."""
    return _on_url(url, "upgrade the database", lambda engine: upgrade(engine, target))
