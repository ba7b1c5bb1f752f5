"""How figures, times and attribution chains read on the dashboard (Jinja2 filters)."""

from __future__ import annotations

from jinja2 import Environment

from claimgraph.display import chain, figure, number, when


def web_url(url: str | None) -> str | None:
    """Return `url` when it is an http(s) URL, else None (a javascript: link must never be rendered)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def install(env: Environment) -> None:
    """Register the filters on a Jinja2 environment."""
    env.filters["figure"] = figure
    env.filters["when"] = when
    env.filters["chain"] = chain
    env.filters["num"] = number
    env.filters["web_url"] = web_url
