"""Modality cues: hedges (soll, offenbar, reportedly, may…) and negations (nicht, kein, denied…)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.nlp.annotations import Cue
from claimgraph.nlp.lexicon import lexicon, words_regex


class ModalityFinder:
    """Finds hedge and negation cues in a text of one language."""

    def __init__(self, lang: str) -> None:
        data = lexicon(lang).modality
        self.hedged = words_regex([str(w) for w in data["hedged"]])
        self.negated = words_regex([str(w) for w in data["negated"]])
        self.exceptions = words_regex([str(w) for w in data.get("negation_exceptions") or []])

    def find(self, text: str) -> list[Cue]:
        """Return every cue with its kind (`hedged` or `negated`)."""
        masked = [(m.start(), m.end()) for m in self.exceptions.finditer(text)]
        out = [Cue(m.start(), m.end(), "hedged", m.group(0)) for m in self.hedged.finditer(text)]
        for m in self.negated.finditer(text):
            if not any(a <= m.start() < b for a, b in masked):
                out.append(Cue(m.start(), m.end(), "negated", m.group(0)))
        out.sort(key=lambda c: c.start)
        return out


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
