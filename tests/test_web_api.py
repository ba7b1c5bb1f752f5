"""The REST API over the example database: every route, filters, pagination, auth, size limits."""

from __future__ import annotations

import json

import pytest

from claimgraph.store import Store
from claimgraph.web import create_app
from tests.web_helpers import HOSTILE_TITLE, TestClient, example_db

ARTICLE = (
    "BERLIN – Nach Angaben des ukrainischen Militärgeheimdienstes HUR sind rund 4.000 "
    "nordkoreanische Soldaten in der Region Kursk verwundet worden. Das teilte die Behörde am "
    "Dienstag mit."
)


@pytest.fixture(scope="module")
def client() -> TestClient:
    store = Store.open(example_db())
    with TestClient(create_app(store, token=None)) as c:
        yield c
    store.close()


@pytest.fixture()
def writer(tmp_path) -> TestClient:
    app = create_app(f"sqlite:///{tmp_path / 'w.db'}", token="s3cret", max_body=4096)
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def all_pages(client: TestClient, path: str, **params) -> list[dict]:
    items, cursor, seen = [], None, 0
    while True:
        answer = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        items.extend(body["items"])
        cursor = body["next"]
        seen += 1
        assert seen < 100
        if cursor is None:
            return items


def test_documents_list_and_pagination(client):
    first = client.get("/api/documents", params={"limit": 5}).json()
    assert len(first["items"]) == 5 and first["next"]
    everything = all_pages(client, "/api/documents", limit=5)
    assert len(everything) == 13
    assert len({d["id"] for d in everything}) == 13
    assert "text" not in everything[0]
    dates = [d["published"] for d in everything if d["published"]]
    assert dates == sorted(dates, reverse=True)


def test_documents_filters(client):
    german = client.get("/api/documents", params={"lang": "de", "limit": 100}).json()["items"]
    assert german and all(d["lang"] == "de" for d in german)
    recent = client.get("/api/documents", params={"since": "2025", "limit": 100}).json()["items"]
    assert recent and all(d["published"] >= "2025" for d in recent)


def test_document_detail_has_text_and_spans(client):
    doc_id = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    body = client.get(f"/api/documents/{doc_id}").json()
    text = body["document"]["text"]
    assert body["document"]["id"] == doc_id
    assert body["claims"] and body["entities"]
    for entity in body["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for claim in body["claims"]:
        assert text[claim["evidence"]["start"] : claim["evidence"]["end"]] == claim["evidence"]["text"]


def test_unknown_document_is_404_json(client):
    answer = client.get("/api/documents/nope")
    assert answer.status_code == 404
    assert answer.json() == {"ok": False, "status": 404, "error": "no document with id 'nope'"}


def test_claims_pagination_covers_every_claim_once(client):
    paged = all_pages(client, "/api/claims", limit=7)
    whole = client.get("/api/claims", params={"limit": 500}).json()
    assert whole["next"] is None
    assert [c["id"] for c in paged] == [c["id"] for c in whole["items"]]
    assert len(paged) > 20


@pytest.mark.parametrize(
    ("param", "value", "check"),
    [
        ("kind", "deploy", lambda c: c["kind"] == "deploy"),
        ("actor", "north korea", lambda c: "north korea" in (c["actor"] or "").lower()),
        ("target", "Russia", lambda c: "russia" in (c["target"] or "").lower()),
        ("source", "CNN", lambda c: any("cnn" in s["name"].lower() for s in c["sources"])),
        ("unit", "person", lambda c: c["quantity"] and c["quantity"]["unit"] == "person"),
        ("modality", "hedged", lambda c: c["modality"] == "hedged"),
        ("lang", "en", lambda c: True),
        ("q", "Soldaten", lambda c: "soldaten" in c["evidence"]["text"].lower()),
    ],
)
def test_claim_filters(client, param, value, check):
    items = client.get("/api/claims", params={param: value, "limit": 500}).json()["items"]
    assert items, f"no claim for {param}={value}"
    assert all(check(c) for c in items)
    assert len(items) < len(client.get("/api/claims", params={"limit": 500}).json()["items"])


def test_claim_time_range(client):
    items = client.get("/api/claims", params={"since": "2025-01", "until": "2025-12", "limit": 500}).json()["items"]
    assert items
    for claim in items:
        time = claim["time"] or {}
        ref = time.get("value") or time.get("after") or time.get("before") or claim["published"]
        n = min(len(ref), 7)  # a claim dated "2025" falls in the range at year precision
        assert "2025-01"[:n] <= ref[:n] <= "2025-12"[:n]


def test_claim_sorting(client):
    by_figure = client.get("/api/claims", params={"sort": "-figure", "unit": "person", "limit": 500}).json()["items"]
    tops = [max(v for v in (c["quantity"]["min"], c["quantity"]["max"]) if v is not None) for c in by_figure if c["quantity"]]
    assert tops == sorted(tops, reverse=True)
    asc = client.get("/api/claims", params={"sort": "published", "limit": 500}).json()["items"]
    dates = [c["published"] for c in asc if c["published"]]
    assert dates == sorted(dates)


def test_quotes_and_filters(client):
    quotes = all_pages(client, "/api/quotes", limit=3)
    assert quotes
    speaker = next(q["speaker"] for q in quotes if q["speaker"])
    mine = client.get("/api/quotes", params={"speaker": speaker}).json()["items"]
    assert mine and all(q["speaker"] == speaker for q in mine)
    word = quotes[0]["text"].split()[0]
    assert all(word.lower() in q["text"].lower() for q in client.get("/api/quotes", params={"q": word}).json()["items"])


def test_entities_with_aliases(client):
    items = client.get("/api/entities", params={"type": "person", "limit": 500}).json()["items"]
    assert items and all(e["type"] == "person" for e in items)
    zelensky = client.get("/api/entities", params={"name": "Zelensk"}).json()["items"]
    assert zelensky[0]["name"] == "Volodymyr Zelenskyy"
    aliases = {a["text"] for a in zelensky[0]["aliases"]}
    assert {"Selenskyj", "Selensky"} <= aliases
    paged = all_pages(client, "/api/entities", limit=10)
    assert len(paged) == len({(e["name"], e["type"]) for e in paged})


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/claims", {"kind": "invented"}),
        ("/api/claims", {"modality": "maybe"}),
        ("/api/claims", {"since": "yesterday"}),
        ("/api/claims", {"until": "2024-13-99x"}),
        ("/api/claims", {"sort": "price"}),
        ("/api/claims", {"limit": 0}),
        ("/api/claims", {"limit": 501}),
        ("/api/claims", {"limit": "ten"}),
        ("/api/documents", {"since": "2024/10"}),
        ("/api/entities", {"type": "animal"}),
        ("/api/disagreements", {"tolerance": -1}),
        ("/api/claims", {"actor": "x" * 201}),
    ],
)
def test_bad_parameters_are_422_json(client, path, params):
    answer = client.get(path, params=params)
    assert answer.status_code == 422
    body = answer.json()
    assert body["ok"] is False and body["status"] == 422 and body["error"].startswith("invalid request")


@pytest.mark.parametrize(
    ("cursor", "status"), [("garbage", 400), ("eyJvIjogLTF9", 400), ("eyJ4IjoxfQ", 400), ("!!!!", 422)]
)
def test_bad_cursor_is_4xx(client, cursor, status):
    answer = client.get("/api/claims", params={"cursor": cursor})
    assert answer.status_code == status
    assert "cursor" in answer.json()["error"]


def test_post_needs_token(client, writer):
    off = client.post("/api/documents", json={"text": ARTICLE})
    assert off.status_code == 403 and "writing is off" in off.json()["error"]
    missing = writer.post("/api/documents", json={"text": ARTICLE})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = writer.post("/api/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"] == "the bearer token is wrong"
    basic = writer.post("/api/documents", json={"text": ARTICLE}, headers={"Authorization": "Basic czNjcmV0"})
    assert basic.status_code == 401
    assert writer.get("/api/documents").json()["items"] == []


def test_post_json_ingests_through_extract(writer):
    auth = {"Authorization": "Bearer s3cret"}
    answer = writer.post(
        "/api/documents",
        json={"text": ARTICLE, "title": "Verwundete", "published": "2025-02-04", "lang": "de"},
        headers=auth,
    )
    assert answer.status_code == 201, answer.text
    created = answer.json()
    assert created["created"] is True and created["claims"] >= 1
    claims = writer.get("/api/claims", params={"document_id": created["id"]}).json()["items"]
    assert any(c["quantity"] and c["quantity"]["min"] == 4000 for c in claims)
    again = writer.post("/api/documents", json={"text": ARTICLE, "title": "Verwundete", "published": "2025-02-04", "lang": "de"}, headers=auth)
    assert again.status_code == 200 and again.json()["created"] is False


def test_posted_author_comes_back_with_the_document(writer):
    auth = {"Authorization": "Bearer s3cret"}
    body = {"text": ARTICLE + " Nachtrag.", "author": "Katrin Albers", "lang": "de"}
    created = writer.post("/api/documents", json=body, headers=auth).json()
    document = writer.get(f"/api/documents/{created['id']}").json()["document"]
    assert document["author"] == "Katrin Albers"
    page = writer.get(f"/documents/{created['id']}")
    assert "Katrin Albers" in page.text


def test_post_plain_text(writer):
    answer = writer.post(
        "/api/documents", content=ARTICLE.encode(), headers={"Authorization": "Bearer s3cret", "Content-Type": "text/plain; charset=utf-8"}
    )
    assert answer.status_code == 201
    doc = writer.get(f"/api/documents/{answer.json()['id']}").json()
    assert doc["document"]["text"].startswith("BERLIN")


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{not json", "application/json", 400),
        (json.dumps({"title": "no text"}).encode(), "application/json", 422),
        (json.dumps({"text": "x", "published": "soon"}).encode(), "application/json", 422),
        (json.dumps({"text": "x", "extra": 1}).encode(), "application/json", 422),
        (b"   ", "text/plain", 422),
        (b"\xff\xfe", "text/plain", 400),
        (b"a\x00b", "text/plain", 400),
        (b"<a/>", "application/xml", 415),
    ],
)
def test_post_bad_bodies(writer, body, content_type, status):
    answer = writer.post("/api/documents", content=body, headers={"Authorization": "Bearer s3cret", "Content-Type": content_type})
    assert answer.status_code == status, answer.text
    assert answer.json()["status"] == status
    assert writer.get("/api/documents").json()["items"] == []


def test_post_size_limit(writer):
    auth = {"Authorization": "Bearer s3cret"}
    big = {"text": "Soldaten " * 1000}
    answer = writer.post("/api/documents", json=big, headers=auth)
    assert answer.status_code == 413 and "4096 bytes" in answer.json()["error"]

    def chunks():  # no Content-Length: the limit applies while reading
        for _ in range(10):
            yield b"x" * 1000

    streamed = writer.post("/api/documents", content=chunks(), headers={**auth, "Content-Type": "text/plain"})
    assert streamed.status_code == 413
    assert writer.get("/api/documents").json()["items"] == []


def test_hostile_title_is_returned_verbatim_as_json(client):
    titles = [d["title"] for d in client.get("/api/documents", params={"limit": 100}).json()["items"]]
    assert HOSTILE_TITLE in titles


def test_errors_never_leak_tracebacks(client):
    for path in ("/api/nothing", "/api/documents/%20", "/api/storylines/none/timeline"):
        answer = client.get(path)
        assert 400 <= answer.status_code < 600
        assert "Traceback" not in answer.text
        if answer.headers["content-type"].startswith("application/json"):
            assert set(answer.json()) == {"ok", "status", "error"}


def test_security_headers(client):
    answer = client.get("/")
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_plotly_served_from_package(client):
    answer = client.get("/vendor/plotly.min.js")
    assert answer.status_code == 200 and len(answer.content) > 1_000_000
    assert answer.headers["content-type"].startswith("text/javascript")
