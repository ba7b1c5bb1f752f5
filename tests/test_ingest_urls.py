"""URLs: fetching with robots.txt, redirects, timeouts, a size cap, a disk cache and per-host limits."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.ingest import Fetcher, FetchOptions, IngestFailure, read_inputs
from claimgraph.ingest.failures import IngestError
from claimgraph.ingest.fetch import default_cache_dir
from claimgraph.model.document import Document
from claimgraph.store import Store
from tests.web_pages import PAGES, assert_article
from tests.web_server import NewsSite, Route

ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: othercrawler\nDisallow: /\n"


def _routes() -> dict[str, Route]:
    return {
        "/robots.txt": Route(ROBOTS, content_type="text/plain"),
        "/wirtschaft/streik.html": Route(PAGES[0].html),
        "/business/port-strike": Route(PAGES[1].html, content_type="text/html"),
        "/kurz/streik": Route(status=301, headers=(("Location", "/wirtschaft/streik.html"),)),
        "/kurz/geheim": Route(status=302, headers=(("Location", "/private/plan.html"),)),
        "/schleife": Route(status=302, headers=(("Location", "/schleife"),)),
        "/langsam": Route(PAGES[0].html, delay=3.0),
        "/private/plan.html": Route(PAGES[0].html),
        "/gross": Route(b"<html><body>" + b"<p>Sehr lang.</p>" * 20000 + b"</body></html>"),
        "/plan.pdf": Route(b"%PDF-1.7 not a page", content_type="application/pdf"),
        "/notiz.txt": Route(
            b"title: Kurzmeldung\n\nDie Stadt meldet 12 neue Ladestationen.", content_type="text/plain; charset=utf-8"
        ),
        **{f"/parallel/{n}": Route(PAGES[1].html, delay=0.2) for n in range(6)},
    }


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with NewsSite(_routes()) as running:
        yield running


@pytest.fixture
def options(tmp_path: Path) -> FetchOptions:
    return FetchOptions(cache_dir=tmp_path / "cache", timeout=0.5)


def _read(urls: list[str], options: FetchOptions) -> list[Document | IngestFailure]:
    return list(read_inputs(urls, fetch_options=options))


def test_a_page_is_fetched_politely_and_becomes_its_article(site: NewsSite, options: FetchOptions) -> None:
    url = f"{site.base}/wirtschaft/streik.html"
    (document,) = _read([url], options)
    assert isinstance(document, Document)
    assert_article(document, PAGES[0])
    assert (document.url, document.origin) == (url, url)
    assert site.user_agents == {options.user_agent} and options.user_agent.startswith("claimgraph/")
    assert site.hits["/robots.txt"] == 1


def test_redirects_are_followed_and_the_final_url_kept(site: NewsSite, options: FetchOptions) -> None:
    short = f"{site.base}/kurz/streik"
    (document,) = _read([short], options)
    assert isinstance(document, Document)
    assert (document.url, document.origin) == (f"{site.base}/wirtschaft/streik.html", short)
    (loop,) = _read([f"{site.base}/schleife"], options)
    assert isinstance(loop, IngestFailure) and loop.reason == "fetch_failed" and "redirects" in loop.detail
    assert site.hits["/schleife"] == options.max_redirects + 1


def test_robots_txt_is_honoured_also_after_a_redirect(site: NewsSite, options: FetchOptions) -> None:
    items = _read([f"{site.base}/private/plan.html", f"{site.base}/kurz/geheim"], options)
    assert [(i.reason if isinstance(i, IngestFailure) else "doc") for i in items] == ["robots_disallowed"] * 2
    assert site.hits["/private/plan.html"] == 0 and site.hits["/robots.txt"] == 1


def test_unreachable_robots_txt_forbids_everything(options: FetchOptions) -> None:
    routes = {"/robots.txt": Route(b"down", status=503), "/a.html": Route(PAGES[0].html)}
    with NewsSite(routes) as down:
        (failure,) = _read([f"{down.base}/a.html"], options)
        assert isinstance(failure, IngestFailure) and failure.reason == "robots_disallowed"
        assert down.hits["/a.html"] == 0
    with NewsSite({"/a.html": Route(PAGES[0].html)}) as no_robots:  # a 404 robots.txt allows all
        (document,) = _read([f"{no_robots.base}/a.html"], options)
        assert isinstance(document, Document)


def test_missing_slow_large_and_unsupported_responses_fail_cleanly(site: NewsSite, tmp_path: Path) -> None:
    options = FetchOptions(cache_dir=tmp_path / "cache", timeout=0.3, max_bytes=100_000)
    started = time.monotonic()
    items = _read([f"{site.base}/{p}" for p in ("fehlt", "langsam", "gross", "plan.pdf")], options)
    assert time.monotonic() - started < 2.5, "the slow response must time out, not be waited for"
    reasons = [(i.reason if isinstance(i, IngestFailure) else "doc") for i in items]
    assert reasons == ["not_found", "fetch_failed", "too_large", "unsupported_type"]
    assert isinstance(items[1], IngestFailure) and "timed out" in items[1].detail


def test_text_responses_are_read_as_text(site: NewsSite, options: FetchOptions) -> None:
    (document,) = _read([f"{site.base}/notiz.txt"], options)
    assert isinstance(document, Document)
    assert (document.title, document.url) == ("Kurzmeldung", f"{site.base}/notiz.txt")


def test_a_url_is_fetched_once_then_served_from_the_cache(site: NewsSite, options: FetchOptions) -> None:
    url = f"{site.base}/business/port-strike"
    with Fetcher(options) as fetcher:
        first = fetcher.fetch(url)
    with Fetcher(options) as fetcher:
        second = fetcher.fetch(url)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert first.body == second.body == PAGES[1].html and second.content_type == "text/html"
    assert site.hits["/business/port-strike"] == 1
    (document,) = _read([url], options)
    assert isinstance(document, Document) and document.title == PAGES[1].title
    assert site.hits["/business/port-strike"] == 1
    with Fetcher(FetchOptions(cache_dir=options.cache_dir, use_cache=False)) as fetcher:
        assert fetcher.fetch(url).from_cache is False
    assert site.hits["/business/port-strike"] == 2


def test_parallel_requests_to_one_host_are_capped(site: NewsSite, tmp_path: Path) -> None:
    options = FetchOptions(cache_dir=tmp_path / "cache", per_host=2, workers=6)
    urls = [f"{site.base}/parallel/{n}" for n in range(6)]
    with Fetcher(options) as fetcher:
        results = list(fetcher.fetch_all(urls))
    assert [url for url, _ in results] == urls
    assert all(not isinstance(result, IngestError) for _, result in results)
    assert site.max_parallel == 2  # the cap is reached, never passed


def test_a_file_of_urls(site: NewsSite, options: FetchOptions, tmp_path: Path) -> None:
    listing = tmp_path / "to-read.txt"
    listing.write_text(
        f"# Reading list\n{site.base}/wirtschaft/streik.html\n\nnot a url\n{site.base}/fehlt\n"
        f"{site.base}/business/port-strike\n",
        encoding="utf-8",
    )
    items = _read([str(listing)], options)
    summary = [(i.origin, i.reason) if isinstance(i, IngestFailure) else ("doc", i.title) for i in items]
    assert summary == [
        (f"{listing}:line 4", "invalid_field"),
        ("doc", PAGES[0].title),
        (f"{site.base}/fehlt", "not_found"),
        ("doc", PAGES[1].title),
    ]
    (forced,) = read_inputs([str(listing.with_suffix(".urls"))], fmt="urls")
    assert isinstance(forced, IngestFailure) and forced.reason == "not_found"


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(tmp_path))
    assert default_cache_dir() == tmp_path / "http"
    monkeypatch.delenv("CLAIMGRAPH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "claimgraph" / "http"


def test_cli_ingests_urls(site: NewsSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(tmp_path / "cache"))
    db = f"sqlite:///{tmp_path / 'store.db'}"
    urls = [f"{site.base}/wirtschaft/streik.html", f"{site.base}/private/plan.html"]
    result = CliRunner().invoke(app, ["ingest", *urls, "--db", db, "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "1 new, 0 already known, 1 failed" in result.output and "robots_disallowed: 1" in result.output
    with Store.open(db) as store:
        (stored,) = store.documents()
        assert stored["url"] == urls[0]
    assert (tmp_path / "cache" / "http").is_dir()
