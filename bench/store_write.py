"""Store write throughput: documents/s into SQLite and PostgreSQL, one per transaction vs batched.

The 12 example articles are extracted once; the timed part only writes. Each written document
is a copy of one of them under its own URL (so every write is a new document with all its
entities, mentions, claims, sources and quotes). Prints one line per backend and mode, and the
gain of batching.

PostgreSQL: pass --postgres URL (a role that may CREATE DATABASE) or set
$CLAIMGRAPH_TEST_POSTGRES; a throwaway database is created and dropped.

Run: python bench/store_write.py [--documents 1000] [--single 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from claimgraph import extract
from claimgraph.ingest import IngestFailure, read_inputs
from claimgraph.model import Extraction
from claimgraph.store import Store


def examples() -> list[Extraction]:
    """Return the extractions of the packaged example articles."""
    folder = resources.files("claimgraph") / "examples"
    items = read_inputs([str(folder)])
    return [extract(item) for item in items if not isinstance(item, IngestFailure)]


def copies(base: list[Extraction], n: int, tag: str) -> list[Extraction]:
    """Return `n` extractions cycling through `base`, each a distinct document (its own URL)."""
    out = []
    for i in range(n):
        source = base[i % len(base)]
        document = replace(source.document, url=f"https://bench.example/{tag}/{i}", id=None)
        out.append(replace(source, document=document.with_identity()))
    return out


# Returns a fresh database URL for one run, and how to clean it up afterwards.
UrlFactory = Callable[[str], tuple[str, Callable[[], None]]]


def timed(url: str, docs: list[Extraction], batched: bool) -> float:
    """Return documents/s for writing `docs` into a fresh store at `url`."""
    with Store.open(url) as store:
        start = time.perf_counter()
        if batched:
            new, _ = store.add_many(docs)
        else:
            new = sum(store.add(d) for d in docs)
        elapsed = time.perf_counter() - start
        assert new == len(docs), (new, len(docs))
    return len(docs) / elapsed


def postgres_database(server: str) -> tuple[str, str]:
    """Create an empty database on `server`; return (its URL, its name)."""
    name = f"claimgraph_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False), name


def drop_postgres_database(server: str, name: str) -> None:
    """Drop the database `name` on `server`."""
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def run_backend(label: str, make_url_for: UrlFactory, base: list[Extraction], args: argparse.Namespace) -> None:
    """Print single-document and batched throughput for one backend."""
    rates = {}
    for mode, n in (("single", args.single), ("batched", args.documents)):
        url, cleanup = make_url_for(mode)
        try:
            rates[mode] = timed(url, copies(base, n, mode), batched=mode == "batched")
        finally:
            cleanup()
        print(f"{label:<10} {mode:<8} {n:>6} docs  {rates[mode]:>9.1f} docs/s", flush=True)
    print(f"{label:<10} batching gain: x{rates['batched'] / rates['single']:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000, help="documents written batched")
    parser.add_argument("--single", type=int, default=200, help="documents written one per transaction")
    parser.add_argument("--postgres", default=os.environ.get("CLAIMGRAPH_TEST_POSTGRES"), help="server URL")
    args = parser.parse_args()

    base = examples()
    per_doc = sum(len(e.claims) for e in base) / len(base)
    print(f"{len(base)} example extractions, {per_doc:.1f} claims per document on average")

    with tempfile.TemporaryDirectory() as tmp:
        def sqlite_url(mode: str) -> tuple[str, Callable[[], None]]:
            return f"sqlite:///{Path(tmp) / f'{mode}.db'}", lambda: None

        run_backend("sqlite", sqlite_url, base, args)

    if not args.postgres:
        print("postgresql skipped: pass --postgres URL or set CLAIMGRAPH_TEST_POSTGRES")
        return

    def pg_url(_mode: str) -> tuple[str, Callable[[], None]]:
        url, name = postgres_database(args.postgres)
        return url, lambda: drop_postgres_database(args.postgres, name)

    run_backend("postgresql", pg_url, base, args)


if __name__ == "__main__":
    main()
