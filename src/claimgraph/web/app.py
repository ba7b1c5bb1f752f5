"""`create_app`: one FastAPI application serving the REST API (/api) and the dashboard (/)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph.errors import ClaimgraphError, InputError, StoreError, UnknownDocument
from claimgraph.store import Store
from claimgraph.web import api, formatting, pages
from claimgraph.web.security import DEFAULT_MAX_BODY, configured_token

log = logging.getLogger("claimgraph.web")
HERE = Path(__file__).resolve().parent

# Nothing is loaded from elsewhere; inline styles are allowed because Plotly sets them.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def plotly_js_path() -> Path:
    """Return the path of plotly.min.js inside the installed plotly package."""
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def create_app(
    store: str | Store | None = None, token: str | None = None, *, max_body: int = DEFAULT_MAX_BODY
) -> FastAPI:
    """Return the application over `store` (a Store, or a URL opened here).

    `token` (default $CLAIMGRAPH_TOKEN) enables writing; without one, POST routes answer 403.
    `max_body` caps request bodies in bytes.
    """
    opened = store if isinstance(store, Store) else Store.open(store)
    app = FastAPI(
        title="claimgraph",
        version="0.1.0",
        description="Who claims what, in what numbers, according to whom, how certainly, and since when.",
        # FastAPI's /docs and /redoc pages load their JavaScript from a CDN; nothing may come from
        # the internet, so the spec is served as /openapi.json only.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = opened
    app.state.token = configured_token(token)
    app.state.max_body = int(max_body)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    formatting.install(templates.env)
    app.state.templates = templates
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(plotly_js_path(), media_type="text/javascript")

    _install_errors(app)
    _install_headers(app)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """Answer an error as JSON under /api, as an HTML page elsewhere."""
    if _is_api(request):
        return JSONResponse(
            {"ok": False, "status": status, "error": message}, status_code=status, headers=headers
        )
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status, headers=headers
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(exc))

    @app.exception_handler(UnknownDocument)
    async def unknown_document(request: Request, exc: UnknownDocument) -> Response:
        name = exc.args[0] if exc.args else ""
        return _error(request, 404, f"no document with id {name!r}")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return _error(request, 500, "the store could not answer; the error was logged")

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(request: Request, exc: ClaimgraphError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, "internal error; it was logged")


def _install_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        # NUL never belongs in a URL; PostgreSQL would reject it deep inside a query.
        raw = request.url.path + "?" + str(request.query_params)
        if "\x00" in raw or "%00" in request.scope.get("query_string", b"").decode("latin-1"):
            response = _error(request, 400, "the request contains a NUL character")
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

