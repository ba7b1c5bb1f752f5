"""What `--show-errors` lists: missed, spurious and wrong items, each with its sentence."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class MissedClaim:
    """A required gold claim no prediction matched; `sentence` is None when the evidence is not in the text."""

    id: str
    kinds: tuple[str, ...]
    quantity: str | None
    evidence: str
    sentence: str | None


@dataclass(frozen=True, slots=True)
class SpuriousClaim:
    """A prediction that matched no gold claim."""

    kind: str
    quantity: str | None
    evidence: str
    sentence: str


@dataclass(frozen=True, slots=True)
class WrongField:
    """A field of a matched required claim that differs from gold (values shown as text)."""

    claim_id: str
    field: str
    gold: str
    predicted: str
    evidence: str


@dataclass(frozen=True, slots=True)
class QuoteError:
    """A gold quote no prediction matched (`missed`) or a predicted quote matching none."""

    text: str
    speaker: str


@dataclass(frozen=True, slots=True)
class WrongSpeaker:
    """A matched required quote whose speaker differs from gold."""

    text: str
    gold: str
    predicted: str


@dataclass(slots=True)
class Findings:
    """Every error of one file, in gold or prediction order."""

    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_claims: list[MissedClaim] = field(default_factory=list)
    spurious_claims: list[SpuriousClaim] = field(default_factory=list)
    wrong_fields: list[WrongField] = field(default_factory=list)
    missed_quotes: list[QuoteError] = field(default_factory=list)
    spurious_quotes: list[QuoteError] = field(default_factory=list)
    wrong_speakers: list[WrongSpeaker] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))
