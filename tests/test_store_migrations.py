"""Schema migrations on SQLite and PostgreSQL: new databases, old schemas, newer schemas, races.

The first schema is filled with hand-written SQL (frozen like the baseline revision itself), so
these tests keep checking the upgrade path from it whatever later revisions change.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import StoreError
from claimgraph.store import Store, migrate
from tests.pg import BACKENDS, database

runner = CliRunner()

DOC_ID = "legacy-doc-1"
DOC_TEXT = "Laut CNN sollen 25.000 Soldaten nach Russland entsandt werden. Das sagte ein Sprecher."
FIRST_SCHEMA_ROWS = (
    (
        "INSERT INTO documents (id, content_hash, url, title, outlet, published, lang, text, origin, "
        "ingested_at) VALUES (:id, 'abc123', 'https://alt.example/truppen', 'Truppen für Russland', "
        "'Alt-Zeitung', '2024-11-05', 'de', :text, 'old/feed.jsonl:line 1', '2024-11-06T10:00:00+00:00')"
    ),
    (
        "INSERT INTO entities (id, key, name, type, country, kind, wikidata, known) VALUES "
        "(1, 'org:CNN', 'CNN', 'org', 'US', 'media', 'Q48340', :yes), "
        "(2, 'country:Russia', 'Russia', 'country', 'RU', NULL, 'Q159', :yes)"
    ),
    (
        'INSERT INTO mentions (id, document_id, entity_id, seq, start, "end", text, form) VALUES '
        "(1, :id, 1, 0, 5, 8, 'CNN', 'name'), (2, :id, 2, 1, 38, 46, 'Russland', 'name')"
    ),
    (
        "INSERT INTO claims (id, document_id, seq, kind, actor, target, quantity_min, quantity_max, "
        "unit, noun, quantity_start, quantity_end, place, modality, evidence_start, evidence_end, "
        "evidence_text, sentence_start, sentence_end) VALUES (:claim_id, :id, 1, 'deploy', NULL, "
        "'Russia', 25000, 25000, 'person', 'Soldaten', 16, 31, NULL, 'hedged', 9, 62, "
        "'sollen 25.000 Soldaten nach Russland entsandt werden', 0, 63)"
    ),
    (
        'INSERT INTO claim_sources (claim_id, position, name, country, kind, start, "end") VALUES '
        "(:claim_id, 0, 'CNN', 'US', 'media', 5, 8)"
    ),
    (
        'INSERT INTO quotes (id, document_id, seq, speaker, text, start, "end", speaker_start, '
        "speaker_end) VALUES (:quote_id, :id, 1, NULL, 'Das sagte ein Sprecher.', 64, 87, NULL, NULL)"
    ),
    (
        "INSERT INTO ingest_errors (origin, reason, detail, created_at) VALUES "
        "('old/feed.jsonl:line 2', 'empty', NULL, '2024-11-06T10:00:01+00:00')"
    ),
)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return the URL of an empty database of the backend under test."""
    with database(request.param, tmp_path, "migrate") as url:
        yield url


def run_sql(url: str, *statements: str) -> None:
    """Run `statements` in one transaction on `url`, outside claimgraph's own code."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                params = {"id": DOC_ID, "claim_id": f"{DOC_ID}:c1", "quote_id": f"{DOC_ID}:q1"}
                conn.execute(text(statement), {**params, "text": DOC_TEXT, "yes": True})
    finally:
        engine.dispose()


def first_schema(url: str) -> None:
    """Give the empty database at `url` the first revision's schema, filled with one document."""
    first = migrate.history()[0]["revision"]
    assert first == migrate.BASELINE
    before, after = migrate.upgrade_database(url, first)
    assert (before.state, after.current) == ("empty", first)
    run_sql(url, *FIRST_SCHEMA_ROWS)


def assert_first_data_found(store: Store) -> None:
    """Check that everything `first_schema` stored is there, readable through the Store API."""
    assert store.counts() == {"documents": 1, "claims": 1, "quotes": 1, "entities": 2, "mentions": 2, "errors": 1}
    extraction = store.get_extraction(DOC_ID)
    assert extraction.document.title == "Truppen für Russland"
    (claim,) = extraction.claims
    assert claim.quantity is not None and claim.quantity.min == 25000
    assert [s.name for s in claim.sources] == ["CNN"]
    assert store.claims(source="cnn")[0]["evidence"]["text"].startswith("sollen 25.000")
    assert store.quotes(text="Sprecher")[0]["id"] == f"{DOC_ID}:q1"
    assert [e["name"] for e in store.entities(name="russ")] == ["Russia"]
    assert [h["id"] for h in store.search("Soldaten")] == [DOC_ID]  # the search index too
    assert store.errors()[0]["origin"] == "old/feed.jsonl:line 2"


def revision_of(url: str) -> str | None:
    """Return the Alembic revision stored in the database at `url`."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


# --- new and old databases ---------------------------------------------------------------------
def test_new_database_is_created_at_head(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert store.count_documents() == 0
    assert revision_of(db_url) == migrate.head_revision()
    assert migrate.database_status(db_url).state == "current"


def test_first_schema_upgrades_with_all_data(db_url: str) -> None:
    first_schema(db_url)
    with Store.open(db_url) as store:  # opening upgrades to the newest revision
        assert_first_data_found(store)
        store.add_many([])  # and the upgraded store takes new writes
    assert revision_of(db_url) == migrate.head_revision()


def test_store_from_before_migrations_is_stamped_not_rebuilt(db_url: str) -> None:
    # Stores made before migrations had exactly schema "1" and a meta row, but no alembic_version.
    first_schema(db_url)
    run_sql(db_url, "DROP TABLE alembic_version")
    assert migrate.database_status(db_url).state == "legacy"
    with Store.open(db_url) as store:
        assert_first_data_found(store)
    assert revision_of(db_url) == migrate.head_revision()


def test_metadata_and_migrated_database_agree(db_url: str) -> None:
    # Covers every table module (e.g. claimgraph.analyze.tables) that adds to the metadata.
    Store.open(db_url).close()
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": migrate.include_object, "compare_type": True}
            )
            assert compare_metadata(context, migrate.target_metadata()) == []
            tables = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert set(migrate.target_metadata().tables) <= tables


def test_backend_search_objects_exist(db_url: str) -> None:
    Store.open(db_url).close()
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            if conn.dialect.name == "sqlite":
                assert "documents_fts" in inspector.get_table_names()
                triggers = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                assert {r[0] for r in triggers} == {"documents_fts_ai", "documents_fts_ad", "documents_fts_au"}
            else:
                columns = {c["name"]: c for c in inspector.get_columns("documents")}
                assert "search_vector" in columns
                assert "ix_documents_search_vector" in {i["name"] for i in inspector.get_indexes("documents")}
    finally:
        engine.dispose()


# --- refusing what this code does not know ------------------------------------------------------
def test_unknown_revision_is_refused_with_a_clear_message(db_url: str) -> None:
    Store.open(db_url).close()
    run_sql(db_url, "UPDATE alembic_version SET version_num = '0999_later'")
    message = r"written by a newer claimgraph \(schema 0999_later\); upgrade claimgraph"
    with pytest.raises(StoreError, match=message):
        Store.open(db_url)
    with pytest.raises(StoreError, match=message):
        migrate.upgrade_database(db_url)


def test_newer_store_from_before_migrations_is_refused(db_url: str) -> None:
    first_schema(db_url)
    run_sql(db_url, "DROP TABLE alembic_version", "UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"newer claimgraph \(schema 2\)"):
        Store.open(db_url)


def test_foreign_meta_table_is_refused(db_url: str) -> None:
    run_sql(db_url, "CREATE TABLE meta (name VARCHAR PRIMARY KEY)")
    assert migrate.database_status(db_url).state == "foreign"
    with pytest.raises(StoreError, match="not a claimgraph store"):
        Store.open(db_url)


def test_unknown_target_revision_is_a_store_error(db_url: str) -> None:
    with pytest.raises(StoreError, match="cannot upgrade to 'nope'"):
        migrate.upgrade_database(db_url, "nope")
    assert migrate.database_status(db_url).state == "empty"  # nothing half-done was left


# --- racing first opens ---------------------------------------------------------------------------
def test_concurrent_first_opens_upgrade_once(db_url: str) -> None:
    failures: list[BaseException] = []

    def open_and_count() -> None:
        try:
            with Store.open(db_url) as store:
                store.count_documents()
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=open_and_count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
            assert conn.execute(text("SELECT count(*) FROM meta")).scalar_one() == 1
    finally:
        engine.dispose()


# --- the command line ---------------------------------------------------------------------------
def test_db_commands(db_url: str) -> None:
    head = migrate.head_revision()
    result = runner.invoke(app, ["db", "current", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"current": None, "head": head, "state": "empty"}
    result = runner.invoke(app, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"upgraded (empty) -> {head}"
    result = runner.invoke(app, ["db", "upgrade", "--db", db_url])
    assert result.output.strip() == f"already at {head}"
    result = runner.invoke(app, ["db", "current", "--db", db_url])
    assert "state:   up to date" in result.output
    result = runner.invoke(app, ["db", "history", "--json"])
    assert json.loads(result.output)[0]["revision"] == migrate.BASELINE


def test_db_current_reports_a_newer_schema(db_url: str) -> None:
    Store.open(db_url).close()
    run_sql(db_url, "UPDATE alembic_version SET version_num = '0999_later'")
    result = runner.invoke(app, ["db", "current", "--db", db_url, "--json"])
    assert json.loads(result.output)["state"] == "newer"
    result = runner.invoke(app, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 1
    assert "newer claimgraph" in result.output
