"""Language data loaded from `claimgraph/lang/<lang>/*.yml`, validated once per process."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import LexiconError

LANGUAGES = ("de", "en")
# libyaml's parser when PyYAML was built with it: the same documents, about ten times faster to
# load than the pure-Python one, which took most of a pipeline's build time (the gazetteer).
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Return the YAML document in `text`, parsed with the safe loader (libyaml when available)."""
    return yaml.load(text, Loader=_SAFE_LOADER)


LEXICON_FILES = ("numbers", "units", "events", "attribution", "modality", "times", "quotes", "roles")


@functools.cache
def load_data(lang: str, name: str) -> dict[str, Any]:
    """Return the parsed YAML file `lang/<lang>/<name>.yml` (cached); raise LexiconError if malformed."""
    if lang not in LANGUAGES:
        raise LexiconError(f"no language data for {lang!r} (we ship {', '.join(LANGUAGES)})")
    path = resources.files("claimgraph.lang").joinpath(lang, f"{name}.yml")
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"lang/{lang}/{name}.yml: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"lang/{lang}/{name}.yml: expected a mapping at the top")
    return data


def words_regex(phrases: list[str] | tuple[str, ...] | set[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Return one regex matching any of `phrases` as whole words, longest first."""
    alts = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not alts:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", flags)


def patterns_regex(patterns: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Return one regex matching any of the regular expressions `patterns` as whole words."""
    if not patterns:
        return re.compile(r"(?!x)x")
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", flags)


def _need(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise LexiconError(f"{where}: missing key {key!r}")
    return data[key]


@dataclass(frozen=True)
class UnitLexicon:
    """Counted nouns → unit category, and which categories make claims."""

    nouns: dict[str, str]
    suffixes: tuple[tuple[str, str], ...]
    symbols: dict[str, str]
    claim_categories: frozenset[str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_map", dict(self.suffixes))
        object.__setattr__(self, "_lengths", tuple(sorted({len(s) for s, _ in self.suffixes}, reverse=True)))

    def category(self, word: str) -> str | None:
        """Return the unit category of a counted noun (whole word or compound ending), or None."""
        low = word.lower()
        hit = self.nouns.get(low)
        if hit is not None:
            return hit
        if "-" in low:
            hit = self.nouns.get(low.rsplit("-", 1)[1])
            if hit is not None:
                return hit
        for length in self.suffix_lengths:  # longest ending first, one lookup per length
            if len(low) > length + 2:
                cat = self.suffix_map.get(low[-length:])
                if cat is not None:
                    return cat
        return None

    @property
    def suffix_lengths(self) -> tuple[int, ...]:
        """Lengths of compound endings, longest first."""
        return self._lengths

    @property
    def suffix_map(self) -> dict[str, str]:
        """Compound ending → unit category."""
        return self._map


@dataclass(frozen=True)
class Lexicon:
    """Everything the rule components need to know about one language."""

    lang: str
    numbers: dict[str, Any]
    units: UnitLexicon
    events: dict[str, Any]
    attribution: dict[str, Any]
    modality: dict[str, Any]
    times: dict[str, Any]
    quotes: dict[str, Any]
    roles: frozenset[str]
    org_roles: dict[str, str]


def _units(lang: str) -> UnitLexicon:
    data = load_data(lang, "units")
    cats = _need(data, "categories", f"lang/{lang}/units.yml")
    nouns: dict[str, str] = {}
    symbols: dict[str, str] = {}
    claim: set[str] = set()
    for cat, spec in cats.items():
        where = f"lang/{lang}/units.yml: categories.{cat}"
        for noun in _need(spec, "nouns", where):
            nouns.setdefault(str(noun).lower(), cat)
        for sym in spec.get("symbols", []):
            symbols[str(sym)] = cat
        if spec.get("claim", True):
            claim.add(cat)
    suffixes = tuple(
        sorted(((n, c) for n, c in nouns.items() if len(n) >= 5 and " " not in n), key=lambda x: -len(x[0]))
    )
    return UnitLexicon(nouns, suffixes, symbols, frozenset(claim))


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """Return the validated lexicon of `lang` ("de" or "en"), loaded once per process."""
    for name in LEXICON_FILES:
        load_data(lang, name)
    return Lexicon(
        lang=lang,
        numbers=load_data(lang, "numbers"),
        units=_units(lang),
        events=load_data(lang, "events"),
        attribution=load_data(lang, "attribution"),
        modality=load_data(lang, "modality"),
        times=load_data(lang, "times"),
        quotes=load_data(lang, "quotes"),
        roles=frozenset(str(r).lower() for r in load_data(lang, "roles").get("roles", [])),
        org_roles={
            str(word).lower(): str(kind)
            for kind, words in (load_data(lang, "roles").get("org_roles") or {}).items()
            for word in words
        },
    )


_WORDS = re.compile(r"[\w']+|[^\w\s]")
_SPLIT_CACHE: dict[str, tuple[list[tuple[int, int, str]], list[str]]] = {}


def split_words(text: str) -> tuple[list[tuple[int, int, str]], list[str]]:
    """The words of `text` and their lower-case forms, kept for the last few texts: every
    finder of a document scans the same text."""
    hit = _SPLIT_CACHE.get(text)
    if hit is None:
        words = [(m.start(), m.end(), m.group(0)) for m in _WORDS.finditer(text)]
        hit = (words, [w[2].lower() for w in words])
        if len(_SPLIT_CACHE) >= 4:
            _SPLIT_CACHE.clear()
        _SPLIT_CACHE[text] = hit
    return hit


class PhraseFinder:
    """Finds whole-word phrases (one or more words) in a text with one pass over its words.

    Faster than one regex alternation over hundreds of phrases: a word is looked up in a set,
    and only words that start a phrase are compared further."""

    def __init__(self, phrases: list[str] | tuple[str, ...], *, ignore_case: bool = True) -> None:
        self.ignore_case = ignore_case
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(w.group(0) for w in _WORDS.finditer(phrase.lower() if ignore_case else phrase))
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)  # longest phrase first

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Return (start, end, matched text) of every phrase in text[start:end], longest first, no overlaps."""
        end = len(text) if end is None else end
        all_words, all_lower = split_words(text)
        if start == 0 and end == len(text):
            words, lowered = all_words, all_lower
        else:
            picked = [k for k, w in enumerate(all_words) if start <= w[0] and w[1] <= end]
            words = [all_words[k] for k in picked]
            lowered = [all_lower[k] for k in picked]
        keys = lowered if self.ignore_case else [w[2] for w in words]
        out = []
        i = 0
        n = len(words)
        while i < n:
            options = self.by_first.get(keys[i])
            hit = 0
            if options:
                s = words[i][0]
                if s == 0 or not (text[s - 1].isalnum() or text[s - 1] in "-_"):
                    for phrase in options:
                        k = len(phrase)
                        if tuple(keys[i : i + k]) == phrase:
                            e = words[i + k - 1][1]
                            if e >= len(text) or not (text[e].isalnum() or text[e] == "_"):
                                hit = k
                                break
            if hit:
                out.append((words[i][0], words[i + hit - 1][1], text[words[i][0] : words[i + hit - 1][1]]))
                i += hit
            else:
                i += 1
        return out
