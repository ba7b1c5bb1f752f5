"""Turning stored rows back into an Extraction.

Span texts that have no column of their own (quantity, time, source, sentence, speaker) are
restored from the document text, which the model guarantees: `span.text == text[start:end]`.
Claims get back their extraction-local ids "c{n}".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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

# A database row by column name (SQLAlchemy RowMapping also accepts Column keys, hence Any).
Row = Mapping[Any, Any]


def _span(text: str, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None:
        return None
    return Span(start, end, text[start:end])


def document(row: Row) -> Document:
    """Return the Document of a `documents` row."""
    return Document(
        row["text"],
        lang=row["lang"],
        published=row["published"],
        url=row["url"],
        title=row["title"],
        outlet=row["outlet"],
        id=row["id"],
        author=row.get("author"),
        origin=row["origin"],
    )


def entities(rows: Iterable[Row]) -> list[Entity]:
    """Return entities with their mentions from mention rows joined to entity columns, in `seq` order."""
    by_id: dict[int, Entity] = {}
    for row in rows:
        entity = by_id.get(row["entity_id"])
        if entity is None:
            entity = Entity(
                name=row["name"],
                type=row["type"],
                country=row["country"],
                kind=row["kind"],
                wikidata=row["wikidata"],
                known=bool(row["known"]),
            )
            by_id[row["entity_id"]] = entity
        entity.mentions.append(Mention(Span(row["start"], row["end"], row["text"]), row["form"]))
    return list(by_id.values())


def _quantity(text: str, row: Row) -> Quantity | None:
    parts = ("quantity_min", "quantity_max", "unit", "noun", "quantity_start")
    if all(row[p] is None for p in parts):
        return None
    return Quantity(
        row["quantity_min"],
        row["quantity_max"],
        row["unit"],
        row["noun"],
        _span(text, row["quantity_start"], row["quantity_end"]),
    )


def _time(text: str, row: Row) -> TimeExpr | None:
    parts = ("time_value", "time_after", "time_before", "time_start")
    if all(row[p] is None for p in parts):
        return None
    return TimeExpr(
        row["time_value"],
        row["time_after"],
        row["time_before"],
        _span(text, row["time_start"], row["time_end"]),
    )


def claims(text: str, rows: Iterable[Row], sources: Mapping[str, list[Row]]) -> list[Claim]:
    """Return the claims of claim rows (in `seq` order), each with its source rows in chain order."""
    out: list[Claim] = []
    for row in rows:
        chain = [
            Source(s["name"], s["country"], s["kind"], _span(text, s["start"], s["end"]))
            for s in sources.get(row["id"], [])
        ]
        start, end = row["sentence_start"], row["sentence_end"]
        out.append(
            Claim(
                kind=row["kind"],
                evidence=Span(row["evidence_start"], row["evidence_end"], row["evidence_text"]),
                sentence=Span(start, end, text[start:end]),
                actor=row["actor"],
                target=row["target"],
                quantity=_quantity(text, row),
                time=_time(text, row),
                place=row["place"],
                sources=chain,
                modality=row["modality"],
                id=f"c{row['seq']}",
            )
        )
    return out


def quotes(text: str, rows: Iterable[Row]) -> list[Quote]:
    """Return the quotes of quote rows (in `seq` order)."""
    return [
        Quote(
            row["text"],
            row["start"],
            row["end"],
            row["speaker"],
            _span(text, row["speaker_start"], row["speaker_end"]),
        )
        for row in rows
    ]


def extraction(
    doc_row: Row,
    mention_rows: Iterable[Row],
    claim_rows: Iterable[Row],
    source_rows: Iterable[Row],
    quote_rows: Iterable[Row],
) -> Extraction:
    """Return the Extraction assembled from all rows stored for one document."""
    doc = document(doc_row)
    by_claim: dict[str, list[Row]] = {}
    for s in source_rows:
        by_claim.setdefault(s["claim_id"], []).append(s)
    return Extraction(
        document=doc,
        entities=entities(mention_rows),
        claims=claims(doc.text, claim_rows, by_claim),
        quotes=quotes(doc.text, quote_rows),
    )
