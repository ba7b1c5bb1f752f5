"""`parse_feed`: RSS 2.0, RSS 1.0 and Atom feeds with feedparser, one document per entry.

An entry's full content is used when the feed carries it, else its summary; the entry's link
and date become the document's URL and publication date, the feed's title its outlet.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser

from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.failures import IngestError, IngestFailure
from claimgraph.ingest.fields import optional_lang
from claimgraph.ingest.html import html_fragment_text
from claimgraph.ingest.langid import detect_language
from claimgraph.model.document import Document

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def entry_origin(origin: str, index: int) -> str:
    """Return where entry number `index` (1-based) of a feed read from `origin` is."""
    return f"{origin}:entry {index}"


def _entry_date(entry: Any) -> str | None:
    """Return the entry's publication (else update) day as YYYY-MM-DD, or None."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if isinstance(stamp, time.struct_time):
            return time.strftime("%Y-%m-%d", stamp)
    return None


def _entry_text(entry: Any) -> str:
    """Return the entry's text: the longest full content when present, else the summary."""
    contents = [c for c in entry.get("content") or () if c.get("value")]
    if contents:
        chosen = max(contents, key=lambda c: len(c["value"]))
        value, kind = chosen["value"], chosen.get("type", "text/html")
    else:
        detail = entry.get("summary_detail") or {}
        value, kind = entry.get("summary") or "", detail.get("type", "text/html")
    return html_fragment_text(value) if kind in _HTML_TYPES else clean_text(value)


def _lang(*values: Any) -> str | None:
    for value in values:
        try:
            lang = optional_lang(value) if isinstance(value, str) else None
        except IngestError:
            continue
        if lang:
            return lang
    return None


def parse_entries(data: bytes, origin: str) -> tuple[dict[str, Any], list[Any]]:
    """Return the feed's header and its entries; raise IngestError("invalid_feed") when it is not a feed."""
    # Bytes, never a URL or a path: given a string feedparser would fetch or open it.
    try:
        parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # feedparser reports most problems as "bozo", but not all
        raise IngestError("invalid_feed", f"{type(exc).__name__}: {exc}") from exc
    # A damaged feed with entries still yields them; without any it is reported as broken.
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        detail = f"{type(problem).__name__}: {problem}" if problem else "no RSS or Atom feed found"
        raise IngestError("invalid_feed", detail)
    return parsed.feed, list(parsed.entries)


def entry_document(entry: Any, feed: dict[str, Any], origin: str) -> Document:
    """Return the document of one feed entry; raise IngestError("missing_text") when it has neither content nor summary."""
    text = _entry_text(entry)
    if not text:
        raise IngestError("missing_text", "the entry has neither content nor a summary")
    contents = entry.get("content") or [{}]
    title = clean_text(entry.get("title") or "") or None
    return Document(
        text,
        lang=_lang(contents[0].get("language"), entry.get("language"), feed.get("language"))
        or detect_language(text),
        published=_entry_date(entry),
        url=entry.get("link") or None,
        title=title,
        outlet=clean_text(feed.get("title") or "") or None,
        author=clean_text(entry.get("author") or "") or None,
        origin=origin,
    )


def parse_feed(data: bytes, origin: str) -> Iterator[Document | IngestFailure]:
    """Yield one document per entry of the feed in `data`, or failures for the feed or for empty entries."""
    try:
        feed, entries = parse_entries(data, origin)
    except IngestError as exc:
        yield exc.to_failure(origin)
        return
    if not entries:
        yield IngestFailure(origin, "empty", "the feed has no entries")
    for index, entry in enumerate(entries, start=1):
        where = entry_origin(origin, index)
        try:
            yield entry_document(entry, feed, where)
        except IngestError as exc:
            yield exc.to_failure(where)
