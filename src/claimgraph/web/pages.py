"""The dashboard: server-rendered pages over the same store and analysis as the API."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from claimgraph.model.records import CLAIM_KINDS, ENTITY_TYPES, MODALITIES
from claimgraph.store import ClaimQuery, Store
from claimgraph.store.filters import CLAIM_SORTS
from claimgraph.web import analysis, chart, comparison, cursor, highlight
from claimgraph.web.api import ISO_DATE, MAX_TEXT

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
CLAIM_FILTERS = ("kind", "actor", "target", "source", "unit", "modality", "since", "until", "q", "sort")


def _render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _param(
    request: Request, name: str, choices: tuple[str, ...] | None = None, pattern: str | None = None
) -> str | None:
    """Return a query parameter (blank: None) after checking its length and allowed values; else 400."""
    value = request.query_params.get(name)
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise HTTPException(400, f"{name} is longer than {MAX_TEXT} characters")
    if choices is not None and value not in choices:
        raise HTTPException(400, f"{name} must be one of: {', '.join(choices)}")
    if pattern is not None and not re.match(pattern, value):
        raise HTTPException(400, f"{name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def claim_filters(request: Request) -> dict[str, str | None]:
    """Return the claim filters of a dashboard request, validated."""
    return {
        "kind": _param(request, "kind", CLAIM_KINDS),
        "actor": _param(request, "actor"),
        "target": _param(request, "target"),
        "source": _param(request, "source"),
        "unit": _param(request, "unit"),
        "modality": _param(request, "modality", MODALITIES),
        "since": _param(request, "since", pattern=ISO_DATE),
        "until": _param(request, "until", pattern=ISO_DATE),
        "q": _param(request, "q"),
        "sort": _param(request, "sort", CLAIM_SORTS),
    }


def _claim_query(filters: dict[str, str | None], limit: int, offset: int) -> ClaimQuery:
    fields = {k: v for k, v in filters.items() if k not in ("q", "sort")}
    return ClaimQuery(**fields, text=filters["q"], sort=filters["sort"] or "-published", limit=limit, offset=offset)


def _next_link(request: Request, filters: dict[str, str | None], nxt: str | None) -> str | None:
    if nxt is None:
        return None
    params = {k: v for k, v in filters.items() if v}
    params["cursor"] = nxt
    return f"{request.url.path}?{urlencode(params)}"


@router.get("/", response_class=HTMLResponse)
def claims_page(request: Request) -> HTMLResponse:
    """The claims table with its filters."""
    filters = claim_filters(request)
    offset = cursor.decode(request.query_params.get("cursor"))
    rows = _store(request).claims(_claim_query(filters, PAGE_SIZE + 1, offset))
    items, nxt = cursor.page(rows, PAGE_SIZE, offset)
    return _render(request, "claims.html", {
        "claims": items, "filters": filters, "next": _next_link(request, filters, nxt),
        "kinds": CLAIM_KINDS, "modalities": MODALITIES, "sorts": CLAIM_SORTS,
        "sources_link": "/sources?" + urlencode({k: v for k, v in filters.items() if v}),
    })


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> HTMLResponse:
    """The stored documents, newest first."""
    offset = cursor.decode(request.query_params.get("cursor"))
    rows = _store(request).documents(limit=PAGE_SIZE + 1, offset=offset)
    items, nxt = cursor.page(rows, PAGE_SIZE, offset)
    return _render(request, "documents.html", {"documents": items, "next": f"/documents?cursor={nxt}" if nxt else None})


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str) -> HTMLResponse:
    """One article: its cleaned text with every span highlighted, and its claims beside it."""
    if len(document_id) > MAX_TEXT:
        raise HTTPException(404, "no document with that id")
    extraction = _store(request).get_extraction(document_id)
    claims = [c.to_dict() for c in extraction.claims]
    keys = [f"c{i}" for i in range(1, len(claims) + 1)]
    evidence = [(c.evidence.start, c.evidence.end, key) for c, key in zip(extraction.claims, keys)]
    text = highlight.render(extraction.document.text, highlight.marks(extraction), evidence)
    return _render(request, "document.html", {
        "document": extraction.document, "text": text, "claims": list(zip(keys, claims)),
        "quotes": extraction.quotes, "legend": highlight.LEGEND,
    })


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request) -> HTMLResponse:
    """Canonical entities with their aliases; a selected entity also shows the claims it appears in."""
    kind = _param(request, "type", ENTITY_TYPES)
    name = _param(request, "name")
    offset = cursor.decode(request.query_params.get("cursor"))
    store = _store(request)
    rows = store.entities(type=kind, name=name, limit=PAGE_SIZE + 1, offset=offset)
    items, nxt = cursor.page(rows, PAGE_SIZE, offset)
    selected = _param(request, "entity")
    claims = entity_claims(store, selected) if selected else []
    params = {k: v for k, v in {"type": kind, "name": name}.items() if v}
    return _render(request, "entities.html", {
        "entities": items, "type": kind, "name": name, "types": ENTITY_TYPES, "selected": selected,
        "claims": claims, "next": f"/entities?{urlencode({**params, 'cursor': nxt})}" if nxt else None,
    })


def entity_claims(store: Store, name: str, limit: int = 200) -> list[dict[str, Any]]:
    """Return the claims naming `name` exactly as actor, target or a source (newest first)."""
    found: dict[str, dict[str, Any]] = {}
    wanted = name.lower()
    for field in ("actor", "target", "source"):
        filters: dict[str, Any] = {field: name, "limit": limit}
        for claim in store.claims(ClaimQuery(**filters)):
            names = [claim.get("actor"), claim.get("target"), *(s["name"] for s in claim["sources"])]
            if any(n and n.lower() == wanted for n in names):
                found.setdefault(claim["id"], claim)
    return sorted(found.values(), key=lambda c: str(c.get("published") or ""), reverse=True)


@router.get("/storylines", response_class=HTMLResponse)
def storylines_page(request: Request) -> HTMLResponse:
    """Every storyline with its counts and date range."""
    kind = _param(request, "kind", CLAIM_KINDS)
    rows = analysis.storylines(_store(request), kind=kind, actor=None, target=None, limit=500)
    return _render(request, "storylines.html", {"storylines": rows, "kind": kind, "kinds": CLAIM_KINDS})


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline_page(request: Request, storyline_id: str) -> HTMLResponse:
    """A storyline's timeline chart (one series per source), its disagreements and its table."""
    if len(storyline_id) > MAX_TEXT:
        raise HTTPException(404, "no storyline with that id")
    store = _store(request)
    timeline = analysis.storyline(store, storyline_id)
    disagreements = analysis.disagreements(store, storyline_id=storyline_id)
    points = timeline["points"]
    figure = chart.timeline_figure(points, disagreements, timeline["storyline"]["label"])
    return _render(request, "storyline.html", {
        "storyline": timeline["storyline"], "points": points, "disagreements": disagreements,
        "figure": figure, "sources": comparison.compare_sources(points),
    })


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    """Each source's figures side by side, for a storyline (`?storyline=`) or the claims matching the filters."""
    store = _store(request)
    storyline_id = _param(request, "storyline")
    filters = claim_filters(request)
    if storyline_id:
        timeline = analysis.storyline(store, storyline_id)
        label, points = timeline["storyline"]["label"], timeline["points"]
    else:
        label = "claims matching the filters"
        points = comparison.points_from_claims(store.claims(_claim_query(filters, 1000, 0)))
    rows = comparison.compare_sources(points)
    return _render(request, "sources.html", {"rows": rows, "label": label, "storyline_id": storyline_id, "filters": filters,
                                             "kinds": CLAIM_KINDS, "modalities": MODALITIES, "sorts": CLAIM_SORTS})
