"""HTML pages: main text without navigation, ads, teasers and comments; title, date, URL, language."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.ingest import IngestFailure, format_for, needs_single_pass, parse_html, read_inputs
from claimgraph.ingest.failures import IngestError
from claimgraph.ingest.html import boilerplate, html_fragment_text
from claimgraph.model.document import Document
from tests.web_pages import PAGES, Page, assert_article


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_news_page_becomes_its_article(page: Page) -> None:
    document = parse_html(page.html, "page.html")
    assert_article(document, page)
    assert (document.url, document.outlet, document.origin) == (page.url, page.outlet, "page.html")


def test_byline_becomes_the_author_and_is_stored(tmp_path: Path) -> None:
    from claimgraph.store import Store

    german, english = (parse_html(page.html, f"{page.name}.html") for page in PAGES[:2])
    assert (german.author, english.author) == ("Katrin Albers", "James Whitfield")
    assert german.to_dict()["author"] == "Katrin Albers"
    assert "author" not in Document("Ohne Verfasser.").to_dict()
    with Store.open(f"sqlite:///{tmp_path / 'authors.db'}") as store:
        from claimgraph import extract

        extraction = extract(german)
        store.add(extraction)
        stored = store.get_extraction(str(extraction.document.id)).document
        assert stored.author == "Katrin Albers"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_read_inputs_by_extension_and_by_content(tmp_path: Path, page: Page) -> None:
    (tmp_path / "saved.htm").write_bytes(page.html)
    (tmp_path / "saved-without-extension").write_bytes(page.html)
    (tmp_path / "saved.txt").write_bytes(page.html)
    items = list(read_inputs([str(tmp_path)]))
    assert len(items) == 3
    for item in items:
        assert isinstance(item, Document)
        assert_article(item, page)


def test_format_option_forces_html(tmp_path: Path) -> None:
    path = tmp_path / "export.data"
    path.write_bytes(b"<div><p>" + PAGES[1].plain_text.encode() + b"</p></div>")
    assert format_for(str(path), path.read_bytes()) == "text"
    (document,) = read_inputs([str(path)], fmt="html")
    assert isinstance(document, Document)
    assert "<p>" not in document.text and "1,900 members" in document.text


def test_page_without_metadata_uses_detection_and_the_given_url() -> None:
    html = (
        "<html><body><div class='content'><p>Die Stadtverwaltung teilte am Montag mit, dass die "
        "Brücke über den Rhein ab Oktober für drei Monate gesperrt wird.</p><p>Nach Angaben der Stadt "
        "kostet die Sanierung rund 4 Millionen Euro.</p></div></body></html>"
    )
    document = parse_html(html.encode("utf-8"), "x", url="https://example.org/a", published="2023-05-02")
    assert document.lang == "de"
    assert (document.url, document.published, document.title) == ("https://example.org/a", "2023-05-02", None)
    assert document.text.startswith("Die Stadtverwaltung") and "\n\nNach Angaben" in document.text


def test_page_date_wins_over_the_fallback_date() -> None:
    document = parse_html(PAGES[0].html, "x", published="2030-01-01")
    assert document.published == "2025-03-14"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02 not a page", "binary"),
        (b"<html><body><nav><a href='/'>Startseite</a> <a href='/sport'>Sport</a></nav></body></html>", "no_article"),
        (b"<html><body>" + b"<div>" * 20000 + b"<p>tief</p>" + b"</div>" * 20000 + b"</body></html>", "no_article"),
    ],
    ids=["empty", "binary", "navigation-only", "deeply-nested"],
)
def test_pages_without_an_article_fail_cleanly(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        parse_html(data, "bad.html")
    assert info.value.reason == reason


def test_read_inputs_reports_bad_pages_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<html><body><nav>Menu</nav></body></html>")
    (tmp_path / "b.html").write_bytes(PAGES[0].html)
    items = list(read_inputs([str(tmp_path)]))
    assert isinstance(items[0], IngestFailure) and items[0].reason == "no_article"
    assert isinstance(items[1], Document) and items[1].title == PAGES[0].title


def test_parsing_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("HTML parsing tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for page in PAGES:
        assert parse_html(page.html, "x").url == page.url


def test_boilerplate_data_file_loads() -> None:
    rules = boilerplate()
    assert {"nav", "aside"} <= rules.tags and "advert" in rules.tokens and "ad-" in rules.prefixes


def test_fragment_text_keeps_paragraphs_and_drops_scripts_and_read_more() -> None:
    fragment = "<p>Erster <b>Absatz</b>.</p><script>track()</script><p>Zweiter<br>Satz.</p> <a href='/x'>Weiterlesen</a>"
    assert html_fragment_text(fragment) == "Erster Absatz.\n\nZweiter Satz."


def test_extract_command_reads_a_saved_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGES[1].html)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["document"]["title"] == PAGES[1].title and output["document"]["published"] == "2024-11-05"
    assert output["claims"], "the article's claims must be found"


def test_only_costly_or_one_shot_inputs_are_read_in_a_single_pass(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGES[0].html)
    listing = tmp_path / "list"
    listing.write_text("https://example.org/a\nhttps://example.org/b\n", encoding="utf-8")
    assert not needs_single_pass([str(page)])
    assert needs_single_pass([str(listing)]) and needs_single_pass(["https://example.org/a"])
    assert needs_single_pass([str(page)], "warc") and needs_single_pass(["-"])
