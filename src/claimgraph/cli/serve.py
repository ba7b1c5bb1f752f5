"""`claimgraph serve`: the REST API and the dashboard in one web server (uvicorn)."""

from __future__ import annotations

import typer

from claimgraph.cli.common import DbOption, _fail, _open_store, app, console
from claimgraph.errors import ClaimgraphError


@app.command()
def serve(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    max_body: int = typer.Option(2 * 1024 * 1024, "--max-body", min=1, help="Largest request body accepted, in bytes."),
) -> None:
    """Serve the REST API (/api, spec at /openapi.json) and the analyst dashboard (/).

    Writing (POST /api/documents) needs $CLAIMGRAPH_TOKEN set; clients send it as a bearer token.

    Example:
        CLAIMGRAPH_TOKEN=secret claimgraph serve --db sqlite:///claimgraph.db --port 8000
    """
    try:
        import uvicorn

        from claimgraph.web import create_app
    except ImportError:
        _fail("the web server needs the web extra", "pip install 'claimgraph[web]'")
    store = _open_store(db)
    try:
        application = create_app(store, max_body=max_body)
    except ClaimgraphError as exc:
        _fail(str(exc))
    writing = "on" if application.state.token else "off (set CLAIMGRAPH_TOKEN to enable)"
    console.print(f"claimgraph at http://{host}:{port}/  (API under /api, spec at /openapi.json; writing {writing})", highlight=False, markup=False)
    uvicorn.run(application, host=host, port=port, log_level="info")
