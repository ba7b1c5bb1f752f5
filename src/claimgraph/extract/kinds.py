"""Event triggers per claim kind, and how a trigger and a counted unit decide the kind."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from claimgraph.nlp.lexicon import lexicon, patterns_regex, words_regex

PERSON_UNITS = frozenset({"soldier", "person", "civilian", "worker", "refugee"})
MATERIEL_UNITS = frozenset({"munition", "missile", "drone", "weapon", "vehicle", "aircraft", "ship", "money"})
INTERCEPTABLE = frozenset({"missile", "drone", "aircraft"})
VICTIM_KINDS = frozenset({"casualties", "killed", "wounded", "captured", "displaced"})
_SHOOT_DOWN = re.compile(r"abgeschossen|schoss|shot down|downed", re.I)


@dataclass(frozen=True)
class Trigger:
    """An event word in the text and the claim kind it signals."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class EventLexicon:
    """Compiled trigger patterns of one language."""

    triggers: dict[str, re.Pattern[str]]
    verbal: dict[str, tuple[re.Pattern[str], frozenset[str]]]
    unit_kinds: dict[str, str]
    subset: re.Pattern[str]
    no_claim: re.Pattern[str]
    separable: tuple[tuple[re.Pattern[str], str], ...] = ()
    union: re.Pattern[str] | None = None
    verbal_union: re.Pattern[str] | None = None  # any verbal trigger: says which sentences to look at

    def find(self, text: str, start: int, end: int) -> list[Trigger]:
        """Return every trigger in text[start:end] (separable verbs at the finite verb).

        One pass of the union of all patterns finds candidates; each kind's own pattern then
        says which kinds a candidate signals ("sent": supply and deploy)."""
        out = []
        union = self.union
        if union is not None:
            for m in union.finditer(text, start, end):
                for kind, regex in self.triggers.items():
                    k = regex.match(text, m.start(), end)
                    if k is not None:
                        out.append(Trigger(k.start(), k.end(), kind, k.group(0)))
        for regex, kind in self.separable:
            for m in regex.finditer(text, start, end):
                out.append(Trigger(m.start(1), m.end(1), kind, m.group(0)))
        return out


@functools.cache
def event_lexicon(lang: str) -> EventLexicon:
    """Return the compiled event lexicon of `lang`."""
    data = lexicon(lang).events
    triggers = {kind: patterns_regex([str(p) for p in pats]) for kind, pats in data["triggers"].items()}
    verbal = {
        kind: (patterns_regex([str(p) for p in spec["verbs"]]), frozenset(spec.get("needs") or []))
        for kind, spec in (data.get("verbal") or {}).items()
    }
    separable = tuple(
        (
            re.compile(
                rf"(?<![\w])({'|'.join(map(re.escape, spec['verbs']))})\s[^,.;:!?\n]{{0,80}}?\s{re.escape(spec['particle'])}(?=\s*[,.;:!?\n]|\s*$)",
                re.I,
            ),
            str(spec["kind"]),
        )
        for spec in data.get("separable") or []
    )
    all_patterns = [str(p) for pats in data["triggers"].values() for p in pats]
    verbal_patterns = [str(p) for spec in (data.get("verbal") or {}).values() for p in spec["verbs"]]
    return EventLexicon(
        verbal_union=patterns_regex(verbal_patterns) if verbal_patterns else None,
        union=patterns_regex(all_patterns),
        separable=separable,
        triggers=triggers,
        verbal=verbal,
        unit_kinds={str(k).lower(): str(v) for k, v in (data.get("unit_kinds") or {}).items()},
        subset=words_regex([str(c) for c in data.get("subset_cues") or []]),
        no_claim=words_regex([str(c) for c in data.get("no_claim_cues") or []]),
    )


def resolve_kind(triggers: list[Trigger], category: str | None, noun_kind: str | None) -> str | None:
    """Return the claim kind for a counted `category` given the triggers in scope, or None."""
    if noun_kind is not None:
        return noun_kind
    kinds = {t.kind for t in triggers}
    if category is None or category in PERSON_UNITS:
        if "killed" in kinds and "wounded" in kinds:
            return "casualties"
        for kind in ("killed", "wounded", "captured", "displaced", "casualties"):
            if kind in kinds:
                return kind
        if category == "refugee":
            return "displaced"
        if "labor" in kinds or category == "worker":
            return "labor"
        if "deploy" in kinds:
            return "deploy"
        if category is None:
            return None
        return "measure"
    if category in MATERIEL_UNITS:
        shot_down = any(t.kind == "attack" and _SHOOT_DOWN.search(t.text) for t in triggers)
        if category in INTERCEPTABLE and ("intercepted" in kinds or shot_down):
            return "intercepted"
        if "attack" in kinds and category != "money":
            return "attack"
        if "sanction" in kinds:
            return "sanction"
        if "supply" in kinds or "deploy" in kinds:
            return "supply"
        return "measure"
    if category == "target":
        return "attack" if "attack" in kinds else "measure"
    return "measure"
