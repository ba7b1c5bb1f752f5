"""`parse_html`: a saved or fetched news page, reduced to its article with trafilatura.

Navigation, teaser boxes, ads and comment sections are dropped; title, publication date,
canonical URL and site name come from the page's metadata (JSON-LD, Open Graph, `<meta>`),
its language from `<html lang>`. Nothing here touches the network.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import lxml.html
import yaml
from lxml import etree
from trafilatura import bare_extraction
from trafilatura.settings import Document as ExtractedPage
from trafilatura.utils import load_html

from claimgraph.errors import LexiconError
from claimgraph.ingest.clean import clean_text, is_marker_line
from claimgraph.ingest.decode import declared_markup_charset, decode_bytes
from claimgraph.ingest.failures import IngestError
from claimgraph.ingest.fields import optional_lang, parse_published
from claimgraph.ingest.langid import detect_language
from claimgraph.model.document import Document

# Date search only in the page's metadata and markup: the "extensive" search also guesses
# from dates mentioned in the text, which would date a report by the events it describes.
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}
# Elements whose end is a paragraph break in an HTML fragment (feed entries).
_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section"}
    | {"article", "header", "footer", "table", "tr", "figure", "figcaption"}
)
_DROPPED = ("script", "style", "noscript", "template", "iframe")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


BOILERPLATE_FILE = "boilerplate.yml"
# How far into a page its `<html>` tag may be.
SNIFF_CHARS = 4096
# Never removed, whatever their class says: removing them would remove the page.
_KEEP = frozenset({"html", "body"})


@dataclass(frozen=True)
class Boilerplate:
    """Tags, and class and id names, of blocks that are never article text (navigation, ads, teasers)."""

    tags: frozenset[str]
    tokens: frozenset[str]
    prefixes: tuple[str, ...]

    def matches(self, element: lxml.html.HtmlElement) -> bool:
        """Return True when the element's tag, class or id marks it as boilerplate."""
        if element.tag in self.tags:
            return True
        names = f"{element.get('class', '')} {element.get('id', '')}"
        for name in names.lower().split():
            if name in self.tokens or name.startswith(self.prefixes):
                return True
        return False


@functools.cache
def boilerplate() -> Boilerplate:
    """Return the boilerplate class/id names of `ingest/boilerplate.yml` (cached); raise LexiconError if malformed."""
    try:
        text = resources.files("claimgraph.ingest").joinpath(BOILERPLATE_FILE).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"ingest/{BOILERPLATE_FILE}: {exc}") from exc
    lists: list[list[str]] = []
    for key in ("tags", "tokens", "prefixes"):
        names = data.get(key) if isinstance(data, dict) else None
        if not isinstance(names, list) or not all(isinstance(name, str) and name for name in names):
            raise LexiconError(f"ingest/{BOILERPLATE_FILE}: expected `{key}:` with a list of names")
        lists.append([name.lower() for name in names])
    tags, tokens, prefixes = lists
    return Boilerplate(frozenset(tags), frozenset(tokens), tuple(prefixes))


def drop_boilerplate(tree: lxml.html.HtmlElement) -> int:
    """Remove the blocks of `tree` whose class or id marks them as boilerplate; return how many."""
    rules = boilerplate()
    doomed = [
        element
        for element in tree.iter()
        if isinstance(element.tag, str)
        and element.tag not in _KEEP
        and rules.matches(element)
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return len(doomed)


def decode_page(data: bytes | str, origin: str, declared_charset: str | None = None) -> str:
    """Return a page as text: the transport's charset, else the page's `<meta>` one, checked against the bytes."""
    if isinstance(data, str):
        return data
    return decode_bytes(data, origin, declared=declared_charset or declared_markup_charset(data))


def _page_lang(tree: lxml.html.HtmlElement) -> str | None:
    """Return the language the page declares (`<html lang>`, else Content-Language), or None."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += tree.xpath("//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language']/@content")
    for value in candidates:
        try:
            lang = optional_lang(value.split(",")[0]) if value else None
        except IngestError:
            continue  # a malformed declaration is no declaration; detection decides
        if lang:
            return lang
    return None


def _paragraphs(extracted: str) -> str:
    """Return trafilatura's text (one block per line) as paragraphs separated by blank lines."""
    return "\n\n".join(line.strip() for line in extracted.splitlines() if line.strip())


def _published(value: str | None, fallback: str | None) -> str | None:
    """Return the page's date as YYYY-MM-DD, else `fallback` (a WARC or HTTP date)."""
    try:
        return parse_published(value) or fallback
    except IngestError:
        return fallback


def _absolute_http(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def parse_html(
    data: bytes | str,
    origin: str,
    *,
    url: str | None = None,
    published: str | None = None,
    declared_charset: str | None = None,
) -> Document:
    """Return the article in an HTML page; raise IngestError when the page has no article text.

    `url` is where the page came from (it wins over the page's canonical link, which is used
    otherwise); `published` is a fallback date for pages that state none.
    """
    text = decode_page(data, origin, declared_charset)
    try:
        tree = load_html(text)
        if tree is None and "<html" not in text[:SNIFF_CHARS].lower():
            # A fragment (a saved article body): give it the document it lacks.
            tree = load_html(f"<html><body>{text}</body></html>")
        if tree is None:
            raise IngestError("no_article", "not parseable as HTML")
        lang = _page_lang(tree)
        drop_boilerplate(tree)
        result = bare_extraction(
            tree,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params=dict(DATE_PARAMS),
        )
    except IngestError:
        raise
    except Exception as exc:  # lxml and trafilatura's heuristics fail in many ways on odd pages
        raise IngestError("no_article", f"HTML could not be parsed: {type(exc).__name__}: {exc}") from exc
    if not isinstance(result, ExtractedPage) or not result.text:
        raise IngestError("no_article", "no main text found in the page")
    body = clean_text(_paragraphs(result.text))
    if not body:
        raise IngestError("no_article", "no main text left after cleaning")
    title = clean_text(result.title) if result.title else None
    return Document(
        body,
        lang=lang or detect_language(body),
        published=_published(result.date, published),
        url=url or _absolute_http(result.url),
        title=title or None,
        outlet=result.sitename or None,
        author=clean_text(result.author or "") or None,
        origin=origin,
    )


def html_fragment_text(fragment: str) -> str:
    """Return the text of an HTML fragment (a feed entry's content) as paragraphs separated by blank lines."""
    if "<" not in fragment:
        return clean_text(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.LxmlError, ValueError) as exc:
        raise IngestError("invalid_field", f"entry content is not HTML: {exc}") from exc
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    # "Read more" / "Weiterlesen" links close many summaries; they are not the article's words.
    for link in [a for a in root.iter("a") if is_marker_line(a.text_content())]:
        link.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
        elif element.tag == "br":
            element.tail = "\n" + (element.tail or "")
    paragraphs = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(root.text_content()))
    return clean_text("\n\n".join(p for p in paragraphs if p))
