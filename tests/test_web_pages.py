"""The dashboard's pages and the pure helpers behind them (highlighting, source comparison)."""

from __future__ import annotations

import re

import pytest

from claimgraph.store import Store
from claimgraph.web import analysis, create_app
from claimgraph.web.comparison import agrees, compare_sources, points_from_claims
from claimgraph.web.highlight import Mark, marks, render
from tests.web_helpers import TestClient, example_db


@pytest.fixture(scope="module")
def client() -> TestClient:
    store = Store.open(example_db())
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


def test_render_wraps_spans_and_escapes_everything():
    text = 'a <b>"x"</b> & 5 c'
    html = render(text, [Mark(3, 6, "entity", 'E<"1">'), Mark(15, 16, "quantity", "q")], [(0, 17, "c1")])
    assert "<b>" not in html
    assert html.count("<span") == 5  # before, entity, between, quantity, after (all inside the evidence)
    assert 'title="E&lt;&#34;1&#34;&gt;"' in html
    assert re.sub(r"<[^>]+>", "", str(html)) == 'a &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; 5 c'
    assert 'class="hl hl-quantity" data-ev="c1"' in html


def test_render_ignores_spans_outside_the_text():
    html = render("abc", [Mark(2, 10, "entity", "x"), Mark(-1, 2, "time", "t")], [(5, 9, "c1")])
    assert str(html) == "abc"


def test_marks_cover_every_kind_of_span():
    store = Store.open(example_db())
    kinds = set()
    for row in store.documents(limit=100):
        extraction = store.get_extraction(row["id"])
        found = marks(extraction)
        kinds |= {m.kind for m in found}
        text = extraction.document.text
        for mark in found:
            assert 0 <= mark.start < mark.end <= len(text)
    store.close()
    assert kinds == {"entity", "quantity", "time", "source", "speaker", "quote"}


def test_agreement_rules():
    a = {"min": 10_000, "max": 12_000, "unit": "soldier"}
    assert agrees(a, {"min": 11_000, "max": 11_000, "unit": "soldier"}) is True
    assert agrees(a, {"min": 12_100, "max": 12_100, "unit": "soldier"}) is True  # midpoints 9 % apart
    assert agrees(a, {"min": 20_000, "max": 20_000, "unit": "soldier"}) is False
    assert agrees(a, {"min": 11_000, "max": 11_000, "unit": "drone"}) is None


def test_compare_sources_counts_first_confirmed_contradicted():
    points = [
        {"source": "A", "reference_time": "2024-10", "min": 10_000, "max": 10_000, "unit": "soldier", "first_carrier": True},
        {"source": "B", "reference_time": "2024-11", "min": 10_500, "max": 10_500, "unit": "soldier", "first_carrier": True},
        {"source": "C", "reference_time": "2024-12", "min": 30_000, "max": 30_000, "unit": "soldier", "first_carrier": True},
        {"source": "C", "reference_time": "2025-01", "min": 31_000, "max": 31_000, "unit": "soldier", "first_carrier": False},
    ]
    rows = {r["source"]: r for r in compare_sources(points)}
    assert next(r["source"] for r in compare_sources(points)) == "C"
    assert (rows["A"]["first"], rows["A"]["confirmed"], rows["A"]["contradicted"]) == (1, 1, 1)
    assert (rows["B"]["confirmed"], rows["B"]["contradicted"]) == (0, 1)
    assert (rows["C"]["first"], rows["C"]["confirmed"], rows["C"]["contradicted"]) == (1, 0, 0)


def test_points_from_claims_uses_innermost_source_and_marks_first():
    claims = [
        {"id": "d1:c1", "document_id": "d1", "published": "2024-10-01", "quantity": {"min": 5, "max": 5, "unit": "x"},
         "time": None, "sources": [{"name": "CNN"}, {"name": "HUR"}], "evidence": {"text": "5"}},
        {"id": "d2:c1", "document_id": "d2", "published": "2024-10-05", "quantity": {"min": 5, "max": 5, "unit": "x"},
         "time": {"value": "2024-09"}, "sources": [], "evidence": {"text": "5"}},
        {"id": "d3:c1", "document_id": "d3", "published": "2024-10-06", "quantity": None, "sources": []},
    ]
    points = points_from_claims(claims)
    assert [(p["source"], p["reference_time"], p["first_carrier"]) for p in points] == [
        ("HUR", "2024-10-01", True), (None, "2024-09", False)
    ]


def test_entities_page_lists_aliases_and_claims(client):
    html = client.get("/entities", params={"name": "Zelensk"}).text
    assert "Volodymyr Zelenskyy" in html and "Selenskyj" in html and "×" in html
    html = client.get("/entities", params={"entity": "Volodymyr Zelenskyy"}).text
    assert "Claims naming Volodymyr Zelenskyy" in html
    assert html.count("/documents/") >= 2


def test_sources_page_for_a_search(client):
    html = client.get("/sources", params={"kind": "deploy", "actor": "North Korea"}).text
    assert "Main Directorate of Intelligence (Ukraine)" in html
    assert "Later contradicted" in html


def test_storyline_page_embeds_chart_data_safely(client):
    if not analysis.available():
        pytest.skip("claimgraph.analyze is not installed yet")
    first = client.get("/api/storylines").json()["items"][0]
    html = client.get(f"/storylines/{first['id']}").text
    assert '<script type="application/json" id="timeline-data">' in html
    assert '<script src="/vendor/plotly.min.js"></script>' in html
    sources = client.get(f"/sources?storyline={first['id']}")
    assert sources.status_code == 200 and first["label"].split(",")[0].split(" ")[0] in sources.text


def test_dashboard_pages_reject_bad_filters_with_an_html_page(client):
    answer = client.get("/", params={"kind": "nonsense"})
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/html")
    assert "kind must be one of" in answer.text
    assert client.get("/", params={"since": "last week"}).status_code == 400
    assert client.get("/entities", params={"type": "animal"}).status_code == 400


def test_claims_page_paginates(client):
    first = client.get("/").text
    nxt = re.search(r'class="next" href="([^"]+)"', first)
    assert nxt
    second = client.get(nxt.group(1).replace("&amp;", "&"))
    assert second.status_code == 200 and "claim-row" in second.text
