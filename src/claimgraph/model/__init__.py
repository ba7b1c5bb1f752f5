"""The data classes every layer shares: documents, spans, entities and what is claimed of them."""

from claimgraph.model.document import Document, content_hash, document_id
from claimgraph.model.records import (
    Claim,
    Entity,
    Extraction,
    Mention,
    Quantity,
    Quote,
    Source,
    Span,
    TimeExpr,
)

__all__ = [
    "Claim",
    "Document",
    "Entity",
    "Extraction",
    "Mention",
    "Quantity",
    "Quote",
    "Source",
    "Span",
    "TimeExpr",
    "content_hash",
    "document_id",
]
