"""The OpenAPI spec at /openapi.json is complete and correct: every route is in it, and schemathesis
checks each operation's answers (status codes, content types, bodies) against it."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from claimgraph.store import Store
from claimgraph.web import analysis, api, create_app, cursor
from tests.web_helpers import TestClient, example_db

EXPECTED_OPERATIONS = {
    ("GET", "/api/documents"),
    ("POST", "/api/documents"),
    ("GET", "/api/documents/{document_id}"),
    ("GET", "/api/claims"),
    ("GET", "/api/quotes"),
    ("GET", "/api/entities"),
    ("GET", "/api/storylines"),
    ("GET", "/api/storylines/{storyline_id}/timeline"),
    ("GET", "/api/disagreements"),
}


@pytest.fixture(scope="module")
def app():
    store = Store.open(example_db())
    yield create_app(store, token=None)
    store.close()


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_spec_lists_exactly_the_api_routes(app):
    spec = TestClient(app).get("/openapi.json").json()
    listed = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert listed == EXPECTED_OPERATIONS
    served = {(m, r.path) for r in api.router.routes for m in r.methods}
    assert served == EXPECTED_OPERATIONS


def test_every_operation_documents_its_answers_and_errors(app):
    spec = TestClient(app).get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary") and op.get("description"), (method, path)
            codes = set(op["responses"])
            assert {"400", "404", "422", "500"} <= codes, (method, path, codes)
            ok = op["responses"]["201" if method == "post" else "200"]
            assert "$ref" in ok["content"]["application/json"]["schema"], (method, path)
    post = spec["paths"]["/api/documents"]["post"]
    assert {"401", "403", "413", "415"} <= set(post["responses"])
    assert set(post["requestBody"]["content"]) == {"application/json", "text/plain"}
    assert post["security"] == [{"HTTPBearer": []}]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


@pytest.mark.parametrize("label", sorted(f"{m} {p}" for m, p in EXPECTED_OPERATIONS))
def test_api_conforms_to_its_spec(api_schema, label):
    """Generated requests (valid and invalid) get answers the spec allows, never a 500."""
    method, path = label.split(" ", 1)
    if ("storyline" in path or "disagreement" in path) and not analysis.available():
        pytest.skip("claimgraph.analyze is not installed yet: storyline routes answer 503")
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    def check(case):
        # A cursor is opaque: only values the server handed out are valid, so generated ones are
        # replaced by real ones (bad cursors have their own test: 400).
        if case.query and "cursor" in case.query:
            case.query["cursor"] = cursor.encode(len(str(case.query["cursor"])))
        case.call_and_validate()

    check()
