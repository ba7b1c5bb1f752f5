"""The gazetteer: countries, people, organisations, outlets and places with every surface form.

Data lives in `claimgraph/lang/gazetteer/*.yml` (and a user's own file of the same format);
this module turns it into lookup tables: exact surface forms, German adjective inflections,
descriptions ("ukrainischer Militärgeheimdienst") and names for fuzzy matching.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import LexiconError
from claimgraph.nlp.annotations import EntityRef
from claimgraph.nlp.lexicon import parse_yaml

GAZETTEER_FILES = ("countries", "persons", "orgs", "outlets", "places")
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
_STEM_ENDINGS = ("es", "en", "em", "er", "e", "s", "n")


def stem(word: str) -> str:
    """Return a crude German/English stem: lower case without one inflection ending."""
    low = word.lower()
    if len(low) > 4:
        for ending in _STEM_ENDINGS:
            if low.endswith(ending):
                return low[: -len(ending)]
    return low


def stem_phrase(phrase: str) -> str:
    """Return the stems of a phrase's words joined by spaces."""
    return " ".join(stem(w) for w in phrase.replace("-", " ").split())


def _UMLAUTS_AS_DIGRAPHS(text: str) -> str:
    """Return `text` with ä/ö/ü written ae/oe/ue, as older or ASCII-only German text does."""
    return text.translate(_DIGRAPHS)


_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def ascii_fold(text: str) -> str:
    """Return `text` without diacritics ("Erdoğan" → "Erdogan")."""
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")


@dataclass(frozen=True)
class CountryInfo:
    """What a source name needs of a country: its record and English adjective."""

    ref: EntityRef
    adjective_en: str
    capital: EntityRef | None


@dataclass
class Gazetteer:
    """Lookup tables over every gazetteer record."""

    surfaces: dict[str, list[tuple[EntityRef, str]]] = field(default_factory=lambda: defaultdict(list))
    adjectives: dict[str, EntityRef] = field(default_factory=dict)
    descriptions: dict[tuple[str | None, str], EntityRef] = field(default_factory=dict)
    countries: dict[str, CountryInfo] = field(default_factory=dict)
    surnames: dict[str, EntityRef] = field(default_factory=dict)
    fuzzy_names: dict[str, EntityRef] = field(default_factory=dict)
    records: int = 0

    def add_surface(self, surface: str, ref: EntityRef, form: str) -> None:
        """Register `surface` (case-sensitive) as naming `ref` in `form`."""
        surface = " ".join(surface.split())
        if not surface:
            return
        entries = self.surfaces[surface]
        if all(r.name != ref.name or r.type != ref.type for r, _ in entries):
            entries.append((ref, form))
        folded = ascii_fold(surface)
        if folded != surface:
            self.add_surface(folded, ref, form)
        # older and ASCII German spellings: "Oesterreich", "Rußland"
        for variant in (_UMLAUTS_AS_DIGRAPHS(surface), surface.replace("ss", "ß") if "ss" in surface else surface):
            if variant != surface and variant not in self.surfaces:
                entries_v = self.surfaces[variant]
                if all(r.name != ref.name for r, _ in entries_v):
                    entries_v.append((ref, form))

    def lookup(self, surface: str) -> list[tuple[EntityRef, str]]:
        """Return the records a surface form names (possibly several: the caller disambiguates)."""
        return self.surfaces.get(surface, [])


def _load_yaml(path: Any, label: str) -> list[dict[str, Any]]:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{label}: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise LexiconError(f"{label}: expected a list of records")
    for i, rec in enumerate(data):
        if not isinstance(rec, dict) or not rec.get("name"):
            raise LexiconError(f"{label}: record {i} has no name")
    return data


def _langs(value: Any) -> list[str]:
    """Flatten `{de: [...], en: [...]}` or a plain list into one list of strings."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [str(v) for vals in value.values() for v in (vals or [])]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _add_country(gaz: Gazetteer, rec: dict[str, Any]) -> None:
    name = rec["name"]
    ref = EntityRef(name, "country", country=name, wikidata=rec.get("wikidata"))
    gaz.add_surface(name, ref, "name")
    names = rec.get("names") or {}
    for surface in _langs(names):
        gaz.add_surface(surface, ref, "name")
    for surface in (names.get("de") or []) if isinstance(names, dict) else []:
        if surface[-1:] not in "sxzß" and " " not in surface and not surface.isupper():
            gaz.add_surface(surface + "s", ref, "name")  # German genitive: "Nigerias"
    adjectives = rec.get("adjectives") or {}
    for adj in (adjectives.get("de") or []) if isinstance(adjectives, dict) else []:
        for ending in _ADJ_ENDINGS:
            gaz.adjectives[(adj + ending).lower()] = ref
    for adj in (adjectives.get("en") or []) if isinstance(adjectives, dict) else []:
        gaz.add_surface(adj, ref, "adjective")
    for dem in _langs(rec.get("demonyms")):
        gaz.add_surface(dem, ref, "demonym")
    capital = rec.get("capital") or {}
    city: EntityRef | None = None
    if capital.get("name"):
        city = EntityRef(capital["name"], "place", country=name, kind="city")
        for surface in [capital["name"], *_langs({k: v for k, v in capital.items() if k != "name"})]:
            gaz.add_surface(surface, ref, "capital")
            gaz.add_surface(surface, city, "capital_city")
    adj_en = ((adjectives.get("en") or [name]) if isinstance(adjectives, dict) else [name])[0]
    gaz.countries[name] = CountryInfo(ref, adj_en, city)


def _add_person(gaz: Gazetteer, rec: dict[str, Any]) -> None:
    ref = EntityRef(
        rec["name"],
        "person",
        country=rec.get("country"),
        kind="person",
        wikidata=rec.get("wikidata"),
        roles=tuple(rec.get("roles") or ()),
    )
    full = [rec["name"], *_langs(rec.get("aliases"))]
    for surface in full:
        gaz.add_surface(surface, ref, "name")
        last = surface.split()[-1] if " " in surface else None
        if last and len(last) > 2:
            gaz.surnames.setdefault(last, ref)
            gaz.surnames.setdefault(ascii_fold(last), ref)
    for surface in _langs(rec.get("short")):
        gaz.add_surface(surface, ref, "short")
        gaz.fuzzy_names.setdefault(surface, ref)


def _add_org(gaz: Gazetteer, rec: dict[str, Any]) -> None:
    ref = EntityRef(
        rec["name"],
        "org",
        country=rec.get("country"),
        kind=rec.get("kind"),
        wikidata=rec.get("wikidata"),
    )
    for surface in [rec["name"], *_langs(rec.get("also")), *_langs(rec.get("aliases"))]:
        gaz.add_surface(surface, ref, "name")
        if len(surface) >= 6 and " " not in surface and not surface.isupper():
            gaz.fuzzy_names.setdefault(surface, ref)
    for desc in _langs(rec.get("descriptions")):
        gaz.descriptions.setdefault((rec.get("country"), stem_phrase(desc)), ref)


def _add_place(gaz: Gazetteer, rec: dict[str, Any]) -> None:
    ref = EntityRef(
        rec["name"], "place", country=rec.get("country"), kind=rec.get("kind"), wikidata=rec.get("wikidata")
    )
    gaz.add_surface(rec["name"], ref, "name")
    for surface in _langs(rec.get("aliases")):
        gaz.add_surface(surface, ref, "name")


_ADDERS = {
    "countries": _add_country,
    "persons": _add_person,
    "orgs": _add_org,
    "outlets": _add_org,
    "places": _add_place,
}


@functools.cache
def load_first_names() -> frozenset[str]:
    """Return the given names (`lang/gazetteer/first_names.yml`) that start "Firstname Lastname"."""
    path = _package_file("first_names")
    if not path.is_file():
        return frozenset()
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"lang/gazetteer/first_names.yml: {exc}") from exc
    names = data.get("first_names") if isinstance(data, dict) else None
    if not isinstance(names, list):
        raise LexiconError("lang/gazetteer/first_names.yml: expected `first_names:` with a list")
    return frozenset(str(n) for n in names)


def _package_file(name: str) -> Any:
    return resources.files("claimgraph.lang").joinpath("gazetteer", f"{name}.yml")


@functools.cache
def load_gazetteer(user_files: tuple[str, ...] = ()) -> Gazetteer:
    """Return the shipped gazetteer plus the user's files (each a list of records with `type`)."""
    gaz = Gazetteer()
    for name in GAZETTEER_FILES:
        path = _package_file(name)
        if not path.is_file():
            continue
        for rec in _load_yaml(path, f"lang/gazetteer/{name}.yml"):
            _ADDERS[name](gaz, rec)
            gaz.records += 1
    for user_file in user_files:
        for rec in _load_yaml(Path(user_file), user_file):
            kind = {"country": "countries", "person": "persons", "org": "orgs", "place": "places"}.get(
                str(rec.get("type", "")).lower()
            )
            if kind is None:
                raise LexiconError(f"{user_file}: record {rec['name']!r} needs type person, org, country or place")
            _ADDERS[kind](gaz, rec)
            gaz.records += 1
    return gaz
