"""Storylines: claims grouped by what they measure (kind, actor, target, unit category, place).

A storyline's key is the claim's kind, actor, target and the root of its unit category
(soldier and civilian figures both count persons). The place joins the key only when a claim
has neither actor nor target: then it is the one thing saying what is measured ("killed in
Gaza"); with an actor or target it is shown but does not split the story (the Kursk figures
and the nationwide ones of "North Korea → Russia, deploy" are one storyline). Claims without
a figure, and claims with no actor, target or place, measure nothing nameable and are left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select

from claimgraph.analyze import units
from claimgraph.analyze.tables import analysis_claims, analysis_storylines
from claimgraph.store.schema import claims

IN_CHUNK = 500
ANY = "any"


@dataclass(frozen=True)
class StorylineKey:
    """What a storyline measures."""

    kind: str
    actor: str | None
    target: str | None
    category: str
    place: str | None

    @property
    def id(self) -> str:
        """Return the stable, URL-safe slug, e.g. "deploy--north-korea--russia--person"."""
        parts = [self.kind, self.actor or ANY, self.target or ANY, self.category]
        if self.place:
            parts.append(self.place)
        return "--".join(_slug(p) for p in parts)

    @property
    def label(self) -> str:
        """Return a readable name, e.g. "North Korea → Russia, deploy, person"."""
        who = " → ".join(p for p in (self.actor or "?", self.target) if p)
        label = f"{who}, {self.kind}, {self.category}"
        return f"{label}, in {self.place}" if self.place else label


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def key_of(claim: dict[str, Any] | Any) -> StorylineKey | None:
    """Return the storyline key of a claim row (claims table columns), or None if it has none."""
    if claim["quantity_min"] is None and claim["quantity_max"] is None:
        return None
    actor, target, place = claim["actor"], claim["target"], claim["place"]
    if not (actor or target or place):
        return None
    category = units.load().root(claim["unit"])
    return StorylineKey(claim["kind"], actor, target, category, None if (actor or target) else place)


def assign(conn: Connection, document_ids: Sequence[str]) -> set[str]:
    """Insert the storyline membership of the claims of `document_ids`; return the storyline ids touched."""
    touched: dict[str, StorylineKey] = {}
    rows = []
    for i in range(0, len(document_ids), IN_CHUNK):
        stmt = select(
            claims.c.id, claims.c.document_id, claims.c.kind, claims.c.actor, claims.c.target,
            claims.c.unit, claims.c.place, claims.c.quantity_min, claims.c.quantity_max,
        ).where(claims.c.document_id.in_(document_ids[i : i + IN_CHUNK]))
        for row in conn.execute(stmt):
            key = key_of(row._mapping)
            if key is None:
                continue
            touched[key.id] = key
            rows.append({"claim_id": row.id, "document_id": row.document_id, "storyline_id": key.id})
    if rows:
        conn.execute(analysis_claims.insert(), rows)
    _ensure_rows(conn, touched.values())
    return set(touched)


def _ensure_rows(conn: Connection, keys: Iterable[StorylineKey]) -> None:
    """Create summary rows for storylines seen for the first time (figures filled by refresh)."""
    wanted = {k.id: k for k in keys}
    ids = list(wanted)
    existing: set[str] = set()
    for i in range(0, len(ids), IN_CHUNK):
        existing.update(
            conn.execute(select(analysis_storylines.c.id).where(analysis_storylines.c.id.in_(ids[i : i + IN_CHUNK]))).scalars()
        )
    new = [
        {"id": k.id, "label": k.label, "kind": k.kind, "actor": k.actor, "target": k.target,
         "category": k.category, "place": k.place, "claims": 0, "documents": 0, "sources": 0,
         "first": None, "last": None, "disagreements": 0}
        for i, k in wanted.items() if i not in existing
    ]
    if new:
        conn.execute(analysis_storylines.insert(), new)


def storylines_of_documents(conn: Connection, document_ids: Sequence[str]) -> set[str]:
    """Return the ids of the storylines holding claims of these documents."""
    found: set[str] = set()
    for i in range(0, len(document_ids), IN_CHUNK):
        stmt = select(analysis_claims.c.storyline_id).where(
            analysis_claims.c.document_id.in_(document_ids[i : i + IN_CHUNK])
        ).distinct()
        found.update(conn.execute(stmt).scalars())
    return found


def summary_rows(conn: Connection, *, kind: str | None = None, actor: str | None = None,
                 target: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Return storyline summary rows matching the filters, most claims first."""
    from claimgraph.store import filters

    t = analysis_storylines
    stmt = select(t).where(t.c.claims > 0)
    if kind is not None:
        stmt = stmt.where(t.c.kind == kind)
    if actor is not None:
        stmt = stmt.where(filters.contains(t.c.actor, actor))
    if target is not None:
        stmt = stmt.where(filters.contains(t.c.target, target))
    stmt = stmt.order_by(t.c.claims.desc(), t.c.sources.desc(), t.c.id).limit(max(0, int(limit)))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def delete_empty(conn: Connection) -> None:
    """Remove summary rows of storylines that no longer hold a claim."""
    conn.execute(delete(analysis_storylines).where(analysis_storylines.c.id.not_in(select(analysis_claims.c.storyline_id))))
