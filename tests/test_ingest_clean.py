"""clean_text: Unicode, whitespace, ad-marker lines, paragraphs, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.ingest import clean_text
from claimgraph.ingest import clean
from claimgraph.ingest.clean import ad_markers


@pytest.mark.parametrize(
    "line",
    ["- Anzeige -", "[Werbung]", "Advertisement:", "ANZEIGE", "Sponsored Content", "Weiterlesen nach der Anzeige",
     "Scroll to continue with content", "Story continues below advertisement", "  (Mehr zum Thema)  ", "Continue reading →"],
)
def test_marker_lines_are_dropped(line: str) -> None:
    assert clean_text(f"Erster Satz.\n{line}\nZweiter Satz.") == "Erster Satz.\nZweiter Satz."


@pytest.mark.parametrize(
    "sentence",
    ["Die Polizei erstattete Anzeige.", "Die Werbung lief im Fernsehen.", "Continue reading the report, she said.",
     "Sponsored by the city, the festival drew 3,000 people."],
)
def test_sentences_mentioning_a_marker_word_stay(sentence: str) -> None:
    assert clean_text(f"Anzeige\n{sentence}") == sentence


def test_markers_come_from_both_languages() -> None:
    markers = ad_markers()
    assert {"anzeige", "werbung", "advertisement", "story continues below advertisement"} <= markers


def test_nfc_composes_decomposed_umlauts() -> None:
    assert clean_text("Zu\u0308rich") == "Zürich"
    assert clean_text("Zu\u0308rich") == "Z\u00fcrich"


def test_whitespace_and_invisible_characters() -> None:
    raw = "\ufeff  Die\u00a0Stadt\u200b  hat\t\tneue\u2003Regeln.  \r\nZweite\u00adZeile\x07 \r"
    assert clean_text(raw) == "Die Stadt hat neue Regeln.\nZweiteZeile"


def test_digit_group_spaces_become_one_plain_space() -> None:
    assert clean_text("Es waren 34\u202f012 Menschen und 1\u2009500 Autos.") == "Es waren 34 012 Menschen und 1 500 Autos."


def test_paragraph_breaks_are_kept_and_collapsed() -> None:
    raw = "Absatz eins.\r\n\r\n\r\n\r\nAbsatz zwei.\nNoch Absatz zwei.\n \n\t\nAbsatz drei."
    assert clean_text(raw) == "Absatz eins.\n\nAbsatz zwei.\nNoch Absatz zwei.\n\nAbsatz drei."


def test_removed_marker_line_does_not_leave_extra_blank_lines() -> None:
    assert clean_text("Eins.\n\n[Anzeige]\n\nZwei.") == "Eins.\n\nZwei."


def test_only_markers_and_blanks_clean_to_empty() -> None:
    assert clean_text("  \n- Anzeige -\n\u200b\n") == ""


_tricky = st.sampled_from(
    ["\u00a0", "\u202f", "\u2009", "\u200b", "\u00ad", "\u0308", "\r\n", "\r", "\n", "\t", " ", "Anzeige", "- Werbung -",
     "u", "3", "\u2028", "\u2029", "\x0c", "\ufeff", "[", "Continue reading"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(), _tricky), max_size=30).map("".join))
def test_clean_text_is_idempotent(raw: str) -> None:
    # The cleaning itself, not the cache of recent texts (which relies on this property).
    once = clean._clean(raw)
    assert clean._clean(once) == once
    assert clean_text(raw) == once


def test_recent_texts_are_answered_from_the_cache_and_the_cache_stays_small() -> None:
    raw = "Kiew\u00a0meldet\r\n\r\n\r\nAnzeige\r\nneue Angriffe.  "
    first = clean_text(raw)
    assert first == "Kiew meldet\n\nneue Angriffe."
    assert clean_text(raw) is first and clean_text(first) is first
    for n in range(3 * clean._RECENT_MAX):
        assert clean_text(f"Text {n}\t") == f"Text {n}"
    assert len(clean._RECENT) <= clean._RECENT_MAX
