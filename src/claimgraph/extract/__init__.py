"""Claims and quotes out of an annotated document; `extract()` is the one entry point."""

from __future__ import annotations

from claimgraph.extract.options import ExtractOptions
from claimgraph.model import Document, Extraction


def extract(document: Document, options: ExtractOptions | None = None) -> Extraction:
    """Return everything found in `document`: entities, claims and quotes (pure, no I/O)."""
    from claimgraph.extract.engine import run

    return run(document, options or ExtractOptions())


__all__ = ["ExtractOptions", "extract"]
