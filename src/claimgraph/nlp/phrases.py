"""Noun phrases by surface rules: the words naming a source before or after a cue."""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w'’.\-]+|[^\w\s]", re.UNICODE)
DETERMINERS = frozenset(
    "der die das den dem des ein eine einer einem einen eines kein keine seinem seiner seine ihr ihre ihrem "
    "ihren ihres dessen deren the a an its their his her".split()
)
_ADJ_END = ("e", "en", "er", "em", "es")
_PARTICIPLE = re.compile(r"^[a-zäöüß]+(?:ene|enen|ten|te|ete|eten|ende|enden)$")
# Words that continue a German noun phrase to the right: genitive, "in Kabul", "vom Samstag".
_CONTINUE = frozenset("des der von vom in im aus für zur zum".split())
_EN_STOP = frozenset(
    "that who which was were is are has have had will would could said says told reported reports "
    "and but or on in at to for with by as believed believes believe estimated estimates thinks thought "
    "assessed assesses claimed claims announced confirmed added warned noted stated wrote says".split()
)


# How far (in characters) a noun phrase is looked for around a cue: far beyond any real one.
NP_WINDOW = 400


def words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Return (start, end, word) for the words and punctuation of text[start:end]."""
    out = []
    for m in _WORD.finditer(text, start, end):
        w = m.group()
        if len(w) > 1 and w.endswith(".") and not re.match(r"^(?:[A-ZÄÖÜ]\.)+$", w):
            w = w[:-1]
        out.append((m.start(), m.start() + len(w), w))
    return out


def _is_cap(w: str) -> bool:
    return w[:1].isupper() and w[:1].isalpha() or (w[:1].isdigit() and False)


def _is_adjective(w: str) -> bool:
    return w[:1].islower() and w.endswith(_ADJ_END) and w.isalpha() or w.lower() in DETERMINERS


def np_after(text: str, pos: int, limit: int, lang: str) -> tuple[int, int] | None:
    """Return the noun phrase starting after `pos` (before `limit`), or None."""
    # A noun phrase is a few words: looking further makes every cue in a long sentence re-read it (quadratic).
    toks = words(text, pos, min(limit, pos + NP_WINDOW))
    if lang == "en":
        np = _np_after_en(toks)
        if np is not None:
            acronym = _BRACKETED.match(text, np[1], limit)
            if acronym:  # "Jama'at Nusrat al-Islam wal-Muslimin (JNIM), …, said"
                return np[0], acronym.end()
        return np
    i = 0
    start = None
    end = None
    if toks and toks[0][2].lower() in ("von", "vom"):
        for k in range(1, min(len(toks) - 1, 7)):
            if _PARTICIPLE.match(toks[k][2]) and _is_cap(toks[k + 1][2]):
                i = k + 1  # the head noun after the participle
                break
    while i < len(toks):
        s, e, w = toks[i]
        if w.lower() in DETERMINERS or (_is_adjective(w) and end is None):
            start = s if start is None else start
            i += 1
            continue
        if _is_cap(w) or (w.isupper() and len(w) > 1):
            start = s if start is None else start
            end = e
            i += 1
            while i < len(toks) and (_is_cap(toks[i][2]) or toks[i][2].isupper()) and toks[i][2] not in ",.;:":
                end = toks[i][1]
                i += 1
            if i + 1 < len(toks) and toks[i][2].lower() in _CONTINUE:
                j = i + 1
                while j < len(toks) and (toks[j][2].lower() in DETERMINERS or _is_adjective(toks[j][2])):
                    j += 1
                if j < len(toks) and _is_cap(toks[j][2]):
                    i = j
                    continue
            break
        break
    if start is None or end is None:
        return None
    acronym = _BRACKETED.match(text, end, limit)
    if acronym:  # "der Internationalen Organisation für Migration (IOM)"
        end = acronym.end()
    return start, end


_BRACKETED = re.compile(r"\s*\([A-ZÄÖÜ][\w-]{1,9}\)")


def _np_after_en(toks: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    start = end = None
    for k, (s, e, w) in enumerate(toks[:9]):
        if w in ",.;:!?\"“”()" or (w.lower() in _EN_STOP and end is not None):
            break
        if w.lower() in _EN_STOP:
            break
        start = s if start is None else start
        end = e
    if start is None or end is None:
        return None
    return start, end


def np_before(text: str, pos: int, floor: int, lang: str) -> tuple[int, int] | None:
    """Return the noun phrase ending right before `pos` (not before `floor`), or None."""
    low = max(floor, pos - NP_WINDOW)
    if low > floor:
        space = text.find(" ", low, pos)  # start at a word boundary
        low = space + 1 if space >= 0 else low
    toks = words(text, low, pos)
    if not toks:
        return None
    start = end = None
    k = len(toks) - 1
    seen_noun = False
    while k >= 0:
        s, e, w = toks[k]
        if w in ",.;:!?\"“”„«»()–-":
            break
        if lang == "en":
            if w.lower() in _EN_STOP and seen_noun:
                break
            if w.lower() in _EN_STOP:
                break
            start, end = s, end or e
            seen_noun = True
            k -= 1
            if len(toks) - k > 8:
                break
            continue
        if _is_cap(w) or w.isupper():
            start, end = s, end or e
            seen_noun = True
        elif w.lower() in DETERMINERS or _is_adjective(w) or w.lower() in ("des", "der", "von", "vom", "in"):
            if not seen_noun:
                break
            start = s
        else:
            break
        k -= 1
    if start is None or end is None:
        return None
    return start, end
