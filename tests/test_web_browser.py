"""The dashboard in a real browser: Playwright driving Debian's Chromium against a live server.

Screenshots go to test-artifacts/; with CLAIMGRAPH_UPDATE_SCREENSHOTS=1 the claims page and a
storyline chart are also written to docs/ for the README.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from claimgraph.store import Store
from claimgraph.web import analysis, create_app
from tests.web_helpers import HOSTILE_NAME, HOSTILE_TITLE, SCRIPT, example_db

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
DOCS = ROOT / "docs"
REQUIRED = os.environ.get("CLAIMGRAPH_REQUIRE_SERVICES") == "1"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    if REQUIRED:
        pytest.fail("CLAIMGRAPH_REQUIRE_SERVICES=1 but /usr/bin/chromium is missing", pytrace=False)
    pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright_sync = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A live uvicorn server on the example database, stopped at the end of the module."""
    import uvicorn

    store = Store.open(example_db())
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page that records dialogs, console errors and any request leaving the test server."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.dialogs, page.errors, page.outside = [], [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    host = urlparse(server).netloc

    def only_local(route):
        if urlparse(route.request.url).netloc == host:
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    yield page
    assert page.outside == [], f"the page tried to load from elsewhere: {page.outside}"
    assert page.dialogs == [], f"a dialog fired: {page.dialogs}"
    context.close()


def _shot(page, name: str, docs_name: str | None = None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    if docs_name and os.environ.get("CLAIMGRAPH_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / docs_name))


def test_filter_claims_and_open_article(page, server):
    page.goto(server + "/")
    rows = page.locator("#claims-table tbody tr.claim-row")
    total = rows.count()
    assert total > 20
    page.select_option("select[name=kind]", "deploy")
    page.fill("input[name=actor]", "North Korea")
    page.click("#apply-filters")
    page.wait_for_url("**/?kind=deploy*")
    kinds = page.locator("#claims-table tbody tr.claim-row .kind").all_inner_texts()
    assert kinds and len(kinds) < total
    assert set(kinds) == {"deploy"}
    assert all("North Korea" in t for t in page.locator("#claims-table tbody tr.claim-row td:nth-child(2)").all_inner_texts())
    _shot(page, "claims-filtered.png", "dashboard.png")

    figure_row = page.locator("#claims-table tbody tr.claim-row", has=page.locator("td.figure:not(:empty)")).first
    figure_row.locator("a.article-link").click()
    page.wait_for_url("**/documents/*")
    anchor = urlparse(page.url).fragment
    assert anchor.startswith("claim-c") and page.locator(f"#{anchor} .figure").inner_text()
    for kind in ("entity", "quantity", "source"):
        assert page.locator(f"#article-text .hl-{kind}").count() > 0, kind
    assert page.locator("#legend .hl-quote").is_visible()
    # The linked claim has focus, so its evidence is lit from the start.
    lit = page.locator("#article-text .ev-active")
    assert lit.count() > 0
    assert all(anchor.removeprefix("claim-") in (el.get_attribute("data-ev") or "").split() for el in lit.all())
    page.evaluate("document.activeElement.blur()")
    page.mouse.move(1, 1)  # away from every claim
    card = page.locator(".claim-card").first
    key = card.get_attribute("data-claim")
    assert page.locator("#article-text .ev-active").count() == 0
    card.hover()
    lit = page.locator("#article-text .ev-active")
    assert lit.count() > 0
    assert all(key in (el.get_attribute("data-ev") or "").split() for el in lit.all())
    _shot(page, "article.png")
    assert page.errors == []


def test_storyline_chart(page, server):
    if not analysis.available():
        pytest.skip("claimgraph.analyze is not installed yet: no storylines to chart")
    page.goto(server + "/storylines")
    page.locator("a.storyline-link").first.click()
    page.wait_for_selector("#timeline-chart[data-rendered=true]", timeout=20_000)
    traces = page.locator("#timeline-chart .scatterlayer .trace")
    assert traces.count() >= 2
    legend = page.locator("#timeline-chart .legend .legendtext").all_text_contents()
    table_sources = {s.split(" ← ")[-1] for s in page.locator("#timeline-table td.chain").all_inner_texts() if s}
    assert set(table_sources) <= set(legend) | {"(unattributed)"}
    assert page.locator("#timeline-table tbody tr").count() >= 2
    _shot(page, "storyline.png", "storyline.png")
    assert page.errors == []


def test_hostile_article_is_inert_in_the_browser(page, server):
    page.goto(server + "/documents")
    page.get_by_text(HOSTILE_TITLE).click()
    page.wait_for_url("**/documents/*")
    assert page.locator("#doc-title").inner_text() == HOSTILE_TITLE
    assert SCRIPT in page.locator("#article-text").inner_text()
    assert page.locator("img").count() == 0
    page.locator(".claim-card").last.hover()
    for path in ("/", "/entities", "/entities?entity=" + quote(HOSTILE_NAME), "/?source=" + quote(HOSTILE_NAME), "/sources"):
        page.goto(server + path)
        assert page.locator("img").count() == 0
    page.goto(server + "/?source=" + quote(HOSTILE_NAME))
    assert HOSTILE_NAME in page.locator("#claims-table").inner_text()
    _shot(page, "hostile.png")
    page.wait_for_timeout(300)  # give any injected handler time to fire (it must not)
    assert page.errors == []
