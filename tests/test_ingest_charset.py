"""Character sets: a declared charset when the bytes agree with it, else detection (charset-normalizer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.ingest import IngestFailure, parse_html, read_inputs
from claimgraph.ingest.decode import (
    charset_from_content_type,
    declared_markup_charset,
    decode_bytes,
)
from claimgraph.model.document import Document

GERMAN = (
    "Die Bürgermeisterin erklärte am Dienstag, dass die Brücke über die Mühlenstraße ab Oktober "
    "für drei Monate gesperrt werde. Nach Angaben der Stadtwerke kostet die Sanierung 4,5 Millionen Euro."
)
RUSSIAN = (
    "Министерство обороны сообщило во вторник, что над регионом были сбиты 12 беспилотников. "
    "По словам губернатора, пострадавших нет."
)


def _page(text: str, meta: str = "") -> str:
    head = f"<head>{meta}<title>Meldung</title></head>"
    return f"<!DOCTYPE html><html>{head}<body><article><p>{text}</p></article></body></html>"


def test_page_that_declares_latin1_but_is_utf8() -> None:
    data = _page(GERMAN, '<meta charset="iso-8859-1">').encode("utf-8")
    assert parse_html(data, "x").text == GERMAN


def test_page_that_declares_utf8_but_is_windows_1252() -> None:
    data = _page(GERMAN + " „Das ist ein Zitat“ – sagte sie.", '<meta charset="utf-8">').encode("cp1252")
    assert parse_html(data, "x").text == GERMAN + " „Das ist ein Zitat“ – sagte sie."


def test_page_without_declaration_in_windows_1252() -> None:
    assert parse_html(_page(GERMAN).encode("cp1252"), "x").text == GERMAN


def test_http_charset_wins_over_a_wrong_meta() -> None:
    data = _page(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">').encode("cp1251")
    document = parse_html(data, "x", declared_charset=charset_from_content_type("text/html; charset=windows-1251"))
    assert (document.text, document.lang) == (RUSSIAN, "ru")


def test_undeclared_cyrillic_is_detected() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), "x") == RUSSIAN
    assert decode_bytes(RUSSIAN.encode("koi8-r"), "x") == RUSSIAN
    assert parse_html(_page(RUSSIAN).encode("cp1251"), "x").text == RUSSIAN


def test_unknown_or_impossible_declarations_fall_back_to_detection() -> None:
    assert decode_bytes(GERMAN.encode("cp1252"), "x", declared="no-such-charset") == GERMAN
    assert decode_bytes(GERMAN.encode("cp1252"), "x", declared="utf-8") == GERMAN
    assert decode_bytes(GERMAN.encode("utf-8"), "x", declared="latin-1") == GERMAN
    assert decode_bytes(GERMAN.encode("iso-8859-15"), "x", declared="iso-8859-15") == GERMAN


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<html><head><meta charset="windows-1252">', "windows-1252"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
        (b"<?xml version='1.0' encoding='iso-8859-15'?><rss>", "iso-8859-15"),
        (b"<html><head><title>none</title>", None),
    ],
)
def test_declared_markup_charset(head: bytes, expected: str | None) -> None:
    assert declared_markup_charset(head) == expected


@pytest.mark.parametrize("encoding", ["cp1251", "utf-8", "utf-16"])
def test_text_files_in_any_charset(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "meldung.txt"
    path.write_bytes(RUSSIAN.encode(encoding))
    (document,) = read_inputs([str(path)])
    assert isinstance(document, Document) and (document.text, document.lang) == (RUSSIAN, "ru")


def test_latin1_feed_with_xml_declaration(tmp_path: Path) -> None:
    feed = (
        "<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title>Lokales</title>"
        f"<item><title>Brücke gesperrt</title><link>https://lokal.example/b</link><description>{GERMAN}</description></item>"
        "</channel></rss>"
    )
    path = tmp_path / "lokal.rss"
    path.write_bytes(feed.encode("latin-1"))
    (document,) = read_inputs([str(path)])
    assert isinstance(document, Document) and (document.text, document.title) == (GERMAN, "Brücke gesperrt")


def test_binary_file_posing_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (failure,) = read_inputs([str(path)])
    assert isinstance(failure, IngestFailure) and failure.reason == "binary"
