"""Pydantic models of everything the API reads and answers, so the OpenAPI spec is complete."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Number = int | float


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ErrorOut(_Out):
    """Every error the API answers with."""

    ok: Literal[False] = False
    status: int = Field(description="The HTTP status code, repeated.")
    error: str = Field(description="What went wrong, in one sentence.")


class SpanOut(_Out):
    """A stretch of a document's cleaned text (character offsets)."""

    start: int
    end: int
    text: str = ""


class SentenceOut(_Out):
    """The sentence a claim was found in (character offsets)."""

    start: int
    end: int


class QuantityOut(_Out):
    """An amount: a range with open bounds allowed, and its unit category."""

    min: Number | None = None
    max: Number | None = None
    unit: str | None = None
    noun: str | None = None
    span: SpanOut | None = None


class TimeOut(_Out):
    """A normalised time: a point (`value`) or an open interval (`after` / `before`)."""

    value: str | None = None
    after: str | None = None
    before: str | None = None
    span: SpanOut | None = None


class SourceOut(_Out):
    """One link of an attribution chain (outermost first)."""

    name: str
    country: str | None = None
    kind: str | None = None
    span: SpanOut | None = None


class ClaimOut(_Out):
    """A claim; in listings it also carries its document's id, title and publication date."""

    id: str | None = None
    document_id: str | None = None
    published: str | None = None
    title: str | None = None
    kind: str
    actor: str | None = None
    target: str | None = None
    quantity: QuantityOut | None = None
    time: TimeOut | None = None
    place: str | None = None
    sources: list[SourceOut] = []
    modality: str
    evidence: SpanOut
    sentence: SentenceOut


class ClaimList(_Out):
    """A page of claims and the cursor of the next page (null on the last page)."""

    items: list[ClaimOut]
    next: str | None


class DocumentSummary(_Out):
    """A stored document without its full text."""

    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str | None = None
    content_hash: str | None = None
    n_claims: int = 0
    n_quotes: int = 0
    snippet: str = ""


class DocumentList(_Out):
    """A page of documents and the cursor of the next page."""

    items: list[DocumentSummary]
    next: str | None


class DocumentOut(_Out):
    """A document with its cleaned text."""

    id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    lang: str | None = None
    text: str


class MentionOut(_Out):
    """Where an entity is named, and how."""

    start: int
    end: int
    text: str
    form: str = "name"


class ExtractedEntity(_Out):
    """An entity of one document with every mention's span."""

    name: str
    type: str
    country: str | None = None
    kind: str | None = None
    wikidata: str | None = None
    known: bool = True
    aliases: list[str] = []
    mentions: list[MentionOut] = []


class QuoteOut(_Out):
    """A quote; in listings it also carries its id and document fields."""

    id: str | None = None
    document_id: str | None = None
    published: str | None = None
    title: str | None = None
    speaker: str | None = None
    text: str
    start: int
    end: int
    speaker_span: SpanOut | None = None


class QuoteList(_Out):
    """A page of quotes and the cursor of the next page."""

    items: list[QuoteOut]
    next: str | None


class DocumentDetail(_Out):
    """A document's cleaned text and every span extraction found in it."""

    document: DocumentOut
    entities: list[ExtractedEntity]
    claims: list[ClaimOut]
    quotes: list[QuoteOut]


class AliasCount(_Out):
    """A surface form an entity was named by, and how often."""

    text: str
    count: int


class EntityRow(_Out):
    """A canonical entity with its mention and document counts and the aliases seen."""

    name: str
    type: str
    country: str | None = None
    kind: str | None = None
    wikidata: str | None = None
    known: bool = True
    mentions: int = 0
    documents: int = 0
    aliases: list[AliasCount] = []


class EntityList(_Out):
    """A page of entities and the cursor of the next page."""

    items: list[EntityRow]
    next: str | None


class StorylineOut(_Out):
    """Claims of one kind about one actor and target, across documents."""

    id: str
    label: str
    kind: str | None = None
    actor: str | None = None
    target: str | None = None
    category: str | None = None
    place: str | None = None
    claims: int = 0
    documents: int = 0
    sources: int = 0
    first: str | None = None
    last: str | None = None
    disagreements: int = 0


class StorylineList(_Out):
    """A page of storylines and the cursor of the next page."""

    items: list[StorylineOut]
    next: str | None


class TimelinePoint(_Out):
    """One figure of a storyline, as one article carried it."""

    claim_id: str
    document_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    reference_time: str | None = None
    min: Number | None = None
    max: Number | None = None
    unit: str | None = None
    sources: list[str] = []
    source: str | None = None
    modality: str | None = None
    evidence: str | None = None
    first_carrier: bool = False
    revision_of: str | None = None
    copies: list[str] = []


class TimelineOut(_Out):
    """A storyline and its figures in order of reference time."""

    storyline: StorylineOut
    points: list[TimelinePoint]


class DisagreementOut(_Out):
    """Two figures of one storyline that differ by more than the tolerance."""

    storyline_id: str
    label: str | None = None
    a: TimelinePoint
    b: TimelinePoint
    gap: float


class DisagreementList(_Out):
    """A page of disagreements and the cursor of the next page."""

    items: list[DisagreementOut]
    next: str | None


class ArticleIn(BaseModel):
    """One article to ingest: its text and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article's text.")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=500)
    author: str | None = Field(default=None, max_length=500)
    published: str | None = Field(
        default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD."
    )
    lang: str | None = Field(default=None, max_length=16)


class IngestOut(_Out):
    """What ingesting one article did."""

    id: str
    created: bool = Field(description="False when the document was already stored (nothing changed).")
    claims: int
    quotes: int
    entities: int
