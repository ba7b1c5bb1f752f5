"""Common words of a language (from spaCy's lookup tables), so that name matching never fires on them."""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources


@functools.cache
def common_words(lang: str) -> frozenset[str]:
    """Return the lower-cased word forms of `lang` that spaCy's lemma lookup table knows."""
    try:
        path = resources.files("spacy_lookups_data").joinpath("data", f"{lang}_lemma_lookup.json.gz")
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            table: dict[str, str] = json.load(fh)
    except (OSError, ModuleNotFoundError, ValueError):
        return frozenset()
    words = {k.lower() for k in table}
    words.update(v.lower() for v in table.values())
    return frozenset(words)
