"""Article text as HTML with every span found highlighted, built only from escaped text slices."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from markupsafe import Markup, escape

from claimgraph.model import Extraction

# Span kinds in the legend, in the order their colour wins when spans overlap.
KINDS = ("quantity", "time", "source", "speaker", "entity", "quote")
LEGEND = {
    "entity": "Entity",
    "quantity": "Quantity",
    "time": "Time",
    "source": "Source",
    "speaker": "Speaker",
    "quote": "Quote",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to highlight: its kind and a tooltip."""

    start: int
    end: int
    kind: str
    label: str


def marks(extraction: Extraction) -> list[Mark]:
    """Return every span of an extraction as a Mark (entities, quantities, times, sources, quotes)."""
    out: list[Mark] = []
    for entity in extraction.entities:
        for mention in entity.mentions:
            out.append(Mark(mention.span.start, mention.span.end, "entity", f"{entity.name} ({entity.type})"))
    for claim in extraction.claims:
        if claim.quantity is not None and claim.quantity.span is not None:
            span = claim.quantity.span
            out.append(Mark(span.start, span.end, "quantity", f"quantity: {claim.quantity.unit or 'amount'}"))
        if claim.time is not None and claim.time.span is not None:
            time, span = claim.time, claim.time.span
            label = time.value or " ".join(f"{k} {v}" for k, v in (("after", time.after), ("before", time.before)) if v)
            out.append(Mark(span.start, span.end, "time", f"time: {label}"))
        for source in claim.sources:
            if source.span is not None:
                out.append(Mark(source.span.start, source.span.end, "source", f"source: {source.name}"))
    for quote in extraction.quotes:
        out.append(Mark(quote.start, quote.end, "quote", f"quote by {quote.speaker or 'unknown'}"))
        if quote.speaker_span is not None:
            span = quote.speaker_span
            out.append(Mark(span.start, span.end, "speaker", f"speaker: {quote.speaker}"))
    return out


def render(text: str, found: list[Mark], evidence: list[tuple[int, int, str]]) -> Markup:
    """Return `text` as safe HTML: each stretch covered by marks or claim evidence wrapped in a <span>.

    `evidence` holds (start, end, claim_key) spans; covered stretches carry the keys in `data-ev`
    so the page can light up a claim's evidence. Every slice of `text` is escaped.
    """
    n = len(text)
    clipped = [m for m in found if 0 <= m.start < m.end <= n]
    ev = [(a, b, key) for a, b, key in evidence if 0 <= a < b <= n]
    cuts = sorted({0, n, *(m.start for m in clipped), *(m.end for m in clipped),
                   *(a for a, _, _ in ev), *(b for _, b, _ in ev)})
    parts: list[Markup] = []
    for a, b in itertools.pairwise(cuts):
        piece = text[a:b]
        active = [m for m in clipped if m.start <= a and b <= m.end]
        keys = [key for s, e, key in ev if s <= a and b <= e]
        if not active and not keys:
            parts.append(escape(piece))
            continue
        kinds = [k for k in KINDS if any(m.kind == k for m in active)]
        classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
        title = "; ".join(dict.fromkeys(m.label for m in active))
        parts.append(
            Markup('<span class="{}" data-ev="{}" title="{}">{}</span>').format(
                classes, " ".join(keys), title, piece
            )
        )
    return Markup("").join(parts)
