"""Score one prediction (`Extraction`) against one gold file, exactly as FORMAT.md fixes it.

Pure functions: nothing is read or printed here. Every count is kept (not just ratios) so
per-file results add up into the overall micro-average.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimgraph.evaluation.findings import (
    Findings,
    MissedClaim,
    QuoteError,
    SpuriousClaim,
    WrongField,
    WrongSpeaker,
)
from claimgraph.evaluation.gold import TIME_KEYS, GoldClaim, GoldFile, GoldQuantity, GoldSource
from claimgraph.evaluation.matching import (
    claim_matches,
    match_in_order,
    quotes_overlap,
    sentence_text,
    sources_right,
    surrounding_sentence,
)
from claimgraph.evaluation.names import fold, name_matches
from claimgraph.evaluation.scores import Accuracy, Counts, FieldScores, Scores
from claimgraph.model.records import Claim, Entity, Extraction, Quantity, Quote, Source, TimeExpr

# Kinds that count someone's people: `target` is not scored for them (FORMAT.md, claims).
UNTARGETED_KINDS = frozenset({"casualties", "killed", "wounded", "captured", "displaced"})


@dataclass(slots=True)
class FileResult:
    """The scores of one gold file and the errors behind them."""

    name: str
    scores: Scores = field(default_factory=Scores)
    findings: Findings = field(default_factory=Findings)


def score_file(gold: GoldFile, extraction: Extraction, *, name: str | None = None) -> FileResult:
    """Return the scores and findings of `extraction` against `gold` (evidence is looked up in
    the extraction's own, possibly cleaned, document text)."""
    result = FileResult(name or gold.name)
    result.scores.entities = score_entities(gold, extraction.entities, result.findings)
    result.scores.claims, result.scores.fields = score_claims(
        gold, extraction.claims, extraction.document.text, result.findings
    )
    result.scores.quotes, result.scores.speaker = score_quotes(gold, extraction.quotes, result.findings)
    return result


def score_entities(gold: GoldFile, predicted: Sequence[Entity], findings: Findings) -> Counts:
    """Return entity counts over the sets of canonical names (folded). Each gold entity takes
    one predicted name it accepts; a name taken by an optional entity counts neither way."""
    names: dict[str, str] = {}
    for entity in predicted:
        names.setdefault(fold(entity.name), entity.name)
    counts = Counts()
    ordered = sorted(gold.entities, key=lambda e: e.optional)  # required first, stable
    for entity in ordered:
        key = next((k for k in map(fold, entity.names) if k in names), None)
        if key is not None:
            del names[key]
            counts.tp += not entity.optional
        elif not entity.optional:
            counts.fn += 1
            findings.missed_entities.append(entity.names[0])
    counts.fp = len(names)
    findings.spurious_entities.extend(names.values())
    return counts


def score_claims(
    gold: GoldFile, predicted: Sequence[Claim], text: str, findings: Findings
) -> tuple[Counts, FieldScores]:
    """Return claim counts and the field accuracies of matched required claims, matching gold
    claims in FORMAT.md's order (required first, those with a quantity first)."""
    ordered = sorted(gold.claims, key=lambda c: (c.optional, c.quantity is None))
    pairs = match_in_order(ordered, predicted, lambda g, p: claim_matches(g, p, text))
    counts, fields = Counts(), FieldScores()
    for g_index, claim in enumerate(ordered):
        if claim.optional:
            continue
        if g_index not in pairs:
            counts.fn += 1
            findings.missed_claims.append(_missed(claim, predicted, text))
            continue
        counts.tp += 1
        score_fields(claim, predicted[pairs[g_index]], fields, findings)
    matched = set(pairs.values())
    for p_index, guess in enumerate(predicted):
        if p_index not in matched:
            counts.fp += 1
            findings.spurious_claims.append(
                SpuriousClaim(guess.kind, _show_quantity(guess.quantity), guess.evidence.text,
                              sentence_text(guess, text))
            )
    return counts, fields


def score_fields(gold: GoldClaim, claim: Claim, fields: FieldScores, findings: Findings) -> None:
    """Add the field comparisons of one matched required claim to `fields` (and wrong ones to
    `findings`); a field is scored only where the gold claim has it."""
    checks: list[tuple[str, bool, str, str]] = []
    if gold.has_actor:
        checks.append(("actor", name_matches(claim.actor, gold.actor),
                       _show_names(gold.actor), _show_name(claim.actor)))
    if gold.has_target and claim.kind not in UNTARGETED_KINDS:
        checks.append(("target", name_matches(claim.target, gold.target),
                       _show_names(gold.target), _show_name(claim.target)))
    if gold.has_time:
        predicted_time = _time_dict(claim.time)
        checks.append(("time", predicted_time == (gold.time or None),
                       _show_json(gold.time), _show_json(predicted_time)))
    if gold.sources is not None and not gold.sources_optional:
        checks.append(("sources", sources_right(gold.sources, gold.sources_also, claim.sources),
                       _show_gold_sources(gold.sources), _show_sources(claim.sources)))
    if gold.modality is not None:
        checks.append(("modality", claim.modality in gold.modality,
                       " | ".join(gold.modality), str(claim.modality)))
    for name, ok, gold_shown, predicted_shown in checks:
        fields.get(name).add(ok)
        if not ok:
            findings.wrong_fields.append(
                WrongField(gold.id, name, gold_shown, predicted_shown, gold.evidence)
            )


def score_quotes(
    gold: GoldFile, predicted: Sequence[Quote], findings: Findings
) -> tuple[Counts, Accuracy]:
    """Return quote counts and speaker accuracy: required gold quotes, then optional ones, each
    take the first unmatched predicted quote overlapping it by 80% of the shorter text."""
    ordered = sorted(gold.quotes, key=lambda q: q.optional)
    pairs = match_in_order(ordered, predicted, lambda g, p: quotes_overlap(g.text, p.text))
    counts, speaker = Counts(), Accuracy()
    for g_index, quote in enumerate(ordered):
        if quote.optional:
            continue
        if g_index not in pairs:
            counts.fn += 1
            findings.missed_quotes.append(QuoteError(quote.text, _show_names(quote.speakers)))
            continue
        counts.tp += 1
        guess = predicted[pairs[g_index]]
        if quote.has_speaker:
            ok = name_matches(guess.speaker, quote.speakers)
            speaker.add(ok)
            if not ok:
                findings.wrong_speakers.append(
                    WrongSpeaker(quote.text, _show_names(quote.speakers), _show_name(guess.speaker))
                )
    matched = set(pairs.values())
    for p_index, guess in enumerate(predicted):
        if p_index not in matched:
            counts.fp += 1
            findings.spurious_quotes.append(QuoteError(guess.text, _show_name(guess.speaker)))
    return counts, speaker


def _missed(claim: GoldClaim, predicted: Sequence[Claim], text: str) -> MissedClaim:
    """A missed claim, with a predicted sentence holding its evidence if any, else its surroundings."""
    sentence = next(
        (sentence_text(p, text) for p in predicted if claim.evidence in sentence_text(p, text)),
        None,
    )
    if sentence is None:
        sentence = surrounding_sentence(text, claim.evidence)
    return MissedClaim(claim.id, claim.kinds, _show_gold_quantity(claim.quantity), claim.evidence, sentence)


def _time_dict(time: TimeExpr | None) -> dict[str, str] | None:
    """The prediction's time as gold writes it (its span ignored); None when it has none."""
    if time is None:
        return None
    found = {key: getattr(time, key) for key in TIME_KEYS if getattr(time, key) is not None}
    return found or None


def _show_name(name: str | None) -> str:
    return "null" if name is None else name


def _show_names(names: tuple[str, ...] | None) -> str:
    return "null" if names is None else " | ".join(names)


def _show_json(value: dict[str, str] | None) -> str:
    return json.dumps(value, ensure_ascii=False)


def _show_quantity(quantity: Quantity | None) -> str | None:
    if quantity is None:
        return None
    return f"{_num(quantity.min)}..{_num(quantity.max)} {quantity.unit or ''}".rstrip()


def _show_gold_quantity(quantity: GoldQuantity | None) -> str | None:
    if quantity is None:
        return None
    units = " | ".join(quantity.units) if quantity.units else ""
    return f"{_num(quantity.min)}..{_num(quantity.max)} {units}".rstrip()


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


def _show_sources(sources: Sequence[Source]) -> str:
    return "[" + "; ".join(f"{s.name} ({s.country or '-'}, {s.kind or '-'})" for s in sources) + "]"


def _show_gold_sources(sources: Sequence[GoldSource]) -> str:
    return "[" + "; ".join(
        f"{_show_names(s.names)} ({s.country or '-'}, {s.kind or '-'})" for s in sources
    ) + "]"
