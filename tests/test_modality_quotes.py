"""Modality cues and direct quotes with their speakers."""

from __future__ import annotations

from claimgraph.nlp.modality import ModalityFinder
from claimgraph.nlp.pipeline import annotate


def _cues(lang: str, text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in ModalityFinder(lang).find(text)]


def test_german_hedges_and_negations() -> None:
    assert _cues("de", "Nordkorea soll offenbar Soldaten schicken.") == [("hedged", "soll"), ("hedged", "offenbar")]
    assert _cues("de", "Es gibt keine Anzeichen.") == [("negated", "keine")]
    assert _cues("de", "Das ist nicht nur teuer.") == []


def test_english_hedges_and_negations() -> None:
    assert _cues("en", "Troops reportedly arrived and may stay.") == [("hedged", "reportedly"), ("hedged", "may")]
    assert ("negated", "denied") in _cues("en", "The ministry denied the report.")


def _quotes(text: str, lang: str = "de") -> list[tuple[str | None, str]]:
    doc = annotate(text, lang, None)
    return [(q.speaker.name if q.speaker else None, text[q.start : q.end]) for q in doc._.cg_quotes]


def test_speaker_after_the_quote_found_from_a_role() -> None:
    text = "„Wir werden unsere Grenzen mit aller Kraft verteidigen“, sagte Regierungschef Jaroslav Novák in Prag."
    assert _quotes(text) == [("Jaroslav Novák", "Wir werden unsere Grenzen mit aller Kraft verteidigen")]


def test_following_quote_keeps_the_speaker() -> None:
    text = (
        "Der Minister Tomas Lindqvist sagte: „Die Lage an der Front ist sehr ernst geworden.“ "
        "„Wir brauchen dringend mehr Munition für die Artillerie.“"
    )
    speakers = [s for s, _ in _quotes(text)]
    assert speakers == ["Tomas Lindqvist", "Tomas Lindqvist"]


def test_pronoun_speaker_resolves_to_the_last_person() -> None:
    text = "Verteidigungsminister Pekka Virtanen besuchte die Truppe. \"Die Soldaten leisten hier wirklich Großes\", sagte er."
    assert _quotes(text) == [("Pekka Virtanen", "Die Soldaten leisten hier wirklich Großes")]


def test_short_scare_quotes_are_not_speech() -> None:
    assert _quotes("Die Regierung spricht von einer „Spezialoperation“ im Osten.") == []


def test_given_name_and_surname_make_a_person() -> None:
    doc = annotate("Am Abend trafen sich Gheorghe Brega und Olaf Wunderlich in Kiew.", "de", None)
    text = doc._.cg_text
    people = [text[m.start : m.end] for m in doc._.cg_entities if m.ref.type == "person"]
    assert people == ["Gheorghe Brega", "Olaf Wunderlich"]
