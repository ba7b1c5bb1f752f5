"""`read_warc`: every HTML page in a WARC archive (`.warc`, `.warc.gz`), streamed record by record.

Only successful HTML `response` records become documents, with the record's target URI as URL
and the page's own date (else the record's capture date). Everything else is counted by reason
in `skipped` and passed over without reading it into memory.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from claimgraph.ingest.decode import charset_from_content_type
from claimgraph.ingest.failures import IngestError, IngestFailure
from claimgraph.ingest.fields import parse_published
from claimgraph.ingest.html import parse_html
from claimgraph.model.document import Document

# One page bigger than this is not an article; it is skipped unread.
MAX_RECORD_BYTES = 20 * 1024 * 1024
READ_CHUNK = 1024 * 1024
# The blank line (CRLF CRLF) that closes each record of an uncompressed archive.
RECORD_SEPARATOR = 4
GZIP_MAGIC = b"\x1f\x8b"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def record_origin(path: str, number: int) -> str:
    """Return where record `number` (1-based) of the archive at `path` is."""
    return f"{path}:record {number}"


def _skip_reason(record: ArcWarcRecord) -> str | None:
    """Return why a record is not a page to read ("revisit", "non_html", "http_4xx", …), None when it is one."""
    if record.rec_type == "revisit":
        return "revisit"
    if record.rec_type != "response":
        return f"{record.rec_type}_record"
    if record.http_headers is None:
        return "not_http"
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return f"http_{status[:1] or '?'}xx"
    media_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media_type not in HTML_TYPES:
        return "non_html"
    return None


def _cut_short(record: ArcWarcRecord) -> bool:
    """Return True when the archive ended before the record's declared length (a cut or partial download)."""
    return getattr(record.raw_stream, "limit", 0) > 0


def _ending_problem(archive: ArchiveIterator, last: ArcWarcRecord | None, file_size: int, gzipped: bool) -> str | None:
    """Return how the archive ended early (a cut file or a partial download), None when it ended cleanly.

    warcio stops quietly at a record cut inside its headers, so the end is checked here: the last
    record must be whole and must end where the file does."""
    if last is not None and (_cut_short(last) or last.rec_headers.get_header("Content-Length") is None):
        return "the archive ends inside the last record: it was cut short"
    # Where the last whole record ends; an uncompressed record's closing blank line is not counted.
    if archive.member_info is None:
        read_up_to = archive.offset
    else:
        read_up_to = sum(archive.member_info) + (0 if gzipped else RECORD_SEPARATOR)
    if read_up_to < file_size:
        return f"{file_size - read_up_to} bytes at the end are not a whole record: the archive was cut short"
    return None


def _record_date(record: ArcWarcRecord) -> str | None:
    try:
        return parse_published(record.rec_headers.get_header("WARC-Date"))
    except IngestError:
        return None


def _record_document(record: ArcWarcRecord, origin: str, max_record_bytes: int) -> Document:
    """Return the article of an HTML response record; raise IngestError when it has none."""
    length = record.rec_headers.get_header("Content-Length") or ""
    if length.isdigit() and int(length) > max_record_bytes:
        raise IngestError("too_large", f"record of {length} bytes, over the limit of {max_record_bytes}")
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(READ_CHUNK):
        size += len(chunk)
        if size > max_record_bytes:
            raise IngestError("too_large", f"page over the limit of {max_record_bytes} bytes")
        chunks.append(chunk)
    if _cut_short(record):
        raise IngestError("invalid_archive", f"the archive ends inside this record, after {size} bytes of its page")
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    charset = charset_from_content_type(record.http_headers.get_header("Content-Type"))
    return parse_html(b"".join(chunks), origin, url=url, published=_record_date(record), declared_charset=charset)


def read_warc(
    path: str,
    *,
    skipped: Counter[str] | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[Document | IngestFailure]:
    """Yield a document per HTML page in the WARC at `path`, failures for bad pages and a damaged archive.

    Records that are not pages (requests, metadata, revisits, redirects, errors, PDFs, images)
    are counted in `skipped` by reason.
    """
    skipped = skipped if skipped is not None else Counter()
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield IngestFailure(path, "unreadable", exc.strerror or str(exc))
        return
    number = 0
    last: ArcWarcRecord | None = None
    gzipped = handle.read(2) == GZIP_MAGIC
    handle.seek(0)
    archive = ArchiveIterator(handle)
    records = iter(archive)
    try:
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:
                # What was read so far stands; the rest of a damaged or cut archive is reported once.
                yield IngestFailure(path, "invalid_archive", f"after record {number}: {type(exc).__name__}: {exc}")
                return
            number += 1
            last = record
            reason = _skip_reason(record)
            if reason is not None:
                skipped[reason] += 1
                continue
            origin = record_origin(path, number)
            try:
                yield _record_document(record, origin, max_record_bytes)
            except IngestError as exc:
                yield exc.to_failure(origin)
                if exc.reason == "invalid_archive":
                    last = None  # the cut is reported already
        if number == 0:
            yield IngestFailure(path, "empty", "the archive has no records")
            return
        problem = _ending_problem(archive, last, os.fstat(handle.fileno()).st_size, gzipped)
        if problem is not None:
            yield IngestFailure(path, "invalid_archive", f"after record {number}: {problem}")
    finally:
        handle.close()
