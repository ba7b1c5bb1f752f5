"""Turning an Extraction into table rows (plain dicts ready for executemany)."""

from __future__ import annotations

from typing import Any

from claimgraph.model import Claim, Document, Extraction, Quote

Row = dict[str, Any]


def claim_id(doc_id: str, seq: int) -> str:
    """Return the store-wide id of the `seq`-th (1-based) claim of a document."""
    return f"{doc_id}:c{seq}"


def quote_id(doc_id: str, seq: int) -> str:
    """Return the store-wide id of the `seq`-th (1-based) quote of a document."""
    return f"{doc_id}:q{seq}"


def document_row(doc: Document, ingested_at: str) -> Row:
    """Return the `documents` row of an identified document."""
    return {
        "id": doc.id,
        "content_hash": doc.content_hash,
        "url": doc.url,
        "title": doc.title,
        "outlet": doc.outlet,
        "author": doc.author,
        "published": doc.published,
        "lang": doc.lang,
        "text": doc.text,
        # Document may predate or drop `origin`; the column is nullable either way.
        "origin": getattr(doc, "origin", None),
        "ingested_at": ingested_at,
    }


def entity_rows(extraction: Extraction) -> list[Row]:
    """Return one `entities` row per distinct entity key of the extraction (first seen wins)."""
    out: dict[str, Row] = {}
    for entity in extraction.entities:
        out.setdefault(
            entity.key,
            {
                "key": entity.key,
                "name": entity.name,
                "type": entity.type,
                "country": entity.country,
                "kind": entity.kind,
                "wikidata": entity.wikidata,
                "known": bool(entity.known),
            },
        )
    return list(out.values())


def mention_rows(doc_id: str, extraction: Extraction, entity_ids: dict[str, int]) -> list[Row]:
    """Return the `mentions` rows of the extraction, numbered in extraction order."""
    out: list[Row] = []
    for entity in extraction.entities:
        for mention in entity.mentions:
            out.append(
                {
                    "document_id": doc_id,
                    "entity_id": entity_ids[entity.key],
                    "seq": len(out) + 1,
                    "start": mention.span.start,
                    "end": mention.span.end,
                    "text": mention.span.text,
                    "form": mention.form,
                }
            )
    return out


def claim_row(doc_id: str, seq: int, claim: Claim) -> Row:
    """Return the `claims` row of the document's claim number `seq` (1-based)."""
    q, t, ev, sent = claim.quantity, claim.time, claim.evidence, claim.sentence
    # Missing parts become NULLs rather than AttributeErrors: the NOT NULL constraints then
    # reject an incomplete claim inside the transaction, which is rolled back as a whole.
    return {
        "id": claim_id(doc_id, seq),
        "document_id": doc_id,
        "seq": seq,
        "kind": claim.kind,
        "actor": claim.actor,
        "target": claim.target,
        "quantity_min": None if q is None or q.min is None else float(q.min),
        "quantity_max": None if q is None or q.max is None else float(q.max),
        "unit": q.unit if q else None,
        "noun": q.noun if q else None,
        "quantity_start": q.span.start if q and q.span else None,
        "quantity_end": q.span.end if q and q.span else None,
        "time_value": t.value if t else None,
        "time_after": t.after if t else None,
        "time_before": t.before if t else None,
        "time_start": t.span.start if t and t.span else None,
        "time_end": t.span.end if t and t.span else None,
        "place": claim.place,
        "modality": claim.modality,
        "evidence_start": ev.start if ev else None,
        "evidence_end": ev.end if ev else None,
        "evidence_text": ev.text if ev else None,
        "sentence_start": sent.start if sent else None,
        "sentence_end": sent.end if sent else None,
    }


def claim_rows(doc_id: str, extraction: Extraction) -> tuple[list[Row], list[Row]]:
    """Return the `claims` rows and the `claim_sources` rows of the extraction."""
    claims: list[Row] = []
    sources: list[Row] = []
    for seq, claim in enumerate(extraction.claims, start=1):
        row = claim_row(doc_id, seq, claim)
        claims.append(row)
        for position, source in enumerate(claim.sources):
            sources.append(
                {
                    "claim_id": row["id"],
                    "position": position,
                    "name": source.name,
                    "country": source.country,
                    "kind": source.kind,
                    "start": source.span.start if source.span else None,
                    "end": source.span.end if source.span else None,
                }
            )
    return claims, sources


def quote_row(doc_id: str, seq: int, quote: Quote) -> Row:
    """Return the `quotes` row of the document's quote number `seq` (1-based)."""
    return {
        "id": quote_id(doc_id, seq),
        "document_id": doc_id,
        "seq": seq,
        "speaker": quote.speaker,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker_start": quote.speaker_span.start if quote.speaker_span else None,
        "speaker_end": quote.speaker_span.end if quote.speaker_span else None,
    }


def quote_rows(doc_id: str, extraction: Extraction) -> list[Row]:
    """Return the `quotes` rows of the extraction."""
    return [quote_row(doc_id, seq, quote) for seq, quote in enumerate(extraction.quotes, start=1)]