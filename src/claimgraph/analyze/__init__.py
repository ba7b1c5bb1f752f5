"""Cross-document analysis: duplicates, entity groups, storylines, timelines, disagreements.

Everything here is derived from the stored documents and claims (tables in
`claimgraph.analyze.tables`) and can be rebuilt with `update(store, rebuild=True)`.
"""

from __future__ import annotations

from claimgraph.analyze.api import (
    disagreements,
    duplicates,
    entity_groups,
    status,
    storylines,
    timeline,
    update,
)
from claimgraph.analyze.entities import add_to_gazetteer

__all__ = [
    "add_to_gazetteer",
    "disagreements",
    "duplicates",
    "entity_groups",
    "status",
    "storylines",
    "timeline",
    "update",
]
