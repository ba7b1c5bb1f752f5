"""Modality cues: hedges (soll, offenbar, reportedly, may…) and negations (nicht, kein, denied…)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.nlp.annotations import Cue
from claimgraph.nlp.lexicon import PhraseFinder, lexicon

# "nicht" + inflected adjective + noun: a negated attribute, not a negated statement.
_ATTRIBUTIVE = re.compile(r"\s+[a-zäöüß]+(?:e|en|er|es|em)\s+[A-ZÄÖÜ]\w+")
_CONTRACTED = re.compile(r"(?<=\w)n[’']t(?!\w)", re.IGNORECASE)


class ModalityFinder:
    """Finds hedge and negation cues in a text of one language, in one pass over its words."""

    def __init__(self, lang: str) -> None:
        data = lexicon(lang).modality
        self.kinds: dict[str, str] = {}
        for kind, key in (("hedged", "hedged"), ("negated", "negated"), ("exception", "negation_exceptions")):
            for phrase in data.get(key) or []:
                self.kinds[" ".join(str(phrase).lower().split())] = kind
        self.finder = PhraseFinder(list(self.kinds))
        self.contracted = "n't" in self.kinds  # English "didn't", "hasn't": one word to the finder

    def find(self, text: str) -> list[Cue]:
        """Return every cue with its kind (`hedged` or `negated`) in text order; an exception
        ("nicht nur") is matched as the longer phrase and hides its negation."""
        out = []
        for start, end, matched in self.finder.finditer(text):
            kind = self.kinds.get(" ".join(matched.lower().split()))
            if kind is None:
                kind = self._kind_of(matched)
            if kind == "negated" and _ATTRIBUTIVE.match(text, end):
                continue  # "nicht gedeckte Verbindlichkeiten": the negation belongs to the adjective
            if kind in ("hedged", "negated"):
                out.append(Cue(start, end, kind, matched))
        if self.contracted:
            out.extend(Cue(m.start(), m.end(), "negated", m.group(0)) for m in _CONTRACTED.finditer(text))
            out.sort(key=lambda c: c.start)
        return out

    def _kind_of(self, matched: str) -> str | None:
        """The kind of a phrase whose spacing differs from the lexicon's ("n't" after a word)."""
        key = "".join(matched.lower().split())
        return next((k for p, k in self.kinds.items() if "".join(p.split()) == key), None)


class ModalityRecognizer:
    """Sets `doc._.cg_cues`."""

    def __init__(self, lang: str) -> None:
        self.finder = ModalityFinder(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.cg_cues = self.finder.find(doc._.cg_text)
        return doc


@Language.factory("claimgraph_modality", assigns=["doc._.cg_cues"])
def make_modality(nlp: Language, name: str) -> ModalityRecognizer:
    """Return the modality cue finder for the pipeline's language."""
    return ModalityRecognizer(nlp.lang)
