"""Who a phrase names as a source: a known body, a person, or a description
("dem britischen Geheimdienst" → United Kingdom, intelligence)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from claimgraph.model import Source, Span
from claimgraph.model.records import SOURCE_KINDS
from claimgraph.nlp.annotations import EntityMention, EntityRef
from claimgraph.nlp.gazetteer import Gazetteer, stem, stem_phrase
from claimgraph.nlp.index import ByStart
from claimgraph.nlp.lexicon import Lexicon, lexicon
from claimgraph.nlp.phrases import words

_KIND_LABEL = {
    "intelligence": "intelligence",
    "military": "military",
    "government": "government",
    "media": "media",
    "ngo": "organisation",
    "international": "organisation",
    "armed_group": "armed group",
    "document": "report",
    "person": "person",
}
_ORG_KIND = {"party": "government", "company": "ngo"}


def source_kind(ref: EntityRef) -> str | None:
    """Return the source kind of an entity (`person`, `media`, `government`…)."""
    if ref.type == "person":
        return "person"
    if ref.type == "country":
        return "government"
    kind = _ORG_KIND.get(ref.kind or "", ref.kind)
    return kind if kind in SOURCE_KINDS else None


@functools.cache
def _source_nouns(lang: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Source nouns by stem, and those usable as compound parts (longest first)."""
    nouns: dict[str, str] = {}
    for kind, items in lexicon(lang).attribution["source_nouns"].items():
        for item in items:
            nouns[stem_phrase(str(item))] = kind
    prefixes = sorted(((k, v) for k, v in nouns.items() if " " not in k and len(k) >= 5), key=lambda x: -len(x[0]))
    return nouns, prefixes


@dataclass
class SourceResolver:
    """Resolves a phrase (offsets) to a Source using the document's entity mentions."""

    text: str
    mentions: list[EntityMention]
    lex: Lexicon
    gaz: Gazetteer
    focus_country: str | None

    def __post_init__(self) -> None:
        self.nouns, self.prefixes = _source_nouns(self.lex.lang)
        self.doc_orgs = list({m.ref.name: m.ref for m in self.mentions if m.ref.type == "org"}.values())
        self.index = ByStart(self.mentions)

    def inside(self, start: int, end: int) -> list[EntityMention]:
        """Return entity mentions within [start, end)."""
        return [m for m in self.index.between(start, end) if m.end <= end]

    def resolve(self, start: int, end: int) -> Source | None:
        """Return the source the phrase text[start:end] names, or None if it names none."""
        span = Span(start, end, self.text[start:end])
        inner = self.inside(start, end)
        named = [m for m in inner if not m.form.startswith("description")] + [m for m in inner if m.form.startswith("description")]
        for etype in ("org", "person"):
            for m in named:
                if m.ref.type == etype:
                    return Source(m.ref.name, m.ref.country, source_kind(m.ref), span)
        kind = self._noun_kind(start, end)
        country = next((m.ref.name for m in inner if m.ref.type == "country"), None)
        if country is None:
            place = next((m.ref.country for m in inner if m.ref.type == "place" and m.ref.country), None)
            country = place
        if kind is None:
            if country is not None:
                return Source(country, country, "government", span)
            return None
        if country is None:
            country = self.focus_country
        specific = self.specific(country, kind, start, end)
        if specific is not None:
            return Source(specific.name, specific.country, source_kind(specific) or kind, span)
        info = self.gaz.countries.get(country) if country else None
        label = _KIND_LABEL.get(kind, kind)
        name = f"{info.adjective_en} {label}" if info else label
        return Source(name, country, kind, span)

    def _noun_kind(self, start: int, end: int) -> str | None:
        phrase = f" {stem_phrase(self.text[start:end])} "
        multi = [(p, k) for p, k in self.nouns.items() if " " in p and f" {p} " in phrase]
        if multi:
            return max(multi, key=lambda x: len(x[0]))[1]  # "spy agency" before "agency"
        kind = None
        for _, _, w in words(self.text, start, end):
            st = stem(w)
            hit = self.nouns.get(st)
            if hit is None and len(st) > 5:
                low = w.lower()
                for prefix, k in self.prefixes:
                    if low.startswith(prefix) or low.endswith(prefix):
                        hit = k
                        break
            if hit is not None:
                kind = hit  # the head noun is the last one
        return kind

    def specific(self, country: str | None, kind: str, start: int, end: int) -> EntityRef | None:
        """Return a named body of `country` and `kind`: by description, or named elsewhere in the document."""
        ws = [w for _, _, w in words(self.text, start, end)]
        for n in (2, 1):
            for k in range(len(ws) - n + 1):
                ref = self.gaz.descriptions.get((country, stem_phrase(" ".join(ws[k : k + n]))))
                if ref is not None:
                    return ref
        if country is None:
            return None
        candidates = {r.name: r for r in self.doc_orgs if r.country == country and source_kind(r) == kind}
        if len(candidates) == 1:
            return next(iter(candidates.values()))
        return None
