"""Every Doc extension claimgraph uses, registered in one place."""

from __future__ import annotations

from spacy.tokens import Doc

_DOC_EXTENSIONS = {
    "cg_text": None,  # doc.text computed once (spaCy rebuilds it from the tokens on every access)
    "cg_tokens": None,  # (texts, idxs) of the tokens as plain lists, read once from the Doc
    "cg_published": None,  # the document's published date (ISO string) or None
    "cg_sentences": None,  # list[SentenceInfo]
    "cg_entities": None,  # list[EntityMention]
    "cg_quantities": None,  # list[QuantityMention]
    "cg_times": None,  # list[TimeMention]
    "cg_cues": None,  # list[Cue] (hedges and negations)
    "cg_quotes": None,  # list[QuoteMention]
    "cg_focus_country": None,  # canonical name of the country the article is mostly about
}


def register_extensions() -> None:
    """Register claimgraph's Doc extensions (idempotent)."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
