"""Timeline charts: one series per source, ranges drawn as bands; PNG (matplotlib) or HTML (Plotly).

The HTML file embeds Plotly's JavaScript from the installed package: it opens offline.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.analyze import dates
from claimgraph.errors import ClaimgraphError, InputError

FORMATS = (".png", ".html")


def _series(points: list[dict[str, Any]]) -> dict[str, list[tuple[date, float, float]]]:
    """Return per source the (day, low, high) of each dated point; open ends drawn at the known end."""
    out: dict[str, list[tuple[date, float, float]]] = defaultdict(list)
    for p in points:
        span = dates.span(p["reference_time"])
        if span is None or (p["min"] is None and p["max"] is None):
            continue
        lo = p["min"] if p["min"] is not None else p["max"]
        hi = p["max"] if p["max"] is not None else p["min"]
        out[p["source"]].append((date.fromordinal(span[0]), float(lo), float(hi)))
    return out


def write(timeline: dict[str, Any], path: str | Path) -> Path:
    """Write the chart of a timeline (as returned by `timeline()`) to `path`; return the path.

    The file type follows the suffix (.png or .html); raises InputError for another one.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"cannot plot to {target.name!r}: use a .png or .html file")
    series = _series(timeline["points"])
    if not series:
        raise InputError("this timeline has no dated figures to plot")
    title = timeline["storyline"]["label"]
    unit = timeline["storyline"]["category"]
    if suffix == ".png":
        _png(series, title, unit, target)
    else:
        _html(series, title, unit, target)
    return target


def _png(series: dict[str, list[tuple[date, float, float]]], title: str, unit: str, target: Path) -> None:
    try:
        import matplotlib
    except ImportError as exc:
        raise ClaimgraphError("PNG charts need matplotlib: pip install 'claimgraph[plot]'") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 5))
    for source, rows in sorted(series.items()):
        rows.sort()
        xs = np.array([r[0] for r in rows], dtype="datetime64[D]")
        lows, highs = [r[1] for r in rows], [r[2] for r in rows]
        mids = [(lo + hi) / 2 for lo, hi in zip(lows, highs)]
        (line,) = ax.plot(xs, mids, marker="o", label=source)
        ax.fill_between(xs, lows, highs, alpha=0.2, color=line.get_color())
        ax.vlines(xs, lows, highs, color=line.get_color(), alpha=0.6)
    ax.set_title(title)
    ax.set_ylabel(unit)
    ax.legend(fontsize="small")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(target, format="png")
    plt.close(fig)


def _html(series: dict[str, list[tuple[date, float, float]]], title: str, unit: str, target: Path) -> None:
    try:
        import plotly.graph_objects as go
    except ImportError as exc:
        raise ClaimgraphError("HTML charts need plotly: pip install 'claimgraph[plot]'") from exc

    fig = go.Figure()
    for source, rows in sorted(series.items()):
        rows.sort()
        xs = [r[0].isoformat() for r in rows]
        lows, highs = [r[1] for r in rows], [r[2] for r in rows]
        fig.add_trace(go.Scatter(x=xs + xs[::-1], y=highs + lows[::-1], fill="toself", opacity=0.2,
                                 line={"width": 0}, showlegend=False, hoverinfo="skip", legendgroup=source))
        fig.add_trace(go.Scatter(x=xs, y=[(lo + hi) / 2 for lo, hi in zip(lows, highs)], mode="lines+markers",
                                 name=source, legendgroup=source,
                                 error_y={"type": "data", "symmetric": False,
                                          "array": [(hi - lo) / 2 for lo, hi in zip(lows, highs)],
                                          "arrayminus": [(hi - lo) / 2 for lo, hi in zip(lows, highs)]}))
    fig.update_layout(title=title, yaxis_title=unit)
    fig.write_html(str(target), include_plotlyjs=True, full_html=True)
