"""The unit hierarchy: every category it names exists in the unit lexicons, and persons nest."""

from __future__ import annotations

from importlib import resources

import yaml

from claimgraph.analyze import units


def _lexicon_categories() -> set[str]:
    found: set[str] = set()
    for lang in ("de", "en"):
        text = resources.files("claimgraph.lang").joinpath(lang, "units.yml").read_text(encoding="utf-8")
        found |= set(yaml.safe_load(text)["categories"])
    return found


def test_hierarchy_names_only_lexicon_categories() -> None:
    hierarchy = units.load()
    categories = _lexicon_categories()
    assert set(hierarchy.parents) <= categories
    assert set(hierarchy.parents.values()) <= categories
    assert hierarchy.no_unit not in categories


def test_persons_nest_and_materiel_stays_apart() -> None:
    hierarchy = units.load()
    assert {hierarchy.root(u) for u in ("soldier", "civilian", "refugee", "worker", "person")} == {"person"}
    assert hierarchy.root("missile") == "missile" and hierarchy.root("drone") == "drone"
    assert hierarchy.root(None) == "count"
    assert hierarchy.members("soldier") == {"soldier", "civilian", "refugee", "worker", "person"}


def test_cycles_are_caught_at_the_root_lookup() -> None:
    looped = units.UnitHierarchy(parents={"a": "b", "b": "a"}, no_unit="count")
    assert looped.root("a") in {"a", "b"}
