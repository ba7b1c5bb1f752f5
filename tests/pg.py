"""Databases for store tests: a SQLite file, or a throwaway PostgreSQL database per test.

PostgreSQL tests need $CLAIMGRAPH_TEST_POSTGRES (a superuser URL, exported by `.ci/services`).
Without it they are skipped with the reason, unless CLAIMGRAPH_REQUIRE_SERVICES=1 (CI), where
a missing or unreachable server fails them: they never pass silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

ENV_URL = "CLAIMGRAPH_TEST_POSTGRES"
ENV_REQUIRE = "CLAIMGRAPH_REQUIRE_SERVICES"
BACKENDS = ["sqlite", "postgresql"]


def unavailable(reason: str) -> NoReturn:
    """Skip the calling test for `reason`, or fail it when services are required."""
    if os.environ.get(ENV_REQUIRE) == "1":
        pytest.fail(f"{reason} ({ENV_REQUIRE}=1)")
    pytest.skip(reason)


def server_url() -> str:
    """Return the configured PostgreSQL test URL, or skip/fail the test when there is none."""
    url = os.environ.get(ENV_URL)
    if not url:
        unavailable(
            f"PostgreSQL tests need {ENV_URL}=postgresql+psycopg://USER:PASS@HOST:PORT/DB "
            "(a superuser; .ci/services starts one)"
        )
    return url


@contextmanager
def postgres_database(label: str = "store") -> Iterator[str]:
    """Yield the URL of a new, empty PostgreSQL database; it is dropped afterwards."""
    server = make_url(server_url())
    name = f"claimgraph_{label}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        except SQLAlchemyError as exc:
            unavailable(f"cannot create a database on the PostgreSQL test server: {getattr(exc, 'orig', exc)}")
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@contextmanager
def database(backend: str, tmp_path: Path, label: str = "store") -> Iterator[str]:
    """Yield the URL of an empty database of `backend` ("sqlite" or "postgresql")."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'{label}.db'}"
    elif backend == "postgresql":
        with postgres_database(label) as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}")
