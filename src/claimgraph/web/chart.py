"""The storyline chart as a Plotly figure spec (plain data; the browser draws it with plotly.js)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from claimgraph import display
from claimgraph.web.comparison import UNATTRIBUTED

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22")


def _x(point: dict[str, Any]) -> str | None:
    return point.get("reference_time") or point.get("published")


def _hex_to_rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def timeline_figure(
    points: list[dict[str, Any]], disagreements: list[dict[str, Any]], title: str
) -> dict[str, Any]:
    """Return `{"data", "layout"}`: one line per source, ranges as shaded bands, disagreements circled in red."""
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for point in points:
        if _x(point) is None or (point.get("min") is None and point.get("max") is None):
            continue
        by_source[point.get("source") or UNATTRIBUTED].append(point)
    data: list[dict[str, Any]] = []
    for i, (source, own) in enumerate(sorted(by_source.items())):
        colour = PALETTE[i % len(PALETTE)]
        own = sorted(own, key=lambda p: str(_x(p)))
        lows = [p["min"] if p.get("min") is not None else p["max"] for p in own]
        highs = [p["max"] if p.get("max") is not None else p["min"] for p in own]
        xs = [_x(p) for p in own]
        if any(lo != hi for lo, hi in zip(lows, highs)):
            # A band: the upper bounds, then the lower bounds filled up to them.
            data.append({"type": "scatter", "x": xs, "y": highs, "mode": "lines", "line": {"width": 0},
                         "legendgroup": source, "showlegend": False, "hoverinfo": "skip"})
            data.append({"type": "scatter", "x": xs, "y": lows, "mode": "lines", "line": {"width": 0},
                         "fill": "tonexty", "fillcolor": _hex_to_rgba(colour, 0.2),
                         "legendgroup": source, "showlegend": False, "hoverinfo": "skip"})
        data.append({
            "type": "scatter",
            "name": source,
            "legendgroup": source,
            "x": xs,
            "y": [(lo + hi) / 2 for lo, hi in zip(lows, highs)],
            "mode": "lines+markers",
            "line": {"color": colour},
            "marker": {"size": 10, "color": colour},
            # Whiskers show each range too, also where a source has a single point (no band).
            "error_y": {
                "type": "data",
                "symmetric": False,
                "array": [(hi - lo) / 2 for lo, hi in zip(lows, highs)],
                "arrayminus": [(hi - lo) / 2 for lo, hi in zip(lows, highs)],
                "color": colour,
                "thickness": 1.5,
                "width": 6,
            },
            "text": [f"{display.figure(p)} — {p.get('outlet') or p.get('title') or ''}" for p in own],
            "hovertemplate": "%{x}: %{text}<extra>" + "%{fullData.name}" + "</extra>",
        })
    marked = [d[side] for d in disagreements for side in ("a", "b") if _x(d[side]) is not None]
    if marked:
        data.append({
            "type": "scatter",
            "name": "disagreement",
            "x": [_x(p) for p in marked],
            "y": [_mid(p) for p in marked],
            "mode": "markers",
            "marker": {"symbol": "circle-open", "size": 20, "color": "#b91c1c", "line": {"width": 2}},
            "hoverinfo": "skip",
        })
    units = sorted({str(p.get("unit")) for p in points if p.get("unit")})
    layout = {
        "title": {"text": title, "x": 0.01, "y": 0.98},
        "xaxis": {"type": "date", "title": {"text": "reference time"}},
        "yaxis": {"title": {"text": ", ".join(units) or "figure"}, "rangemode": "tozero"},
        "margin": {"l": 70, "r": 20, "t": 90, "b": 50},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    }
    return {"data": data, "layout": layout}


def _mid(point: dict[str, Any]) -> float | None:
    lo, hi = point.get("min"), point.get("max")
    if lo is None:
        return hi
    if hi is None:
        return lo
    return (lo + hi) / 2
