"""The Spark job on local[2]: its Parquet output equals `claimgraph extract`, and loads into a store.

Needs Java (Spark runs on the JVM) and PySpark: skipped with the reason when either is missing,
failed instead when CLAIMGRAPH_REQUIRE_SERVICES=1 (CI).
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.export import read_parquet_dir
from claimgraph.export.tables import extraction_from_rows, rows_of
from claimgraph.ingest import IngestFailure
from claimgraph.ingest.jsonl import parse_json_lines
from claimgraph.model import Document
from claimgraph.spark import inputs, job
from claimgraph.spark.schema import OUTPUT_TABLES, describe
from claimgraph.store import Store
from tests.pg import unavailable

EXAMPLES = Path(str(resources.files("claimgraph").joinpath("examples")))
runner = CliRunner()
# PySpark leaves the local sockets of collected results to the garbage collector.
pytestmark = [
    pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning"),
    pytest.mark.filterwarnings("ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning"),
]


def _require_spark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        unavailable("Spark tests need PySpark: pip install 'claimgraph[spark]'")
    if shutil.which("java") is None:
        unavailable("Spark tests need Java 17 on PATH (Spark runs on the JVM)")


@pytest.fixture(scope="module")
def spark_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_spark()
    root = tmp_path_factory.mktemp("spark")
    corpus = root / "in"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "zz_binary.txt").write_bytes(b"\x00\x01\x02 not an article")
    out = root / "out"
    result = runner.invoke(
        app, ["spark", "run", "--input", f"{corpus}/*.txt", "--output", str(out), "--master", "local[2]",
              "--partitions", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "12 documents" in result.output and "1 errors" in result.output
    return out


def test_parquet_output_equals_claimgraph_extract(spark_output: Path) -> None:
    by_id = {e.document.id: e.to_dict() for e in read_parquet_dir(spark_output)}
    assert len(by_id) == 12
    for path in sorted(EXAMPLES.glob("*.txt")):
        result = runner.invoke(app, ["extract", str(path)])
        assert result.exit_code == 0, result.output
        expected = json.loads(result.output)
        assert by_id[expected["document"]["id"]] == expected, path.name


def test_datasets_have_the_documented_schema_and_errors(spark_output: Path) -> None:
    for name, columns in OUTPUT_TABLES.items():
        schema = ds.dataset(str(spark_output / name), format="parquet").schema
        assert schema.names == [c.name for c in columns], name
    errors = ds.dataset(str(spark_output / "errors"), format="parquet").to_table().to_pylist()
    assert [(Path(e["origin"]).name, e["reason"]) for e in errors] == [("zz_binary.txt", "binary")]


def test_import_parquet_loads_the_job_output_into_a_store(spark_output: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'spark.db'}"
    result = runner.invoke(app, ["import-parquet", str(spark_output), "--db", db])
    assert result.exit_code == 0, result.output
    counts = Store.open(db).counts()
    mentions = ds.dataset(str(spark_output / "mentions"), format="parquet").count_rows()
    claims = ds.dataset(str(spark_output / "claims"), format="parquet").count_rows()
    assert (counts["documents"], counts["claims"], counts["mentions"]) == (12, claims, mentions)
    listed = runner.invoke(app, ["claims", "--db", db, "--kind", "deploy", "--json", "--limit", "1000"])
    assert {c["kind"] for c in json.loads(listed.output)} == {"deploy"}
    # import-parquet ran the analysis: the storylines are there, the same as after ingest.
    ingested = f"sqlite:///{tmp_path / 'ingest.db'}"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", ingested, "--workers", "1"]).exit_code == 0
    storylines = [json.loads(runner.invoke(app, ["storylines", "--db", url, "--json"]).output) for url in (db, ingested)]
    assert storylines[0]
    assert sorted((s["id"], s["claims"], s["documents"]) for s in storylines[0]) == sorted(
        (s["id"], s["claims"], s["documents"]) for s in storylines[1]
    )


# --- the job's parts without a Spark session -----------------------------------------------------

def test_input_format_follows_the_extension_or_the_option() -> None:
    assert job.input_format("crawl/*.jsonl") == "jsonl"
    assert job.input_format("s3a://bucket/cc-news/*.warc.gz") == "warc"
    assert job.input_format("hdfs:///data/articles.parquet/") == "parquet"
    assert job.input_format("articles/*") == "text"
    assert job.input_format("x.dat", "jsonl") == "jsonl"
    with pytest.raises(Exception, match="unknown input format 'xml'"):
        job.input_format("x.xml", "xml")


def test_input_readers_turn_lines_rows_and_files_into_documents() -> None:
    line = json.dumps({"text": "Laut CNN will Nordkorea 25.000 Soldaten entsenden.", "lang": "de", "date": "2025-07-01"})
    (document,) = inputs.json_line("f.jsonl", line)
    assert isinstance(document, Document) and document.published == "2025-07-01"
    (broken,) = inputs.json_line("f.jsonl", "{not json")
    assert isinstance(broken, IngestFailure) and broken.reason == "invalid_json"
    assert list(inputs.json_line("f.jsonl", "   ")) == []
    row = inputs.parquet_row("p.parquet", {"text": "Three soldiers were wounded.", "lang": "en", "url": None})
    assert isinstance(row, Document) and row.lang == "en"
    missing = inputs.parquet_row("p.parquet", {"title": "no text"})
    assert isinstance(missing, IngestFailure) and missing.reason == "missing_text"
    (text_doc,) = inputs.text_file("a.txt", b"lang de\n\nLaut Berichten wurden 3 Soldaten verletzt.")
    assert isinstance(text_doc, Document) and text_doc.lang == "de"


def test_a_json_line_over_the_limit_fails_as_in_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_MAX_LINE_CHARS", "100")
    line = json.dumps({"text": "Laut Berichten wurden 3 Soldaten verletzt. " * 5, "lang": "de"})
    (spark_item,) = inputs.json_line("f.jsonl:line 1", line)
    (ingest_item,) = parse_json_lines(line, "f.jsonl")
    assert isinstance(spark_item, IngestFailure) and spark_item.reason == "line_too_long"
    assert (spark_item.origin, spark_item.reason) == (ingest_item.origin, ingest_item.reason)


def test_extract_partition_rows_rebuild_the_extraction() -> None:
    from claimgraph import extract

    document = Document("Laut CNN will Nordkorea 25.000 Soldaten nach Russland entsenden.", lang="de", published="2025-07")
    failure = IngestFailure("bad.txt", "binary", "NUL bytes")
    tagged = list(job.extract_partition([document, failure]))
    assert ("errors", ("bad.txt", "binary", "NUL bytes")) in tagged
    names = {t: [c.name for c in cols] for t, cols in OUTPUT_TABLES.items()}
    rows = {t: [dict(zip(names[t], r)) for n, r in tagged if n == t] for t in OUTPUT_TABLES}
    expected = extract(document)
    assert rows["claims"] == rows_of(expected)["claims"]
    rebuilt = extraction_from_rows(rows["documents"][0], rows["claims"], rows["quotes"], rows["mentions"])
    assert rebuilt.to_dict() == expected.to_dict()
    assert "`claims/`" in describe() and "sources_json" in describe()


def test_submit_driver_prints_its_path_and_runs_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from claimgraph.spark import submit

    submit.main(["--path"])
    path = Path(capsys.readouterr().out.strip())
    assert path.is_file() and path.name == "submit.py"
    with pytest.raises(SystemExit) as exit_info:
        submit.main(["spark", "schema"])
    assert exit_info.value.code == 0
    assert "claims" in capsys.readouterr().out
