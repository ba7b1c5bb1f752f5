"""Limits: document size, line length, sentences per document and time, each with a clear message,
each overridable from the environment; a failing input never costs the documents stored before it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph import Document, extract
from claimgraph.cli import app
from claimgraph.errors import InputError
from claimgraph.ingest import IngestFailure, read_inputs
from claimgraph.ingest.csv_reader import parse_csv_text
from claimgraph.ingest.jsonl import parse_json_lines, parse_json_text
from claimgraph.ingest.text import parse_text_file
from claimgraph.ingest_job import run_ingest
from claimgraph.limits import (
    MAX_SYMBOL_RUN,
    DocumentTooLarge,
    ExtractionTimeout,
    Limits,
    break_symbol_runs,
    current,
    line_too_long,
    longest_line,
    time_limit,
)
from claimgraph.model import Extraction
from claimgraph.store import Store

runner = CliRunner()

SENTENCE_DE = "Laut CNN wurden {n} Soldaten in Charkiw getötet."
ARTICLE_DE = """date 2025-03-14
title Nordkorea schickt weitere Soldaten
lang de

Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes weitere 3.000 Soldaten nach Russland geschickt.
"""


def _sentences(count: int) -> str:
    return " ".join(SENTENCE_DE.format(n=100 + k) for k in range(count))


# --- the limits themselves ---------------------------------------------------------------------
def test_defaults_and_environment_overrides() -> None:
    assert Limits.from_env({}) == Limits()
    limits = Limits.from_env({"CLAIMGRAPH_MAX_SENTENCES": "12", "CLAIMGRAPH_MAX_LINE_CHARS": "1_000",
                              "CLAIMGRAPH_MAX_SECONDS": "2.5", "CLAIMGRAPH_MAX_FILE_BYTES": " "})
    assert (limits.max_sentences, limits.max_line_chars, limits.max_seconds) == (12, 1000, 2.5)
    assert limits.max_file_bytes == Limits().max_file_bytes


@pytest.mark.parametrize(("name", "value"), [("CLAIMGRAPH_MAX_SENTENCES", "many"), ("CLAIMGRAPH_MAX_LINE_CHARS", "0"),
                                             ("CLAIMGRAPH_MAX_SECONDS", "-1")])
def test_a_bad_override_names_its_variable(name: str, value: str) -> None:
    with pytest.raises(InputError) as info:
        Limits.from_env({name: value})
    assert name.removeprefix("CLAIMGRAPH_").lower() in str(info.value).lower()


def test_longest_line_and_the_line_check() -> None:
    assert longest_line("") == 0
    assert longest_line("ab\nabcd\n\nabc") == 4
    assert longest_line("x" * 7) == 7
    assert line_too_long("short\ntext", 5) is None
    message = line_too_long("ok\n" + "y" * 11 + "\nok", 10)
    assert message is not None and "11" in message and "CLAIMGRAPH_MAX_LINE_CHARS" in message


def test_symbol_runs_are_broken_without_losing_a_character() -> None:
    run = "„" * (3 * MAX_SYMBOL_RUN + 7)
    broken = break_symbol_runs(f"Er sagte {run} und ging.")
    assert broken.replace(" ", "") == f"Er sagte {run} und ging.".replace(" ", "")
    assert max(len(part) for part in broken.split()) <= MAX_SYMBOL_RUN
    assert break_symbol_runs(broken) == broken
    prose = "Nach Angaben (laut „CNN“) wurden -- wie es hieß -- 300 Soldaten getötet... ?!"
    assert break_symbol_runs(prose) is prose


def test_time_limit_interrupts_and_restores() -> None:
    started = time.monotonic()
    with pytest.raises(ExtractionTimeout) as info, time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - started < 5
    assert "CLAIMGRAPH_MAX_SECONDS" in str(info.value)
    with time_limit(0):  # no limit
        time.sleep(0.01)
    with time_limit(5):  # a block that ends in time leaves no alarm behind
        pass
    time.sleep(0.05)


# --- extraction ---------------------------------------------------------------------------------
def test_only_the_first_sentences_are_extracted_and_the_result_is_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _sentences(10)
    full = extract(Document(text, lang="de", published="2025-07"))
    assert len(full.claims) == 10 and not full.truncated

    monkeypatch.setenv("CLAIMGRAPH_MAX_SENTENCES", "3")
    cut = extract(Document(text, lang="de", published="2025-07"))
    assert cut.truncated
    assert cut.document.text == full.document.text  # the document keeps its whole text
    assert [c.evidence.text for c in cut.claims] == [c.evidence.text for c in full.claims[:3]]
    data = cut.to_dict()
    assert data["truncated"] is True
    assert Extraction.from_dict(json.loads(json.dumps(data))).truncated
    assert "truncated" not in full.to_dict()

    exactly = extract(Document(_sentences(3), lang="de"))
    assert not exactly.truncated and len(exactly.claims) == 3


def test_a_too_long_document_is_refused_with_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_MAX_DOCUMENT_CHARS", "1000")
    with pytest.raises(DocumentTooLarge) as info:
        extract(Document(_sentences(40), lang="de"))
    assert "1,000" in str(info.value) and "CLAIMGRAPH_MAX_DOCUMENT_CHARS" in str(info.value)
    assert isinstance(info.value, InputError)


def test_extraction_stops_at_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    extract(Document("Laut CNN wurden 3 Soldaten getötet.", lang="de"))  # builds the pipeline first
    monkeypatch.setenv("CLAIMGRAPH_MAX_SECONDS", "0.001")
    with pytest.raises(ExtractionTimeout):
        extract(Document(_sentences(400), lang="de"))


# --- readers --------------------------------------------------------------------------------------
def test_readers_refuse_over_long_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_MAX_LINE_CHARS", "500")
    long_line = "Wort " * 200  # 1,000 characters without a newline
    with pytest.raises(InputError) as info:
        parse_text_file("title Test\n\n" + long_line, "a.txt")
    assert info.value.reason == "line_too_long"  # type: ignore[attr-defined]
    assert parse_text_file(ARTICLE_DE, "b.txt").text.startswith("Nordkorea")

    lines = json.dumps({"text": long_line}) + "\n" + json.dumps({"text": "Laut CNN wurden 3 Soldaten getötet."})
    items = list(parse_json_lines(lines, "x.jsonl"))
    assert isinstance(items[0], IngestFailure) and items[0].reason == "line_too_long"
    assert items[0].origin == "x.jsonl:line 1"
    assert isinstance(items[1], Document)
    # A pretty-printed JSON array has short lines; the article text inside is checked all the same.
    array = json.dumps([{"text": long_line}, {"text": "Laut CNN wurden 3 Soldaten getötet."}], indent=2)
    items = list(parse_json_text(array, "y.json"))
    assert [type(i).__name__ for i in items] == ["IngestFailure", "Document"]
    assert items[0].reason == "line_too_long"  # type: ignore[union-attr]

    table = 'title,text\nA,"' + long_line + '"\nB,Laut CNN wurden 3 Soldaten getötet.\n'
    rows = list(parse_csv_text(table, "z.csv"))
    assert isinstance(rows[0], IngestFailure) and rows[0].reason == "line_too_long"
    assert isinstance(rows[1], Document)


def test_the_default_line_limit_keeps_a_whole_article_on_one_line() -> None:
    assert current().max_line_chars >= 100_000
    one_line = "date 2025-07 " + _sentences(1500)  # the crawl convention: the article on one line
    assert len(one_line) > 70_000
    assert parse_text_file(one_line, "crawl.txt").published == "2025-07"


def test_an_over_large_file_is_a_recorded_failure(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE_DE + "x" * 5000, encoding="utf-8")
    items = list(read_inputs([str(big)], max_file_bytes=1000))
    assert len(items) == 1 and isinstance(items[0], IngestFailure) and items[0].reason == "too_large"


# --- a batch goes on ---------------------------------------------------------------------------------
def test_a_failing_document_does_not_roll_back_the_good_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_MAX_DOCUMENT_CHARS", "2000")
    good = [Document(SENTENCE_DE.format(n=k), lang="de", origin=f"good-{k}") for k in range(5)]
    huge = Document(_sentences(60), lang="de", origin="huge")
    items: list[Document | IngestFailure] = [*good[:3], huge, IngestFailure("broken.bin", "binary", "NUL bytes"), *good[3:]]
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = run_ingest(store, items, workers=1, batch_size=2)
        assert (report.new, report.failed) == (5, 2)
        assert report.reasons == {"too_large": 1, "binary": 1}
        assert store.count_documents() == 5
        errors = {e["origin"]: e for e in store.errors()}
        assert errors["huge"]["reason"] == "too_large" and "2,000" in errors["huge"]["detail"]
        assert errors["broken.bin"]["reason"] == "binary"


def test_a_timeout_is_recorded_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extract(Document("Laut CNN wurden 3 Soldaten getötet.", lang="de"))
    slow = Document(_sentences(400), lang="de", origin="slow")
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        monkeypatch.setenv("CLAIMGRAPH_MAX_SECONDS", "0.001")
        report = run_ingest(store, [slow], workers=1)
        monkeypatch.delenv("CLAIMGRAPH_MAX_SECONDS")
        report2 = run_ingest(store, [Document(SENTENCE_DE.format(n=7), lang="de", origin="ok")], workers=1)
        assert report.reasons == {"timeout": 1} and report2.new == 1
        assert store.errors()[0]["reason"] == "timeout"


def test_ingest_cli_records_limits_and_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_MAX_LINE_CHARS", "2000")
    monkeypatch.setenv("CLAIMGRAPH_MAX_SENTENCES", "4")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE_DE, encoding="utf-8")
    (folder / "long.txt").write_text("date 2025-01-01\n\n" + _sentences(12), encoding="utf-8")
    (folder / "minified.txt").write_text("var a=" + "1," * 3000 + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--workers", "1", "--no-analyze"])
    assert result.exit_code == 1, result.output
    assert "2 new, 0 already known, 1 failed" in result.output
    assert "line_too_long: 1" in result.output
    assert "1 stored truncated" in result.output
    listed = runner.invoke(app, ["errors", "--db", db, "--json"])
    rows = {Path(r["origin"]).name: r for r in json.loads(listed.output)}
    assert rows["minified.txt"]["reason"] == "line_too_long"
    assert rows["long.txt"]["reason"] == "truncated" and "first 4 sentences" in rows["long.txt"]["detail"]
    with Store.open(db) as store:
        long_id = next(d["id"] for d in store.documents() if d["title"] is None)
        assert len(store.get_extraction(long_id).claims) == 4


def test_ingest_cli_applies_the_file_limit_and_refuses_a_bad_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE_DE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("CLAIMGRAPH_MAX_SENTENCES", "lots")
    result = runner.invoke(app, ["ingest", str(article), "--db", db, "--workers", "1", "--no-analyze"])
    assert result.exit_code == 2
    assert "CLAIMGRAPH_MAX_SENTENCES" in result.output
    monkeypatch.delenv("CLAIMGRAPH_MAX_SENTENCES")
    monkeypatch.setenv("CLAIMGRAPH_MAX_FILE_BYTES", "100")
    result = runner.invoke(app, ["ingest", str(article), "--db", db, "--workers", "1", "--no-analyze"])
    assert result.exit_code == 1 and "too_large: 1" in result.output
