"""Word shingles and MinHash signatures of document texts."""

from __future__ import annotations

import re
import zlib

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 3
NUM_PERM = 128
# Texts with fewer shingles (about 40 words) match exactly or not at all: in a stub like
# "<one-line teaser>. Der Volltext dieses Artikels steht nicht mehr zur Verfügung." shared
# boilerplate outweighs the teaser, and two such stubs are different articles.
MIN_SHINGLES = 40
_WORD = re.compile(r"\w+")
# Permutations drawn once (datasketch's default seed): every signature uses the same ones.
# The scheme is fixed too: stored signatures must stay comparable across datasketch releases.
SCHEME = "affine32"
_TEMPLATE = MinHash(num_perm=NUM_PERM, scheme=SCHEME)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Return the set of `size`-word shingles of `text` (case-folded words, punctuation ignored)."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray | None:
    """Return the MinHash hash values (uint64, NUM_PERM of them) of `text`, or None when it is too short."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    # crc32 (C, stable across runs) instead of datasketch's default SHA-1: signatures are
    # stored, so the hash must never change, and it is the bulk of the cost per document.
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_TEMPLATE.permutations,
                      scheme=SCHEME)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint64)


def to_bytes(values: np.ndarray) -> bytes:
    """Return hash values as stored (little-endian uint64)."""
    return values.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """Return stored hash values as a uint64 array."""
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Return the estimated Jaccard similarity of two signatures (share of equal hash values)."""
    return float(np.count_nonzero(a == b)) / float(len(a))
