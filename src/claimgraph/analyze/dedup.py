"""Exact and near-duplicate documents: content hashes and MinHash LSH kept in the store.

The LSH index lives in `analysis_bands` (band, bucket, document), so adding documents needs
only their own signatures plus one lookup of the buckets they fall into; nothing already
indexed is recomputed. The banding (b bands of r rows) is datasketch's choice for the
threshold. A candidate from a shared bucket is confirmed by its estimated Jaccard similarity.
Every copy points at the earliest copy of its group (by publication date, then ingestion).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHashLSH
from sqlalchemy import Connection, select, update

from claimgraph.analyze import shingles
from claimgraph.analyze.tables import analysis_bands, analysis_documents
from claimgraph.store.schema import documents

THRESHOLD = 0.4
IN_CHUNK = 500


def _banding(threshold: float) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=shingles.NUM_PERM)
    return lsh.b, lsh.r


def band_keys(values: np.ndarray, bands: int, rows: int) -> list[tuple[int, int]]:
    """Return the (band, bucket) pairs of a signature; buckets are signed 64-bit hashes of a band."""
    keys = []
    for band in range(bands):
        chunk = values[band * rows : (band + 1) * rows].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


def sort_key(published: str | None, ingested_at: str | None, doc_id: str) -> str:
    """Return the key that orders copies: earliest publication first, undated last."""
    return f"{published or '9999'}|{ingested_at or ''}|{doc_id}"


@dataclass
class _Indexed:
    """What one indexing pass learned: new rows, and documents whose group changed."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    exact: int = 0
    near: int = 0


class DuplicateIndex:
    """Adds documents to the duplicate tables of one connection (inside its transaction)."""

    def __init__(self, conn: Connection, threshold: float = THRESHOLD) -> None:
        self.conn = conn
        self.threshold = threshold
        self.bands, self.rows = _banding(threshold)
        self._stored: dict[str, dict[str, Any]] = {}

    def add(self, docs: Sequence[dict[str, Any]]) -> _Indexed:
        """Index documents (dicts with id, content_hash, published, ingested_at, text); return what changed."""
        out = _Indexed()
        sigs = {d["id"]: shingles.signature(d["text"]) for d in docs}
        keys = {i: band_keys(s, self.bands, self.rows) for i, s in sigs.items() if s is not None}
        stored_hash = self._by_hash({d["content_hash"] for d in docs})
        stored_bands = self._by_buckets({k for ks in keys.values() for k in ks})
        self._preload({d for ids in stored_bands.values() for d in ids} | set(stored_hash.values()))
        batch_hash: dict[str, str] = {}
        batch_bands: dict[tuple[int, int], list[str]] = {}
        for d in sorted(docs, key=lambda d: sort_key(d["published"], d["ingested_at"], d["id"])):
            doc_id, sig = d["id"], sigs[d["id"]]
            row = {
                "document_id": doc_id,
                "content_hash": d["content_hash"],
                "sort_key": sort_key(d["published"], d["ingested_at"], doc_id),
                "signature": shingles.to_bytes(sig) if sig is not None else None,
                "duplicate_of": None,
                "duplicate_kind": None,
                "similarity": None,
            }
            match = batch_hash.get(d["content_hash"]) or stored_hash.get(d["content_hash"])
            if match is not None:
                self._link(out, row, match, "exact", 1.0)
            elif sig is not None:
                candidates = {c for k in keys[doc_id] for c in stored_bands.get(k, []) + batch_bands.get(k, [])}
                best = self._best(out, sig, candidates)
                if best is not None:
                    self._link(out, row, best[0], "near", best[1])
            out.rows[doc_id] = row
            batch_hash.setdefault(d["content_hash"], doc_id)
            for k in keys.get(doc_id, []):
                batch_bands.setdefault(k, []).append(doc_id)
        self._write(out, {d["id"] for d in docs}, keys)
        return out

    # --- lookups ---------------------------------------------------------------------------------
    def _by_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        values = list(hashes)
        for i in range(0, len(values), IN_CHUNK):
            stmt = select(analysis_documents.c.content_hash, analysis_documents.c.document_id).where(
                analysis_documents.c.content_hash.in_(values[i : i + IN_CHUNK])
            ).order_by(analysis_documents.c.sort_key)
            for content_hash, doc_id in self.conn.execute(stmt):
                found.setdefault(content_hash, doc_id)
        return found

    def _by_buckets(self, keys: set[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        """Return the stored documents in each (band, bucket); one indexed query per band and chunk."""
        found: dict[tuple[int, int], list[str]] = {}
        per_band: dict[int, list[int]] = {}
        for band, bucket in keys:
            per_band.setdefault(band, []).append(bucket)
        for band, buckets in sorted(per_band.items()):
            buckets.sort()
            for i in range(0, len(buckets), IN_CHUNK):
                stmt = select(analysis_bands.c.bucket, analysis_bands.c.document_id).where(
                    analysis_bands.c.band == band, analysis_bands.c.bucket.in_(buckets[i : i + IN_CHUNK])
                )
                for bucket, doc_id in self.conn.execute(stmt):
                    found.setdefault((band, bucket), []).append(doc_id)
        return found

    def _preload(self, doc_ids: set[str]) -> None:
        """Read the stored rows of candidate documents in a few queries instead of one each."""
        ids = sorted(doc_ids - set(self._stored))
        for i in range(0, len(ids), IN_CHUNK):
            stmt = select(analysis_documents).where(analysis_documents.c.document_id.in_(ids[i : i + IN_CHUNK]))
            for row in self.conn.execute(stmt):
                self._stored[row.document_id] = dict(row._mapping)

    def _row(self, out: _Indexed, doc_id: str) -> dict[str, Any] | None:
        if doc_id in out.rows:
            return out.rows[doc_id]
        if doc_id in self._stored:
            return dict(self._stored[doc_id])
        found = self.conn.execute(
            select(analysis_documents).where(analysis_documents.c.document_id == doc_id)
        ).first()
        return dict(found._mapping) if found is not None else None

    def _best(self, out: _Indexed, sig: np.ndarray, candidates: set[str]) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for cand in sorted(candidates):
            row = self._row(out, cand)
            if row is None or row["signature"] is None:
                continue
            score = shingles.similarity(sig, shingles.from_bytes(row["signature"]))
            if score >= self.threshold and (best is None or score > best[1]):
                best = (cand, score)
        return best

    # --- linking ---------------------------------------------------------------------------------
    def _link(self, out: _Indexed, row: dict[str, Any], match: str, kind: str, score: float) -> None:
        """Make `row` a copy of `match`'s group; if `row` is earlier, it becomes the group's original."""
        root_id = self._root_of(out, match)
        root = self._row(out, root_id)
        if kind == "exact":
            out.exact += 1
        else:
            out.near += 1
        if root is None or root["sort_key"] <= row["sort_key"]:
            row.update(duplicate_of=root_id, duplicate_kind=kind, similarity=round(score, 4))
            return
        # The new document predates the group's original: every copy now points at it.
        self._repoint(out, root_id, row["document_id"])
        root.update(duplicate_of=row["document_id"], duplicate_kind=kind, similarity=round(score, 4))
        out.rows[root_id] = root
        out.changed.add(root_id)

    def _root_of(self, out: _Indexed, doc_id: str) -> str:
        """Return the original of `doc_id`'s group (itself when it is no copy)."""
        seen = {doc_id}
        row = self._row(out, doc_id)
        while row is not None and row["duplicate_of"] and row["duplicate_of"] not in seen:
            doc_id = row["duplicate_of"]
            seen.add(doc_id)
            row = self._row(out, doc_id)
        return doc_id

    def _repoint(self, out: _Indexed, old_root: str, new_root: str) -> None:
        for cached in self._stored.values():
            if cached["duplicate_of"] == old_root:
                cached["duplicate_of"] = new_root
        for doc_id, row in out.rows.items():
            if row["duplicate_of"] == old_root:
                row["duplicate_of"] = new_root
                out.changed.add(doc_id)
        stmt = select(analysis_documents.c.document_id).where(analysis_documents.c.duplicate_of == old_root)
        out.changed.update(self.conn.execute(stmt).scalars())
        self.conn.execute(
            update(analysis_documents).where(analysis_documents.c.duplicate_of == old_root).values(duplicate_of=new_root)
        )

    def _write(self, out: _Indexed, new_ids: set[str], keys: dict[str, list[tuple[int, int]]]) -> None:
        """Insert the new documents' rows and bands; update stored originals that became copies."""
        for doc_id, r in out.rows.items():
            if doc_id not in new_ids:
                self.conn.execute(
                    update(analysis_documents)
                    .where(analysis_documents.c.document_id == doc_id)
                    .values(duplicate_of=r["duplicate_of"], duplicate_kind=r["duplicate_kind"],
                            similarity=r["similarity"])
                )
        new = [r for doc_id, r in out.rows.items() if doc_id in new_ids]
        if new:
            self.conn.execute(analysis_documents.insert(), new)
        bands = [{"band": b, "bucket": k, "document_id": i} for i, ks in keys.items() for b, k in ks]
        if bands:
            self.conn.execute(analysis_bands.insert(), bands)


def unanalysed(conn: Connection, limit: int) -> list[dict[str, Any]]:
    """Return up to `limit` stored documents not yet in the duplicate index (with their text)."""
    known = select(analysis_documents.c.document_id)
    stmt = (
        select(documents.c.id, documents.c.content_hash, documents.c.published, documents.c.ingested_at, documents.c.text)
        .where(documents.c.id.not_in(known))
        .order_by(documents.c.id)
        .limit(limit)
    )
    return [dict(r._mapping) for r in conn.execute(stmt)]
