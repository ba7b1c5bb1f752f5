"""The web layer's door to `claimgraph.analyze` (storylines, timelines, disagreements)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from fastapi import HTTPException

from claimgraph.errors import InputError
from claimgraph.store import Store

# What the web layer calls (see the analysis contract).
CONTRACT = ("update", "storylines", "timeline", "disagreements")


def module() -> ModuleType:
    """Return `claimgraph.analyze`; raise 503 when this installation has no analysis."""
    try:
        from claimgraph import analyze
    except ImportError as exc:
        raise HTTPException(503, "storyline analysis is not available in this installation") from exc
    if not all(hasattr(analyze, name) for name in CONTRACT):
        raise HTTPException(503, "storyline analysis is not available in this installation")
    return analyze


def available() -> bool:
    """Return True when `claimgraph.analyze` can be imported."""
    try:
        module()
    except HTTPException:
        return False
    return True


def refresh(store: Store) -> dict[str, Any] | None:
    """Bring the analysis up to date after a write; return its counts, or None without analysis."""
    if not available():
        return None
    result: dict[str, Any] = module().update(store)
    return result


def storylines(store: Store, *, kind: str | None, actor: str | None, target: str | None, limit: int) -> list[dict[str, Any]]:
    """Return storyline rows (see the analysis contract)."""
    rows: list[dict[str, Any]] = module().storylines(store, kind=kind, actor=actor, target=target, limit=limit)
    return rows


def storyline(store: Store, storyline_id: str) -> dict[str, Any]:
    """Return `{"storyline", "points"}` of one storyline; raise 404 for an unknown id."""
    try:
        result: dict[str, Any] = module().timeline(store, storyline_id)
    except InputError as exc:
        raise HTTPException(404, f"no storyline with id {storyline_id!r}") from exc
    return result


def disagreements(
    store: Store, *, storyline_id: str | None, window_days: int = 45, tolerance: float = 0.10
) -> list[dict[str, Any]]:
    """Return disagreement rows `{"storyline_id", "label", "a", "b", "gap"}`."""
    try:
        rows: list[dict[str, Any]] = module().disagreements(
            store, window_days=window_days, tolerance=tolerance, storyline_id=storyline_id
        )
    except InputError as exc:
        raise HTTPException(404, f"no storyline with id {storyline_id!r}") from exc
    return rows
