"""Shared fixtures and paths; tests that read ../shared skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_f47d6ef868a95d97.txt"
GNAD = SHARED / "corpus" / "10kgnad" / "test.csv"
GOLD_DEV = SHARED / "gold" / "dev"

needs_shared = pytest.mark.skipif(
    not SHARED.exists(), reason="../shared is not present (fresh clone): corpus and gold tests need it"
)
