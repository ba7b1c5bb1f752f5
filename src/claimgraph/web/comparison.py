"""Source comparison: each source's figures side by side, who was first, who was echoed or contradicted.

Works on timeline points (the analysis contract's shape) and on plain claim rows, which
`points_from_claims` turns into points.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

UNATTRIBUTED = "(unattributed)"
TOLERANCE = 0.10


def _when(point: dict[str, Any]) -> str:
    return str(point.get("reference_time") or point.get("published") or "")


def _bounds(point: dict[str, Any]) -> tuple[float, float] | None:
    given = [v for v in (point.get("min"), point.get("max")) if v is not None]
    if not given:
        return None
    # An open bound takes the other one's value: "at least 6,000" compares as 6,000.
    return float(given[0]), float(given[-1])


def agrees(a: dict[str, Any], b: dict[str, Any], tolerance: float = TOLERANCE) -> bool | None:
    """Return whether two figures agree (overlapping ranges or midpoints within `tolerance`); None if not comparable."""
    if a.get("unit") != b.get("unit"):
        return None
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return None
    if ba[0] <= bb[1] and bb[0] <= ba[1]:
        return True
    mid_a, mid_b = sum(ba) / 2, sum(bb) / 2
    scale = max(abs(mid_a), abs(mid_b))
    return scale == 0 or abs(mid_a - mid_b) / scale <= tolerance


def points_from_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return timeline-like points for the claims that carry a figure; the innermost source is the source."""
    points = []
    for claim in claims:
        quantity = claim.get("quantity") or {}
        if quantity.get("min") is None and quantity.get("max") is None:
            continue
        time = claim.get("time") or {}
        chain = [s["name"] for s in claim.get("sources") or []]
        points.append(
            {
                "claim_id": claim.get("id"),
                "document_id": claim.get("document_id"),
                "title": claim.get("title"),
                "published": claim.get("published"),
                "reference_time": time.get("value") or time.get("after") or time.get("before") or claim.get("published"),
                "min": quantity.get("min"),
                "max": quantity.get("max"),
                "unit": quantity.get("unit"),
                "sources": chain,
                "source": chain[-1] if chain else None,
                "modality": claim.get("modality"),
                "evidence": (claim.get("evidence") or {}).get("text"),
            }
        )
    _mark_first_carriers(points)
    return points


def _mark_first_carriers(points: list[dict[str, Any]]) -> None:
    """Set `first_carrier` on the earliest-published point of each distinct figure."""
    seen: set[tuple[Any, Any, Any]] = set()
    for point in sorted(points, key=lambda p: (str(p.get("published") or "9999"), str(p.get("claim_id")))):
        figure = (point.get("min"), point.get("max"), point.get("unit"))
        point["first_carrier"] = figure not in seen
        seen.add(figure)


def compare_sources(points: list[dict[str, Any]], tolerance: float = TOLERANCE) -> list[dict[str, Any]]:
    """Return one row per source: its figures, how often it was first, later confirmed and later contradicted.

    A source's figure counts as confirmed (contradicted) once for every other source whose next
    comparable figure, dated on or after it, agrees (disagrees) with it.
    """
    ordered = sorted(points, key=lambda p: (_when(p), str(p.get("published") or "")))
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for point in ordered:
        by_source[point.get("source") or UNATTRIBUTED].append(point)
    rows: list[dict[str, Any]] = []
    for source, own in by_source.items():
        confirmed = contradicted = 0
        for point in own:
            for other, theirs in by_source.items():
                if other == source:
                    continue
                later = next(
                    (q for q in theirs if _when(q) >= _when(point) and agrees(point, q, tolerance) is not None),
                    None,
                )
                if later is None:
                    continue
                if agrees(point, later, tolerance):
                    confirmed += 1
                else:
                    contradicted += 1
        rows.append(
            {
                "source": source,
                "points": own,
                "first": sum(1 for p in own if p.get("first_carrier")),
                "confirmed": confirmed,
                "contradicted": contradicted,
            }
        )
    rows.sort(key=lambda r: (-len(r["points"]), r["source"]))
    return rows
