"""Full-text search over documents: FTS5 on SQLite, tsvector on PostgreSQL, a LIKE scan elsewhere."""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, text

from claimgraph.store import filters
from claimgraph.store.schema import documents

SNIPPET_TOKENS = 16
TITLE_WEIGHT = 4.0  # a word in the title says more about a document than one in its body

_FTS_SQL = text(
    "SELECT d.id, d.url, d.title, d.outlet, d.published, d.lang, "
    "snippet(documents_fts, 1, '[', ']', '…', :tokens) AS snippet, "
    "bm25(documents_fts, :title_weight, 1.0) AS rank "
    "FROM documents_fts JOIN documents AS d ON d.rowid = documents_fts.rowid "
    "WHERE documents_fts MATCH :match "
    "ORDER BY rank LIMIT :limit"
)


# The tsvector column is built per document language (migration 0001); a query is parsed in each
# configuration and matched only against documents of that language, so stemming agrees on both
# sides. Each branch is a plain `search_vector @@ tsquery` test, which the GIN index answers.
_PG_CONFIG = (
    "CASE d.lang WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig "
    "ELSE 'simple'::regconfig END"
)
_PG_SQL = text(
    "SELECT h.id, h.url, h.title, h.outlet, h.published, h.lang, h.score, "
    "ts_headline(h.config, h.text, h.query, :headline) AS snippet "
    "FROM (SELECT d.id, d.url, d.title, d.outlet, d.published, d.lang, d.text, "
    f"{_PG_CONFIG} AS config, plainto_tsquery({_PG_CONFIG}, :words) AS query, "
    f"ts_rank(d.search_vector, plainto_tsquery({_PG_CONFIG}, :words)) AS score "
    "FROM documents AS d "
    "WHERE (d.lang = 'de' AND d.search_vector @@ plainto_tsquery('german', :words)) "
    "OR (d.lang = 'en' AND d.search_vector @@ plainto_tsquery('english', :words)) "
    "OR (coalesce(d.lang NOT IN ('de', 'en'), true) "
    "AND d.search_vector @@ plainto_tsquery('simple', :words)) "
    "ORDER BY score DESC, d.id LIMIT :limit) AS h "
    "ORDER BY h.score DESC, h.id"
)
_PG_HEADLINE = f'StartSel="[", StopSel="]", MaxWords={SNIPPET_TOKENS}, MinWords=6, ShortWord=2'


def terms(query: str) -> list[str]:
    """Return the words of a user query; words without a letter or digit are dropped (FTS ignores them)."""
    # Control characters split words: FTS5's query parser stops at NUL ("unterminated string").
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in query)
    return [w for w in cleaned.split() if any(ch.isalnum() for ch in w)]


def fts_match(query: str) -> str | None:
    """Return an FTS5 MATCH expression requiring every word of `query`, or None when it has none.

    Each word becomes a quoted string (inner quotes doubled), so operators, parentheses, column
    filters and stray quotes in user input are searched for as text, never parsed as syntax.
    """
    words = terms(query)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_fts(conn: Connection, query: str, limit: int) -> list[dict[str, Any]]:
    """Return documents matching `query` by bm25 rank (best first) with a highlighted snippet."""
    match = fts_match(query)
    lim, _ = filters.page(limit, 0)
    if match is None or lim == 0:
        return []
    params = {"match": match, "limit": lim, "tokens": SNIPPET_TOKENS, "title_weight": TITLE_WEIGHT}
    out = []
    for row in conn.execute(_FTS_SQL, params):
        item = dict(row._mapping)
        item["score"] = -float(item.pop("rank"))  # bm25 is lower-is-better; expose higher-is-better
        out.append(item)
    return out


def search_tsvector(conn: Connection, query: str, limit: int) -> list[dict[str, Any]]:
    """Return PostgreSQL documents containing every word of `query` by ts_rank (best first), with a snippet.

    Words are matched after the stemming and stop-word list of each document's language; the
    query is handed to plainto_tsquery, so operators and punctuation in it are never syntax.
    """
    words = terms(query)
    lim, _ = filters.page(limit, 0)
    if not words or lim == 0:
        return []
    params = {"words": " ".join(words), "limit": lim, "headline": _PG_HEADLINE}
    return [
        {**dict(r._mapping), "score": float(r.score)} for r in conn.execute(_PG_SQL, params)
    ]


def search_like(conn: Connection, query: str, limit: int) -> list[dict[str, Any]]:
    """Return documents whose title or text contains every word of `query` (no ranking), newest first."""
    words = terms(query)
    lim, _ = filters.page(limit, 0)
    if not words or lim == 0:
        return []
    stmt = (
        select(
            documents.c.id,
            documents.c.url,
            documents.c.title,
            documents.c.outlet,
            documents.c.published,
            documents.c.lang,
            func.substr(documents.c.text, 1, 200).label("snippet"),
        )
        .where(
            and_(
                *(
                    or_(filters.contains(documents.c.title, w), filters.contains(documents.c.text, w))
                    for w in words
                )
            )
        )
        .order_by(documents.c.published.desc().nulls_last(), documents.c.id)
        .limit(lim)
    )
    return [{**dict(r._mapping), "score": None} for r in conn.execute(stmt)]
