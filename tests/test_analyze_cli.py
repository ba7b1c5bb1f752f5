"""The analysis commands through Typer's runner, on the storyline articles in a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimgraph.cli import app
from tests.analyze_support import CASUALTIES, DEPLOY, STORYLINE_DIR, doc_id

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('analyze_cli') / 'cli.db'}"
    result = runner.invoke(app, ["ingest", str(STORYLINE_DIR), "--db", url, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "14 new" in result.output
    return url


def _json(args: list[str]) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_ingest_runs_the_analysis(db: str) -> None:
    rows = _json(["storylines", "--db", db])
    assert isinstance(rows, list)
    assert rows[0]["id"] == DEPLOY and rows[0]["claims"] == 7
    again = _json(["analyze", "--db", db])
    assert again == {"documents": 0, "exact_duplicates": 0, "near_duplicates": 0, "storylines": 0}


def test_duplicates_command(db: str) -> None:
    rows = _json(["duplicates", "--db", db, "--document", doc_id("01_nis_1500_soldaten")])
    assert isinstance(rows, list) and len(rows) == 2
    assert {r["duplicate_of"] for r in rows} == {doc_id("01_nis_1500_soldaten")}


def test_timeline_table_json_and_plots(db: str, tmp_path: Path) -> None:
    data = _json(["timeline", DEPLOY, "--db", db])
    assert isinstance(data, dict) and len(data["points"]) == 7
    table = runner.invoke(app, ["timeline", CASUALTIES, "--db", db])
    assert table.exit_code == 0 and "revision" in table.output and "3,800" in table.output
    png, html = tmp_path / "t.png", tmp_path / "t.html"
    assert runner.invoke(app, ["timeline", DEPLOY, "--db", db, "--plot", str(png)]).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert runner.invoke(app, ["timeline", DEPLOY, "--db", db, "--plot", str(html)]).exit_code == 0
    page = html.read_text(encoding="utf-8")
    # One series per source, and Plotly's JavaScript inside the file (nothing fetched when opened).
    assert "National Intelligence Service (South Korea)" in page and "Volodymyr Zelenskyy" in page
    assert "<script src=\"http" not in page and "plotly" in page.lower()


def test_timeline_errors(db: str, tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["timeline", "nothing--here", "--db", db])
    assert unknown.exit_code == 1 and "no storyline 'nothing--here'" in unknown.output
    bad = runner.invoke(app, ["timeline", DEPLOY, "--db", db, "--plot", str(tmp_path / "x.gif")])
    assert bad.exit_code == 1 and ".png or .html" in bad.output


def test_disagreements_command(db: str) -> None:
    rows = _json(["disagreements", "--db", db])
    assert isinstance(rows, list) and [r["storyline_id"] for r in rows] == [CASUALTIES]
    assert _json(["disagreements", "--db", db, "--window", "3"]) == []
    assert _json(["disagreements", "--db", db, "--tolerance", "0.5"]) == []
    table = runner.invoke(app, ["disagreements", "--db", db])
    assert table.exit_code == 0 and "27%" in table.output


def test_ingest_without_analysis_then_analyze(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'later.db'}"
    result = runner.invoke(app, ["ingest", str(STORYLINE_DIR), "--db", url, "--workers", "1", "--no-analyze"])
    assert result.exit_code == 0, result.output
    assert _json(["storylines", "--db", url]) == []
    counts = _json(["analyze", "--db", url])
    assert counts == {"documents": 14, "exact_duplicates": 0, "near_duplicates": 2, "storylines": 6}
    rebuilt = _json(["analyze", "--db", url, "--rebuild"])
    assert rebuilt == counts


def test_unresolved_entities_and_gazetteer_add(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'names.db'}"
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = [
        "Der neue Regierungschef Gheorghe Brega traf am Montag in Kiew ein.",
        "Regierungschef Gheorghe Brega sagte am Dienstag, die Gespräche seien gut verlaufen.",
        "Regierungschef Gheorghe Bregaa kündigte neue Hilfen an.",
    ]
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(f"date 2025-02-0{i + 1}\nlang de\n\n{text}\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(folder), "--db", url, "--workers", "1"]).exit_code == 0
    groups = _json(["entities", "--unresolved", "--db", url])
    assert isinstance(groups, list)
    (brega,) = [g for g in groups if "Gheorghe Brega" in g["members"]]
    assert brega["members"] == ["Gheorghe Brega", "Gheorghe Bregaa"]
    assert brega["documents"] == 3 and brega["known"] is False
    assert brega["aliases"][0] == {"text": "Gheorghe Brega", "count": 2}

    gaz = tmp_path / "mine.yml"
    args = ["gazetteer", "add", "Gheorghe Brega", "--type", "person", "--alias", "Gheorghe Bregaa", "--file", str(gaz)]
    added = runner.invoke(app, args)
    assert added.exit_code == 0, added.output
    assert yaml.safe_load(gaz.read_text(encoding="utf-8")) == [
        {"name": "Gheorghe Brega", "type": "person", "aliases": ["Gheorghe Bregaa"]}]
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "already in this gazetteer" in again.output
    wrong = runner.invoke(app, ["gazetteer", "add", "X", "--type", "planet", "--file", str(gaz)])
    assert wrong.exit_code == 1 and "unknown entity type" in wrong.output
    # The promoted name is known from now on.
    extract = runner.invoke(app, ["extract", str(folder / "2.txt"), "--gazetteer", str(gaz)])
    entity = [e for e in json.loads(extract.output)["entities"] if e["name"] == "Gheorghe Brega"]
    assert entity and entity[0]["type"] == "person"
