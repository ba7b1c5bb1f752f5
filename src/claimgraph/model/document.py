"""`Document`: one article as it enters the pipeline, and its identity."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Any

_PUBLISHED = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of `text` (UTF-8): the identity of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(text: str, url: str | None) -> str:
    """Return a document's id: derived from its URL when it has one, else from its text."""
    basis = f"url:{url}" if url else f"text:{text}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


def check_published(published: str | None) -> str | None:
    """Return `published` if it is None or an ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; else raise ValueError."""
    if published is None:
        return None
    published = str(published).strip()
    if not published:
        return None
    if not _PUBLISHED.match(published):
        raise ValueError(f"published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
    return published


@dataclass(slots=True)
class Document:
    """One article: its text and what is known about it (all metadata optional)."""

    text: str
    lang: str | None = field(default=None, kw_only=True)
    published: str | None = field(default=None, kw_only=True)
    url: str | None = field(default=None, kw_only=True)
    title: str | None = field(default=None, kw_only=True)
    outlet: str | None = field(default=None, kw_only=True)
    id: str | None = field(default=None, kw_only=True)
    # The byline, when the source has one (web pages, feeds); in to_dict only when known.
    author: str | None = field(default=None, kw_only=True)
    # Where the document was read from ("path", "path:line 12", "path:row 7", "-"); not part of to_dict.
    origin: str | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Document text must be str, not {type(self.text).__name__}")
        self.published = check_published(self.published)

    @property
    def content_hash(self) -> str:
        """The SHA-256 of the text."""
        return content_hash(self.text)

    def with_identity(self) -> Document:
        """Return this document with `id` filled in (URL-based, else text-based) if it had none."""
        if self.id:
            return self
        return replace(self, id=document_id(self.text, self.url))

    def to_dict(self) -> dict[str, Any]:
        """Return the document as the JSON object DESIGN.md fixes ("author" added when known)."""
        out: dict[str, Any] = {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "lang": self.lang,
            "text": self.text,
        }
        if self.author:
            out["author"] = self.author
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Build a document from `to_dict()` output (unknown keys are ignored)."""
        return cls(
            data["text"],
            lang=data.get("lang"),
            published=data.get("published"),
            url=data.get("url"),
            title=data.get("title"),
            outlet=data.get("outlet"),
            id=data.get("id"),
            author=data.get("author"),
        )
