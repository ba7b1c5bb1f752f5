"""The web interface: a REST API and a server-rendered analyst dashboard (FastAPI + Jinja2)."""

from claimgraph.web.app import create_app

__all__ = ["create_app"]
