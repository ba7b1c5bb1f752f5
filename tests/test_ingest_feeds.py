"""RSS 2.0 and Atom feeds: one document per entry (full content, else summary), or the linked pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.ingest import FetchOptions, IngestFailure, parse_feed, read_inputs
from claimgraph.model.document import Document
from tests.web_pages import PAGES, WEB, assert_article
from tests.web_server import NewsSite, Route

RSS = WEB / "feed_rss2.xml"
ATOM = WEB / "feed_atom.xml"


def test_rss2_full_content_summary_and_empty_entry() -> None:
    full, summary, empty = read_inputs([str(RSS)])
    assert isinstance(full, Document)
    assert_article(full, PAGES[0])
    assert (full.url, full.outlet, full.origin) == (PAGES[0].url, "Nordrhein Rundschau – Wirtschaft", f"{RSS}:entry 1")
    assert isinstance(summary, Document)
    # The summary stands in for missing content; its "Weiterlesen" link is not article text.
    assert summary.text == "Der Stahlkonzern will nach eigenen Angaben bis 2027 rund 3.000 Stellen abbauen."
    assert (summary.published, summary.lang, summary.title) == ("2025-03-13", "de", "Stahlkonzern streicht Stellen")
    assert isinstance(empty, IngestFailure) and (empty.origin, empty.reason) == (f"{RSS}:entry 3", "missing_text")


def test_atom_content_and_summary_entries() -> None:
    full, summary = read_inputs([str(ATOM)])
    assert isinstance(full, Document) and isinstance(summary, Document)
    assert_article(full, PAGES[1])
    assert (full.url, full.outlet, full.author) == (PAGES[1].url, "The Harbour Gazette: Business", "James Whitfield")
    assert summary.text == "The ferry operator said it would run 14 extra crossings a week this winter."
    # No <published>: the entry's <updated> dates it; the feed's xml:lang gives the language.
    assert (summary.published, summary.lang) == ("2024-11-04", "en")


@pytest.mark.parametrize("fmt", [None, "feed", "rss", "atom"])
def test_feeds_are_recognised_by_content_or_format(tmp_path: Path, fmt: str | None) -> None:
    saved = tmp_path / "download"
    saved.write_bytes(ATOM.read_bytes())
    titles = [item.title for item in read_inputs([str(saved)], fmt=fmt) if isinstance(item, Document)]
    assert titles == [PAGES[1].title, "Ferry operator adds winter routes"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss version='2.0'><channel><title>x</title>", "invalid_feed"),
        (b"{\"not\": \"a feed\"}", "invalid_feed"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Leer</title></channel></rss>", "empty"),
    ],
    ids=["cut", "json", "no-entries"],
)
def test_broken_feeds_fail_cleanly(data: bytes, reason: str) -> None:
    (failure,) = parse_feed(data, "feed.xml")
    assert isinstance(failure, IngestFailure) and failure.reason == reason


def _linking_feed(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Aggregator</title>
<item><title>Bahn</title><link>{base}/wirtschaft/streik.html</link><description>Kurz.</description></item>
<item><title>Hafen</title><link>{base}/business/port-strike</link><description>Short.</description></item>
<item><title>Ohne Link</title><description>Nur Text.</description></item>
</channel></rss>""".encode()


@pytest.fixture
def site() -> Iterator[NewsSite]:
    routes = {"/wirtschaft/streik.html": Route(PAGES[0].html), "/business/port-strike": Route(PAGES[1].html)}
    with NewsSite(routes) as running:
        running.routes["/feed.xml"] = Route(_linking_feed(running.base), content_type="application/rss+xml")
        yield running


def test_fetch_links_reads_the_linked_pages_instead(site: NewsSite, tmp_path: Path) -> None:
    feed = tmp_path / "aggregator.rss"
    feed.write_bytes(_linking_feed(site.base))
    options = FetchOptions(cache_dir=tmp_path / "cache")
    items = list(read_inputs([str(feed)], fetch_links=True, fetch_options=options))
    failure, german, english = items
    assert isinstance(failure, IngestFailure) and (failure.origin, failure.reason) == (f"{feed}:entry 3", "missing_text")
    assert isinstance(german, Document) and isinstance(english, Document)
    assert_article(german, PAGES[0])
    assert_article(english, PAGES[1])
    assert german.url == f"{site.base}/wirtschaft/streik.html"
    # Without the option the entries' own (short) texts are the documents.
    plain = [i.text for i in read_inputs([str(feed)]) if isinstance(i, Document)]
    assert plain == ["Kurz.", "Short.", "Nur Text."]


def test_a_feed_url_yields_its_entries(site: NewsSite, tmp_path: Path) -> None:
    options = FetchOptions(cache_dir=tmp_path / "cache")
    items = list(read_inputs([f"{site.base}/feed.xml"], fetch_options=options))
    assert [i.title for i in items if isinstance(i, Document)] == ["Bahn", "Hafen", "Ohne Link"]
    assert site.hits["/wirtschaft/streik.html"] == 0
