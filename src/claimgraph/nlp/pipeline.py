"""The spaCy pipeline: a blank `de`/`en` Language with claimgraph's rule components."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories.
from claimgraph.nlp import attribution, entities, modality, quantities, quotes, sentences, times  # noqa: F401
from claimgraph.nlp.extensions import register_extensions
from claimgraph.nlp.lexicon import LANGUAGES

COMPONENTS = (
    "claimgraph_sentences",
    "claimgraph_entities",
    "claimgraph_times",
    "claimgraph_quantities",
    "claimgraph_attribution",
    "claimgraph_modality",
    "claimgraph_quotes",
)


def build_pipeline(lang: str, user_gazetteers: tuple[str, ...] = ()) -> Language:
    """Return a new blank `lang` pipeline with every claimgraph component added."""
    if lang not in LANGUAGES:
        raise ValueError(f"no pipeline for language {lang!r}")
    register_extensions()
    nlp = spacy.blank(lang)
    # spaCy's 1M-character guard protects statistical parsers' memory; our rule components are
    # linear, so the limit is ours (extract.engine.MAX_CHARS).
    nlp.max_length = 20_000_000
    for name in COMPONENTS:
        config = {"user_gazetteers": list(user_gazetteers)} if name in ("claimgraph_entities", "claimgraph_attribution") else {}
        nlp.add_pipe(name, config=config)
    return nlp


@functools.cache
def pipeline(lang: str, user_gazetteers: tuple[str, ...] = ()) -> Language:
    """Return the process-wide pipeline of `lang` (built on first use)."""
    return build_pipeline(lang, user_gazetteers)


def annotate(text: str, lang: str, published: str | None, user_gazetteers: tuple[str, ...] = ()) -> Doc:
    """Return the annotated Doc of `text` (published date used to normalise times)."""
    nlp = pipeline(lang, user_gazetteers)
    doc = nlp.make_doc(text)
    doc._.cg_text = text
    doc._.cg_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
