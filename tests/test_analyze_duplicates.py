"""Shingles, MinHash signatures and the LSH banding behind near-duplicate detection."""

from __future__ import annotations

import numpy as np

from claimgraph.analyze import dedup, shingles

ARTICLE = (
    "Die Regierung in Seoul berief am Freitag eine Sondersitzung des Nationalen Sicherheitsrats ein. "
    "Nach Angaben des Geheimdienstes wurden die Soldaten mit Schiffen nach Wladiwostok gebracht. "
    "Dort würden sie in Lagern ausgebildet und mit russischen Uniformen ausgestattet, hieß es weiter. "
    "Der Kreml wies die Berichte als Falschmeldung zurück und sprach von westlicher Propaganda. "
    "Moskau und Pjöngjang hatten im Juni einen Vertrag über gegenseitigen Beistand unterzeichnet. "
    "Die Ukraine warnt seit Wochen vor einer Beteiligung nordkoreanischer Truppen am Krieg. "
    "Präsident Selenskyj forderte die Verbündeten seines Landes auf, schnell und entschlossen zu reagieren. "
)
OTHER = (
    "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. Die Ausgaben "
    "für Schulen steigen deutlich, während beim Straßenbau gespart wird. Die Opposition kritisierte "
    "die Pläne als kurzsichtig und kündigte an, vor das Verwaltungsgericht zu ziehen, falls nötig. "
    "Der Bürgermeister verteidigte den Entwurf: Die Stadt müsse nach Jahren hoher Schulden endlich "
    "sparen, ohne bei Bildung und Kinderbetreuung zu kürzen. Eine Bürgerversammlung ist für März geplant."
)


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles.shingles("Eins, zwei drei vier FÜNF sechs") == shingles.shingles("eins zwei drei vier fünf sechs!")
    assert len(shingles.shingles("a b c d e f g")) == 7 - shingles.SHINGLE_WORDS + 1


def test_short_texts_have_no_signature() -> None:
    assert shingles.signature("Nur ein kurzer Satz.") is None


def test_edited_copy_is_similar_and_unrelated_text_is_not() -> None:
    original = shingles.signature(ARTICLE)
    cut = shingles.signature(ARTICLE.rsplit(". ", 2)[0])
    extended = shingles.signature(ARTICLE + "Auch in Berlin wächst die Sorge über die Entwicklung in Asien.")
    other = shingles.signature(OTHER)
    assert original is not None and cut is not None and extended is not None and other is not None
    assert shingles.similarity(original, extended) > 0.7
    assert shingles.similarity(original, cut) > 0.5
    assert shingles.similarity(original, other) < 0.1


def test_signatures_round_trip_through_storage() -> None:
    sig = shingles.signature(ARTICLE)
    assert sig is not None
    assert np.array_equal(shingles.from_bytes(shingles.to_bytes(sig)), sig)


def test_band_keys_match_exactly_where_signatures_agree() -> None:
    sig = shingles.signature(ARTICLE)
    assert sig is not None
    bands, rows = dedup._banding(dedup.THRESHOLD)
    assert bands * rows <= shingles.NUM_PERM
    keys = dedup.band_keys(sig, bands, rows)
    assert len(keys) == bands and len({b for b, _ in keys}) == bands
    changed = sig.copy()
    changed[0] += np.uint64(1)
    other_keys = dedup.band_keys(changed, bands, rows)
    assert other_keys[0] != keys[0] and other_keys[1:] == keys[1:]


def test_copies_order_by_publication_then_ingestion() -> None:
    assert dedup.sort_key("2024-10-18", "2026-01-02", "b") < dedup.sort_key("2024-10-19", "2026-01-01", "a")
    assert dedup.sort_key(None, "x", "a") > dedup.sort_key("2030", "x", "b")
