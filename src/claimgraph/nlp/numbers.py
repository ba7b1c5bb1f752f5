"""Numbers in German and English: digits with language-aware separators and number words."""

from __future__ import annotations

import re
from functools import cache

from claimgraph.nlp.lexicon import lexicon

_MIXED = re.compile(r"^(\d+)[-\s]([a-z]+)$")  # "27-hundred"


class NumberParser:
    """Parses one number expression of a language into a float (None when it is no number)."""

    def __init__(self, lang: str) -> None:
        data = lexicon(lang).numbers
        self.lang = lang
        self.decimal = str(data["digits"]["decimal"])
        seps = [re.escape(s) for s in data["digits"]["thousands"]]
        dec = re.escape(self.decimal)
        self.grouped = re.compile(rf"^\d{{1,3}}(?:(?:{'|'.join(seps)})\d{{3}})+(?:{dec}\d+)?$")
        self.plain = re.compile(rf"^\d+(?:{dec}\d+)?$")
        self.thousands = data["digits"]["thousands"]
        self.words: dict[str, int] = {str(k).lower(): int(v) for k, v in data["words"].items()}
        self.multipliers: dict[str, int] = {str(k).lower(): int(v) for k, v in data["multipliers"].items()}
        self.scales: dict[str, float] = {str(k).lower(): float(v) for k, v in data["scales"].items()}
        parts = sorted([*self.words, *self.multipliers, "und"], key=len, reverse=True)
        # Possessive: "achtzehn" also reads "acht"+"zehn", so a long run of number words that fails
        # at its end would otherwise be retried in every split (exponential backtracking).
        self.word_re = re.compile(rf"^(?:{'|'.join(re.escape(p) for p in parts)})++$")
        en_parts = "|".join(re.escape(p) for p in parts if p != "und")
        # "and" joins only after hundred/thousand: "one hundred and five", not "ten and fifteen"
        self.en_word_re = re.compile(rf"^(?:{en_parts})(?:(?:[-\s]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{en_parts}))*$")

    def parse_digits(self, text: str) -> float | None:
        """Return the value of a digit string ("25.000", "1,5", "10,000", "1.2"), or None."""
        text = text.strip()
        if self.grouped.match(text):
            body = text
            for sep in self.thousands:
                body = body.replace(sep, "")
            return float(body.replace(self.decimal, "."))
        if self.plain.match(text):
            return float(text.replace(self.decimal, "."))
        return None

    def parse_words(self, text: str) -> float | None:
        """Return the value of a number word ("fünfundzwanzigtausend", "twenty-five thousand")."""
        low = text.lower().strip()
        if self.lang == "de":
            if not self.word_re.match(low) or low in ("und", "ein", "eine", "einer", "einen", "eins"):
                return None
            return _parse_german(low, self.words, self.multipliers)
        if not self.en_word_re.match(low):
            return None
        tokens = [t for t in re.split(r"[-\s]+", low) if t and t != "and"]
        return _combine([self.words.get(t) if t in self.words else ("*", self.multipliers[t]) for t in tokens])

    def parse(self, text: str) -> float | None:
        """Return the value of digits or number words, or None."""
        value = self.parse_digits(text)
        mixed = _MIXED.match(text.strip().lower())
        if value is None and mixed and mixed.group(2) in self.multipliers:
            return float(mixed.group(1)) * self.multipliers[mixed.group(2)]
        if value is None:
            value = self.parse_words(text)
        return value


def _combine(parts: list[object]) -> float | None:
    """Combine a sequence of small numbers and ("*", multiplier) markers into one value."""
    total = 0.0
    current = 0.0
    seen = False
    for part in parts:
        if part is None:
            return None
        if isinstance(part, tuple):
            mult = float(part[1])
            current = (current or 1.0) * mult
            if mult >= 1000:
                total += current
                current = 0.0
        else:
            current += float(part)  # type: ignore[arg-type]
        seen = True
    return total + current if seen else None


def _parse_german(word: str, words: dict[str, int], multipliers: dict[str, int]) -> float | None:
    """Parse a German compound number word: "fünfundzwanzigtausend" → 25000."""
    if "tausend" in word:
        head, _, tail = word.partition("tausend")
        high = _parse_german_below_1000(head, words, multipliers) if head else 1
        low = _parse_german_below_1000(tail, words, multipliers) if tail else 0
        if high is None or low is None:
            return None
        return float(high * 1000 + low)
    value = _parse_german_below_1000(word, words, multipliers)
    return float(value) if value is not None else None


def _parse_german_below_1000(word: str, words: dict[str, int], multipliers: dict[str, int]) -> int | None:
    if not word:
        return 0
    if "hundert" in word:
        head, _, tail = word.partition("hundert")
        high = _small(head, words) if head else 1
        low = _parse_german_below_1000(tail, words, multipliers) if tail else 0
        if high is None or low is None:
            return None
        return high * 100 + low
    return _small(word, words)


def _small(word: str, words: dict[str, int]) -> int | None:
    """1..99: "fünfundzwanzig", "zwölf", "ein"."""
    if word in words:
        return words[word]
    if "und" in word:
        unit, _, ten = word.partition("und")
        if unit in words and ten in words and words[ten] % 10 == 0 and words[ten] >= 20:
            return words[unit] + words[ten]
    return None


@cache
def number_parser(lang: str) -> NumberParser:
    """Return the number parser of `lang` (one per process)."""
    return NumberParser(lang)
