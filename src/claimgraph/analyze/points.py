"""Timelines: a storyline's claims as points in time, with copies folded and revisions marked.

Who a figure is from (`source`): the innermost named source of its attribution chain (for
"CNN ← Ukrainian military intelligence" that is the intelligence service: CNN only passes it
on), else the outlet that printed it, else the article itself. A copy is a claim of a
duplicate document with the same figure and source as a claim of the earliest copy: it is not
a point of its own but listed in that point's `copies`. The first article that carried each
distinct figure is its `first_carrier`; a later, different figure from the same source is a
revision of that source's previous figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from claimgraph.analyze import dates
from claimgraph.analyze.tables import analysis_claims, analysis_documents
from claimgraph.store.schema import claim_sources, claims, documents

IN_CHUNK = 500


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def attributed_to(chain: Sequence[str], outlet: str | None, document_id: str) -> str:
    """Return who a figure is from: innermost named source, else the outlet, else the article."""
    if chain:
        return chain[-1]
    return outlet or f"article {document_id}"


def load(conn: Connection, storyline_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Return the raw points (one per claim, copies not yet folded) of each storyline."""
    out: dict[str, list[dict[str, Any]]] = {sid: [] for sid in storyline_ids}
    by_claim: dict[str, dict[str, Any]] = {}
    for i in range(0, len(storyline_ids), IN_CHUNK):
        stmt = (
            select(
                analysis_claims.c.storyline_id, claims.c.id, claims.c.document_id, claims.c.seq,
                claims.c.quantity_min, claims.c.quantity_max, claims.c.unit, claims.c.modality,
                claims.c.time_value, claims.c.time_after, claims.c.time_before, claims.c.place,
                claims.c.evidence_text, documents.c.title, documents.c.outlet, documents.c.published,
                analysis_documents.c.duplicate_of, analysis_documents.c.sort_key,
            )
            .join(claims, claims.c.id == analysis_claims.c.claim_id)
            .join(documents, documents.c.id == claims.c.document_id)
            .outerjoin(analysis_documents, analysis_documents.c.document_id == claims.c.document_id)
            .where(analysis_claims.c.storyline_id.in_(storyline_ids[i : i + IN_CHUNK]))
        )
        for r in conn.execute(stmt):
            point = {
                "claim_id": r.id,
                "document_id": r.document_id,
                "seq": r.seq,
                "title": r.title,
                "outlet": r.outlet,
                "published": r.published,
                "reference_time": dates.reference_time(r.time_value, r.time_after, r.time_before, r.published),
                "min": _num(r.quantity_min),
                "max": _num(r.quantity_max),
                "unit": r.unit,
                "place": r.place,
                "sources": [],
                "modality": r.modality,
                "evidence": r.evidence_text,
                "duplicate_of": r.duplicate_of,
                "sort_key": r.sort_key or f"{r.published or '9999'}||{r.document_id}",
            }
            out[r.storyline_id].append(point)
            by_claim[r.id] = point
    ids = list(by_claim)
    for i in range(0, len(ids), IN_CHUNK):
        stmt = (
            select(claim_sources.c.claim_id, claim_sources.c.name)
            .where(claim_sources.c.claim_id.in_(ids[i : i + IN_CHUNK]))
            .order_by(claim_sources.c.claim_id, claim_sources.c.position)
        )
        for row in conn.execute(stmt):
            by_claim[row.claim_id]["sources"].append(row.name)
    return out


def build(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the timeline points of one storyline's raw points: copies folded, ordered, marked."""
    for p in raw:
        p["source"] = attributed_to(p["sources"], p["outlet"], p["document_id"])
        p["copies"] = []
    points = _fold_copies(raw)
    points.sort(key=_order)
    _mark_first_carriers(points)
    _mark_revisions(points)
    for p in points:
        p.pop("duplicate_of", None)
        p.pop("seq", None)
    return points


def _figure(p: dict[str, Any]) -> tuple[Any, Any]:
    return p["min"], p["max"]


def _fold_copies(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop claims of duplicate documents that repeat a claim of their original; list them as copies."""
    originals: dict[tuple[str, Any, Any, str], dict[str, Any]] = {}
    for p in sorted(raw, key=lambda p: (p["sort_key"], p["seq"])):
        if p["duplicate_of"] is None:
            originals.setdefault((p["document_id"], *_figure(p), p["source"]), p)
    points = []
    for p in sorted(raw, key=lambda p: (p["sort_key"], p["seq"])):
        root = p["duplicate_of"]
        original = originals.get((root, *_figure(p), p["source"])) if root else None
        if original is not None:
            if p["document_id"] not in original["copies"]:
                original["copies"].append(p["document_id"])
            continue
        points.append(p)
    return points


def _order(p: dict[str, Any]) -> tuple[Any, ...]:
    span = dates.span(p["reference_time"])
    # Undated claims go last; ties by publication, then position in the article.
    return (span is None, span or (0, 0), p["sort_key"], p["claim_id"])


def _mark_first_carriers(points: list[dict[str, Any]]) -> None:
    first: dict[tuple[Any, Any], dict[str, Any]] = {}
    for p in sorted(points, key=lambda p: (p["sort_key"], p["claim_id"])):
        first.setdefault(_figure(p), p)
    for p in points:
        p["first_carrier"] = first[_figure(p)] is p


def _mark_revisions(points: list[dict[str, Any]]) -> None:
    """Mark a source's changed figure as a revision of its previous one (points in time order)."""
    latest: dict[str, dict[str, Any]] = {}
    for p in points:
        previous = latest.get(p["source"])
        p["revision_of"] = None
        if previous is not None and _figure(previous) != _figure(p) and p["modality"] != "negated":
            p["revision_of"] = previous["claim_id"]
        if p["modality"] != "negated":
            latest[p["source"]] = p


def public(point: dict[str, Any]) -> dict[str, Any]:
    """Return a point without its internal sort key (the contract's fields plus place)."""
    return {k: v for k, v in point.items() if k != "sort_key"}
