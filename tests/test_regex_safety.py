"""No regular expression of claimgraph can backtrack catastrophically, and hostile text runs through
every parser to a correct end.

The static audit (tests/regex_audit.py) rejects repeated groups whose iterations can split a
string in more than one way; it runs over every `re.…("literal")` in the source and over every
pattern compiled at run time (the lexicons build many from YAML data). Then adversarial inputs
(long runs of digits, dots, spaces, quotes, brackets, letters, number words) go through each
parser; the timeout marks are only a guard, the assertions check the results.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph import Document, extract
from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.failures import IngestError
from claimgraph.ingest.fields import parse_published
from claimgraph.ingest.text import parse_text_file, split_header
from claimgraph.nlp.modality import ModalityFinder
from claimgraph.nlp.numbers import number_parser
from claimgraph.nlp.quantities import QuantityFinder
from claimgraph.nlp.quotes import QuoteFinder
from claimgraph.nlp.times import TimeFinder
from tests.regex_audit import audit, runtime_patterns, source_patterns

SRC = Path(__file__).resolve().parents[1] / "src" / "claimgraph"

# Shapes known to backtrack exponentially, and safe shapes that look alike.
UNSAFE = [
    (r"(a+)+b", 0),
    (r"(?:\w+\s?)+$", 0),
    (r"(a*)*b", 0),
    (r"^(?:acht|zehn|achtzehn)+$", 0),
    (r"(?:x|xy|y)*z", 0),
    (r"(?:\d+[.,]?)+%", 0),
    (r"(?:[a-z]+|[A-Z]+)+!", re.IGNORECASE),
]
SAFE = [
    (r"\d+(?:[.,]\d+)*", 0),
    (r"(?:\w+\s+)*\w", 0),
    (r"^(?:acht|zehn|achtzehn)++$", 0),
    (r"\d{1,3}(?:[.\u202f ]\d{3})+", 0),
    (r"(?:[^,.;]|(?<=\d)[,.](?=\d))*", 0),
    (r"(?:ab)+", 0),
]


@pytest.mark.parametrize(("pattern", "flags"), UNSAFE)
def test_the_audit_rejects_backtracking_shapes(pattern: str, flags: int) -> None:
    assert audit(pattern, flags), f"{pattern!r} should be rejected"


@pytest.mark.parametrize(("pattern", "flags"), SAFE)
def test_the_audit_accepts_safe_shapes(pattern: str, flags: int) -> None:
    assert audit(pattern, flags) == []


def test_the_rejected_shapes_really_backtrack() -> None:
    # The audit's premise, shown on the smallest case: 2^n work for a run of n that fails at its end.
    from claimgraph.limits import ExtractionTimeout, time_limit

    with pytest.raises(ExtractionTimeout), time_limit(0.5):
        re.match(r"^(?:acht|zehn|achtzehn)+$", "achtzehn" * 40 + "x")


def test_no_literal_pattern_in_the_source_can_backtrack_catastrophically() -> None:
    patterns = list(source_patterns(SRC))
    assert len(patterns) > 30  # the scan found the project's patterns
    findings = [(where, f.problem, f.pattern) for pattern, flags, where in patterns for f in audit(pattern, flags)]
    assert findings == []


@pytest.mark.timeout(300)
def test_no_pattern_compiled_at_run_time_can_backtrack_catastrophically() -> None:
    patterns = runtime_patterns()
    texts = [p.pattern for p in patterns if isinstance(p.pattern, str)]
    # The lexicon-built patterns are among them (number words, modifiers, quote verbs, …).
    assert any("achtzehn" in t for t in texts) and any("eighteen" in t for t in texts)
    findings = [(f.problem, f.pattern[:200]) for p in patterns for f in audit(p.pattern, p.flags)]
    assert findings == []


# --- adversarial inputs ------------------------------------------------------------------------
N = 100_000
HOSTILE = {
    "digits": "1" * N,
    "dots": "." * N,
    "spaces": " " * N,
    "quotes": '"' * N,
    "typographic quotes": "„" * (N // 2) + "“" * (N // 2),
    "open brackets": "(" * N,
    "letters": "a" * N,
    "dotted digits": "1." * (N // 2),
    "grouped digits": "1.000 " * (N // 6),
    "number words": "achtzehn" * (N // 8) + "x",
    "english number words": "eighteen-" * (N // 9) + "x",
    "commas and digits": "1,2," * (N // 4),
    "capitals and dots": "A." * (N // 2),
    "mixed punctuation": "-–—/:;,.!?" * (N // 10),
    "newlines": "\n" * N,
    "unbalanced quote": "„" + "Wort " * (N // 5),
}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_through_every_parser(name: str) -> None:
    text = HOSTILE[name]
    for lang in ("de", "en"):
        value = number_parser(lang).parse(text[:1000])
        assert value is None or isinstance(value, float)
        for found in QuantityFinder(lang).find(text):
            assert 0 <= found.start < found.end <= len(text)
        for time in TimeFinder(lang).find(text, "2025-07-16"):
            assert 0 <= time.start <= time.end <= len(text)
        for cue in ModalityFinder(lang).find(text):
            assert 0 <= cue.start <= cue.end <= len(text)
        for quote in QuoteFinder(lang).find(text, []):
            assert 0 <= quote.start < quote.end <= len(text)
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned  # cleaning is idempotent, even here
    header, body = split_header(text)
    assert header == {} or set(header) <= {"date", "title", "url", "outlet", "lang"}
    try:
        published = parse_published(text[:200])
    except IngestError as exc:
        assert exc.reason == "invalid_field"
    else:
        assert published is None or isinstance(published, str)
    assert isinstance(body, str)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", ["dots", "quotes", "number words", "dotted digits", "unbalanced quote"])
def test_hostile_text_through_extract(name: str) -> None:
    text = HOSTILE[name][:20_000]
    extraction = extract(Document(text, lang="de", published="2025-07"))
    body = extraction.document.text
    for claim in extraction.claims:
        assert body[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    for quote in extraction.quotes:
        assert body[quote.start : quote.end] == quote.text


@pytest.mark.timeout(120)
def test_a_hostile_line_in_a_text_file_is_read_or_refused_cleanly() -> None:
    raw = "title: " + "(" * 50_000 + "\ndate: 2025-07\n\n" + "Laut CNN wurden 300 Soldaten getötet."
    document = parse_text_file(raw, "hostile.txt")
    assert document.published == "2025-07"
    assert document.text.endswith("300 Soldaten getötet.")
