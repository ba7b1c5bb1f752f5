"""Extraction in worker processes and the ingest loop: same results as in-process, in order, bounded."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

from claimgraph import Document, extract
from claimgraph.cli import app
from claimgraph.ingest import IngestFailure, read_inputs
from claimgraph.ingest_job import run_ingest
from claimgraph.store import Store
from claimgraph.workers import ExtractionPool, WorkerFailure, default_workers, workers_for

EXAMPLES = Path(str(resources.files("claimgraph").joinpath("examples")))
runner = CliRunner()


def _examples() -> list[Document]:
    return [d for d in read_inputs([str(EXAMPLES)]) if not isinstance(d, IngestFailure)]


def test_pool_gives_in_process_results_in_input_order_and_bounds_work_in_flight() -> None:
    documents = _examples()
    too_long = Document("Soldaten " * 1_200_000, lang="de")  # over the 10,000,000-character limit
    inputs = documents[:5] + [too_long] + documents[5:]
    pulled = 0
    ahead: list[int] = []

    def counted() -> Iterator[Document]:
        nonlocal pulled
        for document in inputs:
            pulled += 1
            yield document

    pool = ExtractionPool(2, chunk_size=2, max_in_flight=2)
    results = []
    for document, result in pool.map(counted()):
        results.append((document, result))
        ahead.append(pulled - len(results))
    assert [d for d, _ in results] == inputs
    # At most max_in_flight chunks are out besides the one being handed back.
    assert max(ahead) <= (2 + 1) * 2
    failure = results[5][1]
    assert isinstance(failure, WorkerFailure)
    assert "10,000,000" in failure.detail
    expected = [extract(d).to_dict() for d in documents]
    got = [r.to_dict() for d, r in results if d is not too_long]
    assert got == expected


def test_workers_for_uses_cores_but_not_for_small_inputs() -> None:
    assert workers_for(5, None) == 1
    assert workers_for(None, None) == default_workers()
    assert workers_for(10_000, None) == default_workers()
    assert workers_for(5, 3) == 3


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    one = Store.open(f"sqlite:///{tmp_path / 'one.db'}")
    report = run_ingest(one, read_inputs([str(EXAMPLES)]), workers=1)
    assert (report.new, report.known, report.failed) == (12, 0, 0)

    db_two = f"sqlite:///{tmp_path / 'two.db'}"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db_two, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "12 new, 0 already known, 0 failed" in result.output
    two = Store.open(db_two)
    assert two.counts() == one.counts()
    assert two.claims(limit=1000) == one.claims(limit=1000)
    assert two.quotes(limit=1000) == one.quotes(limit=1000)

    again = run_ingest(two, read_inputs([str(EXAMPLES)]), workers=2)
    assert (again.new, again.known, again.failed) == (0, 12, 0)


def test_ingest_records_failures_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("lang de\n\nLaut Berichten wurden 3 Soldaten verletzt.\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    (folder / "c.txt").write_text("lang de\n\nLaut Berichten wurden 3 Soldaten verletzt.\n", encoding="utf-8")
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    done: list[int] = []
    report = run_ingest(store, read_inputs([str(folder)]), workers=1, on_progress=done.append)
    assert (report.new, report.known, report.failed) == (1, 1, 1)
    assert report.reasons == {"binary": 1}
    assert sum(done) == 3
    assert [e["reason"] for e in store.errors()] == ["binary"]
