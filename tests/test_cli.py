"""The command line through Typer's runner: real files, a real SQLite store in tmp_path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from tests.conftest import GNAD, ROOT, SEED, needs_shared

runner = CliRunner()

ARTICLE_DE = """date 2025-03-14
title Nordkorea schickt weitere Soldaten
lang de

SEOUL (dpa) – Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes weitere 3.000 Soldaten nach Russland geschickt.
"""
ARTICLE_EN = """date 2025-03-15
lang en

Ukraine's air force said Russia launched 120 drones overnight, of which 90 were shot down.
"""


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")  # type: ignore[union-attr]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, f"{name} --help has no example"
        assert f"claimgraph {name}" in readme or f"`{name}`" in readme, f"{name} is not in README.md"


def test_ingest_twice_stores_each_document_once(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_DE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_EN, encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(folder), "--db", _db(tmp_path)])
    assert first.exit_code == 0, first.output
    assert "2 new, 0 already known, 0 failed" in first.output
    second = runner.invoke(app, ["ingest", str(folder), "--db", _db(tmp_path)])
    assert "0 new, 2 already known, 0 failed" in second.output
    listed = json.loads(runner.invoke(app, ["documents", "--db", _db(tmp_path), "--json"]).output)
    assert len(listed) == 2
    claims = json.loads(runner.invoke(app, ["claims", "--db", _db(tmp_path), "--kind", "deploy", "--json"]).output)
    assert [(c["actor"], c["target"], c["quantity"]["min"]) for c in claims] == [("North Korea", "Russia", 3000)]


def test_bad_files_are_reported_and_the_rest_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE_DE, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("lang de\n\nIn Zürich demonstrierten 300 Menschen gegen die Straßensperre.".encode("latin-1"))
    result = runner.invoke(app, ["ingest", str(folder), "--db", _db(tmp_path)])
    assert result.exit_code == 1
    assert "2 new, 0 already known, 2 failed" in result.output
    errors = json.loads(runner.invoke(app, ["errors", "--db", _db(tmp_path), "--json"]).output)
    assert sorted(e["reason"] for e in errors) == ["binary", "empty"]
    found = json.loads(runner.invoke(app, ["search", "Zürich", "--db", _db(tmp_path), "--json"]).output)
    assert len(found) == 1


def test_extract_prints_the_fixed_json_shape(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_EN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"document", "entities", "claims", "quotes"}
    assert set(data["document"]) == {"id", "url", "title", "outlet", "published", "lang", "text"}
    claim = data["claims"][0]
    for key in ("kind", "actor", "target", "quantity", "time", "sources", "modality", "evidence", "sentence"):
        assert key in claim
    assert data["document"]["text"][claim["evidence"]["start"] : claim["evidence"]["end"]] == claim["evidence"]["text"]


@needs_shared
def test_extract_the_reference_article() -> None:
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0
    document = json.loads(result.output)["document"]
    assert (document["published"], document["lang"]) == ("2025-07", "de")
    assert "Anzeige" not in document["text"]


@needs_shared
@pytest.mark.slow
def test_ingest_the_10kgnad_test_split(tmp_path: Path) -> None:
    args = ["ingest", str(GNAD), "--db", _db(tmp_path), "--delimiter", ";", "--quotechar", "'", "--text-column", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1028 new, 0 already known, 0 failed" in result.output


def test_eval_json_has_the_fixed_shape() -> None:
    result = runner.invoke(app, ["eval", str(ROOT / "tests" / "gold"), "--json", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"files", "overall"}
    overall = data["overall"]
    assert set(overall) == {"entities", "claims", "fields", "quotes"}
    assert set(overall["fields"]) == {"actor", "target", "time", "sources", "modality"}
    assert set(overall["quotes"]) == {"precision", "recall", "f1", "speaker"}
    assert len(data["files"]) >= 8


def test_eval_min_claim_f1_turns_a_low_score_into_exit_1() -> None:
    result = runner.invoke(app, ["eval", str(ROOT / "tests" / "gold"), "--json", "--root", str(ROOT), "--min-claim-f1", "1.01"])
    assert result.exit_code == 1


def test_malformed_gold_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"doc": {"text": "x", "lang": "de"}, "claims": [{"kind": "deploy"}]}', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert re.search(r"bad\.json: claims\[0\]", result.output)


def test_demo_prints_claims() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Claims in 12 example articles" in result.output
    assert "deploy" in result.output and "Russia" in result.output


def test_user_gazetteer_adds_entries(tmp_path: Path) -> None:
    gazetteer = tmp_path / "mine.yml"
    gazetteer.write_text(
        "- name: Marek Wolanski\n  type: person\n  country: Poland\n  aliases: [Marek Wolański]\n  short: [Wolanski]\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("lang de\n\nWolanski sagte, Polen schicke 200 Soldaten nach Litauen.", encoding="utf-8")
    without = json.loads(runner.invoke(app, ["extract", str(article)]).output)
    with_it = json.loads(runner.invoke(app, ["extract", str(article), "--gazetteer", str(gazetteer)]).output)
    assert "Marek Wolanski" not in [e["name"] for e in without["entities"]]
    assert "Marek Wolanski" in [e["name"] for e in with_it["entities"]]
    assert with_it["claims"][0]["sources"][0]["name"] == "Marek Wolanski"
