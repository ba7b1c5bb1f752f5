"""The public functions of `claimgraph.analyze`, each taking an open Store first (see the contract)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from claimgraph.analyze import conflicts as disagreement_rules
from claimgraph.analyze import dedup as dup
from claimgraph.analyze import entities
from claimgraph.analyze import grouping as lines
from claimgraph.analyze import points as timelines
from claimgraph.analyze import units as unit_rules
from claimgraph.analyze.tables import ANALYSIS_TABLES, analysis_documents, analysis_storylines
from claimgraph.errors import InputError, StoreError
from claimgraph.store import Store, sqlite

DOCUMENT_BATCH = 500


# Any fixed 64-bit number: PostgreSQL writers of the analysis queue on this advisory lock.
ADVISORY_LOCK_KEY = 0x636C_616E_616C


@contextmanager
def _mapped(action: str) -> Iterator[None]:
    """Turn database errors into StoreError, like the store does."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"could not {action}: {getattr(exc, 'orig', None) or exc}") from exc


@contextmanager
def _write(store: Store) -> Iterator[Connection]:
    """Yield a connection in a write transaction that no other analysis runs beside."""
    with _mapped("update the analysis"), store.engine.connect() as conn:
        conn.execution_options(**{sqlite.WRITE_OPTION: True})  # SQLite: BEGIN IMMEDIATE
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield conn


@contextmanager
def _read(store: Store) -> Iterator[Connection]:
    with _mapped("read the analysis"), store.engine.connect() as conn, conn.begin():
        yield conn


def update(store: Store, *, rebuild: bool = False) -> dict[str, int]:
    """Bring duplicates and storylines up to date for documents not yet analysed; return counts.

    With `rebuild`, every analysis row is dropped first and recomputed from documents and claims.
    Each batch of documents is analysed in one transaction, so an interruption loses nothing
    already analysed. Returns documents analysed, exact/near duplicates found, storylines touched.
    """
    counts = {"documents": 0, "exact_duplicates": 0, "near_duplicates": 0, "storylines": 0}
    if rebuild:
        with _write(store) as conn:
            for table in reversed(ANALYSIS_TABLES):
                conn.execute(delete(table))
    while True:
        with _write(store) as conn:
            docs = dup.unanalysed(conn, DOCUMENT_BATCH)
            if not docs:
                break
            indexed = dup.DuplicateIndex(conn).add(docs)
            touched = lines.assign(conn, [d["id"] for d in docs])
            touched |= lines.storylines_of_documents(conn, sorted(indexed.changed))
            _refresh(conn, sorted(touched))
        counts["documents"] += len(docs)
        counts["exact_duplicates"] += indexed.exact
        counts["near_duplicates"] += indexed.near
        counts["storylines"] += len(touched)
    return counts


def _refresh(conn: Connection, storyline_ids: list[str]) -> None:
    """Recompute the summary figures of these storylines from their points."""
    raw = timelines.load(conn, storyline_ids)
    kinds: dict[str, str] = {}
    for i in range(0, len(storyline_ids), timelines.IN_CHUNK):
        chunk = storyline_ids[i : i + timelines.IN_CHUNK]
        stmt = select(analysis_storylines.c.id, analysis_storylines.c.kind).where(analysis_storylines.c.id.in_(chunk))
        kinds.update((sid, kind) for sid, kind in conn.execute(stmt))
    for sid in storyline_ids:
        points = timelines.build(raw.get(sid, []))
        spans = [p["reference_time"] for p in points if p["reference_time"]]
        conn.execute(
            analysis_storylines.update().where(analysis_storylines.c.id == sid).values(
                claims=len(points),
                documents=len({p["document_id"] for p in points}),
                sources=len({p["source"] for p in points}),
                first=points[0]["reference_time"] if spans else None,
                last=_last(points),
                disagreements=len(disagreement_rules.find(points, per_period=_per_period(kinds.get(sid)))),
            )
        )


def _per_period(kind: str | None) -> bool:
    """Return True when figures of this claim kind count events over a period (see lang/unit_hierarchy.yml)."""
    return kind in unit_rules.load().period_kinds


def _last(points: list[dict[str, Any]]) -> str | None:
    from claimgraph.analyze import dates

    dated = [(dates.span(p["reference_time"]), p["reference_time"]) for p in points]
    dated = [(s, t) for s, t in dated if s is not None]
    return max(dated)[1] if dated else None


def duplicates(store: Store, document_id: str | None = None) -> list[dict[str, Any]]:
    """Return duplicate links {document_id, duplicate_of (earliest copy), kind, similarity}.

    With `document_id`, the links of its group (whether it is the original or a copy).
    """
    t = analysis_documents
    stmt = select(t.c.document_id, t.c.duplicate_of, t.c.duplicate_kind, t.c.similarity).where(t.c.duplicate_of.is_not(None))
    with _read(store) as conn:
        if document_id is not None:
            root = conn.execute(select(t.c.duplicate_of).where(t.c.document_id == document_id)).scalar() or document_id
            stmt = stmt.where(t.c.duplicate_of == root)
        rows = conn.execute(stmt.order_by(t.c.duplicate_of, t.c.sort_key)).all()
    return [
        {"document_id": r.document_id, "duplicate_of": r.duplicate_of, "kind": r.duplicate_kind,
         "similarity": float(r.similarity) if r.similarity is not None else None}
        for r in rows
    ]


def storylines(store: Store, *, kind: str | None = None, actor: str | None = None,
               target: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Return storylines (id, label, kind, actor, target, category, place, claims, documents, sources,
    first, last, disagreements), most claims first; actor/target match case-insensitive substrings."""
    with _read(store) as conn:
        return lines.summary_rows(conn, kind=kind, actor=actor, target=target, limit=limit)


def _storyline(conn: Connection, storyline_id: str) -> dict[str, Any]:
    row = conn.execute(select(analysis_storylines).where(analysis_storylines.c.id == storyline_id)).first()
    if row is None or row.claims == 0:
        raise InputError(f"no storyline {storyline_id!r} (see `claimgraph storylines`)")
    return dict(row._mapping)


def timeline(store: Store, storyline_id: str) -> dict[str, Any]:
    """Return {storyline, points}: the storyline's row and its points ordered by reference time.

    Raises InputError for an unknown storyline id.
    """
    with _read(store) as conn:
        row = _storyline(conn, storyline_id)
        raw = timelines.load(conn, [storyline_id])[storyline_id]
    return {"storyline": row, "points": [timelines.public(p) for p in timelines.build(raw)]}


def disagreements(store: Store, *, window_days: int = disagreement_rules.WINDOW_DAYS,
                  tolerance: float = disagreement_rules.TOLERANCE,
                  storyline_id: str | None = None) -> list[dict[str, Any]]:
    """Return disagreeing pairs {storyline_id, label, a, b, gap}, biggest gap first within a storyline.

    Raises InputError for a negative window or tolerance, or an unknown storyline id.
    """
    if window_days < 0 or tolerance < 0:
        raise InputError("window and tolerance must not be negative")
    with _read(store) as conn:
        if storyline_id is not None:
            rows = [_storyline(conn, storyline_id)]
        else:
            stmt = select(analysis_storylines).where(analysis_storylines.c.sources > 1).order_by(analysis_storylines.c.id)
            rows = [dict(r._mapping) for r in conn.execute(stmt)]
        raw = timelines.load(conn, [r["id"] for r in rows])
    out = []
    for row in rows:
        points = timelines.build(raw.get(row["id"], []))
        found = disagreement_rules.find(points, window_days=window_days, tolerance=tolerance,
                                        per_period=_per_period(row.get("kind")))
        for a, b, gap in sorted(found, key=lambda f: -f[2]):
            out.append({"storyline_id": row["id"], "label": row["label"], "a": timelines.public(a),
                        "b": timelines.public(b), "gap": gap})
    return out


def entity_groups(store: Store, *, unresolved: bool = False, limit: int = 200) -> list[dict[str, Any]]:
    """Return canonical entities {name, type, known, aliases [{text, count}], mentions, documents},
    most mentioned first; with `unresolved`, recurring unknown names grouped by the fuzzy rule."""
    if not unresolved:
        return entities.known_groups(store.entities(limit=limit))
    with _read(store) as conn:
        return entities.unresolved_groups(conn, limit=limit)


def status(store: Store) -> dict[str, int]:
    """Return how many documents are analysed and how many are still waiting."""
    from claimgraph.store.schema import documents

    with _read(store) as conn:
        analysed = int(conn.execute(select(func.count()).select_from(analysis_documents)).scalar_one())
        total = int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
    if analysed > total:
        raise StoreError("the analysis tables hold documents the store does not (run `claimgraph analyze --rebuild`)")
    return {"documents": total, "analysed": analysed, "pending": total - analysed}
