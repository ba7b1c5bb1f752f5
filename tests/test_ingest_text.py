"""Plain-text reader: the crawl header, header lines, bad dates; language detection."""

from __future__ import annotations

import pytest

from claimgraph.ingest import detect_language, parse_text_file
from claimgraph.ingest.failures import IngestError
from claimgraph.ingest.langid import SUPPORTED_LANGUAGES

GERMAN = "Tausende Soldaten sollen nach Angaben des Ministeriums bis zum Herbst an die Grenze verlegt werden."
ENGLISH = "Thousands of soldiers will be moved to the border by the autumn, the ministry said on Tuesday."


def test_crawl_convention_date_then_body_on_the_same_line() -> None:
    doc = parse_text_file(f"  date 2025-07 {GERMAN}\nDas sagte ein Sprecher am Montag.", "a.txt")
    assert doc.published == "2025-07"
    assert doc.text == f"{GERMAN}\nDas sagte ein Sprecher am Montag."
    assert doc.lang == "de"
    assert doc.origin == "a.txt"


@pytest.mark.parametrize("date", ["2025", "2025-07", "2025-07-14"])
def test_crawl_convention_date_precisions(date: str) -> None:
    assert parse_text_file(f"date {date} {GERMAN}", "a.txt").published == date


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_header_lines_with_and_without_blank_line(gap: str) -> None:
    raw = f"date 2025-07-14\ntitle Soldaten an die Grenze\nurl https://example.org/a\noutlet Beispielblatt\nlang de{gap}{GERMAN}"
    doc = parse_text_file(raw, "b.txt")
    assert (doc.published, doc.title, doc.url, doc.outlet, doc.lang) == (
        "2025-07-14", "Soldaten an die Grenze", "https://example.org/a", "Beispielblatt", "de"
    )
    assert doc.text == GERMAN


def test_key_colon_value_headers() -> None:
    raw = f"title: Troops to the border\ndate: 2025-07-01\nlang: EN\n\n{ENGLISH}"
    doc = parse_text_file(raw, "c.txt")
    assert (doc.title, doc.published, doc.lang, doc.text) == ("Troops to the border", "2025-07-01", "en", ENGLISH)


def test_no_header_detects_language() -> None:
    doc = parse_text_file(ENGLISH, "d.txt")
    assert (doc.published, doc.title, doc.lang, doc.text) == (None, None, "en", ENGLISH)


def test_body_word_that_looks_like_a_key_is_not_a_header() -> None:
    raw = "url und Pfad sind zwei Begriffe aus dem Netz."
    assert parse_text_file(raw, "e.txt").text == raw


@pytest.mark.parametrize("raw", [f"date 2025-13\n\n{GERMAN}", f"date: gestern\n{GERMAN}", f"date 2025-02-30 {GERMAN}"])
def test_bad_date_is_an_invalid_field(raw: str) -> None:
    with pytest.raises(IngestError) as info:
        parse_text_file(raw, "f.txt")
    failure = info.value.to_failure("f.txt")
    assert (failure.origin, failure.reason) == ("f.txt", "invalid_field")


def test_header_without_body_is_empty() -> None:
    with pytest.raises(IngestError) as info:
        parse_text_file("date 2025-07\ntitle Nichts\n", "g.txt")
    assert info.value.reason == "empty"


def test_detect_language() -> None:
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"
    assert detect_language("La ministre a annoncé mardi une nouvelle réforme des retraites.") == "fr"
    assert detect_language("12 345 — 17:30 !!!") is None
    assert detect_language("") is None
    assert set(SUPPORTED_LANGUAGES) == {"de", "en"}


def test_long_texts_use_the_small_models_and_short_ones_the_large() -> None:
    from claimgraph.ingest import langid

    langid._detector.cache_clear()
    article = (
        "Die Regierung in Kiew meldete am Montag neue Angriffe auf die Hauptstadt. Nach Angaben der "
        "Luftwaffe wurden in der Nacht mehr als hundert Drohnen abgefeuert, die meisten davon wurden "
        "über der Stadt abgefangen."
    )
    assert len(article) >= langid.LOW_ACCURACY_MIN_CHARS
    assert detect_language(article) == "de"
    assert langid._detector.cache_info().currsize == 1  # the low-accuracy detector only
    assert detect_language("Ukraine says drones shot down overnight") == "en"
    assert detect_language("Kiew meldet neue Drohnenangriffe") == "de"
    assert langid._detector.cache_info().currsize == 2
