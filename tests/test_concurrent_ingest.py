"""Four `claimgraph ingest` processes on overlapping folders, against SQLite and PostgreSQL.

Every article sits in two of the four folders (one also twice in a folder under another name),
and the processes start together, each committing small batches that race the others'. Afterwards the store must hold every document exactly once
with all of its claims, quotes and mentions: the same records a single sequential ingest
produces, no duplicates, and intact references.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from claimgraph import extract
from claimgraph.ingest import IngestFailure, read_inputs
from claimgraph.store import Store
from tests.pg import BACKENDS, database

PROCESSES = 4
PER_FOLDER = 12
TIMEOUT_S = 240
# Appended to make a second, distinct article from each example (same claims, new text).
ADDENDUM = {
    "de": "Nachtrag der Redaktion: Die Angaben ließen sich zunächst nicht unabhängig überprüfen.",
    "en": "Editor's note: The figures could not be independently verified at first.",
}
RECORD_TABLES = ("documents", "claims", "claim_sources", "quotes", "entities", "mentions")


def claimgraph_command() -> list[str]:
    """Return the installed `claimgraph` console script (the real CLI, as a user runs it)."""
    script = Path(sys.executable).with_name("claimgraph")
    found = str(script) if script.exists() else shutil.which("claimgraph")
    if found is None:
        pytest.fail("the claimgraph console script is not installed (pip install -e .)")
    return [found]


def write_corpus(root: Path) -> list[Path]:
    """Write the example articles and one altered variant of each into `root`; return the files."""
    files = []
    examples = resources.files("claimgraph") / "examples"
    for example in sorted(examples.iterdir(), key=lambda p: p.name):
        if not example.name.endswith(".txt"):
            continue
        original = example.read_text(encoding="utf-8")
        lang = "en" if re.search(r"^lang en$", original, re.MULTILINE) else "de"
        # A URL is a document's identity: the variant is published under its own.
        header = re.sub(r"^url (\S+)$", r"url \1?version=2", original, count=1, flags=re.MULTILINE)
        variant = header.rstrip("\n") + "\n\n" + ADDENDUM[lang] + "\n"
        for name, body in ((example.name, original), (f"variant_{example.name}", variant)):
            path = root / name
            path.write_text(body, encoding="utf-8")
            files.append(path)
    assert len(files) == 24
    return files


def spread(files: list[Path], root: Path) -> list[Path]:
    """Copy `files` into four overlapping folders (each file into two); return the folders."""
    folders = []
    for k in range(PROCESSES):
        folder = root / f"inbox{k}"
        folder.mkdir()
        start = k * len(files) // PROCESSES
        for i in range(PER_FOLDER):
            source = files[(start + i) % len(files)]
            shutil.copy(source, folder / source.name)
        folders.append(folder)
    # The same article twice in one folder, under another name: one document all the same.
    shutil.copy(files[0], folders[0] / f"copy_of_{files[0].name}")
    return folders


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[Path]]:
    """Return (article files, the four overlapping folders)."""
    root = tmp_path_factory.mktemp("concurrent_corpus")
    (root / "all").mkdir()
    files = write_corpus(root / "all")
    return files, spread(files, root)


@pytest.fixture(scope="module")
def reference(corpus: tuple[list[Path], list[Path]], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Return the URL of a SQLite store filled by one sequential, in-process ingest of every article."""
    files, _ = corpus
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.db'}"
    items = list(read_inputs([str(f) for f in files]))
    assert not [i for i in items if isinstance(i, IngestFailure)]
    with Store.open(url) as store:
        assert store.add_many(extract(item) for item in items) == (24, 0)
    yield url


def records(url: str) -> dict[str, set[tuple]]:
    """Return the identifying content of every table (ids of rows that are set by content)."""
    queries = {
        "documents": "SELECT id, content_hash FROM documents",
        "claims": "SELECT id, document_id, kind, evidence_start, evidence_end FROM claims",
        "claim_sources": "SELECT claim_id, position, name FROM claim_sources",
        "quotes": "SELECT id, document_id, start, \"end\" FROM quotes",
        "entities": "SELECT key FROM entities",
        "mentions": "SELECT m.document_id, m.seq, e.key, m.start FROM mentions m JOIN entities e ON e.id = m.entity_id",
    }
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {name: {tuple(r) for r in conn.execute(text(sql))} for name, sql in queries.items()}
    finally:
        engine.dispose()


def row_counts(url: str) -> dict[str, int]:
    """Return the number of rows of every record table."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in RECORD_TABLES}
    finally:
        engine.dispose()


def integrity_problems(url: str) -> list[str]:
    """Return what is wrong with references and duplicates in the store at `url` (empty: nothing)."""
    checks = {
        "mention of a missing entity": "SELECT count(*) FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id WHERE e.id IS NULL",
        "mention of a missing document": "SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.document_id WHERE d.id IS NULL",
        "claim of a missing document": "SELECT count(*) FROM claims c LEFT JOIN documents d ON d.id = c.document_id WHERE d.id IS NULL",
        "duplicate mention": "SELECT count(*) FROM (SELECT document_id, seq FROM mentions GROUP BY document_id, seq HAVING count(*) > 1) x",
        "duplicate claim number": "SELECT count(*) FROM (SELECT document_id, seq FROM claims GROUP BY document_id, seq HAVING count(*) > 1) x",
        "duplicate text": "SELECT count(*) FROM (SELECT content_hash FROM documents GROUP BY content_hash HAVING count(*) > 1) x",
        "document without claims": "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.document_id = d.id)",
    }
    engine = create_engine(url)
    problems = []
    try:
        with engine.connect() as conn:
            for problem, sql in checks.items():
                if n := conn.execute(text(sql)).scalar_one():
                    problems.append(f"{problem}: {n}")
            if conn.dialect.name == "sqlite":
                if (status := conn.exec_driver_sql("PRAGMA integrity_check").scalar()) != "ok":
                    problems.append(f"integrity_check: {status}")
                if broken := conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                    problems.append(f"foreign_key_check: {broken}")
    finally:
        engine.dispose()
    return problems


@pytest.mark.timeout(TIMEOUT_S)
@pytest.mark.parametrize("backend", BACKENDS)
def test_four_ingest_processes_store_everything_once(
    backend: str, corpus: tuple[list[Path], list[Path]], reference: str, tmp_path: Path
) -> None:
    _, folders = corpus
    env = {k: v for k, v in os.environ.items() if k != "CLAIMGRAPH_DB"}
    with database(backend, tmp_path, "ingest") as url:
        processes = [
            subprocess.Popen(
                # Small batches: each process commits several transactions that race the others'.
                [*claimgraph_command(), "ingest", str(folder), "--db", url, "--workers", "1", "--batch-size", "4"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for folder in folders
        ]
        outputs = [p.communicate(timeout=TIMEOUT_S) for p in processes]
        for process, (out, err) in zip(processes, outputs, strict=True):
            assert process.returncode == 0, f"exit {process.returncode}\n{out}\n{err}"
        # Each process reports what it added; together they added every article exactly once.
        reported = [re.search(r"(\d+) new, (\d+) already known, 0 failed", out) for out, _ in outputs]
        assert all(reported), outputs
        assert sum(int(m.group(1)) for m in reported if m) == 24
        offered = sum(len(list(f.iterdir())) for f in folders)
        assert sum(int(m.group(1)) + int(m.group(2)) for m in reported if m) == offered

        assert integrity_problems(url) == []
        assert row_counts(url) == row_counts(reference)
        assert records(url) == records(reference)
        with Store.open(url) as store:
            assert store.count_documents() == 24
