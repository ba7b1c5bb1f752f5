"""Entities across documents: canonical entities with their surface forms, and groups of
recurring unknown names that a user may promote to a gazetteer file of their own.

The engine already resolves every known name to one canonical entity (gazetteer aliases and
fuzzy spellings: "Selensky", "Selenskyj" → Volodymyr Zelenskyy), so canonical entities are
read from the store. Unknown names are grouped here with the engine's fuzzy rule (rapidfuzz
ratio ≥ 88 and at most two characters longer or shorter) plus case and accent folding.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz
from sqlalchemy import Connection, distinct, func, select

from claimgraph.errors import InputError
from claimgraph.store.schema import entities, mentions

FUZZY_CUTOFF = 88.0
MAX_LENGTH_DIFFERENCE = 2
ENTITY_TYPES = ("person", "org", "country", "place")


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).strip()


def same_name(a: str, b: str) -> bool:
    """Return True when two names are one by the engine's fuzzy rule (after case/accent folding)."""
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    return abs(len(fa) - len(fb)) <= MAX_LENGTH_DIFFERENCE and fuzz.ratio(fa, fb) >= FUZZY_CUTOFF


def known_groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the store's entity rows in the contract's shape (name, type, known, aliases, mentions, documents)."""
    return [
        {
            "name": r["name"],
            "type": r["type"],
            "known": bool(r["known"]),
            "country": r.get("country"),
            "aliases": r.get("aliases", []),
            "mentions": int(r["mentions"]),
            "documents": int(r["documents"]),
        }
        for r in rows
    ]


def unresolved_groups(conn: Connection, *, min_documents: int = 2, limit: int = 200) -> list[dict[str, Any]]:
    """Return unknown names grouped by the fuzzy rule, those seen in at least `min_documents` documents."""
    stmt = (
        select(entities.c.id, entities.c.name, entities.c.type, mentions.c.text, mentions.c.document_id)
        .join(mentions, mentions.c.entity_id == entities.c.id)
        .where(entities.c.known.is_(False))
        .order_by(entities.c.type, entities.c.name)
    )
    per_entity: dict[int, dict[str, Any]] = {}
    for r in conn.execute(stmt):
        e = per_entity.setdefault(r.id, {"name": r.name, "type": r.type, "texts": {}, "docs": set()})
        e["texts"][r.text] = e["texts"].get(r.text, 0) + 1
        e["docs"].add(r.document_id)
    groups: list[dict[str, Any]] = []
    for e in per_entity.values():
        for g in groups:
            if g["type"] == e["type"] and any(same_name(e["name"], m) for m in g["members"]):
                g["members"].append(e["name"])
                for text, n in e["texts"].items():
                    g["texts"][text] = g["texts"].get(text, 0) + n
                g["docs"] |= e["docs"]
                break
        else:
            groups.append({"type": e["type"], "members": [e["name"]], "texts": dict(e["texts"]), "docs": set(e["docs"])})
    out = []
    for g in groups:
        if len(g["docs"]) < min_documents:
            continue
        aliases = sorted(({"text": t, "count": n} for t, n in g["texts"].items()), key=lambda a: (-a["count"], a["text"]))
        out.append({
            "name": aliases[0]["text"],
            "type": g["type"],
            "known": False,
            "aliases": aliases,
            "members": sorted(g["members"]),
            "mentions": sum(g["texts"].values()),
            "documents": len(g["docs"]),
        })
    out.sort(key=lambda g: (-g["documents"], -g["mentions"], g["name"]))
    return out[: max(0, int(limit))]


def count_unknown(conn: Connection) -> int:
    """Return how many unknown entities are mentioned in more than one document."""
    per = (
        select(mentions.c.entity_id)
        .join(entities, entities.c.id == mentions.c.entity_id)
        .where(entities.c.known.is_(False))
        .group_by(mentions.c.entity_id)
        .having(func.count(distinct(mentions.c.document_id)) > 1)
        .subquery()
    )
    return int(conn.execute(select(func.count()).select_from(per)).scalar_one())


def add_to_gazetteer(path: str | Path, name: str, type_: str, *, aliases: list[str] | tuple[str, ...] = (),
                     country: str | None = None) -> dict[str, Any]:
    """Append a record to the user's gazetteer file (YAML list, created if missing); return the record.

    Raises InputError for an unknown type, an empty name, a malformed file, or a name already there.
    """
    name = name.strip()
    if not name:
        raise InputError("a gazetteer entry needs a name")
    if type_ not in ENTITY_TYPES:
        raise InputError(f"unknown entity type {type_!r} (one of {', '.join(ENTITY_TYPES)})")
    file = Path(path)
    records: list[Any] = []
    if file.exists():
        try:
            records = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise InputError(f"{file}: not valid YAML: {exc}") from exc
        if not isinstance(records, list):
            raise InputError(f"{file}: a gazetteer file is a YAML list of records")
    for rec in records:
        if isinstance(rec, dict) and _fold(str(rec.get("name", ""))) == _fold(name) and rec.get("type") == type_:
            raise InputError(f"{file}: {name!r} ({type_}) is already in this gazetteer")
    record: dict[str, Any] = {"name": name, "type": type_}
    if country:
        record["country"] = country
    extra = [a for a in dict.fromkeys(a.strip() for a in aliases) if a and a != name]
    if extra:
        record["aliases"] = extra
    records.append(record)
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    tmp.replace(file)  # never leave a half-written gazetteer behind
    return record
