"""WARC archives: HTML responses become documents; requests, PDFs, redirects, revisits and errors are counted."""

from __future__ import annotations

import io
import zlib
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.cli import app
from claimgraph.ingest import IngestFailure, read_inputs
from claimgraph.model.document import Document
from claimgraph.store import Store
from tests.web_pages import PAGES, assert_article

DE_URL = "https://www.nordrhein-rundschau.example/wirtschaft/streik-bahn-ausweitung-100.html?utm_source=feed"
EN_URL = "https://www.harbourgazette.example/business/2024/nov/05/port-strike-pay-offer"
UNDATED_URL = "https://lokal.example/meldung/brueckensperrung"
UNDATED_PAGE = (
    "<!DOCTYPE html><html lang='de'><head><title>Brücke gesperrt</title></head><body>"
    "<nav><a href='/'>Lokales</a> <a href='/wetter'>Wetter</a></nav><article><h1>Brücke gesperrt</h1>"
    "<p>Die Stadtverwaltung teilte mit, dass die Brücke über den Rhein ab Oktober für drei Monate gesperrt wird.</p>"
    "<p>Nach Angaben der Stadt kostet die Sanierung rund 4 Millionen Euro.</p></article></body></html>"
).encode()
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
EXPECTED_SKIPS = {
    "warcinfo_record": 1,
    "request_record": 1,
    "non_html": 1,
    "http_3xx": 1,
    "revisit": 1,
    "http_4xx": 1,
}


def _http(status: str, content_type: str, extra: list[tuple[str, str]] | None = None) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1")


def write_warc(path: Path, *, gzip: bool) -> None:
    """Write a small crawl: pages, a PDF, a redirect, a revisit and a 404, as a crawler records them."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)

        def response(uri: str, body: bytes, http: StatusAndHeaders, date: str) -> None:
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)

        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimgraph-tests"}))
        request = StatusAndHeaders(
            "GET /wirtschaft/streik-bahn-ausweitung-100.html HTTP/1.1", [("Host", "x")], is_http_request=True
        )
        writer.write_record(writer.create_warc_record(DE_URL, "request", payload=io.BytesIO(b""), length=0, http_headers=request))
        response(DE_URL, PAGES[0].html, _http("200 OK", "text/html; charset=utf-8"), "2025-03-15T08:00:00Z")
        response("https://lokal.example/plan.pdf", PDF, _http("200 OK", "application/pdf"), "2025-03-15T08:01:00Z")
        response(
            "https://lokal.example/alt",
            b"",
            _http("301 Moved Permanently", "text/html", [("Location", UNDATED_URL)]),
            "2025-03-15T08:02:00Z",
        )
        response(UNDATED_URL, UNDATED_PAGE, _http("200 OK", "text/html"), "2025-03-16T09:00:00Z")
        revisit = writer.create_revisit_record(
            DE_URL, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", DE_URL, "2025-03-15T08:00:00Z",
            http_headers=_http("200 OK", "text/html"),
        )
        writer.write_record(revisit)
        response("https://lokal.example/weg", b"<html><body>Nicht gefunden</body></html>", _http("404 Not Found", "text/html"), "2025-03-16T09:01:00Z")
        response(EN_URL, PAGES[1].html, _http("200 OK", "application/xhtml+xml"), "2024-11-06T10:00:00Z")


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_documents_and_the_rest_is_counted(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip)
    skipped: Counter[str] = Counter()
    items = list(read_inputs([str(path)], skipped=skipped))
    assert all(isinstance(item, Document) for item in items)
    german, undated, english = items
    assert isinstance(german, Document) and isinstance(undated, Document) and isinstance(english, Document)
    assert_article(german, PAGES[0])
    assert_article(english, PAGES[1])
    # The URL is the record's; the date the page's own when it has one, else the capture date.
    assert (german.url, english.url, undated.url) == (DE_URL, EN_URL, UNDATED_URL)
    assert (undated.published, undated.title, undated.lang) == ("2025-03-16", "Brücke gesperrt", "de")
    assert "Lokales" not in undated.text and "4 Millionen Euro" in undated.text
    assert german.origin == f"{path}:record 3" and english.origin == f"{path}:record 9"
    assert dict(skipped) == EXPECTED_SKIPS


def test_warc_is_recognised_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "CC-NEWS-20250315-00001"
    write_warc(path, gzip=True)
    docs = [item for item in read_inputs([str(path)]) if isinstance(item, Document)]
    assert [d.url for d in docs] == [DE_URL, UNDATED_URL, EN_URL]


def _record_ends(data: bytes, *, gzip: bool) -> list[int]:
    """Return the offsets where the archive's records (gzip members) end."""
    if not gzip:
        with io.BytesIO(data) as handle:
            archive = ArchiveIterator(handle)
            ends = []
            for _ in archive:
                archive.read_to_end()
                ends.append(archive.get_record_offset() + archive.get_record_length())
            return ends
    ends, position = [], 0
    while position < len(data):
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        member.decompress(data[position:])
        position = len(data) - len(member.unused_data)
        ends.append(position)
    return ends


def _cuts(data: bytes, *, gzip: bool) -> list[int]:
    """Return places to cut an archive that lose data: inside pages, skipped records and record headers."""
    if gzip:
        ends = _record_ends(data, gzip=True)
        starts = [0, *ends[:-1]]
        # Near a member's start (its header), in its middle, and just before its 8-byte trailer.
        return [cut for start, end in zip(starts, ends) for cut in (start + 20, (start + end) // 2, end - 30)]
    return [
        data.index(b"Dockworkers") + 40,
        data.index(b"%PDF") + 500,
        data.index(b"WARC-Type: revisit") + 5,
        data.index(b"404 Not Found"),
        data.index(b"WARC-Type: warcinfo") + 3,
    ]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_a_cut_archive_keeps_what_was_read_and_reports_the_cut(tmp_path: Path, gzip: bool) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, gzip=gzip)
    data = whole.read_bytes()
    reached: set[int] = set()
    for cut in _cuts(data, gzip=gzip):
        path = tmp_path / f"cut-{cut}.warc{'.gz' if gzip else ''}"
        path.write_bytes(data[:cut])
        items = list(read_inputs([str(path)]))
        documents = [i for i in items if isinstance(i, Document)]
        failures = [i for i in items if isinstance(i, IngestFailure)]
        assert failures, f"a cut at byte {cut} went unnoticed"
        assert failures[-1].reason in ("invalid_archive", "empty"), failures[-1]
        # Documents read before the cut are whole and in archive order.
        assert [d.url for d in documents] == [DE_URL, UNDATED_URL, EN_URL][: len(documents)]
        if documents:
            assert documents[0].text == PAGES[0].plain_text
        reached.add(len(documents))
    assert reached >= {0, 2}


def test_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not a web archive\n", encoding="utf-8")
    (failure,) = read_inputs([str(path)])
    assert isinstance(failure, IngestFailure) and failure.reason == "invalid_archive"
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    (nothing,) = read_inputs([str(empty)])
    assert isinstance(nothing, IngestFailure) and nothing.reason == "empty"


def test_cli_ingests_a_warc_and_reports_skipped_records(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "3 new, 0 already known, 0 failed" in result.output
    assert "6 archive records skipped" in result.output and "revisit: 1" in result.output
    with Store.open(db) as store:
        assert store.count_documents() == 3
    again = CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--workers", "1"])
    assert "0 new, 3 already known" in again.output
