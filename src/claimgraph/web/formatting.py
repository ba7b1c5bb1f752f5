"""How figures, times and attribution chains read on the dashboard (Jinja2 filters)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment


def _num(value: Any) -> str:
    if isinstance(value, (int, float)) and float(value).is_integer():
        return f"{value:,.0f}"
    return str(value)


def figure(quantity: dict[str, Any] | None) -> str:
    """Return a quantity as `25,000–30,000 person`, `≥ 6,000`, or '' when there is none."""
    if not quantity:
        return ""
    lo, hi = quantity.get("min"), quantity.get("max")
    if lo is not None and hi is not None:
        text = _num(lo) if lo == hi else f"{_num(lo)}–{_num(hi)}"
    elif lo is not None:
        text = f"≥ {_num(lo)}"
    elif hi is not None:
        text = f"≤ {_num(hi)}"
    else:
        text = ""
    unit = quantity.get("unit")
    return f"{text} {unit}".strip() if unit else text


def when(time: dict[str, Any] | None) -> str:
    """Return a normalised time as `2024-11`, `after 2025-07`, or ''."""
    if not time:
        return ""
    if time.get("value"):
        return str(time["value"])
    return ", ".join(f"{k} {time[k]}" for k in ("after", "before") if time.get(k))


def chain(sources: list[Any] | None) -> str:
    """Return an attribution chain, outermost first: `CNN ← Ukrainian defence intelligence`."""
    names = [s["name"] if isinstance(s, dict) else str(s) for s in sources or []]
    return " ← ".join(names)


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
    env.filters["num"] = _num
    env.filters["web_url"] = web_url
