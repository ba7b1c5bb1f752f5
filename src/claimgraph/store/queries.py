"""Read queries: list claims, quotes, entities and documents as plain dicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, distinct, exists, func, select

from claimgraph.errors import InputError
from claimgraph.store import filters
from claimgraph.store.schema import claim_sources, claims, documents, entities, mentions, quotes

SNIPPET_CHARS = 200
# Bound-parameter lists stay well below SQLite's (and any driver's) variable limit.
IN_CHUNK = 500


def _num(value: float | None) -> float | int | None:
    # Same rendering as the model's JSON: 25000, not 25000.0.
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def chunks(values: Sequence[Any], size: int = IN_CHUNK) -> list[Sequence[Any]]:
    """Return `values` cut into consecutive slices of at most `size` items."""
    return [values[i : i + size] for i in range(0, len(values), size)]


def claim_dict(row: Mapping[Any, Any], sources: list[Mapping[Any, Any]]) -> dict[str, Any]:
    """Return one claim row (joined with its document) as FORMAT-style JSON plus document fields."""
    has_quantity = any(row[c] is not None for c in ("quantity_min", "quantity_max", "unit"))
    time = {k: row[f"time_{k}"] for k in ("value", "after", "before") if row[f"time_{k}"] is not None}
    return {
        "id": row["id"],
        "document_id": row["document_id"],
        "published": row["published"],
        "title": row["title"],
        "kind": row["kind"],
        "actor": row["actor"],
        "target": row["target"],
        "quantity": (
            {"min": _num(row["quantity_min"]), "max": _num(row["quantity_max"]), "unit": row["unit"]}
            if has_quantity
            else None
        ),
        "time": time or None,
        "place": row["place"],
        "sources": [{"name": s["name"], "country": s["country"], "kind": s["kind"]} for s in sources],
        "modality": row["modality"],
        "evidence": {
            "start": row["evidence_start"],
            "end": row["evidence_end"],
            "text": row["evidence_text"],
        },
        "sentence": {"start": row["sentence_start"], "end": row["sentence_end"]},
    }


def claim_rows(conn: Connection, query: filters.ClaimQuery) -> list[dict[str, Any]]:
    """Return the claims matching every filter of `query` as dicts (see `claim_dict`), newest documents first."""
    q = query
    stmt = select(claims, documents.c.published, documents.c.title).join(
        documents, documents.c.id == claims.c.document_id
    )
    if q.kind is not None:
        stmt = stmt.where(claims.c.kind == q.kind)
    if q.actor is not None:
        stmt = stmt.where(filters.contains(claims.c.actor, q.actor))
    if q.target is not None:
        stmt = stmt.where(filters.contains(claims.c.target, q.target))
    if q.source is not None:
        stmt = stmt.where(
            exists().where(
                claim_sources.c.claim_id == claims.c.id,
                filters.contains(claim_sources.c.name, q.source),
            )
        )
    if q.unit is not None:
        stmt = stmt.where(claims.c.unit == q.unit)
    if q.modality is not None:
        stmt = stmt.where(claims.c.modality == q.modality)
    if q.lang is not None:
        stmt = stmt.where(documents.c.lang == q.lang)
    if q.document_id is not None:
        stmt = stmt.where(claims.c.document_id == q.document_id)
    if q.text is not None:
        stmt = stmt.where(filters.contains(claims.c.evidence_text, q.text))
    # The date a claim is about: its own time if it has one, else when the article appeared.
    ref = func.coalesce(
        claims.c.time_value, claims.c.time_after, claims.c.time_before, documents.c.published
    )
    if q.since is not None:
        stmt = stmt.where(filters.since(ref, q.since))
    if q.until is not None:
        stmt = stmt.where(filters.until(ref, q.until))
    lim, off = filters.page(q.limit, q.offset)
    stmt = stmt.order_by(*_claim_order(q.sort, ref)).limit(lim).offset(off)
    rows = [r._mapping for r in conn.execute(stmt)]
    chains = _sources_of(conn, [r["id"] for r in rows])
    return [claim_dict(r, chains.get(r["id"], [])) for r in rows]


def _claim_order(sort: str, ref: Any) -> list[Any]:
    """Return ORDER BY terms for one of `filters.CLAIM_SORTS`; ties break by document and position."""
    if sort not in filters.CLAIM_SORTS:
        raise InputError(f"unknown claim sort {sort!r} (one of {', '.join(filters.CLAIM_SORTS)})")
    column = {
        "published": documents.c.published,
        "date": ref,
        "figure": func.coalesce(claims.c.quantity_max, claims.c.quantity_min),
        "kind": claims.c.kind,
    }[sort.lstrip("-")]
    first = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
    return [first, claims.c.document_id, claims.c.seq]


def _sources_of(conn: Connection, claim_ids: Sequence[str]) -> dict[str, list[Mapping[Any, Any]]]:
    out: dict[str, list[Mapping[Any, Any]]] = {}
    for part in chunks(claim_ids):
        stmt = (
            select(claim_sources)
            .where(claim_sources.c.claim_id.in_(part))
            .order_by(claim_sources.c.claim_id, claim_sources.c.position)
        )
        for row in conn.execute(stmt):
            out.setdefault(row.claim_id, []).append(row._mapping)
    return out


def quote_rows(
    conn: Connection,
    *,
    speaker: str | None = None,
    document_id: str | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Return the quotes matching every given filter as dicts, newest documents first."""
    stmt = select(
        quotes.c.id,
        quotes.c.document_id,
        quotes.c.speaker,
        quotes.c.text,
        quotes.c.start,
        quotes.c.end,
        documents.c.published,
        documents.c.title,
    ).join(documents, documents.c.id == quotes.c.document_id)
    if speaker is not None:
        stmt = stmt.where(filters.contains(quotes.c.speaker, speaker))
    if document_id is not None:
        stmt = stmt.where(quotes.c.document_id == document_id)
    if text is not None:
        stmt = stmt.where(filters.contains(quotes.c.text, text))
    lim, off = filters.page(limit, offset)
    stmt = stmt.order_by(
        documents.c.published.desc().nulls_last(), quotes.c.document_id, quotes.c.seq
    ).limit(lim).offset(off)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def entity_rows(
    conn: Connection,
    *,
    type: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Return entities with mention and document counts and the aliases seen, most mentioned first."""
    counts = (
        select(
            mentions.c.entity_id,
            func.count().label("n_mentions"),
            func.count(distinct(mentions.c.document_id)).label("n_documents"),
        )
        .group_by(mentions.c.entity_id)
        .subquery()
    )
    n_mentions = func.coalesce(counts.c.n_mentions, 0).label("mentions")
    n_documents = func.coalesce(counts.c.n_documents, 0).label("documents")
    stmt = select(
        entities.c.id,
        entities.c.name,
        entities.c.type,
        entities.c.country,
        entities.c.kind,
        entities.c.wikidata,
        entities.c.known,
        n_mentions,
        n_documents,
    ).outerjoin(counts, counts.c.entity_id == entities.c.id)
    if type is not None:
        stmt = stmt.where(entities.c.type == type)
    if name is not None:
        stmt = stmt.where(filters.contains(entities.c.name, name))
    lim, off = filters.page(limit, offset)
    stmt = stmt.order_by(n_mentions.desc(), entities.c.name, entities.c.type).limit(lim).offset(off)
    rows = [dict(r._mapping) for r in conn.execute(stmt)]
    aliases = _aliases_of(conn, [r["id"] for r in rows])
    for row in rows:
        row["known"] = bool(row["known"])
        row["aliases"] = aliases.get(row.pop("id"), [])
    return rows


def _aliases_of(conn: Connection, entity_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for part in chunks(entity_ids):
        n = func.count().label("n")
        stmt = (
            select(mentions.c.entity_id, mentions.c.text, n)
            .where(mentions.c.entity_id.in_(part))
            .group_by(mentions.c.entity_id, mentions.c.text)
            .order_by(mentions.c.entity_id, n.desc(), mentions.c.text)
        )
        for row in conn.execute(stmt):
            out.setdefault(row.entity_id, []).append({"text": row.text, "count": row.n})
    return out


def document_rows(
    conn: Connection,
    *,
    lang: str | None = None,
    since: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Return document summaries (no full text) with claim and quote counts, newest first."""
    n_claims = (
        select(func.count()).where(claims.c.document_id == documents.c.id).scalar_subquery()
    )
    n_quotes = (
        select(func.count()).where(quotes.c.document_id == documents.c.id).scalar_subquery()
    )
    stmt = select(
        documents.c.id,
        documents.c.url,
        documents.c.title,
        documents.c.outlet,
        documents.c.published,
        documents.c.lang,
        documents.c.content_hash,
        n_claims.label("n_claims"),
        n_quotes.label("n_quotes"),
        # Cut in SQL so listing many documents never loads their full texts.
        func.substr(documents.c.text, 1, SNIPPET_CHARS).label("snippet"),
    )
    if lang is not None:
        stmt = stmt.where(documents.c.lang == lang)
    if since is not None:
        stmt = stmt.where(filters.since(documents.c.published, since))
    lim, off = filters.page(limit, offset)
    stmt = stmt.order_by(
        documents.c.published.desc().nulls_last(), documents.c.ingested_at.desc(), documents.c.id
    ).limit(lim).offset(off)
    return [dict(r._mapping) for r in conn.execute(stmt)]
