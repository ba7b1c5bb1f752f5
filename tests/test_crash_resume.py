"""`kill -9` during a long `claimgraph ingest`, then running it again, leaves a consistent store.

The ingest runs as a real subprocess on a folder of article variants, committing a batch of
documents per transaction. Once the store holds some but not all documents the process gets
SIGKILL. The store must then hold only whole documents (every claim, quote and mention of a
stored document, nothing whose document is missing), and a second run must store the rest,
each document exactly once. On SQLite always; on PostgreSQL through CLAIMGRAPH_TEST_POSTGRES.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from claimgraph import extract
from claimgraph.store import Store

N_ARTICLES = 64
BATCH = 8
CLI = [sys.executable, "-c", "from claimgraph.cli import app; app()"]
# Rows whose parent is missing: none may exist after a crash.
ORPHANS = {
    "claims": "SELECT count(*) FROM claims c LEFT JOIN documents d ON d.id = c.document_id WHERE d.id IS NULL",
    "quotes": "SELECT count(*) FROM quotes q LEFT JOIN documents d ON d.id = q.document_id WHERE d.id IS NULL",
    "mentions": "SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.document_id WHERE d.id IS NULL",
    "claim_sources": (
        "SELECT count(*) FROM claim_sources s LEFT JOIN claims c ON c.id = s.claim_id WHERE c.id IS NULL"
    ),
}


def write_articles(folder: Path, count: int) -> None:
    """Write `count` distinct articles: the bundled examples, each variant with its own closing sentence."""
    examples = sorted(
        (p.name, p.read_text(encoding="utf-8"))
        for p in resources.files("claimgraph.examples").iterdir()
        if p.name.endswith(".txt")
    )
    assert len(examples) >= 12
    folder.mkdir()
    for i in range(count):
        name, raw = examples[i % len(examples)]
        # A document with a URL is identified by it: each variant gets its own.
        raw = re.sub(r"(?m)^url:?\s.*$", f"url https://news.example/crash/{i}", raw)
        german = "\nlang de" in raw or "\nlang: de" in raw
        extra = (
            f"\n\nLaut Angaben der Behörden wurden bei dem Vorfall Nummer {i + 1} insgesamt {i + 3} Menschen verletzt."
            if german
            else f"\n\nAccording to officials, {i + 3} people were injured in incident number {i + 1}."
        )
        (folder / f"{i:04d}_{name}").write_text(raw.rstrip() + extra + "\n", encoding="utf-8")


def _count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def _documents(engine: Engine) -> int:
    try:
        return _count(engine, "SELECT count(*) FROM documents")
    except Exception:
        return 0


def _ingest(folder: Path, url: str) -> list[str]:
    return [*CLI, "ingest", str(folder), "--db", url, "--workers", "1", "--batch-size", str(BATCH), "--no-analyze"]


def kill_mid_run(folder: Path, url: str, engine: Engine) -> int:
    """Start the ingest, SIGKILL it once some documents are stored, and return how many were."""
    process = subprocess.Popen(_ingest(folder, url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if _documents(engine) >= 2 * BATCH:
                break
            time.sleep(0.05)
        assert process.poll() is None, f"ingest ended before it could be killed: {process.stderr.read()!r}"  # type: ignore[union-attr]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    return _documents(engine)


def check_consistent(url: str, engine: Engine) -> int:
    """Assert that no record lacks its parent and that every stored document has all its records; return the count."""
    for table, sql in ORPHANS.items():
        assert _count(engine, sql) == 0, f"orphan rows in {table}"
    with Store.open(url) as store:
        ids = [row["id"] for row in store.documents(limit=10_000)]
        for doc_id in ids:
            stored = store.get_extraction(doc_id)
            fresh = extract(stored.document)
            assert [c.evidence.text for c in stored.claims] == [c.evidence.text for c in fresh.claims], doc_id
            assert [q.text for q in stored.quotes] == [q.text for q in fresh.quotes], doc_id
            assert sum(len(e.mentions) for e in stored.entities) == sum(len(e.mentions) for e in fresh.entities)
        return len(ids)


def crash_and_resume(tmp_path: Path, url: str, engine: Engine) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, N_ARTICLES)
    stored = kill_mid_run(folder, url, engine)
    assert 0 < stored < N_ARTICLES
    assert stored % BATCH == 0  # whole transactions only: no half-written batch
    assert check_consistent(url, engine) == stored

    rerun = subprocess.run(_ingest(folder, url), check=False, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{N_ARTICLES - stored} new, {stored} already known, 0 failed" in rerun.stdout
    assert _count(engine, "SELECT count(*) FROM documents") == N_ARTICLES
    assert _count(engine, "SELECT count(DISTINCT id) FROM documents") == N_ARTICLES
    assert _count(engine, "SELECT count(*) FROM ingest_errors") == 0
    for table, sql in ORPHANS.items():
        assert _count(engine, sql) == 0, f"orphan rows in {table}"
    # Each stored document appears once per input file: the origins are the file names.
    assert _count(engine, "SELECT count(DISTINCT origin) FROM documents") == N_ARTICLES


@pytest.mark.timeout(900)
def test_kill_9_then_rerun_on_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    try:
        crash_and_resume(tmp_path, url, engine)
        assert _count(engine, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    finally:
        engine.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test (created from CLAIMGRAPH_TEST_POSTGRES, dropped after)."""
    base = os.environ.get("CLAIMGRAPH_TEST_POSTGRES")
    if not base:
        if os.environ.get("CLAIMGRAPH_REQUIRE_SERVICES") == "1":
            pytest.fail("CLAIMGRAPH_REQUIRE_SERVICES=1 but CLAIMGRAPH_TEST_POSTGRES is not set")
        pytest.skip("CLAIMGRAPH_TEST_POSTGRES is not set: no PostgreSQL to test crash safety on")
    name = f"claimgraph_crash_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.timeout(900)
def test_kill_9_then_rerun_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        crash_and_resume(tmp_path, postgres_url, engine)
    finally:
        engine.dispose()
