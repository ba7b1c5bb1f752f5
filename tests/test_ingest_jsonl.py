"""JSON Lines and .json input: good records, and bad lines that fail alone."""

from __future__ import annotations

import json
from pathlib import Path

from claimgraph.ingest import IngestFailure, read_inputs
from claimgraph.model.document import Document

GERMAN = "Die Regierung kündigte am Dienstag neue Hilfen für die betroffenen Gemeinden an."
ENGLISH = "The government announced new aid for the affected towns on Tuesday."


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": GERMAN, "url": "https://example.org/1", "title": "Hilfen", "published": "2025-07-01",
                    "outlet": "Beispielblatt", "id": 17}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": GERMAN, "published": "July"}),
        json.dumps({"text": ENGLISH, "date": "2025-06", "lang": "EN"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    failures = [(i.origin, i.reason) for i in items if isinstance(i, IngestFailure)]
    assert failures == [
        (f"{path}:line 3", "invalid_json"),
        (f"{path}:line 4", "invalid_json"),
        (f"{path}:line 5", "missing_text"),
        (f"{path}:line 6", "missing_text"),
        (f"{path}:line 7", "invalid_field"),
    ]
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.origin for d in docs] == [f"{path}:line 1", f"{path}:line 8"]
    first, last = docs
    assert (first.text, first.url, first.title, first.published, first.outlet, first.id, first.lang) == (
        GERMAN, "https://example.org/1", "Hilfen", "2025-07-01", "Beispielblatt", "17", "de"
    )
    assert (last.published, last.lang) == ("2025-06", "en")


def test_json_file_with_one_object_or_a_list(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": ENGLISH, "title": "Aid"}, indent=2), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": GERMAN}, {"nope": 1}, {"text": ENGLISH}], indent=1), encoding="utf-8")
    items = list(read_inputs([str(single), str(many)]))
    summary = [(i.origin, type(i).__name__) for i in items]
    assert summary == [
        (str(single), "Document"),
        (f"{many}:item 1", "Document"),
        (f"{many}:item 2", "IngestFailure"),
        (f"{many}:item 3", "Document"),
    ]
    assert items[0].title == "Aid"


def test_broken_json_list_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"text": "a"},', encoding="utf-8")
    (failure,) = read_inputs([str(path)])
    assert isinstance(failure, IngestFailure)
    assert (failure.origin, failure.reason) == (str(path), "invalid_json")
