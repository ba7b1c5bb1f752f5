"""Claims by general rules of the language: each test one rule, on sentences written for it."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph import Document, extract


def _claims(text: str, lang: str = "de", published: str | None = "2025-07") -> list[dict[str, Any]]:
    return [c.to_dict() for c in extract(Document(text, lang=lang, published=published)).claims]


def _one(text: str, lang: str = "de", published: str | None = "2025-07") -> dict[str, Any]:
    claims = _claims(text, lang, published)
    assert len(claims) == 1, [(c["kind"], c["evidence"]["text"]) for c in claims]
    return claims[0]


def _range(claim: dict[str, Any]) -> tuple:
    q = claim["quantity"]
    return q["min"], q["max"]


def _sources(claim: dict[str, Any]) -> list[tuple]:
    return [(s["name"], s["country"], s["kind"]) for s in claim["sources"]]


def test_demonym_is_the_actor_and_side_the_target() -> None:
    c = _one("Inzwischen kämpfen Tausende Nordkoreaner an der Seite von Russland.")
    assert (c["kind"], c["actor"], c["target"], _range(c)) == ("deploy", "North Korea", "Russia", (1000, 9999))
    assert c["quantity"]["unit"] in ("person", "soldier")


def test_intent_hedges_and_range() -> None:
    c = _one("Nordkorea will weitere 20.000 bis 25.000 Soldaten nach Russland entsenden.")
    assert (c["kind"], c["actor"], c["target"], _range(c), c["modality"]) == (
        "deploy", "North Korea", "Russia", (20000, 25000), "hedged")


def test_relative_clause_gives_time_and_modality() -> None:
    c = _one("Die Einheiten könnten die 9.000 Soldaten verstärken, die bereits im März entsandt wurden.")
    assert c["time"]["value"] == "2025-03"
    assert c["modality"] == "asserted"


def test_reporting_verb_is_outermost_in_the_chain() -> None:
    c = _one("Laut einer ukrainischen Geheimdiensteinschätzung will Nordkorea 5.000 Soldaten entsenden, berichtet CNN.")
    names = [s[0] for s in _sources(c)]
    assert names[0] == "CNN"
    assert _sources(c)[1][1:] == ("Ukraine", "intelligence")


def test_description_source_gets_country_and_kind() -> None:
    c = _one("Dem britischen Geheimdienst zufolge sind 4.000 russische Soldaten gefallen.")
    assert _sources(c)[0][1:] == ("United Kingdom", "intelligence")
    assert (c["kind"], c["actor"]) == ("killed", "Russia")


def test_killed_and_wounded_together_are_casualties() -> None:
    c = _one("Nach Angaben der Armee wurden 700 Soldaten getötet oder verwundet.")
    assert c["kind"] == "casualties"


def test_subset_inherits_the_kind() -> None:
    claims = _claims("Bei den Angriffen kamen 120 Zivilisten ums Leben, darunter 30 Kinder.")
    assert [(c["kind"], _range(c)) for c in claims] == [("killed", (120, 120)), ("killed", (30, 30))]


def test_elided_unit_comes_from_the_previous_amount() -> None:
    claims = _claims("Laut der Polizei starben 12 Menschen, 40 weitere wurden verletzt.")
    assert [(c["kind"], c["quantity"]["unit"]) for c in claims] == [("killed", "person"), ("wounded", "person")]


def test_several_amounts_take_their_own_verbs() -> None:
    claims = _claims("At least 300 soldiers have been killed and 2,700 wounded, officials said.", "en")
    assert [(c["kind"], _range(c)) for c in claims] == [("killed", (300, None)), ("wounded", (2700, 2700))]


def test_indirect_question_makes_no_claim() -> None:
    assert _claims("Er sagte nicht, ob die drei Soldaten getötet wurden.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Der 41-Jährige wurde am 11. November 2024 festgenommen.",
        "Das Treffen findet im Jahr 2026 in Raum 12 statt.",
        "Die Partei kam auf Seite 3 der Zeitung.",
    ],
)
def test_numbers_that_are_no_claims(text: str) -> None:
    assert [c for c in _claims(text) if c["quantity"]] == []


def test_subjunctive_continues_the_report_but_indicative_does_not() -> None:
    text = (
        "Nach Angaben des ukrainischen Militärs griff Russland mit 80 Drohnen an. "
        "Dabei seien 60 Drohnen abgefangen worden. "
        "Am Abend kamen 30 Soldaten in Charkiw an."
    )
    claims = _claims(text)
    assert [c["kind"] for c in claims] == ["attack", "intercepted", "measure"]
    assert _sources(claims[1]) == _sources(claims[0]) != []
    assert claims[2]["sources"] == []


def test_demonstrative_carries_the_time_back() -> None:
    claims = _claims("Nordkorea will 6.000 Soldaten schicken. Diese Truppen könnten in den kommenden Monaten eintreffen.")
    assert claims[0]["time"] == {"after": "2025-07"} or claims[0]["time"]["after"] == "2025-07"


def test_supply_without_a_number() -> None:
    c = _one("Zuvor hatte Pjöngjang Russland mit Artilleriegranaten unterstützt.")
    assert (c["kind"], c["actor"], c["target"], c["quantity"]) == ("supply", "North Korea", "Russia", None)


def test_negation() -> None:
    c = _one("The ministry denied that 1,000 troops had been sent.", "en")
    assert c["modality"] == "negated"


def test_english_citing_chain() -> None:
    c = _one("Citing Ukrainian military intelligence, CNN reported that Russia fired 90 missiles at Kyiv.", "en")
    assert [s[0] for s in _sources(c)][0] == "CNN"
    assert _sources(c)[1][1:] == ("Ukraine", "intelligence")
    assert (c["kind"], c["actor"]) == ("attack", "Russia")


def test_english_said_after_subject() -> None:
    c = _one("Russia has lost 5,000 soldiers in the region, the British defence ministry said.", "en")
    assert _sources(c)[0][1:] == ("United Kingdom", "government")
    assert (c["kind"], c["actor"]) == ("casualties", "Russia")


def test_local_media_take_the_focus_country() -> None:
    c = _one("Abuja – Bei einem Anschlag in Nigeria sind örtlichen Medienberichten zufolge 20 Menschen ums Leben gekommen.")
    assert (c["kind"], c["actor"]) == ("killed", "Nigeria")
    assert _sources(c)[0][1:] == ("Nigeria", "media")


def test_money_pledged_is_supply() -> None:
    c = _one("Deutschland sagt der Ukraine weitere 1,9 Milliarden Euro Militärhilfe zu.")
    assert (c["kind"], c["actor"], c["target"], _range(c), c["quantity"]["unit"]) == (
        "supply", "Germany", "Ukraine", (1.9e9, 1.9e9), "money")


def test_since_then_refers_to_the_last_date() -> None:
    claims = _claims("Die Waffenruhe endete am 18. März. Seitdem wurden mehr als 600 Menschen getötet.", published="2025-03-24")
    assert claims[-1]["time"]["after"] == "2025-03-18"


def test_participle_clause_shares_the_sentence_time() -> None:
    killed = [c for c in _claims("Russia attacked Kyiv overnight, killing at least one person.", "en", "2024-12-31") if c["kind"] == "killed"]
    assert killed[0]["time"]["value"] == "2024-12-31"


def test_nearest_time_in_an_elliptic_list() -> None:
    claims = _claims("Am Samstag kamen 307 Gefangene frei und am Sonntag 303 Gefangene.", published="2025-05-26")
    assert [c["time"]["value"] for c in claims] == ["2025-05-24", "2025-05-25"]


def test_denial_negates_the_following_clause() -> None:
    c = _one("Die Miliz dementierte, das Lager angegriffen zu haben.")
    assert (c["kind"], c["modality"]) == ("attack", "negated")


def test_genitive_owner_of_the_counted_people() -> None:
    c = _one("Seit Oktober wurden rund 20.000 Kämpfer der Hamas getötet.")
    assert (c["kind"], c["actor"]) == ("killed", "Hamas")


def test_apposition_subject_is_the_source() -> None:
    c = _one("Der Sekretär des russischen Sicherheitsrats, Sergej Schoigu, hatte angekündigt, Nordkorea werde 1.000 Soldaten schicken.")
    assert c["sources"][0]["name"] == "Sergei Shoigu"


def test_people_counted_again_take_the_earlier_nationality() -> None:
    claims = _claims(
        "In Russland kämpfen 11.000 nordkoreanische Soldaten. "
        "Der britische Geheimdienst schätzt, dass von ihnen bislang 4.000 getötet oder verwundet wurden."
    )
    assert (claims[-1]["kind"], claims[-1]["actor"]) == ("casualties", "North Korea")


def test_adjective_before_the_noun_does_not_fix_the_kind() -> None:
    c = _one("Ukrainische Spezialkräfte nahmen zwei verwundete nordkoreanische Soldaten gefangen.")
    assert (c["kind"], c["actor"]) == ("captured", "North Korea")
