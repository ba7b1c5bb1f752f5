"""Property-based tests: arbitrary text never crashes extraction, and every span is honest."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph import Document, extract
from claimgraph.model import Extraction, Span
from claimgraph.nlp.numbers import number_parser
from claimgraph.nlp.quantities import QuantityFinder
from claimgraph.nlp.quotes import QuoteFinder
from claimgraph.nlp.times import TimeFinder

# Letters, digits, punctuation, quotes of every kind, control and format characters, RTL marks,
# combining marks and emoji: the open web sends all of them.
_ALPHABET = st.sampled_from(
    list("abcxyzÄÖÜäöüß ABC0123456789.,;:!?-–—()[]\"'„“”»«‘’\n\t")
    + ["\u200b", "\u200f", "\u202e", "\u0301", "\u00a0", "\u202f", "😀", "\x00", "\x07", "Soldaten ", "getötet ",
       " laut CNN ", " sagte Putin ", "Tausende ", "25.000 bis 30.000 ", " im November ", "„Wir ", " bis zu "]
)
_TEXT = st.lists(_ALPHABET, min_size=0, max_size=120).map("".join)


def _check_span(text: str, span: Span | None) -> None:
    if span is not None:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


def _check_spans(text: str, extraction) -> None:  # type: ignore[no-untyped-def]
    for claim in extraction.claims:
        assert 0 <= claim.evidence.start <= claim.evidence.end <= len(text)
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
        assert claim.sentence.start <= claim.evidence.start and claim.evidence.end <= claim.sentence.end
        assert 0 <= claim.sentence.start <= claim.sentence.end <= len(text)
        if claim.quantity is not None:
            _check_span(text, claim.quantity.span)
        if claim.time is not None:
            _check_span(text, claim.time.span)
        for source in claim.sources:
            _check_span(text, source.span)
    for quote in extraction.quotes:
        _check_span(text, quote.speaker_span)
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


def test_a_megabyte_document_is_handled(monkeypatch: pytest.MonkeyPatch) -> None:
    # Over spaCy's default 1,000,000-character guard; every look-up must stay linear here.
    monkeypatch.setenv("CLAIMGRAPH_MAX_SENTENCES", "100000")  # the default would stop at 5,000
    text = "Laut CNN wurden 300 Soldaten in Charkiw getötet. " * 23000
    extraction = extract(Document(text, lang="de", published="2025-07"))
    assert len(extraction.claims) == 23000


# Any Unicode at all (except lone surrogates, which no decoder produces): control and format
# characters, RTL marks, combining marks, emoji, unassigned code points.
_ANY_CHAR = st.characters(blacklist_categories=["Cs"])
_UNICODE = st.lists(st.one_of(_ALPHABET, _ANY_CHAR, _ANY_CHAR), max_size=150).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_UNICODE, st.sampled_from(["de", "en", None]))
def test_extract_takes_arbitrary_unicode(text: str, lang: str | None) -> None:
    extraction = extract(Document(text, lang=lang, published="2025-07-16"))
    _check_spans(extraction.document.text, extraction)
    again = Extraction.from_dict(extraction.to_dict())
    assert [c.evidence for c in again.claims] == [c.evidence for c in extraction.claims]


@settings(max_examples=100, deadline=None)
@given(_UNICODE)
def test_parsers_take_arbitrary_unicode(text: str) -> None:
    for lang in ("de", "en"):
        value = number_parser(lang).parse(text)
        assert value is None or isinstance(value, float)
        for q in QuantityFinder(lang).find(text):
            _check_span(text, q.quantity.span)
        for t in TimeFinder(lang).find(text, "2025-07-16"):
            assert 0 <= t.start <= t.end <= len(text)
            if t.time is not None:
                _check_span(text, t.time.span)
        for quote in QuoteFinder(lang).find(text, []):
            assert 0 <= quote.start <= quote.end <= len(text)


# Quotes opened and never closed, closed and never opened, nested, mixed kinds.
_QUOTY = st.lists(
    st.sampled_from(['"', "„", "“", "”", "«", "»", "‚", "‘", "’", "'", "Wir kommen", " sagte er", ". ", ", ", "\n"]),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_QUOTY)
def test_the_quote_parser_takes_unbalanced_quotes(text: str) -> None:
    for lang in ("de", "en"):
        for quote in QuoteFinder(lang).find(text, []):
            assert 0 <= quote.start <= quote.end <= len(text)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(["„", "1.", " ", "(", "a", "😀", "\u202e", "e\u0301", "Laut CNN wurden 3 Soldaten getötet. "]),
       st.integers(min_value=1, max_value=4))
def test_hundred_thousand_character_lines(unit: str, salt: int) -> None:
    text = (unit * (100_000 // len(unit) + 1))[: 100_000 - salt] + "."
    extraction = extract(Document(text, lang="de"))
    _check_spans(extraction.document.text, extraction)
