"""`ExtractOptions`: the one settings object of extraction, passed down explicitly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ExtractOptions:
    """How `extract()` runs: the user's gazetteer files (same format as the shipped ones)."""

    gazetteers: tuple[str, ...] = ()
