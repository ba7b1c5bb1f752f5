"""`claimgraph export` (JSONL, CSV, Parquet, PLOVER) and `import-parquet`: streamed, lossless, mapped."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from claimgraph import extract
from claimgraph.cli import app
from claimgraph.export import TABLES, DocumentFilter, iter_extractions, read_parquet_dir
from claimgraph.export.plover import PLOVER_TYPES, event_records, load_mapping
from claimgraph.ingest import IngestFailure, read_inputs
from claimgraph.store import Store

EXAMPLES = Path(str(resources.files("claimgraph").joinpath("examples")))
runner = CliRunner()


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'store.db'}"
    documents = [d for d in read_inputs([str(EXAMPLES)]) if not isinstance(d, IngestFailure)]
    Store.open(url).add_many(extract(d) for d in documents)
    return url


def _export(store_url: str, out: Path, *args: str) -> None:
    result = runner.invoke(app, ["export", "--db", store_url, "--output", str(out), *args])
    assert result.exit_code == 0, result.output


def test_flat_formats_write_one_file_per_table_with_every_row(store_url: str, tmp_path: Path) -> None:
    counts = Store.open(store_url).counts()
    for fmt, ext in (("jsonl", "jsonl"), ("csv", "csv"), ("parquet", "parquet")):
        _export(store_url, tmp_path / fmt, "--format", fmt)
        assert sorted(p.name for p in (tmp_path / fmt).iterdir()) == sorted(f"{t}.{ext}" for t in TABLES)
    with (tmp_path / "jsonl" / "claims.jsonl").open(encoding="utf-8") as fh:
        claims = [json.loads(line) for line in fh]
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8", newline="") as fh:
        csv_claims = list(csv.DictReader(fh))
    parquet_claims = pq.read_table(tmp_path / "parquet" / "claims.parquet").to_pylist()
    assert len(claims) == len(csv_claims) == len(parquet_claims) == counts["claims"]
    assert list(csv_claims[0]) == [c.name for c in TABLES["claims"]]
    assert pq.read_table(tmp_path / "parquet" / "mentions.parquet").num_rows == counts["mentions"]
    assert pq.read_table(tmp_path / "parquet" / "documents.parquet").num_rows == counts["documents"]


def test_claims_are_flat_with_sources_joined_in_chain_order(store_url: str, tmp_path: Path) -> None:
    _export(store_url, tmp_path, "--format", "csv")
    with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    stored = Store.open(store_url).claims(limit=1000)
    chained = [c for c in stored if len(c["sources"]) >= 2]
    assert chained, "the examples have nested attribution"
    for claim in stored:
        row = rows[claim["id"]]
        assert row["sources"] == " ← ".join(s["name"] for s in claim["sources"])
        assert int(row["n_sources"]) == len(claim["sources"])
        assert row["kind"] == claim["kind"] and row["modality"] == claim["modality"]
        quantity = claim["quantity"] or {}
        assert row["quantity_min"] == ("" if quantity.get("min") is None else str(quantity["min"]))
        assert row["evidence_text"] == claim["evidence"]["text"]


def test_parquet_export_loads_back_without_loss(store_url: str, tmp_path: Path) -> None:
    _export(store_url, tmp_path / "out", "--format", "parquet")
    store = Store.open(store_url)
    back = list(read_parquet_dir(tmp_path / "out", batch=5))
    assert len(back) == 12
    for extraction in back:
        assert extraction.to_dict() == store.get_extraction(str(extraction.document.id)).to_dict()
    copy = f"sqlite:///{tmp_path / 'copy.db'}"
    result = runner.invoke(app, ["import-parquet", str(tmp_path / "out"), "--db", copy])
    assert result.exit_code == 0, result.output
    assert "12 new, 0 already known" in result.output
    assert Store.open(copy).counts() == store.counts()
    again = runner.invoke(app, ["import-parquet", str(tmp_path / "out"), "--db", copy])
    assert "0 new, 12 already known" in again.output


def test_filters_select_documents_and_claim_kinds(store_url: str, tmp_path: Path) -> None:
    _export(store_url, tmp_path, "--format", "jsonl", "--lang", "en", "--kind", "deploy")
    docs = [json.loads(x) for x in (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    claims = [json.loads(x) for x in (tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert docs and {d["lang"] for d in docs} == {"en"}
    assert claims and {c["kind"] for c in claims} == {"deploy"}
    assert {c["document_id"] for c in claims} <= {d["id"] for d in docs}
    streamed = list(iter_extractions(store_url, DocumentFilter(since="2024-11"), batch=3))
    assert streamed and all((e.document.published or "") >= "2024-11" for e in streamed)
    assert [e.document.id for e in streamed] == sorted(str(e.document.id) for e in streamed)


def test_plover_events_map_kinds_and_figures(store_url: str, tmp_path: Path) -> None:
    _export(store_url, tmp_path, "--format", "plover")
    events = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    stored = {c["id"]: c for c in Store.open(store_url).claims(limit=1000)}
    assert len(events) == len(stored)
    seen = set()
    for event in events:
        claim = stored[event["event_id"]]
        seen.add(claim["kind"])
        assert event["event_type"] in PLOVER_TYPES | {None}
        assert event["claim_kind"] == claim["kind"]
        assert [s["name"] for s in event["attribution_chain"]] == [s["name"] for s in claim["sources"]]
        assert event["evidence"]["start"] == claim["evidence"]["start"]
        quantity = claim["quantity"] or {}
        low = quantity.get("min") if quantity.get("min") is not None else quantity.get("max")
        if claim["kind"] == "killed":
            assert event["event_type"] == "ASSAULT" and event["dead"] == low
        if claim["kind"] == "deploy":
            assert event["event_type"] == "MOBILIZE" and event["size"] == low
    assert {"killed", "deploy"} <= seen


def test_plover_mapping_covers_every_claim_kind() -> None:
    mapping = load_mapping()
    kinds = {"deploy", "casualties", "killed", "wounded", "captured", "displaced", "attack", "intercepted",
             "supply", "labor", "sanction", "statement", "measure"}
    assert kinds <= set(mapping.kinds)
    for spec in mapping.kinds.values():
        assert spec.event_type in PLOVER_TYPES | {None}
    documents = [d for d in read_inputs([str(EXAMPLES)]) if not isinstance(d, IngestFailure)]
    assert {r["claim_kind"] for d in documents for r in event_records(extract(d))} <= kinds


def test_bad_export_arguments_are_clear_errors(store_url: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", store_url, "--output", str(tmp_path), "--format", "xml"])
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.output
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", "--db", store_url, "--output", str(tmp_path / "file")])
    assert result.exit_code == 1 and "not a folder" in result.output
    result = runner.invoke(app, ["import-parquet", str(tmp_path), "--db", store_url])
    assert result.exit_code == 1 and "no documents/ dataset" in " ".join(result.output.split())


def test_export_streams_a_postgresql_store(tmp_path: Path) -> None:
    from tests.pg import postgres_database

    documents = [d for d in read_inputs([str(EXAMPLES)]) if not isinstance(d, IngestFailure)][:4]
    with postgres_database("export") as url:
        store = Store.open(url)
        store.add_many(extract(d) for d in documents)
        # Batches smaller than the store: the server-side cursor is read while child queries run.
        streamed = list(iter_extractions(url, batch=3))
        assert [e.to_dict() for e in streamed] == [store.get_extraction(str(e.document.id)).to_dict() for e in streamed]
        _export(url, tmp_path, "--format", "csv")
        with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as fh:
            assert len(list(csv.DictReader(fh))) == store.counts()["claims"]
        store.close()
