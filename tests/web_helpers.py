"""The web tests' test database: the 12 bundled example articles plus a hostile article.

Built once per test session (extraction costs about a second) into a temporary SQLite file;
tests that write build their own store instead.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path

from starlette.exceptions import StarletteDeprecationWarning

from claimgraph import Document, extract
from claimgraph.model import Extraction
from claimgraph.model.records import Claim, Entity, Mention, Quantity, Source, Span
from claimgraph.store import Store

# Starlette asks for the httpx2 package; plain httpx works, so its deprecation notice is muted here,
# at the one place the test client is imported (the test suite turns warnings into errors).
with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient  # noqa: F401  (re-exported for the web tests)

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE_NAME = f"{SCRIPT} {ATTRIBUTE}"
HOSTILE_TITLE = f"Hostile {SCRIPT} title {ATTRIBUTE}"
HOSTILE_TEXT = (
    f"KYIV – {SCRIPT} Ukrainian military intelligence said on Monday that 500 North Korean soldiers "
    f"were killed in the Kursk region. The report was attributed to {ATTRIBUTE} by several outlets.\n\n"
    "Officials added that more than 3,000 North Korean soldiers had been wounded since November."
)
HOSTILE_URL = "javascript:alert(1)"


def example_documents() -> list[Document]:
    """Return the bundled example articles as Documents."""
    from claimgraph.ingest import IngestFailure, read_inputs

    examples = resources.files("claimgraph").joinpath("examples")
    with resources.as_file(examples) as path:
        return [d for d in read_inputs([str(path)]) if not isinstance(d, IngestFailure)]


def hostile_extraction() -> Extraction:
    """Return the hostile article's extraction with a hostile entity, actor and source added.

    The extractor would never name an entity like that; the store must render it inert anyway.
    """
    document = Document(
        HOSTILE_TEXT, lang="en", published="2024-12-02", title=HOSTILE_TITLE, outlet=HOSTILE_NAME, url=HOSTILE_URL
    )
    extraction = extract(document)
    text = extraction.document.text
    start = text.index(SCRIPT)
    span = Span(start, start + len(SCRIPT), SCRIPT)
    attr = text.index(ATTRIBUTE)
    attr_span = Span(attr, attr + len(ATTRIBUTE), ATTRIBUTE)
    extraction.entities.append(
        Entity(name=HOSTILE_NAME, type="person", known=False, mentions=[Mention(span), Mention(attr_span)])
    )
    sentence_end = text.index("\n\n")
    extraction.claims.append(
        Claim(
            kind="casualties",
            evidence=Span(0, sentence_end, text[:sentence_end]),
            sentence=Span(0, sentence_end, text[:sentence_end]),
            actor=HOSTILE_NAME,
            target="Russia",
            quantity=Quantity(777, 777, "person", span=None),
            sources=[Source(HOSTILE_NAME, kind="media", span=attr_span)],
            modality="asserted",
            id=f"{extraction.document.id}:c{len(extraction.claims) + 1}",
        )
    )
    return extraction


def build_store(url: str) -> Store:
    """Return a store at `url` filled with the examples and the hostile article, analysed when possible."""
    store = Store.open(url)
    store.add_many([extract(d) for d in example_documents()])
    store.add(hostile_extraction())
    from claimgraph.web import analysis

    if analysis.available():
        analysis.module().update(store)
    return store


@lru_cache(maxsize=1)
def example_db() -> str:
    """Return the URL of the session's example database (built on first use, removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="claimgraph-web-"))
    atexit.register(shutil.rmtree, folder, True)
    url = f"sqlite:///{folder / 'web.db'}"
    build_store(url).close()
    return url
