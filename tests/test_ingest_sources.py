"""read_inputs: directories, globs, stdin, missing and oversized files, formats."""

from __future__ import annotations

import io
from pathlib import Path

from claimgraph.ingest import IngestFailure, read_inputs
from claimgraph.model.document import Document

GERMAN = "Der Bürgermeister von Zürich kündigte an, die Straße über den Fluss im Herbst zu sperren."
ENGLISH = "The mayor said on Monday that the bridge would be closed for repairs in the autumn."


def _summary(items: list[Document | IngestFailure]) -> list[tuple[str, str]]:
    return [(i.origin or "", i.reason if isinstance(i, IngestFailure) else "doc") for i in items]


def test_directory_recursion_with_binary_empty_and_latin1(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(f"date 2025-07 {GERMAN}", encoding="utf-8")
    (root / "b.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20)
    (root / "c.txt").write_bytes(b"")
    (root / "sub" / "latin.txt").write_bytes(f"title Zürich\n\n{GERMAN}".encode("latin-1"))
    (root / "sub" / "deeper" / "e.md").write_text(ENGLISH, encoding="utf-8")
    (root / ".secret.txt").write_text(ENGLISH, encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text(ENGLISH, encoding="utf-8")
    items = list(read_inputs([str(root)]))
    assert _summary(items) == [
        (str(root / "a.txt"), "doc"),
        (str(root / "b.bin"), "binary"),
        (str(root / "c.txt"), "empty"),
        (str(root / "sub" / "deeper" / "e.md"), "doc"),
        (str(root / "sub" / "latin.txt"), "doc"),
    ]
    latin = items[4]
    assert isinstance(latin, Document)
    assert (latin.title, latin.text, latin.lang) == ("Zürich", GERMAN, "de")
    assert isinstance(items[0], Document) and items[0].published == "2025-07"


def test_glob_patterns(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "one.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "x" / "three.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "skip.md").write_text(ENGLISH, encoding="utf-8")
    flat = list(read_inputs([str(tmp_path / "*.txt")]))
    assert _summary(flat) == [(str(tmp_path / "one.txt"), "doc"), (str(tmp_path / "two.txt"), "doc")]
    deep = list(read_inputs([str(tmp_path / "**" / "t*.txt")]))
    assert [i.origin for i in deep] == [str(tmp_path / "two.txt"), str(tmp_path / "x" / "three.txt")]
    (none,) = read_inputs([str(tmp_path / "*.csv")])
    assert isinstance(none, IngestFailure) and none.reason == "not_found"


def test_stdin_text_and_jsonl() -> None:
    (doc,) = read_inputs(["-"], stdin=io.StringIO(f"\n date 2025-07-02 {GERMAN}\n"))
    assert isinstance(doc, Document)
    assert (doc.origin, doc.published, doc.text) == ("-", "2025-07-02", GERMAN)
    items = list(read_inputs(["-"], stdin=io.StringIO(f'  {{"text": "{ENGLISH}"}}\n[1]\n')))
    assert _summary(items) == [("-:line 1", "doc"), ("-:line 2", "invalid_json")]


def test_stdin_empty() -> None:
    (failure,) = read_inputs(["-"], stdin=io.StringIO(" \n "))
    assert isinstance(failure, IngestFailure) and (failure.origin, failure.reason) == ("-", "empty")


def test_missing_too_large_and_unknown_format(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ENGLISH * 10, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(big), str(good)], max_file_bytes=200))
    assert _summary(items) == [
        (str(tmp_path / "nope.txt"), "not_found"),
        (str(big), "too_large"),
        (str(good), "doc"),
    ]
    (failure,) = read_inputs([str(good)], fmt="pdf")
    assert isinstance(failure, IngestFailure) and failure.reason == "unknown_format"


def test_fmt_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text(f'{{"text": "{ENGLISH}", "published": "2024"}}\n', encoding="utf-8")
    (as_text,) = read_inputs([str(path)])
    (as_jsonl,) = read_inputs([str(path)], fmt="jsonl")
    assert isinstance(as_text, Document) and as_text.text.startswith("{")
    assert isinstance(as_jsonl, Document) and (as_jsonl.text, as_jsonl.published) == (ENGLISH, "2024")


def test_document_origin_is_not_in_to_dict(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    (doc,) = read_inputs([str(path)])
    assert isinstance(doc, Document) and doc.origin == str(path) and doc.id is None
    assert "origin" not in doc.to_dict()
