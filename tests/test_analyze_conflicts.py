"""Disagreement rules on hand-made points: periods of event counts, windows and tolerance."""

from __future__ import annotations

from typing import Any

from claimgraph.analyze import conflicts, dates, units


def _point(source: str, when: str, lo: float, hi: float | None = None) -> dict[str, Any]:
    return {"source": source, "reference_time": when, "min": lo, "max": lo if hi is None else hi, "modality": "asserted"}


def test_reference_time_precision() -> None:
    assert [dates.precision(v) for v in ("2025", "2025-03", "2025-03-24", "März", None)] == [
        "year", "month", "day", None, None,
    ]


def test_a_months_count_and_one_nights_count_are_not_compared() -> None:
    month = _point("Volodymyr Zelenskyy", "2025-03", 1100)
    night = _point("Ukrainian Air Force", "2025-03-24", 147)
    assert conflicts.find([month, night], per_period=True) == []
    # A stock (troops in a country) is the same measure whatever the precision of its date.
    assert len(conflicts.find([month, night], per_period=False)) == 1


def test_counts_over_the_same_kind_of_period_still_disagree() -> None:
    a = _point("Ukrainian Air Force", "2025-03-24", 147)
    b = _point("Russian Defence Ministry", "2025-03-24", 40)
    ((first, second, gap),) = conflicts.find([a, b], per_period=True)
    assert {first["source"], second["source"]} == {a["source"], b["source"]}
    assert gap > 2.5


def test_event_counts_are_period_kinds_and_stocks_are_not() -> None:
    kinds = units.load().period_kinds
    assert {"killed", "attack", "intercepted", "displaced"} <= kinds
    assert "deploy" not in kinds and "supply" not in kinds
