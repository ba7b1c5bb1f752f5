"""Number parsing and quantity finding, German and English (FORMAT.md conventions)."""

from __future__ import annotations

import pytest

from claimgraph.nlp.numbers import number_parser
from claimgraph.nlp.quantities import QuantityFinder


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("25.000", 25000), ("14 000", 14000), ("1,5", 1.5), ("34\u202f012", 34012),
        ("fünfundzwanzigtausend", 25000), ("zwölf", 12), ("dreihundertzwanzig", 320), ("elftausend", 11000),
    ],
)
def test_german_numbers(text: str, value: float) -> None:
    assert number_parser("de").parse(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("25,000", 25000), ("1.2", 1.2), ("twenty-five thousand", 25000), ("three-thousand", 3000), ("27-hundred", 2700)],
)
def test_english_numbers(text: str, value: float) -> None:
    assert number_parser("en").parse(text) == value


@pytest.mark.parametrize("text", ["und", "ein", "eine", "Haus", "25.00.1"])
def test_german_non_numbers(text: str) -> None:
    assert number_parser("de").parse(text) is None


def _one(lang: str, text: str):  # type: ignore[no-untyped-def]
    found = QuantityFinder(lang).find(text)
    assert len(found) == 1, [text[q.start : q.end] for q in found]
    q = found[0]
    return q.quantity.min, q.quantity.max, q.category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sie schicken 25.000 bis 30.000 Soldaten.", (25000, 30000, "soldier")),
        ("Es kämpfen Tausende Soldaten.", (1000, 9999, "soldier")),
        ("Dann kamen zehntausende weitere Arbeiter.", (10000, 99999, "worker")),
        ("Es sollen bis zu 30.000 Soldaten sein.", (None, 30000, "soldier")),
        ("Es starben mindestens 14 000 Menschen.", (14000, None, "person")),
        ("Es starben mehr als 300 Zivilisten.", (300, None, "civilian")),
        ("Es starben rund 300 Zivilisten.", (300, 300, "civilian")),
        ("Es flohen zwischen 10.000 und 12.000 Menschen.", (10000, 12000, "person")),
        ("Berlin sagt 1,9 Milliarden Euro zu.", (1.9e9, 1.9e9, "money")),
        ("Es wurden Dutzende Menschen verletzt.", (24, 99, "person")),
        ("Es kamen mehrere hundert Flüchtlinge.", (100, 999, "refugee")),
        ("Dabei wurden Artilleriegranaten geliefert: 300 Artilleriegranaten.", (300, 300, "munition")),
        ("Es waren 680 PKK-Kämpfer.", (680, 680, "soldier")),
        ("Es fielen 12 Prozent.", (12, 12, "percent")),
        ("Es kamen zwei bis drei Millionen Menschen.", (2e6, 3e6, "person")),
        ("Der Schaden betrug 94.000 $.", (94000, 94000, "money")),
    ],
)
def test_german_quantities(text: str, expected: tuple) -> None:
    assert _one("de", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 10,000-12,000 troops were sent.", (10000, 12000, "soldier")),
        ("between 10,000 and 12,000 soldiers", (10000, 12000, "soldier")),
        ("up to 30,000 more troops", (None, 30000, "soldier")),
        ("at least 1,271 civilians", (1271, None, "civilian")),
        ("tens of thousands of workers", (10000, 99999, "worker")),
        ("$1.2 billion in aid", (1.2e9, 1.2e9, "money")),
        ("nearly 300 drones", (300, 300, "drone")),
        ("three people were killed", (3, 3, "person")),
    ],
)
def test_english_quantities(text: str, expected: tuple) -> None:
    assert _one("en", text) == expected


@pytest.mark.parametrize(
    "text",
    ["Am 11. November sprach er.", "Der 41-Jährige sprach.", "Gemäß Artikel 5 gilt das.", "Um 14.30 Uhr am 24.02.2022."],
)
def test_german_numbers_that_are_no_amounts(text: str) -> None:
    found = QuantityFinder("de").find(text)
    assert all(q.category in (None, "age", "duration") for q in found)


def test_extended_attribute_takes_the_head_noun() -> None:
    q = QuantityFinder("de").find("Sie wollten 18 von Rebellen als Geiseln genommene Insassen befreien.")[0]
    assert q.quantity.noun == "Insassen"
    assert q.category == "person"


def test_two_english_number_words_joined_by_and_are_two_numbers() -> None:
    found = QuantityFinder("en").find("ten and fifteen soldiers")
    assert [q.quantity.min for q in found] == [10, 15]
    assert number_parser("en").parse("one hundred and five") == 105


def test_a_year_before_a_noun_phrase_is_no_amount_but_counted_demonyms_are() -> None:
    found = QuantityFinder("de").find("Die Osmanen hielten bis 1683 ganz Ungarn. Es kamen 1500 Ukrainer.")
    assert [(q.quantity.min, q.quantity.noun) for q in found] == [(1500, "Ukrainer")]
