"""Who does it and to whom: actor and target of a claim from the entities around it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.nlp.annotations import EntityMention, EntityRef

_TARGET_PREPS = {
    "de": frozenset("nach an für gegen auf zu zur zum richtung".split()),
    "en": frozenset("to into for against on towards toward".split()),
}
_SOURCE_PREPS = {"de": frozenset("aus von vom".split()), "en": frozenset("from of by".split())}
_LOCATIVE = {"de": frozenset("in im ins bei nahe".split()), "en": frozenset("in near at inside".split())}
_ALL_PREPS = frozenset().union(*_TARGET_PREPS.values(), *_SOURCE_PREPS.values(), *_LOCATIVE.values())
_SIDE = re.compile(r"(?:an der seite (?:von|des|der)|alongside|on the side of)\s+$", re.I)
_SKIP = frozenset(
    "der die das den dem des ein eine einer einem einen the a an seine seinen ihre ihren his her their "
    "bereits schon auch zusätzlich noch weitere weiteren already also".split()
)
_WORD = re.compile(r"[\w'’\-]+", re.UNICODE)
_GENITIVE = re.compile(r"^\s+(?:der|des|of|of the)\s+$", re.I)
_DIRECTIONS = frozenset(
    "osten westen norden süden nordosten nordwesten südosten südwesten ostteil westteil nordteil südteil "
    "grenzgebiet grenzregion hauptstadt east west north south northeast northwest southeast southwest capital".split()
)


@dataclass(frozen=True)
class Candidate:
    """An entity mention usable as actor or target, with the role its context suggests."""

    mention: EntityMention
    role: str  # "target" (nach, to), "in" (in, bei), "origin" (aus, from) or "bare"
    against: bool = False  # the target preposition is "gegen"/"against"

    @property
    def country(self) -> str | None:
        """The country the candidate stands for (a person or place stands for their country)."""
        ref = self.mention.ref
        if ref.type == "country":
            return ref.name
        return ref.country

    @property
    def name(self) -> str | None:
        """The actor/target name: countries and organisations by name, people and places by country."""
        ref = self.mention.ref
        if ref.type in ("country", "org"):
            return ref.name
        return ref.country


def _left_word(text: str, start: int, floor: int) -> tuple[str, int]:
    """The nearest word before `start` that is not an article or adjective-like filler."""
    words = list(_WORD.finditer(text, floor, start))
    for m in reversed(words):
        w = m.group(0).lower()
        if w in _ALL_PREPS:
            return w, m.start()  # "gegen" looks like an inflected adjective but is a preposition
        if w in _SKIP or w in _DIRECTIONS or (w.islower() and w.endswith(("en", "e", "er", "em")) and len(w) > 4 and not w.endswith("ten")):
            continue
        return w, m.start()
    return "", floor


def candidates(text: str, mentions: list[EntityMention], start: int, end: int, lang: str) -> list[Candidate]:
    """Return actor/target candidates in text[start:end] with their contextual role."""
    out = []
    for m in mentions:
        if m.start < start or m.end > end or m.ref.type not in ("country", "org", "person", "place"):
            continue
        if m.form in ("compound", "dateline"):
            continue  # "Ukraine-Krieg" names the war, "KIEW (dpa)" the newsroom
        if m.ref.type == "org" and m.ref.kind in ("media", "ngo", "international", "intelligence", "company"):
            continue
        if _SIDE.search(text[max(start, m.start - 30) : m.start]):
            out.append(Candidate(m, "target"))
            continue
        word, _ = _left_word(text, m.start, max(start, m.start - 40))
        if m.ref.type == "place" or word in _LOCATIVE[lang]:
            role = "in"
        elif word in _TARGET_PREPS[lang]:
            out.append(Candidate(m, "target", word in ("gegen", "against")))
            continue
        elif word in _SOURCE_PREPS[lang]:
            role = "origin"
        else:
            role = "bare"
        out.append(Candidate(m, role))
    return out


def nationality(mentions: list[EntityMention], noun_start: int, noun_end: int, q_start: int, text: str = "") -> EntityRef | None:
    """The nationality of the counted noun: a demonym noun, a compound ("PKK-Kämpfer"), or an
    adjective right before it ("nordkoreanische Soldaten")."""
    if noun_start < 0:
        return None
    for m in mentions:
        if m.start < noun_end and m.end > noun_start and m.ref.type in ("country", "org"):
            return m.ref
    for m in mentions:
        if q_start <= m.start and m.end <= noun_start and noun_start - m.end <= 2 and m.ref.type == "country":
            return m.ref
    for m in mentions:
        # "20.000 Kämpfer der Hamas", "soldiers of the Russian army": the owner follows the noun
        if noun_end < m.start <= noun_end + 12 and m.ref.type in ("country", "org") and m.form != "dateline":
            if _GENITIVE.match(text[noun_end : m.start]):
                return m.ref
    return None
