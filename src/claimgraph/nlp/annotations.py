"""Annotation records the pipeline components attach to a Doc (character offsets into doc._.cg_text)."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimgraph.model import Quantity, Source, TimeExpr


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A gazetteer record (or a name found from context): canonical name, type and what it is."""

    name: str
    type: str
    country: str | None = None
    kind: str | None = None
    wikidata: str | None = None
    known: bool = True
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityMention:
    """Where an entity is named: `form` is name, short, alias, demonym, adjective, capital,
    compound, description, fuzzy or context."""

    start: int
    end: int
    ref: EntityRef
    form: str = "name"


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """A quantity expression and its counted noun (noun offsets are -1 when there is none)."""

    start: int
    end: int
    quantity: Quantity
    noun_start: int = -1
    noun_end: int = -1
    category: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression and its normalised value (None when it cannot be normalised)."""

    start: int
    end: int
    time: TimeExpr | None


@dataclass(frozen=True, slots=True)
class SourceCue:
    """An attribution cue in a sentence: the words naming the source and the resolved source.

    `outer` cues (reporting verbs: "berichtet CNN") govern the whole sentence and come first in
    the chain; prepositional ones ("laut X", "X zufolge") come after them.
    """

    start: int
    end: int
    source: Source
    outer: bool
    cue: str


@dataclass(frozen=True, slots=True)
class Cue:
    """A modality cue (`hedged` or `negated`) at some offsets."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """A direct quote (offsets of the words inside the marks) and its speaker, if found."""

    start: int
    end: int
    speaker: EntityRef | None = None
    speaker_start: int = -1
    speaker_end: int = -1


@dataclass(slots=True)
class SentenceInfo:
    """One sentence: its offsets and the attribution chain governing it."""

    start: int
    end: int
    sources: list[SourceCue] = field(default_factory=list)
    inherited: bool = False
