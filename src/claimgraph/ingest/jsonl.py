"""JSON Lines (and `.json`) input: one article an object, `text` required."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.failures import IngestError, IngestFailure
from claimgraph.ingest.fields import optional_lang, optional_str, parse_published
from claimgraph.ingest.langid import detect_language
from claimgraph.limits import current as current_limits
from claimgraph.limits import line_too_long
from claimgraph.model.document import Document


def record_to_document(record: Any, origin: str) -> Document:
    """Return the document in one JSON value; raise IngestError when it is not a usable article object."""
    if not isinstance(record, dict):
        raise IngestError("invalid_json", f"expected a JSON object, got {type(record).__name__}")
    raw_text = record.get("text")
    if raw_text is not None and not isinstance(raw_text, str):
        raise IngestError("invalid_field", f"text must be a string, not {type(raw_text).__name__}")
    too_long = line_too_long(raw_text or "", current_limits().max_line_chars)
    if too_long:
        raise IngestError("line_too_long", f"the text has {too_long}")
    text = clean_text(raw_text or "")
    if not text:
        raise IngestError("missing_text", "the object has no (non-empty) `text`")
    published = record.get("published")
    if published is None:
        published = record.get("date")
    raw_id = record.get("id")
    # Ids are often numbers in exports; they are identifiers all the same.
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    title = optional_str(record.get("title"), "title")
    return Document(
        text,
        lang=optional_lang(record.get("lang")) or detect_language(text),
        published=parse_published(published),
        url=optional_str(record.get("url"), "url"),
        title=clean_text(title) if title else None,
        outlet=optional_str(record.get("outlet"), "outlet"),
        author=optional_str(record.get("author"), "author"),
        id=optional_str(raw_id, "id"),
        origin=origin,
    )


def _one(record: Any, origin: str) -> Document | IngestFailure:
    """Return the document of `record`, or the failure explaining why there is none."""
    try:
        return record_to_document(record, origin)
    except IngestError as exc:
        return exc.to_failure(origin)


def parse_json_lines(text: str, origin: str) -> Iterator[Document | IngestFailure]:
    """Yield a document or failure per non-empty line of JSON Lines `text` (origin "path:line N").

    A line longer than the limit (`claimgraph.limits`) is not parsed: failure "line_too_long"."""
    max_line_chars = current_limits().max_line_chars
    for number, line in enumerate(text.splitlines(), start=1):
        item = parse_json_line(line, f"{origin}:line {number}", max_line_chars)
        if item is not None:
            yield item


def parse_json_line(line: str, where: str, max_line_chars: int | None = None) -> Document | IngestFailure | None:
    """Return the document of one JSON Lines line, its failure, or None for a blank line.

    A line longer than `max_line_chars` (default: the current limit) is not parsed: "line_too_long"."""
    if not line.strip():
        return None
    too_long = line_too_long(line, current_limits().max_line_chars if max_line_chars is None else max_line_chars)
    if too_long:
        return IngestFailure(where, "line_too_long", too_long)
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        # Absurdly deep nesting exhausts the parser's stack; it is bad input all the same.
        return IngestFailure(where, "invalid_json", getattr(exc, "msg", "nested too deeply"))
    return _one(record, where)


def parse_json_text(text: str, origin: str) -> Iterator[Document | IngestFailure]:
    """Yield the documents and failures of a JSON Lines text, a JSON object or a JSON list of objects."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield IngestFailure(origin, "invalid_json", f"line {exc.lineno}: {exc.msg}")
            return
        except RecursionError:
            yield IngestFailure(origin, "invalid_json", "nested too deeply")
            return
        if not isinstance(records, list):  # pragma: no cover - "[" always parses to a list
            records = [records]
        for number, record in enumerate(records, start=1):
            yield _one(record, f"{origin}:item {number}")
        return
    if "\n" in stripped.rstrip():
        # One pretty-printed object spans lines; JSON Lines with several objects fails to parse whole.
        try:
            record = json.loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            pass
        else:
            yield _one(record, origin)
            return
    yield from parse_json_lines(text, origin)
