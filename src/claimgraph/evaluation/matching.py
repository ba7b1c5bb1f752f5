"""Match predictions to gold: claims, sources (one-to-one) and quotes (text overlap)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

from claimgraph.evaluation.gold import GoldClaim, GoldQuantity, GoldSource
from claimgraph.evaluation.names import fold, name_matches
from claimgraph.model.records import Claim, Quantity, Source

QUOTE_OVERLAP = 0.8
_QUOTE_MARKS = "\"'„“”‚‘’«»‹›"
G = TypeVar("G")
P = TypeVar("P")


def sentence_text(claim: Claim, text: str) -> str:
    """Return the text of the claim's sentence, read from the (cleaned) document `text`."""
    return text[claim.sentence.start : claim.sentence.end]


def claim_matches(gold: GoldClaim, claim: Claim, text: str) -> bool:
    """Return True when `claim` can match `gold`: its sentence contains the evidence, its kind
    is accepted and, where gold has a quantity, min/max are equal and the unit accepted."""
    if claim.kind not in gold.kinds or gold.evidence not in sentence_text(claim, text):
        return False
    return gold.quantity is None or quantity_matches(gold.quantity, claim.quantity)


def quantity_matches(gold: GoldQuantity, predicted: Quantity | None) -> bool:
    """Return True when `predicted` has gold's min and max and, if gold lists units, one of them."""
    if predicted is None:
        return False
    if not (_same_number(gold.min, predicted.min) and _same_number(gold.max, predicted.max)):
        return False
    return gold.units is None or predicted.unit in gold.units


def _same_number(gold: float | None, predicted: float | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return math.isclose(gold, float(predicted), rel_tol=1e-9, abs_tol=0.0)


def match_in_order(
    gold: Sequence[G], predicted: Sequence[P], fits: Callable[[G, P], bool]
) -> dict[int, int]:
    """Return {gold index: predicted index}: each gold item, in order, takes the first
    unmatched prediction (in prediction order) that `fits` it."""
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    for g_index, item in enumerate(gold):
        for p_index, guess in enumerate(predicted):
            if p_index not in taken and fits(item, guess):
                pairs[g_index] = p_index
                taken.add(p_index)
                break
    return pairs


def source_matches(gold: GoldSource, predicted: Source) -> bool:
    """Return True when `predicted` names the gold source, or has its country and kind (a gold
    source without a country matches a predicted one of the same kind without a country)."""
    if gold.names is not None and name_matches(predicted.name, gold.names):
        return True
    if gold.kind is None or predicted.kind is None or fold(gold.kind) != fold(predicted.kind):
        return False
    if gold.country is None or predicted.country is None:
        return gold.country is None and predicted.country is None
    return fold(gold.country) == fold(predicted.country)


def sources_right(
    gold: Sequence[GoldSource], also: Sequence[GoldSource], predicted: Sequence[Source]
) -> bool:
    """Return True when every gold source is matched by a distinct predicted one and every
    predicted one matches a gold source or an allowed extra (`sources_also`); order is free."""
    allowed = [*gold, *also]
    if not all(any(source_matches(g, p) for g in allowed) for p in predicted):
        return False
    return _perfect_for_gold(gold, predicted)


def _perfect_for_gold(gold: Sequence[GoldSource], predicted: Sequence[Source]) -> bool:
    # Bipartite matching by augmenting paths (Kuhn): a greedy pass could give a predicted
    # source to the wrong gold source when one prediction matches two of them.
    owner: dict[int, int] = {}

    def assign(g_index: int, seen: set[int]) -> bool:
        for p_index, guess in enumerate(predicted):
            if p_index in seen or not source_matches(gold[g_index], guess):
                continue
            seen.add(p_index)
            if p_index not in owner or assign(owner[p_index], seen):
                owner[p_index] = g_index
                return True
        return False

    return all(assign(g_index, set()) for g_index in range(len(gold)))


def normalise_quote(text: str) -> str:
    """Return quote text with whitespace collapsed and surrounding quotation marks removed."""
    return " ".join(text.split()).strip(_QUOTE_MARKS + " ")


def quotes_overlap(gold: str, predicted: str) -> bool:
    """Return True when the texts share a contiguous stretch (the longest common substring,
    after `normalise_quote`) of at least 80% of the shorter text's length."""
    a, b = normalise_quote(gold), normalise_quote(predicted)
    shorter = min(len(a), len(b))
    if shorter == 0:
        return False
    longest = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return longest.size >= QUOTE_OVERLAP * shorter


_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n\s*\n")


def surrounding_sentence(text: str, evidence: str) -> str | None:
    """Return the stretch of `text` from the sentence end before `evidence` to the one after it
    (a rough sentence, for error listings), or None when `evidence` is not in `text`."""
    start = text.find(evidence)
    if start < 0:
        return None
    end = start + len(evidence)
    begin = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        begin = found.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.end() if after else len(text)
    return text[begin:stop].strip()
