"""Property-based tests: arbitrary text never crashes extraction, and every span is honest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph import Document, extract
from claimgraph.nlp.numbers import number_parser
from claimgraph.nlp.quantities import QuantityFinder
from claimgraph.nlp.times import TimeFinder

# Letters, digits, punctuation, quotes of every kind, control and format characters, RTL marks,
# combining marks and emoji: the open web sends all of them.
_ALPHABET = st.sampled_from(
    list("abcxyzÄÖÜäöüß ABC0123456789.,;:!?-–—()[]\"'„“”»«‘’\n\t")
    + ["\u200b", "\u200f", "\u202e", "\u0301", "\u00a0", "\u202f", "😀", "\x00", "\x07", "Soldaten ", "getötet ",
       " laut CNN ", " sagte Putin ", "Tausende ", "25.000 bis 30.000 ", " im November ", "„Wir ", " bis zu "]
)
_TEXT = st.lists(_ALPHABET, min_size=0, max_size=120).map("".join)


def _check_spans(text: str, extraction) -> None:  # type: ignore[no-untyped-def]
    for claim in extraction.claims:
        assert 0 <= claim.evidence.start <= claim.evidence.end <= len(text)
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
        assert claim.sentence.start <= claim.evidence.start and claim.evidence.end <= claim.sentence.end
        if claim.quantity is not None and claim.quantity.span is not None:
            span = claim.quantity.span
            assert text[span.start : span.end] == span.text
    for entity in extraction.entities:
        for mention in entity.mentions:
            assert text[mention.span.start : mention.span.end] == mention.span.text
    for quote in extraction.quotes:
        assert text[quote.start : quote.end] == quote.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(["de", "en"]), st.sampled_from([None, "2025", "2025-07", "2025-07-16"]))
def test_extract_never_raises_and_spans_equal_their_slices(text: str, lang: str, published: str | None) -> None:
    extraction = extract(Document(text, lang=lang, published=published))
    _check_spans(extraction.document.text, extraction)


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_quantity_and_time_finders_never_raise(text: str) -> None:
    for lang in ("de", "en"):
        for q in QuantityFinder(lang).find(text):
            assert text[q.start : q.end] == q.quantity.span.text  # type: ignore[union-attr]
        for t in TimeFinder(lang).find(text, "2025-07-16"):
            assert 0 <= t.start <= t.end <= len(text)


@given(st.text(max_size=40))
def test_number_parser_returns_a_number_or_none(text: str) -> None:
    for lang in ("de", "en"):
        value = number_parser(lang).parse(text)
        assert value is None or isinstance(value, float)


def test_a_long_line_is_handled() -> None:
    text = ("Laut CNN wurden 300 Soldaten getötet und „Wir kommen wieder“ gesagt, " * 1500)[:100_000]
    extraction = extract(Document(text, lang="de", published="2025-07"))
    assert extraction.claims
    _check_spans(extraction.document.text, extraction)


def test_a_megabyte_document_is_handled() -> None:
    # Over spaCy's default 1,000,000-character guard; every look-up must stay linear here.
    text = "Laut CNN wurden 300 Soldaten in Charkiw getötet. " * 23000
    extraction = extract(Document(text, lang="de", published="2025-07"))
    assert len(extraction.claims) == 23000
