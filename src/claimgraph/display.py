"""How figures, times and attribution chains read for people: one wording for tables, pages and charts."""

from __future__ import annotations

from typing import Any


def number(value: Any) -> str:
    """Return a whole number with thousands separators (`25,000`), anything else as it is."""
    if isinstance(value, (int, float)) and float(value).is_integer():
        return f"{value:,.0f}"
    return str(value)


def figure(quantity: dict[str, Any] | None) -> str:
    """Return a quantity (`min`, `max`, `unit`) as `25,000–30,000 soldier`, `≥ 6,000`, or '' when there is none."""
    if not quantity:
        return ""
    lo, hi = quantity.get("min"), quantity.get("max")
    if lo is not None and hi is not None:
        text = number(lo) if lo == hi else f"{number(lo)}–{number(hi)}"
    elif lo is not None:
        text = f"≥ {number(lo)}"
    elif hi is not None:
        text = f"≤ {number(hi)}"
    else:
        text = ""
    unit = quantity.get("unit")
    return f"{text} {unit}".strip() if unit else text


def when(time: dict[str, Any] | None) -> str:
    """Return a normalised time as `2024-11`, `after 2025-07`, `after 2024-10, before 2025-01`, or ''."""
    if not time:
        return ""
    if time.get("value"):
        return str(time["value"])
    return ", ".join(f"{k} {time[k]}" for k in ("after", "before") if time.get(k))


def chain(sources: list[Any] | None) -> str:
    """Return an attribution chain, outermost first: `CNN ← Ukrainian defence intelligence`."""
    names = [s["name"] if isinstance(s, dict) else str(s) for s in sources or []]
    return " ← ".join(names)
