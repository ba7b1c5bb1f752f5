"""Every language data file loads and is well-formed; the gazetteer resolves the hard names."""

from __future__ import annotations

import pytest

from claimgraph.nlp.gazetteer import GAZETTEER_FILES, load_gazetteer
from claimgraph.nlp.lexicon import LANGUAGES, LEXICON_FILES, lexicon, load_data


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LEXICON_FILES)
def test_every_lexicon_file_loads(lang: str, name: str) -> None:
    assert load_data(lang, name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lexicon_is_complete(lang: str) -> None:
    lex = lexicon(lang)
    assert {"soldier", "money", "percent"} <= lex.units.claim_categories
    assert "duration" not in lex.units.claim_categories
    assert lex.roles and lex.org_roles


def test_gazetteer_loads_every_file_with_enough_records() -> None:
    gaz = load_gazetteer()
    assert set(GAZETTEER_FILES) == {"countries", "persons", "orgs", "outlets", "places"}
    assert len(gaz.countries) >= 195
    assert gaz.records >= 2500


@pytest.mark.parametrize(
    ("surface", "name", "type_"),
    [
        ("Selenskyj", "Volodymyr Zelenskyy", "person"),
        ("Wladimir Putin", "Vladimir Putin", "person"),
        ("Kim Jong-un", "Kim Jong Un", "person"),
        ("Nordkoreaner", "North Korea", "country"),
        ("CNN", "CNN", "org"),
        ("Region Kursk", "Kursk Oblast", "place"),
    ],
)
def test_gazetteer_names(surface: str, name: str, type_: str) -> None:
    refs = [ref for ref, _ in load_gazetteer().lookup(surface)]
    assert any(r.name == name and r.type == type_ for r in refs), refs


def test_german_adjectives_are_inflected() -> None:
    gaz = load_gazetteer()
    for form in ("nordkoreanisch", "nordkoreanische", "nordkoreanischen", "nordkoreanischer"):
        assert gaz.adjectives[form].name == "North Korea"


def test_first_names_load_and_exclude_common_words() -> None:
    from claimgraph.nlp.gazetteer import load_first_names

    names = load_first_names()
    assert len(names) > 1000
    assert {"Gheorghe", "Wolodymyr", "Olaf"} <= names
    assert not {"Said", "Mark", "Will"} & names
