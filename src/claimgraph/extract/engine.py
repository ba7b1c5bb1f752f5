"""`run(document)`: clean, annotate and turn the annotations into an Extraction."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from claimgraph.extract.claims import build_claims
from claimgraph.extract.options import ExtractOptions
from claimgraph.limits import (
    MAX_DOCUMENT_CHARS,
    DocumentTooLarge,
    break_symbol_runs,
    current,
    env_var,
    time_limit,
)
from claimgraph.model import Document, Entity, Extraction, Mention, Quote, Span
from claimgraph.nlp.annotations import EntityMention
from claimgraph.nlp.pipeline import annotate, pipeline

SUPPORTED = ("de", "en")
MAX_CHARS = MAX_DOCUMENT_CHARS  # the default; `claimgraph.limits` has the limit in force
# Characters that may end a sentence: a text with fewer of them than the sentence limit is under it.
_SENTENCE_ENDS = (".", "!", "?", "…", "\n")
# How many characters per allowed sentence the first look at a long text tokenizes.
_CHARS_PER_SENTENCE = 400
# Armed forces named by these words are troops being counted, not a body the article names.
_TROOP_WORDS = ("streitkräfte", "truppe", "armee", "militär", "forces", "troops", "army", "military")
# Mentions that name a thing only in passing and do not make it an entity of the article.
_ENTITY_FORMS = frozenset(
    {"name", "short", "alias", "demonym", "adjective", "capital", "capital_city", "compound", "description",
     "description_focus", "fuzzy", "context", "coreference", "model", "dateline"}
)


def _clean(text: str) -> str:
    from claimgraph.ingest.clean import (
        clean_text,  # cleaning is idempotent; ingest has done it before
    )

    return clean_text(text)


def _language(document: Document) -> str:
    if document.lang in SUPPORTED:
        return document.lang
    if document.lang:
        return "en"
    from claimgraph.ingest.langid import detect_language

    detected = detect_language(document.text)
    return detected if detected in SUPPORTED else "en"


def run(document: Document, options: ExtractOptions) -> Extraction:
    """Return the extraction of one document (its text cleaned; id and language filled in).

    Works under `claimgraph.limits.current()`: raises InputError for a text longer than
    max_document_chars, ExtractionTimeout past max_seconds; of a text with more than
    max_sentences sentences only the first ones are extracted and the result is marked
    `truncated` (the document keeps its whole text)."""
    limits = current()
    if len(document.text) > limits.max_document_chars:
        raise DocumentTooLarge(
            f"document has {len(document.text):,} characters; the limit is {limits.max_document_chars:,}"
            f" ({env_var('max_document_chars')})"
        )
    with time_limit(limits.max_seconds):
        text = break_symbol_runs(_clean(document.text))
        lang = document.lang or _language(replace(document, text=text))
        doc_out = replace(document, text=text, lang=lang).with_identity()
        pipeline_lang = lang if lang in SUPPORTED else "en"
        gazetteers = tuple(options.gazetteers)
        cut = sentence_cut(text, pipeline_lang, limits.max_sentences, gazetteers)
        doc = annotate(text if cut is None else text[:cut], pipeline_lang, doc_out.published, gazetteers)
        return Extraction(
            document=doc_out,
            entities=entities_of(doc),
            claims=build_claims(doc, pipeline_lang),
            quotes=quotes_of(doc),
            truncated=cut is not None,
        )


def sentence_cut(text: str, lang: str, max_sentences: int, gazetteers: tuple[str, ...] = ()) -> int | None:
    """Return the offset where sentence number `max_sentences` of `text` ends, or None when it has no more.

    Only a prefix of the text is tokenized (grown while it holds too few sentences), so the
    check costs nothing on ordinary articles and stays bounded on huge ones."""
    if sum(text.count(end) for end in _SENTENCE_ENDS) < max_sentences:
        return None
    nlp = pipeline(lang, gazetteers)
    splitter = nlp.get_pipe("claimgraph_sentences")
    size = max_sentences * _CHARS_PER_SENTENCE
    while True:
        prefix = text[:size]
        doc = nlp.make_doc(prefix)
        doc._.cg_text = prefix
        sentences = splitter(doc)._.cg_sentences
        # One sentence more than allowed has begun, so the last allowed one has ended for good.
        if len(sentences) > max_sentences:
            return int(sentences[max_sentences - 1].end)
        if size >= len(text):
            return None
        size *= 2


def entities_of(doc: Doc) -> list[Entity]:
    """Group the Doc's entity mentions by canonical identity, in order of first mention.

    Armed forces named by description ("nordkoreanischen Streitkräften") are troops, not an
    organisation the article is about; generic words ("die Polizei") do not name a body."""
    text = doc._.cg_text
    by_key: dict[tuple[str, str], Entity] = {}
    mention: EntityMention
    for mention in doc._.cg_entities or []:
        if mention.form not in _ENTITY_FORMS:
            continue
        head = text[mention.start : mention.end].split()[-1].lower()
        if mention.form.startswith("description") and mention.ref.kind == "military" and head.startswith(_TROOP_WORDS):
            continue
        ref = mention.ref
        key = (ref.type, ref.name)
        entity = by_key.get(key)
        if entity is None:
            entity = Entity(ref.name, ref.type, ref.country, ref.kind, ref.wikidata, ref.known)
            by_key[key] = entity
        entity.mentions.append(Mention(Span(mention.start, mention.end, text[mention.start : mention.end]), mention.form))
    return list(by_key.values())


def quotes_of(doc: Doc) -> list[Quote]:
    """Return the Doc's quotes with their speakers' canonical names."""
    text = doc._.cg_text
    out = []
    for q in doc._.cg_quotes or []:
        speaker_span = Span(q.speaker_start, q.speaker_end, text[q.speaker_start : q.speaker_end]) if q.speaker else None
        out.append(Quote(text[q.start : q.end], q.start, q.end, q.speaker.name if q.speaker else None, speaker_span))
    return out
