"""The claim store against a real SQLite file and a real PostgreSQL database.

Every test takes the `store` fixture (or `store_url`), parametrized over `BACKENDS`, so the same
tests run on both; backend-only checks say so in their name. PostgreSQL needs
$CLAIMGRAPH_TEST_POSTGRES (see tests/pg.py): without it those runs skip with the reason.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from claimgraph.errors import StoreError, UnknownDocument
from claimgraph.model import (
    Claim,
    Document,
    Entity,
    Extraction,
    Mention,
    Quantity,
    Quote,
    Source,
    Span,
    TimeExpr,
)
from claimgraph.store import Store, rows, search
from tests.pg import BACKENDS, database

INJECTION = "x' OR '1'='1'; DROP TABLE claims; --"


# --- building extractions by hand ----------------------------------------------------------------
def span(text: str, needle: str, after: int = 0) -> Span:
    """Return the span of the first `needle` in `text` at or after `after`."""
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def sentence_of(text: str, needle: str) -> Span:
    """Return the span of the sentence that contains `needle`."""
    pos = text.index(needle)
    previous_end = text.rfind(". ", 0, pos)
    start = previous_end + 2 if previous_end >= 0 else 0
    end = text.index(".", pos) + 1
    return Span(start, end, text[start:end])


NK_TEXT = (
    "Nordkorea will offenbar weitere Truppen nach Russland schicken. "
    "Laut CNN sollen 25.000 Soldaten entsandt werden, wie der Sender unter Berufung auf den "
    "südkoreanischen Geheimdienst NIS berichtete. "
    "Seit Oktober wurden nach ukrainischen Angaben mindestens 3.000 nordkoreanische Soldaten getötet "
    "oder verwundet. "
    "„Wir beobachten die Lage sehr genau“, sagte Verteidigungsminister Kim Yong-hyun in Seoul."
)


def nk_extraction(url: str | None = "https://example.de/nordkorea-truppen") -> Extraction:
    """Return a two-claim, one-quote extraction of a German report on North Korean troops."""
    t = NK_TEXT
    doc = Document(
        t,
        lang="de",
        published="2024-11-05",
        url=url,
        title="Nordkorea schickt weitere Soldaten",
        outlet="Beispiel-Zeitung",
        origin="feeds/beispiel.jsonl:line 3",
    ).with_identity()
    nk = Entity("North Korea", "country", "KP", None, "Q423", True,
                [Mention(span(t, "Nordkorea")), Mention(span(t, "nordkoreanische"), "adjective")])
    ru = Entity("Russia", "country", "RU", None, "Q159", True, [Mention(span(t, "Russland"))])
    cnn = Entity("CNN", "org", "US", "media", "Q48340", True, [Mention(span(t, "CNN"))])
    nis = Entity("National Intelligence Service", "org", "KR", "intelligence", "Q483519", True,
                 [Mention(span(t, "NIS"), "short")])
    kim = Entity("Kim Yong-hyun", "person", "KR", None, None, False, [Mention(span(t, "Kim Yong-hyun"))])
    seoul = Entity("Seoul", "place", "KR", None, "Q8684", True, [Mention(span(t, "Seoul"))])
    deploy = Claim(
        kind="deploy",
        evidence=span(t, "sollen 25.000 Soldaten entsandt werden"),
        sentence=sentence_of(t, "25.000"),
        actor="North Korea",
        target="Russia",
        quantity=Quantity(25000, 25000, "person", "Soldaten", span(t, "25.000 Soldaten")),
        sources=[
            Source("CNN", "US", "media", span(t, "CNN")),
            Source("National Intelligence Service", "KR", "intelligence", span(t, "Geheimdienst NIS")),
        ],
        modality="hedged",
        id="c1",
    )
    losses = Claim(
        kind="casualties",
        evidence=span(t, "mindestens 3.000 nordkoreanische Soldaten getötet oder verwundet"),
        sentence=sentence_of(t, "3.000"),
        target="North Korea",
        quantity=Quantity(3000, None, "person", "Soldaten", span(t, "mindestens 3.000")),
        time=TimeExpr(after="2024-10", span=span(t, "Seit Oktober")),
        sources=[Source("Ukraine", "UA", "government", span(t, "ukrainischen Angaben"))],
        id="c2",
    )
    quote = Quote(
        "Wir beobachten die Lage sehr genau",
        t.index("Wir"),
        t.index("Wir") + len("Wir beobachten die Lage sehr genau"),
        "Kim Yong-hyun",
        span(t, "Kim Yong-hyun"),
    )
    return Extraction(doc, [nk, ru, cnn, nis, kim, seoul], [deploy, losses], [quote])


KYIV_TEXT = (
    "Russland hat Kiew in der Nacht mit 40 Drohnen angegriffen, teilte die ukrainische Luftwaffe mit. "
    "37 Drohnen seien abgefangen worden."
)


def kyiv_extraction() -> Extraction:
    """Return an extraction of a German report on a drone attack on Kyiv (published later)."""
    t = KYIV_TEXT
    doc = Document(t, lang="de", published="2024-12-01", url="https://example.de/kiew-drohnen",
                   title="Drohnenangriff auf Kiew", outlet="Beispiel-Zeitung").with_identity()
    ru = Entity("Russia", "country", "RU", None, "Q159", True, [Mention(span(t, "Russland"))])
    kyiv = Entity("Kyiv", "place", "UA", None, "Q1899", True, [Mention(span(t, "Kiew"))])
    air = Source("Ukrainian Air Force", "UA", "military", span(t, "ukrainische Luftwaffe"))
    attack = Claim(
        kind="attack",
        evidence=span(t, "Kiew in der Nacht mit 40 Drohnen angegriffen"),
        sentence=sentence_of(t, "40 Drohnen"),
        actor="Russia",
        target="Kyiv",
        quantity=Quantity(40, 40, "drone", "Drohnen", span(t, "40 Drohnen")),
        sources=[air],
        id="c1",
    )
    intercepted = Claim(
        kind="intercepted",
        evidence=span(t, "37 Drohnen seien abgefangen worden"),
        sentence=sentence_of(t, "37 Drohnen"),
        quantity=Quantity(37, 37, "drone", "Drohnen", span(t, "37 Drohnen")),
        sources=[air],
        modality="hedged",
        id="c2",
    )
    return Extraction(doc, [ru, kyiv], [attack, intercepted], [])


def synthetic(n: int) -> Extraction:
    """Return a small generated extraction, distinct for each `n`."""
    t = f"Meldung {n}: In Charkiw wurden {n} Menschen verletzt, teilte der Gouverneur mit."
    doc = Document(t, lang="de", published="2024-10-01", title=f"Meldung {n}").with_identity()
    city = Entity("Kharkiv", "place", "UA", None, "Q42308", True, [Mention(span(t, "Charkiw"))])
    claim = Claim(
        kind="wounded",
        evidence=span(t, f"{n} Menschen verletzt"),
        sentence=Span(0, len(t), t),
        target="Ukraine",
        quantity=Quantity(n, n, "person", "Menschen", span(t, f"{n} Menschen")),
        place="Kharkiv",
        sources=[Source("Governor of Kharkiv Oblast", "UA", "government", span(t, "der Gouverneur"))],
        id="c1",
    )
    return Extraction(doc, [city], [claim], [])


# --- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return the URL of an empty database for the backend under test (dropped afterwards)."""
    with database(request.param, tmp_path, "store") as url:
        yield url


def sqlite_only(url: str) -> None:
    """Skip the calling test unless it runs against SQLite."""
    if not url.startswith("sqlite"):
        pytest.skip("SQLite-specific")


def postgresql_only(url: str) -> None:
    """Skip the calling test unless it runs against PostgreSQL."""
    if not url.startswith("postgresql"):
        pytest.skip("PostgreSQL-specific")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """Return an open, empty store; closed after the test."""
    with Store.open(store_url) as s:
        yield s


@pytest.fixture
def filled(store: Store) -> Store:
    """Return the store holding the North Korea and Kyiv reports."""
    assert store.add(nk_extraction())
    assert store.add(kyiv_extraction())
    return store


def claim_ids(found: list[dict]) -> list[str]:
    """Return the ids of listed claims."""
    return [c["id"] for c in found]


# --- writing and reading back ------------------------------------------------------------------
def test_round_trip_equals_input(store: Store) -> None:
    ex = nk_extraction()
    assert store.add(ex) is True
    back = store.get_extraction(ex.document.id)
    assert back.to_dict() == ex.to_dict()
    assert back.document.origin == "feeds/beispiel.jsonl:line 3"
    assert back.claims[0].sentence == ex.claims[0].sentence
    assert back == ex


def test_document_without_id_gets_its_identity(store: Store) -> None:
    ex = nk_extraction()
    anonymous = replace(ex, document=replace(ex.document, id=None))
    assert store.add(anonymous)
    assert store.has_document(ex.document.id)
    assert anonymous.document.id is None  # the caller's object is left alone


def test_re_adding_is_a_no_op(filled: Store) -> None:
    before = filled.counts()
    assert filled.add(nk_extraction()) is False
    assert filled.counts() == before


def test_same_text_two_urls_are_two_documents(store: Store) -> None:
    a = nk_extraction("https://a.example/artikel")
    b = nk_extraction("https://b.example/artikel")
    assert a.document.id != b.document.id
    assert store.add(a) and store.add(b)
    docs = store.documents()
    assert len(docs) == 2
    assert docs[0]["content_hash"] == docs[1]["content_hash"] == a.document.content_hash
    assert store.counts()["entities"] == 6  # entities are shared, not duplicated


def test_unknown_document(store: Store) -> None:
    with pytest.raises(UnknownDocument):
        store.get_extraction("nope")
    assert not store.has_document("nope")


def test_known_ids(filled: Store) -> None:
    nk_id = nk_extraction().document.id
    assert filled.known_ids([nk_id, "missing", nk_id]) == {nk_id}
    assert filled.known_ids([]) == set()


def test_store_persists_across_reopen(store_url: str) -> None:
    ex = nk_extraction()
    with Store.open(store_url) as s:
        s.add(ex)
    with Store.open(store_url) as s:
        assert s.get_extraction(ex.document.id).to_dict() == ex.to_dict()


# --- listing and filtering -------------------------------------------------------------------
def test_claims_as_format_dicts(filled: Store) -> None:
    nk_id = nk_extraction().document.id
    (claim,) = filled.claims(kind="deploy")
    assert claim["id"] == f"{nk_id}:c1"
    assert claim["document_id"] == nk_id
    assert claim["published"] == "2024-11-05"
    assert claim["title"] == "Nordkorea schickt weitere Soldaten"
    assert claim["quantity"] == {"min": 25000, "max": 25000, "unit": "person"}
    assert claim["time"] is None
    assert claim["sources"] == [
        {"name": "CNN", "country": "US", "kind": "media"},
        {"name": "National Intelligence Service", "country": "KR", "kind": "intelligence"},
    ]
    assert claim["modality"] == "hedged"
    assert claim["evidence"]["text"] == "sollen 25.000 Soldaten entsandt werden"
    start, end = claim["sentence"]["start"], claim["sentence"]["end"]
    assert NK_TEXT[start:end].startswith("Laut CNN")
    (losses,) = filled.claims(kind="casualties")
    assert losses["time"] == {"after": "2024-10"}
    assert losses["quantity"] == {"min": 3000, "max": None, "unit": "person"}


def test_claim_filters(filled: Store) -> None:
    nk, kyiv = nk_extraction().document.id, kyiv_extraction().document.id
    assert claim_ids(filled.claims()) == [f"{kyiv}:c1", f"{kyiv}:c2", f"{nk}:c1", f"{nk}:c2"]
    assert claim_ids(filled.claims(actor="NORTH kor")) == [f"{nk}:c1"]
    assert claim_ids(filled.claims(target="kyiv")) == [f"{kyiv}:c1"]
    assert claim_ids(filled.claims(source="cnn")) == [f"{nk}:c1"]
    assert claim_ids(filled.claims(source="intelligence service")) == [f"{nk}:c1"]
    assert claim_ids(filled.claims(source="air force")) == [f"{kyiv}:c1", f"{kyiv}:c2"]
    assert claim_ids(filled.claims(text="ENTSANDT")) == [f"{nk}:c1"]
    assert claim_ids(filled.claims(unit="drone", modality="hedged")) == [f"{kyiv}:c2"]
    assert claim_ids(filled.claims(document_id=nk)) == [f"{nk}:c1", f"{nk}:c2"]
    assert claim_ids(filled.claims(lang="en")) == []
    assert claim_ids(filled.claims(kind="deploy", source="ukrain")) == []
    assert claim_ids(filled.claims(limit=1, offset=1)) == [f"{kyiv}:c2"]


def test_claim_date_filters(filled: Store) -> None:
    nk, kyiv = nk_extraction().document.id, kyiv_extraction().document.id
    # nk:c1 is dated by its article (2024-11-05), nk:c2 by its own time (after 2024-10).
    assert claim_ids(filled.claims(since="2024-11-10")) == [f"{kyiv}:c1", f"{kyiv}:c2"]
    assert claim_ids(filled.claims(since="2024-11")) == [f"{kyiv}:c1", f"{kyiv}:c2", f"{nk}:c1"]
    assert claim_ids(filled.claims(since="2024-10-15")) == [
        f"{kyiv}:c1", f"{kyiv}:c2", f"{nk}:c1", f"{nk}:c2"
    ]
    assert claim_ids(filled.claims(until="2024-10-31")) == [f"{nk}:c2"]
    assert claim_ids(filled.claims(since="2024-11-01", until="2024-11-30")) == [f"{nk}:c1"]


def test_quotes(filled: Store) -> None:
    (quote,) = filled.quotes(speaker="kim")
    assert quote["text"] == "Wir beobachten die Lage sehr genau"
    assert quote["id"] == f"{nk_extraction().document.id}:q1"
    assert filled.quotes(text="LAGE") == [quote]
    assert filled.quotes(document_id=kyiv_extraction().document.id) == []


def test_entities(filled: Store) -> None:
    (russia,) = filled.entities(name="russ")
    assert russia["name"] == "Russia" and russia["type"] == "country"
    assert russia["mentions"] == 2 and russia["documents"] == 2
    assert russia["aliases"] == [{"text": "Russland", "count": 2}]
    (nk,) = filled.entities(name="north korea")
    assert nk["aliases"] == [{"text": "Nordkorea", "count": 1}, {"text": "nordkoreanische", "count": 1}]
    assert {e["name"] for e in filled.entities(type="org")} == {"CNN", "National Intelligence Service"}
    assert filled.entities()[0]["name"] in {"North Korea", "Russia"}  # most mentioned first


def test_documents_listing(filled: Store) -> None:
    docs = filled.documents()
    assert [d["title"] for d in docs] == ["Drohnenangriff auf Kiew", "Nordkorea schickt weitere Soldaten"]
    kyiv = docs[0]
    assert kyiv["n_claims"] == 2 and kyiv["n_quotes"] == 0
    assert kyiv["snippet"] == KYIV_TEXT[:200]
    assert docs[1]["n_quotes"] == 1
    assert [d["title"] for d in filled.documents(since="2024-11-20")] == ["Drohnenangriff auf Kiew"]
    assert filled.documents(lang="en") == []
    assert len(filled.documents(limit=1, offset=1)) == 1
    assert filled.count_documents() == 2


def test_injection_in_every_filter_matches_nothing(filled: Store) -> None:
    before = filled.counts()
    for name in ("kind", "actor", "target", "source", "unit", "modality", "lang", "since",
                 "until", "document_id", "text"):
        assert filled.claims(**{name: INJECTION}) == [], name
    for name in ("speaker", "document_id", "text"):
        assert filled.quotes(**{name: INJECTION}) == [], name
    for name in ("type", "name"):
        assert filled.entities(**{name: INJECTION}) == [], name
    assert filled.documents(lang=INJECTION) == []
    assert filled.documents(since=INJECTION) == []
    assert filled.search(INJECTION) == []
    assert filled.known_ids([INJECTION]) == set()
    assert filled.counts() == before
    assert len(filled.claims()) == 4  # the claims table is still there


def test_like_wildcards_are_literal(filled: Store) -> None:
    assert filled.claims(actor="%") == []
    assert filled.claims(actor="_") == []
    assert filled.entities(name="%") == []


# --- search ------------------------------------------------------------------------------------
def test_search_finds_words(filled: Store) -> None:
    (hit,) = filled.search("Soldaten")
    assert hit["id"] == nk_extraction().document.id
    assert "[Soldaten]" in hit["snippet"]
    assert hit["score"] > 0
    assert [h["title"] for h in filled.search("drohnen kiew")] == ["Drohnenangriff auf Kiew"]
    assert len(filled.search("Russland")) == 2
    assert filled.search("Russland Geheimdienst")[0]["title"] == "Nordkorea schickt weitere Soldaten"
    assert filled.search("Washington") == []


@pytest.mark.parametrize(
    "query", ['"', "*", "AND (", "NEAR(", "OR", "NOT", "-", "title:", "text:x", "^Soldaten",
              '"Soldaten', "Soldaten*", "(", ")", "", "   ", "\x00", "a AND OR b", "{title text}: x"]
)
def test_hostile_search_does_not_raise(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)


def test_search_operators_are_words(filled: Store) -> None:
    # "OR" is searched as the word "or", so "Soldaten OR Drohnen" needs all three words.
    assert filled.search("Soldaten OR Drohnen") == []
    assert len(filled.search('"Soldaten"')) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=30))
def test_any_search_query_is_safe(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)


def test_portable_search_fallback(filled: Store) -> None:
    # The LIKE scan a backend without its own full-text index would use.
    with filled._read() as conn:
        (hit,) = search.search_like(conn, "soldaten", 20)
        assert hit["id"] == nk_extraction().document.id
        assert len(search.search_like(conn, "AND (", 20)) == 2  # "Russland" contains "and"
        assert search.search_like(conn, '"', 20) == []
        assert search.search_like(conn, "100%", 20) == []  # LIKE wildcards are literal


ENGLISH_TEXT = "Officials said 300 soldiers were wounded near the border while villages were shelled."


def english_extraction() -> Extraction:
    """Return a claim-less extraction of a short English report."""
    doc = Document(ENGLISH_TEXT, lang="en", published="2024-12-02", url="https://example.com/border",
                   title="Soldiers wounded at the border").with_identity()
    return Extraction(doc, [], [], [])


def test_postgresql_search_stems_by_document_language(filled: Store, store_url: str) -> None:
    postgresql_only(store_url)
    filled.add(english_extraction())
    # English stemming for the English report, German for the German ones.
    assert [h["url"] for h in filled.search("soldier wounding")] == ["https://example.com/border"]
    assert [h["url"] for h in filled.search("village")] == ["https://example.com/border"]
    assert [h["title"] for h in filled.search("Soldat")] == ["Nordkorea schickt weitere Soldaten"]
    # English stop words are dropped from the query for English documents only.
    assert [h["url"] for h in filled.search("the soldiers")] == ["https://example.com/border"]
    # A word in the title outranks the same word in the body.
    filled.add(Extraction(Document("Soldiers were seen in the town.", lang="en",
                                   url="https://example.com/town").with_identity(), [], [], []))
    assert filled.search("soldiers")[0]["url"] == "https://example.com/border"


def test_postgresql_search_uses_the_gin_index(filled: Store, store_url: str) -> None:
    postgresql_only(store_url)
    with filled._read() as conn:
        # A table of two rows is cheaper to scan; forbidding scans shows whether the index can
        # serve every branch of the real search query (a large table then uses it unprompted).
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        params = {"words": "Soldaten", "limit": 20, "headline": search._PG_HEADLINE}
        plan = "\n".join(r[0] for r in conn.execute(text("EXPLAIN " + search._PG_SQL.text), params))
        assert "ix_documents_search_vector" in plan, plan  # the real search query, not a scan
        vector = conn.exec_driver_sql(
            "SELECT search_vector::text FROM documents WHERE title = 'Drohnenangriff auf Kiew'"
        ).scalar_one()
    assert "'drohn'" in vector  # German stemming of "Drohnen"
    assert filled.search("Soldaten")[0]["title"] == "Nordkorea schickt weitere Soldaten"


# --- errors and transactions -------------------------------------------------------------------
def test_errors_recorded_and_listed(store: Store) -> None:
    store.record_error("feeds/a.jsonl:line 7", "decode", "invalid UTF-8 at byte 112")
    store.record_error("feeds/b.csv:row 2", "empty", None)
    errors = store.errors()
    assert [e["reason"] for e in errors] == ["empty", "decode"]  # newest first
    assert errors[1]["origin"] == "feeds/a.jsonl:line 7"
    assert errors[1]["detail"] == "invalid UTF-8 at byte 112"
    assert errors[0]["created_at"].endswith("+00:00")
    assert len(store.errors(limit=1)) == 1
    assert store.counts()["errors"] == 2


def test_failed_add_leaves_nothing_behind(filled: Store) -> None:
    before = filled.counts()
    bad = synthetic(7)
    bad.claims[0].evidence = None  # type: ignore[assignment]
    with pytest.raises(StoreError):
        filled.add(bad)
    assert not filled.has_document(bad.document.id)
    assert filled.counts() == before  # no document, entity, mention or claim of it remains
    assert filled.entities(name="kharkiv") == []
    ex = nk_extraction()
    assert filled.get_extraction(ex.document.id).to_dict() == ex.to_dict()


def test_failure_after_partial_writes_rolls_back(filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = filled.counts()

    def broken_quotes(doc_id: str, extraction: Extraction) -> list[dict]:
        # Written last: the document, entities, mentions and claims are already inserted.
        return [{"id": f"{doc_id}:q1", "document_id": doc_id, "seq": 1, "text": None}]

    monkeypatch.setattr(rows, "quote_rows", broken_quotes)
    ex = nk_extraction("https://c.example/artikel")
    with pytest.raises(StoreError):
        filled.add(ex)
    assert filled.counts() == before
    assert not filled.has_document(ex.document.id)


def test_failing_batch_keeps_earlier_batches(store: Store) -> None:
    docs = [synthetic(n) for n in range(250)]
    docs[230].claims[0].evidence = None  # type: ignore[assignment]
    with pytest.raises(StoreError):
        store.add_many(docs)
    assert store.count_documents() == 200  # the first batch; the second rolled back whole


# --- SQLite specifics --------------------------------------------------------------------------
def test_sqlite_wal_and_pragmas(store: Store, store_url: str) -> None:
    sqlite_only(store_url)
    path = store_url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"documents", "entities", "mentions", "claims", "claim_sources", "quotes",
                "ingest_errors", "meta", "documents_fts"} <= tables
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)
        assert "alembic_version" in tables
    finally:
        con.close()
    with store._engine.connect() as conn:  # the store's own connections
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_sqlite_case_folding_beyond_ascii(store: Store) -> None:
    t = "Österreich schickt 20 Beobachter nach Kiew."
    doc = Document(t, lang="de", published="2024-11-01").with_identity()
    claim = Claim("deploy", span(t, "schickt 20 Beobachter"), Span(0, len(t), t), actor="Österreich", id="c1")
    store.add(Extraction(doc, [], [claim], []))
    assert len(store.claims(actor="ÖSTERREICH")) == 1
    assert len(store.claims(actor="österreich")) == 1


# --- opening -----------------------------------------------------------------------------------
def test_open_plain_path_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plain.db"
    with Store.open(str(path)) as s:
        s.add(kyiv_extraction())
    assert path.exists()
    monkeypatch.setenv("CLAIMGRAPH_DB", str(path))
    with Store.open() as s:
        assert s.count_documents() == 1


@pytest.mark.parametrize("url", ["mysql://u:p@localhost/x", "not a url ://", "sqlite:////nonexistent/dir/x.db"])
def test_open_failures_are_store_errors(url: str) -> None:
    with pytest.raises(StoreError):
        Store.open(url)


def test_newer_schema_is_refused(store_url: str) -> None:
    with Store.open(store_url) as s:
        s.add(kyiv_extraction())
        with s._write() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(StoreError, match=r"newer claimgraph \(schema 9999_from_the_future\); upgrade claimgraph"):
        Store.open(store_url)


# --- bulk ----------------------------------------------------------------------------------------
def test_add_many(store: Store) -> None:
    docs = [synthetic(n) for n in range(500)]
    assert store.add_many(docs) == (500, 0)
    assert store.add_many(docs) == (0, 500)
    assert store.counts()["claims"] == 500
    assert store.counts()["entities"] == 1
    assert store.add_many(iter([synthetic(500), synthetic(1), synthetic(500)])) == (1, 2)
    sample = docs[123]
    assert store.get_extraction(sample.document.id).to_dict() == sample.to_dict()


def test_concurrent_writers(store_url: str) -> None:
    docs = [synthetic(n) for n in range(300)]
    results: list[tuple[int, int]] = []
    failures: list[BaseException] = []

    def ingest(part: list[Extraction]) -> None:
        try:
            with Store.open(store_url) as s:
                results.append(s.add_many(part))
        except Exception as exc:
            failures.append(exc)

    # Overlapping halves: documents 100-199 are offered by both writers.
    threads = [threading.Thread(target=ingest, args=(docs[:200],)),
               threading.Thread(target=ingest, args=(docs[100:],))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not failures
    assert sum(new for new, _ in results) == 300
    assert sum(known for _, known in results) == 100
    with Store.open(store_url) as s:
        assert s.count_documents() == 300
        assert s.counts()["claims"] == 300


def test_concurrent_open_of_a_new_file(tmp_path: Path) -> None:
    # Openers racing to create the schema and switch a fresh file to WAL must all succeed.
    for trial in range(5):
        url = f"sqlite:///{tmp_path / f'race{trial}.db'}"
        failures: list[BaseException] = []

        def open_and_count(url: str = url, failures: list[BaseException] = failures) -> None:
            try:
                with Store.open(url) as s:
                    s.count_documents()
            except Exception as exc:
                failures.append(exc)

        threads = [threading.Thread(target=open_and_count) for _ in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert not failures


def test_sqlite_write_retried_after_lock_timeout(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_only(store_url)
    from claimgraph.store import sqlite as sqlite_backend

    # A short busy_timeout makes the lock outlast it, so the store's own retry must carry the write.
    monkeypatch.setattr(sqlite_backend, "BUSY_TIMEOUT_MS", 100)
    with Store.open(store_url) as s:
        holder = sqlite3.connect(store_url.removeprefix("sqlite:///"), isolation_level=None,
                                 check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for 0.5 s
        release = threading.Timer(0.5, holder.commit)
        release.start()
        try:
            assert s.add(kyiv_extraction())
            assert s.count_documents() == 1
        finally:
            release.join()
            holder.close()


def test_postgresql_deadlock_victim_is_retryable(store: Store, store_url: str) -> None:
    postgresql_only(store_url)
    from sqlalchemy.exc import DBAPIError

    from claimgraph.store.store import _transient

    store.add_many([synthetic(1), synthetic(2)])
    a, b = synthetic(1).document.id, synthetic(2).document.id
    update = text("UPDATE documents SET outlet = 'x' WHERE id = :id")
    errors: list[DBAPIError] = []
    locked = threading.Barrier(2)

    def cross(first: str, second: str) -> None:
        # Two transactions lock rows in opposite order: PostgreSQL aborts one as the deadlock victim.
        try:
            with store._engine.connect() as conn, conn.begin():
                conn.execute(update, {"id": first})
                locked.wait()
                conn.execute(update, {"id": second})
        except DBAPIError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=cross, args=pair) for pair in ((a, b), (b, a))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 1
    assert _transient(errors[0])


def test_api_and_dashboard_serve_the_store(filled: Store, store_url: str) -> None:
    # `claimgraph serve --db URL` builds this app: it must work the same on every backend.
    from claimgraph.web.app import create_app
    from tests.web_helpers import TestClient

    with Store.open(store_url) as served, TestClient(create_app(served)) as client:
        claims = client.get("/api/claims", params={"source": "cnn"}).json()
        assert [c["id"] for c in claims["items"]] == [f"{nk_extraction().document.id}:c1"]
        page = client.get(f"/documents/{kyiv_extraction().document.id}")
        assert page.status_code == 200 and "Drohnenangriff auf Kiew" in page.text

