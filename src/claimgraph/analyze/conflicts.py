"""Disagreements: figures of different sources about the same storyline and time that do not fit.

Two points disagree when
- they come from different sources (see `points.attributed_to`), neither is negated;
- their reference times lie within `window_days` of each other (partial dates are spans:
  "2024-11" is every day of November);
- each was its source's current word at the later of the two times: a figure its own source
  revised before then is history, not a disagreement;
- for a count of events over a period (`per_period`: killed, attacks, …), their reference times
  have the same precision (day, month or year): a month's total and one night's figure are
  different measures;
- their ranges do not overlap even after widening each by `tolerance` (relative): a range
  [lo, hi] becomes [lo·(1−t), hi·(1+t)]. An open range ("more than 1,000") has no upper end,
  and a vague amount ("Tausende") takes part as its range (1,000–9,999).
`gap` is the distance between the ranges relative to the lower range's top (0.27 = 27 % apart).
"""

from __future__ import annotations

from typing import Any

from claimgraph.analyze import dates

WINDOW_DAYS = 45
TOLERANCE = 0.10


def _range(p: dict[str, Any]) -> tuple[float, float]:
    lo = p["min"] if p["min"] is not None else 0.0
    hi = p["max"] if p["max"] is not None else float("inf")
    return float(lo), float(hi)


def gap(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Return how far apart two figures are, relative to the lower one's top (0 when they overlap)."""
    (alo, ahi), (blo, bhi) = _range(a), _range(b)
    if ahi > bhi or (ahi == bhi and alo > blo):
        (alo, ahi), (blo, bhi) = (blo, bhi), (alo, ahi)
    if blo <= ahi:
        return 0.0
    return (blo - ahi) / ahi if ahi > 0 else float("inf")


def conflict(a: dict[str, Any], b: dict[str, Any], tolerance: float) -> bool:
    """Return True when the two ranges stay apart after widening each by `tolerance`."""
    (alo, ahi), (blo, bhi) = _range(a), _range(b)
    return alo * (1 - tolerance) > bhi * (1 + tolerance) or blo * (1 - tolerance) > ahi * (1 + tolerance)


def _superseded(point: dict[str, Any], by_day: int, points: list[dict[str, Any]]) -> bool:
    """Return True when `point`'s source gave a different figure after it and no later than `by_day`."""
    start = dates.span(point["reference_time"])
    if start is None:
        return False
    for other in points:
        if other is point or other["source"] != point["source"] or other["modality"] == "negated":
            continue
        span = dates.span(other["reference_time"])
        if span is not None and start[0] < span[0] <= by_day and (other["min"], other["max"]) != (point["min"], point["max"]):
            return True
    return False


def find(points: list[dict[str, Any]], *, window_days: int = WINDOW_DAYS, tolerance: float = TOLERANCE,
         per_period: bool = False) -> list[tuple[dict[str, Any], dict[str, Any], float]]:
    """Return (earlier point, later point, gap) for every disagreeing pair of one storyline's points.

    `per_period`: the storyline counts events over a period, so only figures whose reference
    times have the same precision are compared.
    """
    usable = [p for p in points if p["modality"] != "negated" and dates.span(p["reference_time"]) is not None]
    found = []
    for i, a in enumerate(usable):
        for b in usable[i + 1 :]:
            if a["source"] == b["source"] or not conflict(a, b, tolerance):
                continue
            if per_period and dates.precision(a["reference_time"]) != dates.precision(b["reference_time"]):
                continue
            sa, sb = dates.span(a["reference_time"]), dates.span(b["reference_time"])
            days = dates.distance(sa, sb)
            if days is None or days > window_days:
                continue
            later = max(sa[0], sb[0])  # type: ignore[index]
            if _superseded(a, later, points) or _superseded(b, later, points):
                continue
            found.append((a, b, round(gap(a, b), 4)))
    return found
