"""Unit categories and how they nest (data in `lang/unit_hierarchy.yml`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from claimgraph.errors import LexiconError

HIERARCHY_FILE = "unit_hierarchy.yml"


@dataclass(frozen=True)
class UnitHierarchy:
    """Parent links between unit categories, the category of a figure without a unit, and the
    claim kinds whose figures count events over a period."""

    parents: dict[str, str]
    no_unit: str
    period_kinds: frozenset[str] = frozenset()

    def root(self, unit: str | None) -> str:
        """Return the broadest category `unit` nests in (itself when it has no parent)."""
        if not unit:
            return self.no_unit
        seen = {unit}
        while unit in self.parents:
            unit = self.parents[unit]
            if unit in seen:  # load() rejects cycles; this guards hand-built hierarchies
                break
            seen.add(unit)
        return unit

    def members(self, category: str) -> set[str]:
        """Return `category` and every category nested under it."""
        root = self.root(category)
        return {c for c in set(self.parents) | {category, root} if self.root(c) == root}


@functools.cache
def load() -> UnitHierarchy:
    """Return the packaged unit hierarchy; raise LexiconError when the file is malformed."""
    path = resources.files("claimgraph.lang").joinpath(HIERARCHY_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise LexiconError(f"lang/{HIERARCHY_FILE}: {exc}") from exc
    parents = data.get("parents") or {}
    if not isinstance(parents, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in parents.items()
    ):
        raise LexiconError(f"lang/{HIERARCHY_FILE}: `parents` must map category names to category names")
    for start in parents:
        seen, unit = {start}, start
        while unit in parents:
            unit = parents[unit]
            if unit in seen:
                raise LexiconError(f"lang/{HIERARCHY_FILE}: categories nest in a cycle through {unit!r}")
            seen.add(unit)
    period_kinds = data.get("period_kinds") or []
    if not isinstance(period_kinds, list) or not all(isinstance(k, str) for k in period_kinds):
        raise LexiconError(f"lang/{HIERARCHY_FILE}: `period_kinds` must be a list of claim kinds")
    return UnitHierarchy(
        parents=dict(parents), no_unit=str(data.get("no_unit") or "count"), period_kinds=frozenset(period_kinds)
    )
