"""Name comparison as FORMAT.md fixes it: case folded, diacritics removed, whitespace collapsed."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Letters NFKD does not decompose into a base letter plus a combining mark.
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss"})


def fold(name: str) -> str:
    """Return `name` case folded, without diacritics (NFKD, combining marks dropped; ı→i, ł→l,
    ø→o, đ→d, ß→ss) and with runs of whitespace collapsed to one space."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(folded.translate(_LETTERS).split())


def name_matches(predicted: str | None, gold: str | Sequence[str] | None) -> bool:
    """Return True when `predicted` equals `gold` (or one of its accepted names) after `fold`.

    A gold `None` ("none") matches only a missing prediction (None or blank); a missing
    prediction matches no gold name.
    """
    if predicted is not None and not predicted.strip():
        predicted = None
    if gold is None:
        return predicted is None
    if predicted is None:
        return False
    accepted = [gold] if isinstance(gold, str) else list(gold)
    key = fold(predicted)
    return any(fold(name) == key for name in accepted)
