"""Sentence boundaries in news German and English."""

from __future__ import annotations

from claimgraph.nlp.pipeline import annotate


def _sentences(text: str, lang: str = "de") -> list[str]:
    doc = annotate(text, lang, None)
    return [text[s.start : s.end] for s in doc._.cg_sentences]


def test_abbreviations_and_ordinals_do_not_end_sentences() -> None:
    text = "Am 11. November sagte Dr. Weber, z.B. seien u.a. 300 Soldaten betroffen. Das ist neu."
    assert _sentences(text) == [
        "Am 11. November sagte Dr. Weber, z.B. seien u.a. 300 Soldaten betroffen.",
        "Das ist neu.",
    ]


def test_headline_without_full_stop_is_its_own_sentence() -> None:
    text = "Armee meldet Verluste\n\nDie Armee hat 30 Soldaten verloren."
    assert _sentences(text) == ["Armee meldet Verluste", "Die Armee hat 30 Soldaten verloren."]


def test_closing_quote_belongs_to_its_sentence() -> None:
    text = "Er sagte: „Wir bleiben.“ Dann ging er. \"Wir kommen wieder\", sagte sie."
    assert _sentences(text) == ["Er sagte: „Wir bleiben.“", "Dann ging er.", "\"Wir kommen wieder\", sagte sie."]


def test_english_sentences() -> None:
    text = "U.S. officials said 300 troops arrived. Mr. Kim denied it."
    assert _sentences(text, "en") == ["U.S. officials said 300 troops arrived.", "Mr. Kim denied it."]
