"""`IngestFailure`: an input that could not become a document, and the error readers raise for it."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.errors import InputError

# The short machine words a failure's `reason` may take.
REASONS = frozenset(
    {
        "binary",
        "empty",
        "encoding",
        "too_large",
        "line_too_long",
        "invalid_json",
        "missing_text",
        "invalid_field",
        "unreadable",
        "not_found",
        "unknown_format",
        # Web inputs (HTML pages, WARC archives, feeds, URLs).
        "no_article",
        "invalid_archive",
        "invalid_feed",
        "fetch_failed",
        "robots_disallowed",
        "unsupported_type",
    }
)


@dataclass(frozen=True)
class IngestFailure:
    """One input (a file, a line, a row) that was skipped, with a machine reason and a human detail."""

    origin: str
    reason: str
    detail: str


class IngestError(InputError):
    """Raised inside a reader for one bad input; `read_inputs` turns it into an `IngestFailure`."""

    def __init__(self, reason: str, detail: str) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown ingest failure reason {reason!r}")
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail

    def to_failure(self, origin: str) -> IngestFailure:
        """Return this error as an `IngestFailure` located at `origin`."""
        return IngestFailure(origin=origin, reason=self.reason, detail=self.detail)
