"""Time expressions normalised against the published date."""

from __future__ import annotations

import pytest

from claimgraph.nlp.times import TimeFinder


def _times(lang: str, text: str, published: str | None):  # type: ignore[no-untyped-def]
    return [(text[t.start : t.end], t.time.to_dict() if t.time else None) for t in TimeFinder(lang).find(text, published)]


def _value(lang: str, text: str, published: str | None) -> dict | None:
    found = _times(lang, text, published)
    assert len(found) == 1, found
    value = found[0][1]
    if value is not None:
        value.pop("span", None)
    return value


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Die Soldaten wurden bereits im November geschickt.", "2025-07", {"value": "2024-11"}),
        ("Im Juli kamen sie an.", "2025-07", {"value": "2025-07"}),
        ("Sie werden im November kommen.", "2025-07", {"value": "2025-11"}),
        ("Bereits jetzt kämpfen sie.", "2025-07", {"value": "2025-07"}),
        ("Sie könnten in den kommenden Monaten eintreffen.", "2025-07", {"after": "2025-07"}),
        ("Seit 2009 starben viele.", None, {"after": "2009"}),
        ("Seit Februar 2022 tobt der Krieg.", "2025-07", {"after": "2022-02"}),
        ("Am 24. Februar 2022 begann es.", None, {"value": "2022-02-24"}),
        ("Das war vergangene Woche.", "2025-07-16", {"value": "2025-07"}),
        ("Das war am Samstag.", "2025-07-16", {"value": "2025-07-12"}),
        ("die letztjährigen Entsendungen", "2025-07", {"value": "2024"}),
        ("Das war am Samstag.", None, None),
        ("Das war im November.", None, None),
        ("Im November vergangenen Jahres kamen sie.", "2025-07", {"value": "2024-11"}),
        ("Es geschah am 1.9.39.", "2011-02-15", {"value": "1939-09-01"}),
    ],
)
def test_german_times(text: str, published: str | None, expected: dict | None) -> None:
    assert _value("de", text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("It happened last month.", "2025-07-14", {"value": "2025-06"}),
        ("They arrived on March 3, 2025.", None, {"value": "2025-03-03"}),
        ("Fighting has raged since February 2022.", "2025-07", {"after": "2022-02"}),
        ("Troops may arrive in the coming months.", "2025-07", {"after": "2025-07"}),
        ("They will come next year.", "2025-07", {"value": "2026"}),
        ("It happened last November.", "2025-07", {"value": "2024-11"}),
    ],
)
def test_english_times(text: str, published: str | None, expected: dict | None) -> None:
    assert _value("en", text, published) == expected


def test_may_the_verb_is_no_month() -> None:
    assert _times("en", "Troops may arrive.", "2025-07") == []


def test_year_followed_by_a_counted_noun_is_no_time() -> None:
    assert _times("de", "Es kamen 2009 Menschen.", "2025-07") == []


def test_a_year_named_in_the_sentence_anchors_a_date_without_one() -> None:
    found = _times("de", "Im Jahr 1939 begann am 1. September der Krieg.", "2011-02-15")
    assert found[-1][1]["value"] == "1939-09-01"
