"""What extraction finds: spans, entities, quantities, times, sources, claims and quotes.

Every record that comes from the text keeps character offsets into the cleaned text, so any
output can be traced back to the words that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph.model.document import Document

CLAIM_KINDS = (
    "deploy",
    "casualties",
    "killed",
    "wounded",
    "captured",
    "displaced",
    "attack",
    "intercepted",
    "supply",
    "labor",
    "sanction",
    "statement",
    "measure",
)
MODALITIES = ("asserted", "hedged", "negated")
ENTITY_TYPES = ("person", "org", "country", "place")
SOURCE_KINDS = (
    "media",
    "intelligence",
    "government",
    "military",
    "armed_group",
    "person",
    "ngo",
    "international",
    "document",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the cleaned text: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return `{"start", "end", "text"}`."""
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        """Build a span from `to_dict()` output."""
        return cls(int(data["start"]), int(data["end"]), str(data.get("text", "")))

    def contains(self, other: Span) -> bool:
        """Return True when `other` lies within this span."""
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where an entity is named, and how (`name`, `demonym`, `capital`, `description`…)."""

    span: Span
    form: str = "name"

    def to_dict(self) -> dict[str, Any]:
        """Return the mention's span and form."""
        return {**self.span.to_dict(), "form": self.form}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        """Build a mention from `to_dict()` output."""
        return cls(Span.from_dict(data), data.get("form", "name"))


@dataclass(slots=True)
class Entity:
    """A real-world thing named in the document, under its canonical (English Wikipedia) name."""

    name: str
    type: str
    country: str | None = None
    kind: str | None = None
    wikidata: str | None = None
    known: bool = True
    mentions: list[Mention] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Identity of the entity within a document and across documents."""
        return f"{self.type}:{self.name}"

    def to_dict(self) -> dict[str, Any]:
        """Return the entity as a JSON object with its mentions and aliases seen."""
        aliases = sorted({m.span.text for m in self.mentions})
        return {
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "kind": self.kind,
            "wikidata": self.wikidata,
            "known": self.known,
            "aliases": aliases,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """Build an entity from `to_dict()` output."""
        return cls(
            name=data["name"],
            type=data["type"],
            country=data.get("country"),
            kind=data.get("kind"),
            wikidata=data.get("wikidata"),
            known=bool(data.get("known", True)),
            mentions=[Mention.from_dict(m) for m in data.get("mentions", [])],
        )


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount: `min`/`max` (either may be None for open bounds) and the unit category."""

    min: float | None
    max: float | None
    unit: str | None = None
    noun: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return `{"min", "max", "unit"}` plus the counted noun and the span."""
        out: dict[str, Any] = {"min": _num(self.min), "max": _num(self.max), "unit": self.unit}
        if self.noun is not None:
            out["noun"] = self.noun
        if self.span is not None:
            out["span"] = self.span.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        """Build a quantity from `to_dict()` output."""
        span = data.get("span")
        return cls(
            data.get("min"),
            data.get("max"),
            data.get("unit"),
            data.get("noun"),
            Span.from_dict(span) if span else None,
        )


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A normalised time: a point (`value`) or an open interval (`after` / `before`)."""

    value: str | None = None
    after: str | None = None
    before: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return only the fields that are set (`value`, `after`, `before`), plus the span."""
        out: dict[str, Any] = {}
        for key in ("value", "after", "before"):
            val = getattr(self, key)
            if val is not None:
                out[key] = val
        if self.span is not None:
            out["span"] = self.span.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeExpr:
        """Build a time from `to_dict()` output."""
        span = data.get("span")
        return cls(
            data.get("value"),
            data.get("after"),
            data.get("before"),
            Span.from_dict(span) if span else None,
        )


@dataclass(frozen=True, slots=True)
class Source:
    """One link of an attribution chain: who says so."""

    name: str
    country: str | None = None
    kind: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return `{"name", "country", "kind"}` plus the span that names the source."""
        out: dict[str, Any] = {"name": self.name, "country": self.country, "kind": self.kind}
        if self.span is not None:
            out["span"] = self.span.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """Build a source from `to_dict()` output."""
        span = data.get("span")
        return cls(
            data["name"],
            data.get("country"),
            data.get("kind"),
            Span.from_dict(span) if span else None,
        )


@dataclass(slots=True)
class Claim:
    """One statement of fact the article reports, with who says so and how certainly."""

    kind: str
    evidence: Span
    sentence: Span
    actor: str | None = None
    target: str | None = None
    quantity: Quantity | None = None
    time: TimeExpr | None = None
    place: str | None = None
    sources: list[Source] = field(default_factory=list)
    modality: str = "asserted"
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the claim with FORMAT.md's field names plus `evidence` and `sentence`."""
        return {
            "id": self.id,
            "kind": self.kind,
            "actor": self.actor,
            "target": self.target,
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "time": self.time.to_dict() if self.time else None,
            "place": self.place,
            "sources": [s.to_dict() for s in self.sources],
            "modality": self.modality,
            "evidence": self.evidence.to_dict(),
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> Claim:
        """Build a claim from `to_dict()` output; `text` restores the sentence's words."""
        sent = data["sentence"]
        start, end = int(sent["start"]), int(sent["end"])
        return cls(
            kind=data["kind"],
            evidence=Span.from_dict(data["evidence"]),
            sentence=Span(start, end, text[start:end]),
            actor=data.get("actor"),
            target=data.get("target"),
            quantity=Quantity.from_dict(data["quantity"]) if data.get("quantity") else None,
            time=TimeExpr.from_dict(data["time"]) if data.get("time") else None,
            place=data.get("place"),
            sources=[Source.from_dict(s) for s in data.get("sources", [])],
            modality=data.get("modality", "asserted"),
            id=data.get("id"),
        )


@dataclass(slots=True)
class Quote:
    """Words the article puts in someone's mouth, and who that is (None when unknown)."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return `{"speaker", "text", "start", "end"}` plus the span naming the speaker."""
        out: dict[str, Any] = {
            "speaker": self.speaker,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.speaker_span is not None:
            out["speaker_span"] = self.speaker_span.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        """Build a quote from `to_dict()` output."""
        span = data.get("speaker_span")
        return cls(
            data["text"],
            int(data["start"]),
            int(data["end"]),
            data.get("speaker"),
            Span.from_dict(span) if span else None,
        )


@dataclass(slots=True)
class Extraction:
    """Everything `extract()` found in one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # True when the document had more sentences than the limit and only the first were extracted.
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the extraction as the JSON object DESIGN.md fixes ("truncated": true added when it was)."""
        out: dict[str, Any] = {
            "document": self.document.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "claims": [c.to_dict() for c in self.claims],
            "quotes": [q.to_dict() for q in self.quotes],
        }
        if self.truncated:
            out["truncated"] = True
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Build an extraction from `to_dict()` output."""
        document = Document.from_dict(data["document"])
        return cls(
            document=document,
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            claims=[Claim.from_dict(c, document.text) for c in data.get("claims", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            truncated=bool(data.get("truncated", False)),
        )


def _num(value: float | None) -> float | int | None:
    """Return integral floats as ints so JSON shows 25000, not 25000.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
