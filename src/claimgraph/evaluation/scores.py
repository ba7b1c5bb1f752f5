"""Counts that add up across files: P/R/F1 counts and field accuracies (micro-averaged)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

FIELDS = ("actor", "target", "time", "sources", "modality")


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one matched set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """Return tp / (tp + fp), or None when nothing was predicted."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """Return tp / (tp + fn), or None when gold has nothing required."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """Return 2tp / (2tp + fp + fn) (the harmonic mean of P and R), or None when nothing was scored."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


@dataclass(slots=True)
class Accuracy:
    """How many scored pairs were right, of how many."""

    right: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.right + other.right, self.total + other.total)

    def add(self, ok: bool) -> None:
        """Count one scored pair."""
        self.total += 1
        self.right += int(ok)

    @property
    def value(self) -> float | None:
        """Return right / total, or None when nothing was scored."""
        return _ratio(self.right, self.total)


@dataclass(slots=True)
class FieldScores:
    """Accuracy of each claim field over matched required claims whose gold has that field."""

    actor: Accuracy = field(default_factory=Accuracy)
    target: Accuracy = field(default_factory=Accuracy)
    time: Accuracy = field(default_factory=Accuracy)
    sources: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)

    def __add__(self, other: FieldScores) -> FieldScores:
        return FieldScores(*(getattr(self, n) + getattr(other, n) for n in FIELDS))

    def get(self, name: str) -> Accuracy:
        """Return the accuracy of field `name` (one of FIELDS)."""
        return getattr(self, name)  # type: ignore[no-any-return]


@dataclass(slots=True)
class Scores:
    """All counts of one file, or of several summed (micro-average)."""

    entities: Counts = field(default_factory=Counts)
    claims: Counts = field(default_factory=Counts)
    fields: FieldScores = field(default_factory=FieldScores)
    quotes: Counts = field(default_factory=Counts)
    speaker: Accuracy = field(default_factory=Accuracy)

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None
