"""The REST API under /api: JSON lists with cursor pagination, one document, and ingesting one."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from claimgraph.model.records import CLAIM_KINDS, ENTITY_TYPES, MODALITIES
from claimgraph.store import ClaimQuery, Store
from claimgraph.store.filters import CLAIM_SORTS
from claimgraph.web import analysis, comparison, cursor
from claimgraph.web import schemas as s
from claimgraph.web.security import check_token, read_body

ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_TEXT = 200
MAX_LIMIT = 500
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": s.ErrorOut, "description": text}
    for code, text in {
        400: "Bad parameter",
        404: "Not found",
        422: "Invalid parameter",
        500: "Internal error (logged, never a stack trace)",
    }.items()
}

router = APIRouter(prefix="/api", responses=ERRORS)
bearer = HTTPBearer(auto_error=False, description="The server's CLAIMGRAPH_TOKEN")

# Free-text filters: bounded length so a filter can never become a denial of service.
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str | None, Query(max_length=MAX_TEXT, pattern=NO_NUL)]
Date = Annotated[str | None, Query(pattern=ISO_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")]
CursorParam = Annotated[
    str | None,
    Query(alias="cursor", max_length=100, pattern=r"^[A-Za-z0-9_-]*$", description="The `next` value of the previous page"),
]
Kind = Literal[CLAIM_KINDS]  # type: ignore[valid-type]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]
Sort = Literal[CLAIM_SORTS]  # type: ignore[valid-type]
PathId = Annotated[str, Path(max_length=MAX_TEXT, pattern=NO_NUL)]


def get_store(request: Request) -> Store:
    """Return the application's store."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/documents", response_model=s.DocumentList, summary="List documents, newest first")
def list_documents(
    store: StoreDep,
    lang: Text = None,
    since: Date = None,
    limit: Limit = 50,
    cursor_: CursorParam = None,
) -> dict[str, Any]:
    """Return a page of document summaries (no full text) and the cursor of the next page."""
    offset = cursor.decode(cursor_)
    rows = store.documents(lang=lang, since=since, limit=limit + 1, offset=offset)
    items, nxt = cursor.page(rows, limit, offset)
    return {"items": items, "next": nxt}


@router.get("/documents/{document_id}", response_model=s.DocumentDetail, summary="One document with every span")
def get_document(store: StoreDep, document_id: PathId) -> dict[str, Any]:
    """Return a document's cleaned text and every entity, claim and quote found in it, with offsets."""
    if len(document_id) > MAX_TEXT:
        raise HTTPException(404, "no document with that id")
    extraction: dict[str, Any] = store.get_extraction(document_id).to_dict()
    return extraction


@router.post(
    "/documents",
    response_model=s.IngestOut,
    status_code=201,
    summary="Ingest one article (bearer token required)",
    responses={
        200: {"model": s.IngestOut, "description": "Already stored; nothing changed"},
        401: {"model": s.ErrorOut, "description": "No bearer token"},
        403: {"model": s.ErrorOut, "description": "Wrong token, or writing is off"},
        413: {"model": s.ErrorOut, "description": "Request body too large"},
        415: {"model": s.ErrorOut, "description": "Neither JSON nor plain text"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": s.ArticleIn.model_json_schema()},
                "text/plain": {"schema": {"type": "string", "minLength": 1}},
            },
        }
    },
)
async def create_document(
    request: Request,
    response: Response,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> dict[str, Any]:
    """Extract claims from one article (JSON `ArticleIn`, or the bare text as text/plain) and store them."""
    check_token(request.app.state.token, credentials)
    body = await read_body(request, request.app.state.max_body)
    article = _parse_article(request.headers.get("content-type", ""), body)
    store: Store = request.app.state.store
    result = await run_in_threadpool(_ingest, store, article)
    if not result["created"]:
        response.status_code = 200
    return result


def _parse_article(content_type: str, body: bytes) -> s.ArticleIn:
    """Return the article a request body holds; raise 4xx with the reason otherwise."""
    media = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, "the request body is not UTF-8") from exc
    if "\x00" in text:
        raise HTTPException(400, "the article contains a NUL character")
    if media == "application/json":
        try:
            return s.ArticleIn.model_validate(json.loads(text))
        except json.JSONDecodeError as exc:
            raise HTTPException(400, f"the body is not valid JSON: {exc.msg}") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise HTTPException(422, f"invalid article: {where}: {first['msg']}") from exc
    if media == "text/plain":
        if not text.strip():
            raise HTTPException(422, "invalid article: the text is empty")
        return s.ArticleIn(text=text)
    raise HTTPException(415, "send the article as application/json or text/plain")


def _ingest(store: Store, article: s.ArticleIn) -> dict[str, Any]:
    """Extract and store one article; return what was stored."""
    from claimgraph import Document, extract

    try:
        document = Document(
            article.text,
            lang=article.lang,
            published=article.published,
            url=article.url,
            title=article.title,
            outlet=article.outlet,
            author=article.author,
        )
    except ValueError as exc:
        raise HTTPException(422, f"invalid article: {exc}") from exc
    extraction = extract(document)
    created = store.add(extraction)
    if created:
        analysis.refresh(store)
    return {
        "id": extraction.document.id,
        "created": created,
        "claims": len(extraction.claims),
        "quotes": len(extraction.quotes),
        "entities": len(extraction.entities),
    }


@router.get("/claims", response_model=s.ClaimList, summary="List claims with filters")
def list_claims(
    store: StoreDep,
    kind: Kind | None = None,
    actor: Text = None,
    target: Text = None,
    source: Text = None,
    unit: Text = None,
    modality: Modality | None = None,
    lang: Text = None,
    since: Date = None,
    until: Date = None,
    document_id: Text = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, pattern=NO_NUL, description="Words in the claim's evidence")] = None,
    sort: Sort = "-published",
    limit: Limit = 50,
    cursor_: CursorParam = None,
) -> dict[str, Any]:
    """Return a page of claims matching every filter (substring, case-insensitive for names and text)."""
    offset = cursor.decode(cursor_)
    query = ClaimQuery(
        kind=kind, actor=actor, target=target, source=source, unit=unit, modality=modality,
        lang=lang, since=since, until=until, document_id=document_id, text=q, sort=sort,
        limit=limit + 1, offset=offset,
    )
    items, nxt = cursor.page(store.claims(query), limit, offset)
    return {"items": items, "next": nxt}


@router.get("/quotes", response_model=s.QuoteList, summary="List quotes")
def list_quotes(
    store: StoreDep,
    speaker: Text = None,
    document_id: Text = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, pattern=NO_NUL, description="Words in the quote")] = None,
    limit: Limit = 50,
    cursor_: CursorParam = None,
) -> dict[str, Any]:
    """Return a page of quotes matching every filter."""
    offset = cursor.decode(cursor_)
    rows = store.quotes(speaker=speaker, document_id=document_id, text=q, limit=limit + 1, offset=offset)
    items, nxt = cursor.page(rows, limit, offset)
    return {"items": items, "next": nxt}


@router.get("/entities", response_model=s.EntityList, summary="List entities, most mentioned first")
def list_entities(
    store: StoreDep,
    type: EntityType | None = None,
    name: Text = None,
    limit: Limit = 50,
    cursor_: CursorParam = None,
) -> dict[str, Any]:
    """Return a page of canonical entities with counts and the aliases seen."""
    offset = cursor.decode(cursor_)
    rows = store.entities(type=type, name=name, limit=limit + 1, offset=offset)
    items, nxt = cursor.page(rows, limit, offset)
    return {"items": items, "next": nxt}


@router.get(
    "/storylines",
    response_model=s.StorylineList,
    summary="List storylines",
    responses={503: {"model": s.ErrorOut, "description": "No analysis installed"}},
)
def list_storylines(
    store: StoreDep,
    kind: Kind | None = None,
    actor: Text = None,
    target: Text = None,
    limit: Limit = 50,
    cursor_: CursorParam = None,
) -> dict[str, Any]:
    """Return a page of storylines (claims of one kind about one actor and target)."""
    offset = cursor.decode(cursor_)
    rows = analysis.storylines(store, kind=kind, actor=actor, target=target, limit=offset + limit + 1)
    items, nxt = cursor.page(rows[offset:], limit, offset)
    return {"items": items, "next": nxt}


@router.get(
    "/storylines/{storyline_id}/timeline",
    response_model=s.TimelineOut,
    summary="A storyline's figures over time",
    responses={503: {"model": s.ErrorOut, "description": "No analysis installed"}},
)
def storyline_timeline(store: StoreDep, storyline_id: PathId) -> dict[str, Any]:
    """Return the storyline and its points in order of reference time."""
    if len(storyline_id) > MAX_TEXT:
        raise HTTPException(404, "no storyline with that id")
    return analysis.storyline(store, storyline_id)


@router.get(
    "/disagreements",
    response_model=s.DisagreementList,
    summary="Figures of one storyline that disagree",
    responses={503: {"model": s.ErrorOut, "description": "No analysis installed"}},
)
def list_disagreements(
    store: StoreDep,
    storyline_id: Text = None,
    window_days: Annotated[int, Query(ge=0, le=3650)] = 45,
    tolerance: Annotated[float, Query(ge=0, le=10)] = 0.10,
    limit: Limit = 50,
    cursor_: CursorParam = None,
) -> dict[str, Any]:
    """Return a page of pairs of figures, close in time, whose relative gap exceeds the tolerance."""
    offset = cursor.decode(cursor_)
    rows = analysis.disagreements(
        store, storyline_id=storyline_id, window_days=window_days, tolerance=tolerance
    )
    items, nxt = cursor.page(rows[offset : offset + limit + 1], limit, offset)
    return {"items": items, "next": nxt}


def source_rows(store: Store, storyline_id: str | None, query: ClaimQuery) -> list[dict[str, Any]]:
    """Return the source comparison for a storyline, else for the claims matching `query`."""
    if storyline_id:
        points = analysis.storyline(store, storyline_id)["points"]
    else:
        points = comparison.points_from_claims(store.claims(query))
    return comparison.compare_sources(points)
