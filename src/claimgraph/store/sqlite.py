"""SQLite specifics: connection pragmas and explicit transaction control.

The FTS5 index and its triggers are created by the baseline migration (migrations/versions).
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.engine import Engine

# Connections opened for writing carry this execution option; their transactions start with
# BEGIN IMMEDIATE so two writers queue on busy_timeout instead of failing when a deferred read
# transaction cannot be upgraded to a write (SQLITE_BUSY_SNAPSHOT is not retried by SQLite).
WRITE_OPTION = "claimgraph_write"
BUSY_TIMEOUT_MS = 30000

def _lower(value: Any) -> Any:
    """Return `value` lower-cased by Python (Unicode-aware), leaving non-strings alone."""
    return value.lower() if isinstance(value, str) else value


def _enable_wal(cursor: Any) -> None:
    """Switch the database file to WAL (a persistent setting), retrying while another opener holds it."""
    # Two connections converting a fresh file at once get "database is locked" straight away:
    # SQLite does not call the busy handler for this lock, so busy_timeout does not help here.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # The driver's own implicit BEGIN handling is switched off; _on_begin issues BEGIN itself.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    try:
        # busy_timeout first: switching to WAL needs a lock another process may hold.
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _enable_wal(cursor)
        # In WAL mode NORMAL cannot corrupt the database; it only skips an fsync per commit.
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()
    # SQLite's built-in lower() folds ASCII only; case-insensitive filters must match "Österreich".
    dbapi_conn.create_function("lower", 1, _lower, deterministic=True)


def _on_begin(conn: Connection) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def install(engine: Engine) -> None:
    """Attach the pragma and transaction listeners to a SQLite `engine`; returns None."""
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
