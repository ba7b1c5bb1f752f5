"""Shared setup of the analysis tests: the storyline articles (tests/fixtures/storyline), stored."""

from __future__ import annotations

from pathlib import Path

from claimgraph import Document, Extraction, extract
from claimgraph.ingest import read_inputs
from claimgraph.store import Store

STORYLINE_DIR = Path(__file__).parent / "fixtures" / "storyline"
DEPLOY = "deploy--north-korea--russia--person"
CASUALTIES = "casualties--north-korea--any--person"
KILLED = "killed--north-korea--any--person"
NIS = "National Intelligence Service (South Korea)"


def storyline_documents() -> dict[str, Document]:
    """Return the storyline articles by file name stem (e.g. "01_nis_1500_soldaten")."""
    docs = {}
    for path in sorted(STORYLINE_DIR.glob("*.txt")):
        (doc,) = list(read_inputs([str(path)]))
        assert isinstance(doc, Document)
        docs[path.stem] = doc
    return docs


_EXTRACTIONS: dict[str, Extraction] = {}


def extractions(names: list[str] | None = None) -> list[Extraction]:
    """Return the extractions of the named storyline articles (all when None), in that order."""
    docs = storyline_documents()
    for name, doc in docs.items():
        if name not in _EXTRACTIONS:
            _EXTRACTIONS[name] = extract(doc)
    return [_EXTRACTIONS[n] for n in (names or list(docs))]


def doc_id(name: str) -> str:
    """Return the stored document id of a storyline article."""
    (e,) = extractions([name])
    return e.document.id


def open_store(url: str, names: list[str] | None = None) -> Store:
    """Return a store at `url` holding the named storyline articles (all when None), not yet analysed."""
    store = Store.open(url)
    store.add_many(extractions(names))
    return store
