"""`parse_text_file`: a plain-text article with optional header lines."""

from __future__ import annotations

import re

from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.failures import IngestError
from claimgraph.ingest.fields import optional_lang, parse_published
from claimgraph.ingest.langid import detect_language
from claimgraph.limits import current as current_limits
from claimgraph.limits import line_too_long
from claimgraph.model.document import Document

HEADER_KEYS = ("date", "title", "url", "outlet", "author", "lang")

# The crawl convention: " date 2025-07 Tausende …" — the date, then the body on the same line.
_CRAWL = re.compile(r"\A\s*date:?[ \t]+(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)[ \t]+(?=\S)")
# A header line: a known lower-case key, then ":" or whitespace, then the value.
_HEADER = re.compile(rf"^({'|'.join(HEADER_KEYS)})(?::[ \t]*|[ \t]+)(\S.*)$")
# Without a colon a header line could be a body line starting with the key as a word, so the
# value must look like one: a single token for url and lang.
_BARE_VALUE = {"url": re.compile(r"^\S+$"), "lang": re.compile(r"^[A-Za-z]{2,3}(?:[-_]\w+)?$")}


def _header_line(line: str) -> tuple[str, str] | None:
    """Return (key, value) when `line` is a header line, else None."""
    match = _HEADER.match(line.strip())
    if not match:
        return None
    key, value = match.group(1), match.group(2).strip()
    has_colon = line.strip()[len(key)] == ":"
    pattern = _BARE_VALUE.get(key)
    if not has_colon and pattern is not None and not pattern.match(value):
        return None
    return key, value


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """Return the header fields at the top of `raw` and the remaining body text."""
    crawl = _CRAWL.match(raw)
    if crawl:
        return {"date": crawl.group(1)}, raw[crawl.end() :]
    lines = raw.lstrip().splitlines()
    header: dict[str, str] = {}
    body_start = 0
    for line in lines:
        field = _header_line(line)
        # A repeated key is body text that happens to look like a header, not a second header.
        if field is None or field[0] in header:
            break
        header[field[0]] = field[1]
        body_start += 1
    return header, "\n".join(lines[body_start:])


def parse_text_file(raw: str, origin: str) -> Document:
    """Return the document in the text `raw` read from `origin`; raise IngestError when it has none.

    A text with a line longer than the limit (`claimgraph.limits`) is not an article: IngestError("line_too_long")."""
    too_long = line_too_long(raw, current_limits().max_line_chars)
    if too_long:
        raise IngestError("line_too_long", too_long)
    header, body = split_header(raw)
    text = clean_text(body)
    if not text:
        raise IngestError("empty", "no article text after the header and cleaning")
    published = parse_published(header.get("date"))
    lang = optional_lang(header.get("lang")) or detect_language(text)
    return Document(
        text,
        lang=lang,
        published=published,
        url=header.get("url"),
        title=clean_text(header["title"]) if "title" in header else None,
        outlet=header.get("outlet"),
        author=header.get("author"),
        origin=origin,
    )
