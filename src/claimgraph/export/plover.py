"""Claims as PLOVER event records (the ontology of POLECAT), for users of event datasets.

Each claim becomes one record: PLOVER's event type, mode and context (mapped from our claim
kind by `lang/plover.yml`), actor and recipient with their countries, `dead` / `injured` /
`size` from the claim's figure, the story's date and headline, and our extra fields: the
attribution chain, the modality and the evidence offsets. A PLOVER count takes the lower bound
of a range ("25,000-30,000" gives size 25000), the upper one when only that is known ("up to
150,000"); the figure as reported always stays in quantity_min / quantity_max.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import LexiconError
from claimgraph.model import Claim, Entity, Extraction

PLOVER_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
     "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)
COUNT_FIELDS = ("dead", "injured", "size")


@dataclass(frozen=True)
class KindMapping:
    """How one claim kind becomes a PLOVER event."""

    event_type: str | None
    mode: str | None
    mode_by_unit: dict[str, str]
    context: tuple[str, ...]
    quantity: str | None


@dataclass(frozen=True)
class PloverMapping:
    """The whole mapping file: per claim kind, and PLOVER type -> quad class."""

    kinds: dict[str, KindMapping]
    quad_classes: dict[str, str]


@functools.lru_cache(maxsize=1)
def load_mapping() -> PloverMapping:
    """Return the validated mapping of `lang/plover.yml`; raise LexiconError when it is malformed."""
    raw = yaml.safe_load(resources.files("claimgraph.lang").joinpath("plover.yml").read_text(encoding="utf-8"))
    kinds: dict[str, KindMapping] = {}
    for kind, spec in (raw.get("kinds") or {}).items():
        event_type = spec.get("event_type")
        if event_type is not None and event_type not in PLOVER_TYPES:
            raise LexiconError(f"plover.yml: {kind}: {event_type!r} is not a PLOVER event type")
        quantity = spec.get("quantity")
        if quantity is not None and quantity not in COUNT_FIELDS:
            raise LexiconError(f"plover.yml: {kind}: quantity must be one of {COUNT_FIELDS} or null, not {quantity!r}")
        kinds[kind] = KindMapping(event_type, spec.get("mode"), dict(spec.get("mode_by_unit") or {}),
                                  tuple(spec.get("context") or ()), quantity)
    quads = dict(raw.get("quad_classes") or {})
    if set(quads) != PLOVER_TYPES:
        raise LexiconError("plover.yml: quad_classes must name every PLOVER event type once")
    return PloverMapping(kinds, quads)


def _count(claim: Claim) -> int | None:
    quantity = claim.quantity
    if quantity is None:
        return None
    value = quantity.min if quantity.min is not None else quantity.max
    return None if value is None else int(value)


def _country(name: str | None, entities: dict[str, Entity]) -> str | None:
    entity = entities.get(name or "")
    if entity is None:
        return None
    return entity.country or (entity.name if entity.type == "country" else None)


def event_records(extraction: Extraction) -> list[dict[str, Any]]:
    """Return one PLOVER-style event record per claim of the extraction, in claim order."""
    mapping = load_mapping()
    document = extraction.document if extraction.document.id else extraction.document.with_identity()
    by_name = {e.name: e for e in extraction.entities}
    records = []
    for seq, claim in enumerate(extraction.claims, 1):
        kind = mapping.kinds.get(claim.kind, KindMapping(None, None, {}, (), None))
        unit = claim.quantity.unit if claim.quantity else None
        counts: dict[str, int | None] = dict.fromkeys(COUNT_FIELDS)
        if kind.quantity:
            counts[kind.quantity] = _count(claim)
        time = claim.time
        records.append(
            {
                "event_id": f"{document.id}:c{seq}",
                "event_date": (time.value if time and time.value else None) or document.published,
                "event_type": kind.event_type,
                "event_mode": kind.mode_by_unit.get(unit or "", kind.mode),
                "event_context": list(kind.context),
                "quad_class": mapping.quad_classes.get(kind.event_type or ""),
                "actor_name": claim.actor,
                "actor_country": _country(claim.actor, by_name),
                "recipient_name": claim.target,
                "recipient_country": _country(claim.target, by_name),
                "placename": claim.place,
                **counts,
                "story_id": document.id,
                "story_date": document.published,
                "headline": document.title,
                "url": document.url,
                "publisher": document.outlet,
                "language": document.lang,
                # Ours, beyond PLOVER:
                "claim_kind": claim.kind,
                "quantity_min": claim.quantity.min if claim.quantity else None,
                "quantity_max": claim.quantity.max if claim.quantity else None,
                "quantity_unit": unit,
                "time_after": time.after if time else None,
                "time_before": time.before if time else None,
                "modality": claim.modality,
                "attribution_chain": [s.to_dict() for s in claim.sources],
                "evidence": claim.evidence.to_dict(),
                "sentence": {"start": claim.sentence.start, "end": claim.sentence.end},
            }
        )
    return records


def dumps(record: dict[str, Any]) -> str:
    """Return one event record as a JSON line (without the newline)."""
    return json.dumps(record, ensure_ascii=False)
