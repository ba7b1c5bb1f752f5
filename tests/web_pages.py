"""Shared helpers of the web-input tests: the fixture pages and what extraction must find in them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph import extract
from claimgraph.model.document import Document

WEB = Path(__file__).resolve().parent / "fixtures" / "web"


@dataclass(frozen=True)
class Page:
    """A fixture news page, its plain article text, and the metadata and absent boilerplate expected."""

    name: str
    title: str
    published: str
    url: str
    lang: str
    outlet: str
    boilerplate: tuple[str, ...]

    @property
    def html(self) -> bytes:
        return (WEB / f"{self.name}.html").read_bytes()

    @property
    def plain_text(self) -> str:
        return (WEB / f"{self.name}.txt").read_text(encoding="utf-8").strip()


PAGES = (
    Page(
        "rundschau_de",
        "Streik bei der Bahn: Gewerkschaft droht mit Ausweitung",
        "2025-03-14",
        "https://www.nordrhein-rundschau.example/wirtschaft/streik-bahn-ausweitung-100.html",
        "de",
        "Nordrhein Rundschau",
        (
            "Hauptnavigation",
            "Abo sichern",
            "Startseite",
            "Stromtarif",
            "Mehr zum Thema",
            "Fahrgastrechte",
            "Kombi probefahren",
            "Teilen auf",
            "Zugfahrer1970",
            "Fahrrad",
            "Zumutung",
            "Meistgelesen",
            "Impressum",
            "Tarifkonflikt",
        ),
    ),
    Page(
        "harbour_gazette_en",
        "Port strike: dockworkers reject pay offer",
        "2024-11-05",
        "https://www.harbourgazette.example/business/2024/nov/05/port-strike-pay-offer",
        "en",
        "The Harbour Gazette",
        (
            "cookies",
            "Subscribe",
            "cruise",
            "Shipping rates climb",
            "FibreFast",
            "Most viewed",
            "lighthouse",
            "plead poverty",
            "Rotterdam",
            "Privacy policy",
            "Photograph",
        ),
    ),
)


def claims_of(document: Document) -> list[dict[str, Any]]:
    """Return the claims and quotes extracted from `document`, without the document itself."""
    result = extract(document).to_dict()
    return result["claims"] + result["quotes"]


def plain_claims(page: Page) -> list[dict[str, Any]]:
    """Return what extraction finds in the page's plain article text with the page's date and language."""
    return claims_of(Document(page.plain_text, lang=page.lang, published=page.published))


def assert_article(document: Document, page: Page) -> None:
    """Check that `document` is exactly the page's article: text, metadata, no boilerplate, same claims."""
    assert document.text == page.plain_text
    for snippet in page.boilerplate:
        assert snippet not in document.text
    assert (document.title, document.published, document.lang) == (page.title, page.published, page.lang)
    expected = plain_claims(page)
    assert expected, "the article must have claims, or comparing them proves nothing"
    assert claims_of(document) == expected
