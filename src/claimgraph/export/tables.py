"""The flat tables an extraction becomes: documented columns, rows out, extractions back.

One definition serves every flat output: `claimgraph export` (JSON Lines, CSV, Parquet) and
the Spark job's Parquet datasets. Each table is a tuple of `Column`s (name, type, meaning);
`rows_of(extraction)` gives the rows of every table, and `extraction_from_rows` rebuilds the
Extraction from them, so a Parquet dataset loads back into a store without loss.

Claims are flattened with one column per field. Their attribution chain is kept twice: as
text joined in chain order, outermost source first (`sources` = "CNN ← Main Directorate of
Intelligence (Ukraine)", with `source_countries` and `source_kinds` aligned the same way), and
losslessly with offsets as JSON (`sources_json`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from claimgraph.model import (
    Claim,
    Document,
    Entity,
    Extraction,
    Mention,
    Quantity,
    Quote,
    Source,
    Span,
    TimeExpr,
)
from claimgraph.store import rows as store_rows

CHAIN_SEPARATOR = " ← "

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of a flat table: its name, its type (string, int, float, bool) and its meaning."""

    name: str
    type: str
    doc: str


def _cols(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


DOCUMENTS = _cols(
    ("id", "string", "document id: from the URL when there is one, else from the text"),
    ("url", "string", "where the article was published"),
    ("title", "string", "headline"),
    ("outlet", "string", "publishing outlet"),
    ("author", "string", "byline, when the page or feed gave one"),
    ("published", "string", "publication date, YYYY, YYYY-MM or YYYY-MM-DD"),
    ("lang", "string", "language code (de, en, ...)"),
    ("content_hash", "string", "SHA-256 of the cleaned text"),
    ("text", "string", "the cleaned text every offset refers to"),
    ("origin", "string", "where the input was read from (file, line, row)"),
)

CLAIMS = _cols(
    ("id", "string", "claim id: {document_id}:c{seq}"),
    ("document_id", "string", "the document the claim is in"),
    ("seq", "int", "1-based position of the claim in its document"),
    ("kind", "string", "deploy, killed, wounded, casualties, captured, displaced, attack, intercepted, supply, labor, sanction, statement, measure"),
    ("actor", "string", "who acts (canonical name)"),
    ("target", "string", "who receives or suffers it"),
    ("quantity_min", "float", "lower bound of the figure (empty when open)"),
    ("quantity_max", "float", "upper bound of the figure (empty when open)"),
    ("unit", "string", "what is counted: soldier, civilian, drone, money, ..."),
    ("noun", "string", "the counted noun as written"),
    ("quantity_start", "int", "offset of the figure in the text"),
    ("quantity_end", "int", "end offset of the figure"),
    ("quantity_text", "string", "the figure as written"),
    ("time_value", "string", "normalised time point (ISO)"),
    ("time_after", "string", "open interval: after this date"),
    ("time_before", "string", "open interval: before this date"),
    ("time_start", "int", "offset of the time expression"),
    ("time_end", "int", "end offset of the time expression"),
    ("time_text", "string", "the time expression as written"),
    ("place", "string", "where it happened"),
    ("modality", "string", "asserted, hedged or negated"),
    ("sources", "string", "attribution chain, outermost first, joined with ' ← '"),
    ("source_countries", "string", "each source's country in chain order, joined with ' ← '"),
    ("source_kinds", "string", "each source's kind in chain order, joined with ' ← '"),
    ("n_sources", "int", "length of the attribution chain (0: the article asserts it itself)"),
    ("sources_json", "string", "the chain as JSON: [{name, country, kind, span}] in chain order"),
    ("evidence_start", "int", "offset of the words the claim was read from"),
    ("evidence_end", "int", "end offset of the evidence"),
    ("evidence_text", "string", "the evidence words"),
    ("sentence_start", "int", "offset of the claim's sentence"),
    ("sentence_end", "int", "end offset of the sentence"),
    ("published", "string", "the document's publication date"),
    ("lang", "string", "the document's language"),
)

QUOTES = _cols(
    ("id", "string", "quote id: {document_id}:q{seq}"),
    ("document_id", "string", "the document the quote is in"),
    ("seq", "int", "1-based position of the quote in its document"),
    ("speaker", "string", "who is quoted (canonical name; empty when unknown)"),
    ("text", "string", "the quoted words"),
    ("start", "int", "offset of the quoted words"),
    ("end", "int", "end offset of the quoted words"),
    ("speaker_start", "int", "offset of the words naming the speaker"),
    ("speaker_end", "int", "end offset of the words naming the speaker"),
    ("speaker_text", "string", "the speaker as written"),
)

MENTIONS = _cols(
    ("document_id", "string", "the document the mention is in"),
    ("seq", "int", "1-based position of the mention (entity order, then mention order)"),
    ("entity_seq", "int", "1-based position of the entity in its document (order of first mention)"),
    ("entity_key", "string", "entity identity across documents: {type}:{name}"),
    ("name", "string", "canonical entity name"),
    ("type", "string", "person, org, country or place"),
    ("country", "string", "the entity's country"),
    ("kind", "string", "finer type (media, intelligence, city, ...)"),
    ("wikidata", "string", "Wikidata id, when known"),
    ("known", "bool", "in the gazetteer (true) or found by context (false)"),
    ("start", "int", "offset of the mention"),
    ("end", "int", "end offset of the mention"),
    ("text", "string", "the mention as written"),
    ("form", "string", "how it is named: name, alias, demonym, capital, ..."),
)

ENTITIES = _cols(
    ("document_id", "string", "the document the entity is named in"),
    ("entity_seq", "int", "1-based position of the entity in its document"),
    ("entity_key", "string", "entity identity across documents: {type}:{name}"),
    ("name", "string", "canonical entity name"),
    ("type", "string", "person, org, country or place"),
    ("country", "string", "the entity's country"),
    ("kind", "string", "finer type"),
    ("wikidata", "string", "Wikidata id, when known"),
    ("known", "bool", "in the gazetteer (true) or found by context (false)"),
    ("mentions", "int", "how often the document names it"),
    ("aliases", "string", "the distinct forms used, joined with ' | '"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "documents": DOCUMENTS,
    "claims": CLAIMS,
    "quotes": QUOTES,
    "mentions": MENTIONS,
    "entities": ENTITIES,
}
"""Every flat table by name, in the order they are written."""


def _span_cols(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (span.start, span.end, span.text) if span else (None, None, None)


def _joined(values: Iterable[str | None]) -> str | None:
    parts = [v or "" for v in values]
    return CHAIN_SEPARATOR.join(parts) if parts else None


def document_row(document: Document) -> Row:
    """Return the `documents` row of a document."""
    return {
        "id": document.id,
        "url": document.url,
        "title": document.title,
        "outlet": document.outlet,
        "author": document.author,
        "published": document.published,
        "lang": document.lang,
        "content_hash": document.content_hash,
        "text": document.text,
        "origin": document.origin,
    }


def claim_row(document: Document, seq: int, claim: Claim) -> Row:
    """Return the flat `claims` row of the document's claim number `seq` (1-based): the store's
    columns, plus the words of figure and time, the chain joined, and the document's date and language."""
    quantity = claim.quantity
    time = claim.time
    return {
        **store_rows.claim_row(str(document.id), seq, claim),
        "quantity_text": _span_cols(quantity.span if quantity else None)[2],
        "time_text": _span_cols(time.span if time else None)[2],
        "sources": _joined(s.name for s in claim.sources),
        "source_countries": _joined(s.country for s in claim.sources),
        "source_kinds": _joined(s.kind for s in claim.sources),
        "n_sources": len(claim.sources),
        "sources_json": json.dumps([s.to_dict() for s in claim.sources], ensure_ascii=False),
        "published": document.published,
        "lang": document.lang,
    }


def quote_row(document: Document, seq: int, quote: Quote) -> Row:
    """Return the `quotes` row of the document's quote number `seq` (1-based): the store's columns
    and the speaker's words."""
    return {**store_rows.quote_row(str(document.id), seq, quote), "speaker_text": _span_cols(quote.speaker_span)[2]}


def _entity_cols(entity: Entity) -> Row:
    return {
        "entity_key": entity.key,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "kind": entity.kind,
        "wikidata": entity.wikidata,
        "known": entity.known,
    }


def mention_rows(document: Document, entities: Iterable[Entity]) -> list[Row]:
    """Return one `mentions` row per mention, entity by entity, with the entity's columns."""
    out: list[Row] = []
    for entity_seq, entity in enumerate(entities, 1):
        cols = _entity_cols(entity)
        for mention in entity.mentions:
            out.append(
                {
                    "document_id": document.id,
                    "seq": len(out) + 1,
                    "entity_seq": entity_seq,
                    **cols,
                    "start": mention.span.start,
                    "end": mention.span.end,
                    "text": mention.span.text,
                    "form": mention.form,
                }
            )
    return out


def entity_rows(document: Document, entities: Iterable[Entity]) -> list[Row]:
    """Return one `entities` row per entity of the document, with its mention count and aliases."""
    return [
        {
            "document_id": document.id,
            "entity_seq": entity_seq,
            **_entity_cols(entity),
            "mentions": len(entity.mentions),
            "aliases": " | ".join(sorted({m.span.text for m in entity.mentions})),
        }
        for entity_seq, entity in enumerate(entities, 1)
    ]


def rows_of(extraction: Extraction) -> dict[str, list[Row]]:
    """Return the rows of every table in TABLES for one extraction (its document must have an id)."""
    document = extraction.document
    if not document.id:
        document = document.with_identity()
    return {
        "documents": [document_row(document)],
        "claims": [claim_row(document, n, c) for n, c in enumerate(extraction.claims, 1)],
        "quotes": [quote_row(document, n, q) for n, q in enumerate(extraction.quotes, 1)],
        "mentions": mention_rows(document, extraction.entities),
        "entities": entity_rows(document, extraction.entities),
    }


def _span(text: str, start: Any, end: Any) -> Span | None:
    if start is None or end is None:
        return None
    return Span(int(start), int(end), text[int(start) : int(end)])


def _number(value: Any) -> float | None:
    # Parquet and CSV readers hand back NaN or "" for an empty float cell.
    if value is None or value == "":
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _claim(text: str, row: Mapping[str, Any]) -> Claim:
    quantity = None
    # The store's rule: a claim has a quantity when any of its parts is set.
    parts = (_number(row.get("quantity_min")), _number(row.get("quantity_max")), row.get("unit"), row.get("noun"),
             row.get("quantity_start"))
    if any(p is not None for p in parts):
        quantity = Quantity(
            _number(row.get("quantity_min")),
            _number(row.get("quantity_max")),
            row.get("unit"),
            row.get("noun"),
            _span(text, row.get("quantity_start"), row.get("quantity_end")),
        )
    time = None
    if any(row.get(k) is not None for k in ("time_value", "time_after", "time_before")):
        time = TimeExpr(
            row.get("time_value"),
            row.get("time_after"),
            row.get("time_before"),
            _span(text, row.get("time_start"), row.get("time_end")),
        )
    sources = [Source.from_dict(s) for s in json.loads(row.get("sources_json") or "[]")]
    evidence = _span(text, row["evidence_start"], row["evidence_end"])
    sentence = _span(text, row["sentence_start"], row["sentence_end"])
    assert evidence is not None and sentence is not None  # both columns are required
    return Claim(
        kind=row["kind"],
        evidence=evidence,
        sentence=sentence,
        actor=row.get("actor"),
        target=row.get("target"),
        quantity=quantity,
        time=time,
        place=row.get("place"),
        sources=sources,
        modality=row.get("modality") or "asserted",
        id=f"c{int(row['seq'])}",
    )


def extraction_from_rows(
    document: Mapping[str, Any],
    claims: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]],
    mentions: Iterable[Mapping[str, Any]],
) -> Extraction:
    """Return the Extraction that `rows_of` flattened, from its documents row and its child rows."""
    text = document["text"]
    doc = Document(
        text,
        lang=document.get("lang"),
        published=document.get("published"),
        url=document.get("url"),
        title=document.get("title"),
        outlet=document.get("outlet"),
        author=document.get("author"),  # absent in datasets written before it existed
        id=document["id"],
        origin=document.get("origin"),
    )
    by_entity: dict[int, Entity] = {}
    for row in sorted(mentions, key=lambda r: int(r["seq"])):
        seq = int(row["entity_seq"])
        entity = by_entity.get(seq)
        if entity is None:
            entity = Entity(row["name"], row["type"], row.get("country"), row.get("kind"), row.get("wikidata"),
                            bool(row.get("known", True)))
            by_entity[seq] = entity
        span = _span(text, row["start"], row["end"])
        assert span is not None
        entity.mentions.append(Mention(span, row.get("form") or "name"))
    return Extraction(
        document=doc,
        entities=[by_entity[k] for k in sorted(by_entity)],
        claims=[_claim(text, r) for r in sorted(claims, key=lambda r: int(r["seq"]))],
        quotes=[
            Quote(r["text"], int(r["start"]), int(r["end"]), r.get("speaker"),
                  _span(text, r.get("speaker_start"), r.get("speaker_end")))
            for r in sorted(quotes, key=lambda r: int(r["seq"]))
        ],
    )
