"""`read_inputs`: every document (or failure) in files, directories, globs, URLs and standard input.

A file's format comes from `--format`, else its extension, else a look at its first bytes
(HTML, WARC, RSS/Atom, a list of URLs); anything else is read as plain text.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TextIO

from claimgraph.ingest.csv_reader import CsvOptions, parse_csv_text
from claimgraph.ingest.decode import charset_from_content_type, decode_bytes
from claimgraph.ingest.failures import IngestError, IngestFailure
from claimgraph.ingest.feeds import entry_origin, parse_entries, parse_feed
from claimgraph.ingest.fetch import Fetched, Fetcher, FetchOptions, is_url
from claimgraph.ingest.html import parse_html
from claimgraph.ingest.jsonl import parse_json_text
from claimgraph.ingest.text import parse_text_file
from claimgraph.ingest.warc import read_warc
from claimgraph.limits import MAX_FILE_BYTES
from claimgraph.model.document import Document

Item = Document | IngestFailure

STDIN = "-"
FORMATS = ("text", "jsonl", "csv", "html", "warc", "rss", "atom", "feed", "urls")
# --format names that share a reader.
_FORMAT_ALIASES = {"rss": "feed", "atom": "feed"}
EXTENSION_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".urls": "urls",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
# Known extensions whose content is still sniffed: "text" may be a saved page or a URL list.
_SNIFFED_EXTENSIONS = frozenset({".txt", ".text"})
SNIFF_BYTES = 4096
# A file is a list of URLs when its first line and this share of its lines are URLs.
URL_LIST_SHARE = 2 / 3
# At most this many lines decide whether a file is a list of URLs.
_URL_LIST_PROBE_LINES = 50
_GLOB_CHARS = re.compile(r"[*?\[]")
# A page or feed starts (after an XML declaration and comments) with one of these tags.
_MARKUP_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(!doctype\s+html|html|rss|feed|rdf:rdf)\b",
    re.IGNORECASE | re.DOTALL,
)


def format_for(path: str, head: bytes | None = None) -> str:
    """Return the input format of a file: its extension's, else what its first bytes `head` look like, else text."""
    lower = path.lower()
    if lower.endswith((".warc.gz", ".warc.gzip")):
        return "warc"
    extension = os.path.splitext(lower)[1]
    if head is not None and (extension in _SNIFFED_EXTENSIONS or extension not in EXTENSION_FORMATS):
        sniffed = sniff_format(head)
        if sniffed is not None:
            return sniffed
    return EXTENSION_FORMATS.get(extension, "text")


def sniff_format(head: bytes) -> str | None:
    """Return "warc", "html", "feed" or "urls" when the first bytes of a file show that format, else None."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
        except zlib.error:
            return None
        return "warc" if head.startswith(b"WARC/") else None
    if head.startswith(b"WARC/"):
        return "warc"
    head = head.removeprefix(b"\xef\xbb\xbf")
    markup = _MARKUP_START.match(head)
    if markup:
        tag = markup.group(1).lower()
        return "html" if tag.startswith((b"!doctype", b"html")) else "feed"
    return "urls" if _is_url_list(head) else None


def _is_url_list(head: bytes) -> bool:
    """Return True when the non-blank, non-comment lines of `head` are http(s) URLs (the last may be cut)."""
    lines = head.decode("utf-8", errors="replace").splitlines()
    if len(head) >= SNIFF_BYTES:
        lines = lines[:-1]  # the probe may have cut the last line
    entries = [line.strip() for line in lines[:_URL_LIST_PROBE_LINES] if line.strip() and not line.lstrip().startswith("#")]
    # A stray mistyped line does not make a reading list an article; it is reported when read.
    urls = sum(1 for entry in entries if is_url(entry))
    return bool(entries) and is_url(entries[0]) and urls >= URL_LIST_SHARE * len(entries)


def url_list(text: str) -> list[str]:
    """Return the URLs in a file of URLs: one per line, blank lines and `#` comments ignored."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _hidden(name: str) -> bool:
    """Return True for dot-files and dot-directories, which directory reading skips."""
    return name.startswith(".")


def _walk(directory: str) -> Iterator[str | IngestFailure]:
    """Yield the non-hidden files under `directory` in sorted path order, and failures for unreadable folders."""
    errors: list[OSError] = []
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        rel = os.path.relpath(root, directory)
        parts = () if rel == os.curdir else tuple(rel.split(os.sep))
        found.extend((parts + (name,), os.path.join(root, name)) for name in files if not _hidden(name))
    for error in errors:
        yield IngestFailure(str(error.filename or directory), "unreadable", error.strerror or str(error))
    # Sorting by path components keeps a folder's files together, whatever characters names use.
    for _, path in sorted(found):
        yield path


def expand_path(path: str) -> Iterator[str | IngestFailure]:
    """Yield the files a path argument names (file, directory, glob), or a "not_found" failure."""
    if os.path.isdir(path):
        yield from _walk(path)
    elif os.path.lexists(path):
        yield path
    elif _GLOB_CHARS.search(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield IngestFailure(path, "not_found", "no file matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            else:
                yield match
    else:
        yield IngestFailure(path, "not_found", "no such file or directory")


class _Session:
    """What one `read_inputs` call shares: fetch settings, the skip counter, and one `Fetcher` made on first use."""

    def __init__(self, fetch_options: FetchOptions | None, fetch_links: bool, skipped: Counter[str] | None) -> None:
        self.fetch_options = fetch_options
        self.fetch_links = fetch_links
        self.skipped: Counter[str] = skipped if skipped is not None else Counter()
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.fetch_options)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)


def _parse(text: str, origin: str, fmt: str, csv_options: CsvOptions | None) -> Iterator[Item]:
    """Yield the documents and failures in decoded `text` read as format `fmt` (text, jsonl or csv)."""
    if fmt == "jsonl":
        yield from parse_json_text(text, origin)
    elif fmt == "csv":
        yield from parse_csv_text(text, origin, csv_options)
    else:
        try:
            yield parse_text_file(text, origin)
        except IngestError as exc:
            yield exc.to_failure(origin)


def _read_urls(urls: Iterable[str], session: _Session) -> Iterator[Item]:
    """Yield the documents of the pages (or feeds) at `urls`, fetched a few at a time, in order."""
    for url, fetched in session.fetcher.fetch_all(urls):
        if isinstance(fetched, IngestError):
            yield fetched.to_failure(url)
        else:
            yield from _fetched_items(fetched, session)


def _fetched_items(fetched: Fetched, session: _Session) -> Iterator[Item]:
    """Yield what a fetched response holds: a page's article, a feed's entries, a text file's document."""
    media_type = (fetched.content_type or "").split(";")[0].strip().lower()
    charset = charset_from_content_type(fetched.content_type)
    kind = sniff_format(fetched.body[:SNIFF_BYTES])
    if media_type in _FEED_TYPES and kind != "html" or media_type not in _HTML_TYPES and kind == "feed":
        yield from _feed_items(fetched.body, fetched.url, session)
        return
    try:
        if media_type in _HTML_TYPES or kind == "html":
            yield parse_html(fetched.body, fetched.url, url=fetched.final_url, declared_charset=charset)
        elif media_type == "text/plain":
            document = parse_text_file(decode_bytes(fetched.body, fetched.url, declared=charset), fetched.url)
            yield dataclasses.replace(document, url=document.url or fetched.final_url)
        else:
            raise IngestError("unsupported_type", f"{media_type or 'no content type'} is not a page, feed or text")
    except IngestError as exc:
        yield exc.to_failure(fetched.url)


def _feed_items(data: bytes, origin: str, session: _Session) -> Iterator[Item]:
    """Yield a feed's entries as documents, or with `fetch_links` the pages they link to."""
    if not session.fetch_links:
        yield from parse_feed(data, origin)
        return
    try:
        _, entries = parse_entries(data, origin)
    except IngestError as exc:
        yield exc.to_failure(origin)
        return
    links: list[str] = []
    for index, entry in enumerate(entries, start=1):
        link = entry.get("link")
        if link and is_url(link):
            links.append(link)
        else:
            yield IngestFailure(entry_origin(origin, index), "missing_text", "the entry has no link to fetch")
    yield from _read_urls(links, session)


def _read_head(path: str) -> bytes | None:
    """Return the first bytes of `path` for sniffing, None when it cannot be read (reading it reports why)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except OSError:
        return None


def _read_bytes(path: str, max_file_bytes: int) -> bytes:
    """Return the bytes of `path`; raise IngestError for missing, special, unreadable or too large files."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise IngestError("not_found", "no such file (or a broken link)") from exc
    except OSError as exc:
        raise IngestError("unreadable", exc.strerror or str(exc)) from exc
    if not os.path.isfile(path):
        raise IngestError("unreadable", "not a regular file")
    if info.st_size > max_file_bytes:
        raise IngestError("too_large", f"{info.st_size} bytes, over the limit of {max_file_bytes}")
    try:
        with open(path, "rb") as handle:
            # One byte past the limit tells a file that grew since stat() without reading it all.
            data = handle.read(max_file_bytes + 1)
    except OSError as exc:
        raise IngestError("unreadable", exc.strerror or str(exc)) from exc
    if len(data) > max_file_bytes:
        raise IngestError("too_large", f"over the limit of {max_file_bytes} bytes")
    return data


def _read_file(
    path: str, fmt: str | None, csv_options: CsvOptions | None, max_file_bytes: int, session: _Session
) -> Iterator[Item]:
    """Yield the documents and failures in one file (see `read_file`)."""
    chosen = _FORMAT_ALIASES.get(fmt, fmt) if fmt else format_for(path, _read_head(path))
    if chosen == "warc":
        # Archives are streamed record by record, so the file size limit does not apply.
        yield from read_warc(path, skipped=session.skipped)
        return
    try:
        data = _read_bytes(path, max_file_bytes)
        if chosen == "html":
            yield parse_html(data, path)
            return
        if chosen == "feed":
            yield from _feed_items(data, path, session)
            return
        text = decode_bytes(data, path)
    except IngestError as exc:
        yield exc.to_failure(path)
        return
    if chosen == "urls":
        yield from _url_file_items(text, path, session)
        return
    if chosen == "csv" and path.lower().endswith(".tsv"):
        options = csv_options or CsvOptions()
        if options.delimiter is None:
            csv_options = dataclasses.replace(options, delimiter="\t")
    yield from _parse(text, path, chosen, csv_options)


def _url_file_items(text: str, origin: str, session: _Session) -> Iterator[Item]:
    """Yield the documents of the URLs listed in `text`, and a failure for each line that is not a URL."""
    urls: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if is_url(entry):
            urls.append(entry)
        else:
            yield IngestFailure(f"{origin}:line {number}", "invalid_field", f"not an http(s) URL: {entry[:200]!r}")
    yield from _read_urls(urls, session)


def read_file(
    path: str,
    *,
    fmt: str | None = None,
    csv_options: CsvOptions | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
    fetch_options: FetchOptions | None = None,
    fetch_links: bool = False,
    skipped: Counter[str] | None = None,
) -> Iterator[Item]:
    """Yield the documents and failures in one file, its format from `fmt`, its extension or its first bytes."""
    session = _Session(fetch_options, fetch_links, skipped)
    try:
        yield from _read_file(path, fmt, csv_options, max_file_bytes, session)
    finally:
        session.close()


def read_stdin(
    stream: TextIO,
    *,
    fmt: str | None = None,
    csv_options: CsvOptions | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
    session: _Session | None = None,
) -> Iterator[Item]:
    """Yield the documents and failures on `stream`: JSON Lines when it starts with "{", a page, feed or
    URL list when it looks like one, else text (unless `fmt`)."""
    try:
        text = stream.read(max_file_bytes + 1)
    except UnicodeDecodeError as exc:
        yield IngestFailure(STDIN, "encoding", f"standard input is not in its encoding: {exc.reason}")
        return
    except OSError as exc:
        yield IngestFailure(STDIN, "unreadable", exc.strerror or str(exc))
        return
    if len(text) > max_file_bytes:
        yield IngestFailure(STDIN, "too_large", f"over the limit of {max_file_bytes} characters")
        return
    if not text.strip():
        yield IngestFailure(STDIN, "empty", "standard input has no content")
        return
    chosen = _FORMAT_ALIASES.get(fmt, fmt) if fmt else None
    if chosen is None:
        sniffed = sniff_format(text[:SNIFF_BYTES].encode("utf-8"))
        chosen = "jsonl" if text.lstrip().startswith("{") else sniffed if sniffed != "warc" else None
    own = session or _Session(None, False, None)
    try:
        if chosen == "warc":
            yield IngestFailure(STDIN, "unknown_format", "a WARC archive must be a file, not standard input")
        elif chosen == "html":
            try:
                yield parse_html(text, STDIN)
            except IngestError as exc:
                yield exc.to_failure(STDIN)
        elif chosen == "feed":
            yield from _feed_items(text.encode("utf-8"), STDIN, own)
        elif chosen == "urls":
            yield from _url_file_items(text, STDIN, own)
        else:
            yield from _parse(text, STDIN, chosen or "text", csv_options)
    finally:
        if session is None:
            own.close()


def read_inputs(
    paths: Iterable[str],
    *,
    fmt: str | None = None,
    csv_options: CsvOptions | None = None,
    stdin: TextIO | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
    fetch_options: FetchOptions | None = None,
    fetch_links: bool = False,
    skipped: Counter[str] | None = None,
) -> Iterator[Item]:
    """Yield every document and every failure in `paths`, never raising for bad input.

    A path is a file, folder or glob, "-" for standard input, or an http(s) URL (fetched under
    `fetch_options`). Feeds yield their entries, or with `fetch_links` the pages they link to.
    Archive records passed over on purpose (revisits, redirects, non-HTML) are counted in `skipped`.
    """
    session = _Session(fetch_options, fetch_links, skipped)
    try:
        for path in paths:
            if fmt is not None and fmt not in FORMATS:
                yield IngestFailure(path, "unknown_format", f"format {fmt!r} is not one of {', '.join(FORMATS)}")
                continue
            if path == STDIN:
                stream = stdin or sys.stdin
                yield from read_stdin(
                    stream, fmt=fmt, csv_options=csv_options, max_file_bytes=max_file_bytes, session=session
                )
                continue
            if is_url(path):
                yield from _read_urls([path], session)
                continue
            for found in expand_path(path):
                if isinstance(found, IngestFailure):
                    yield found
                else:
                    yield from _read_file(found, fmt, csv_options, max_file_bytes, session)
    finally:
        session.close()


# Formats whose reading is costly or has side effects (network, multi-gigabyte archives).
_SINGLE_PASS_FORMATS = frozenset({"warc", "feed", "rss", "atom", "urls"})


def needs_single_pass(paths: Iterable[str], fmt: str | None = None) -> bool:
    """Return True when `paths` should be read only once: standard input, URLs, archives, feeds, URL lists.

    A caller that would read the inputs twice (say, to count them for a progress bar) should not."""
    if fmt in _SINGLE_PASS_FORMATS:
        return True
    for path in paths:
        if path == STDIN or is_url(path):
            return True
        for found in expand_path(path):
            if isinstance(found, str) and (fmt or format_for(found, _read_head(found))) in _SINGLE_PASS_FORMATS:
                return True
    return False
