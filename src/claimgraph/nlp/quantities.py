"""Quantities: numbers, ranges, vague amounts and modifiers, with the counted noun's unit."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import Quantity, Span
from claimgraph.nlp.annotations import QuantityMention
from claimgraph.nlp.lexicon import Lexicon, lexicon, split_words
from claimgraph.nlp.numbers import NumberParser, number_parser

_WORD = re.compile(r"[\w'’.\-]+|[^\w\s]", re.UNICODE)
# A number after one of these is a label, not an amount ("Artikel 5", "flight 17").
_LABEL_WORDS = frozenset(
    "nr. nr nummer artikel art. seite paragraf paragraph kapitel resolution flug platz linie "
    "runde phase level stufe jahrgang version tag no. number article page section flight chapter "
    "round stage route line gruppe group block tor sektor sector bus zug kanal channel".split()
)
_PARTICIPLE = re.compile(r"^[a-zäöüß]+(?:ene|enen|ten|te|ete|eten|ende|enden)$")
_YEAR = re.compile(r"^(1\d\d\d|20\d\d)$")
_CURRENCY = {"€": "money", "$": "money", "£": "money", "US$": "money"}
_STOP_EN = frozenset(
    "were was is are have has had will would could may might be been said from in on at to into over "
    "across for by with since during after before near per than this that these those its their".split()
)
# German words after an amount that show there is no counted noun ("80 weitere wurden verletzt").
_STOP_DE = frozenset(
    "sind seien sei ist waren war wurden wurde werden worden haben hatten hat habe hätten kamen starben "
    "sollen soll könnten können dürften müssen durch in im aus an am auf bei mit nach seit vor zu zum zur "
    "über unter gegen für ohne um wegen und oder aber bis".split()
)


class QuantityFinder:
    """Finds quantity expressions in a text of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lex: Lexicon = lexicon(lang)
        self.parser: NumberParser = number_parser(lang)
        data = self.lex.numbers
        self.vague: dict[str, tuple[float, float]] = {
            " ".join(str(k).lower().split()): (float(v[0]), float(v[1])) for k, v in data["vague"].items()
        }
        self.modifiers: dict[str, str] = {}
        for kind in ("max", "min", "exact"):
            for phrase in data["modifiers"].get(kind, []):
                self.modifiers[" ".join(str(phrase).lower().split())] = kind
        self.fillers = frozenset(str(f).lower() for f in data.get("fillers", []))
        self.scales = self.parser.scales
        self.pattern = self._build(data)
        # First three letters of every number word and vague amount: a word that starts
        # otherwise cannot begin or be part of an amount.
        starts = [*self.parser.words, *self.parser.multipliers, *self.vague, *self.scales]
        self.anchors = frozenset(w.lower()[:3] for w in starts)

    def _build(self, data: dict) -> re.Pattern[str]:
        def alt(items: list[str]) -> str:
            items = sorted({i for i in items if i}, key=len, reverse=True)
            return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in items)

        if self.lang == "de":
            digits = r"\d{1,3}(?:[.\u202f\u2009 ']\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
            parts = alt([*self.parser.words, *self.parser.multipliers, "und"])
            # Possessive: number words overlap ("achtzehn", "acht"+"zehn"); see NumberParser.word_re.
            words = rf"(?:{parts})++"
        else:
            digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
            parts = alt([*self.parser.words, *self.parser.multipliers])
            words = rf"(?:{parts})(?:(?:-|\s+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{parts}))*"
            digits = rf"\d+-(?:hundred|thousand)(?![\w])|{digits}"
        num = rf"(?:{digits}|(?<![\w-])(?:{words})(?![\w]))"
        scale = alt(list(self.scales))
        mods = alt(list(self.modifiers))
        between = data["between"][0]
        conn = alt([str(r) for r in data["range"]])
        vague = alt(list(self.vague))
        cur = r"(?:US\$|[€$£])"
        return re.compile(
            rf"(?<![\w.,\-/:])"
            rf"(?:(?P<mod>{mods})\s+)?"
            rf"(?:(?P<between>{re.escape(between)})\s+)?"
            rf"(?:(?P<cur1>{cur})\s?)?"
            rf"(?P<n1>{num})(?:\s*(?P<s1>{scale})(?![\w]))?"
            rf"(?:\s*(?P<rng>(?(between)(?:{re.escape(data['between'][1])})|(?:{conn})))\s*(?:{cur}\s?)?(?P<n2>{num})(?:\s*(?P<s2>{scale})(?![\w]))?)?"
            rf"(?:\s?(?P<pct>%))?"
            rf"|(?<![\w])(?:(?P<vmod>{mods})\s+)?(?P<vague>{vague})(?![\w])",
            re.IGNORECASE,
        )

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[QuantityMention]:
        """Return the quantities in `text[start:end]` with offsets into `text`.

        Every amount starts at a word or a currency sign, so the pattern is tried only at word
        starts within reach of a digit, a number word, a vague amount or a currency sign."""
        end = len(text) if end is None else end
        words, lowered = split_words(text)
        anchors = self.anchors
        hot = [
            w[0]
            for k, w in enumerate(words)
            if start <= w[0] < end and (w[2][0].isdigit() or w[2][0] in "€$£" or lowered[k][:3] in anchors)
        ]
        out: list[QuantityMention] = []
        if not hot:
            return out
        last_end = start
        h = 0
        for w_start, _, _ in words:
            if w_start < last_end or w_start >= end:
                continue
            while h < len(hot) and hot[h] < w_start:
                h += 1
            # a match starts at most ~30 characters (a modifier like "mehr als") before its number
            if h >= len(hot) or hot[h] - w_start > 30:
                continue
            m = self.pattern.match(text, w_start, end)
            if m is None or m.end() == m.start():
                continue
            last_end = m.end()
            mention = self._mention(text, m)
            if mention is not None:
                out.append(mention)
        return out

    def _mention(self, text: str, m: re.Match[str]) -> QuantityMention | None:
        if m.group("vague"):
            lo, hi = self.vague[" ".join(m.group("vague").lower().split())]
            qmin, qmax = lo, hi
            category_hint = None
        else:
            parsed = self._value_pair(m)
            if parsed is None or self._is_label_or_date(text, m):
                return None
            qmin, qmax = parsed
            category_hint = "percent" if m.group("pct") else _CURRENCY.get(m.group("cur1") or "")
            modifier = self.modifiers.get(" ".join((m.group("mod") or "").lower().split()))
            if m.group("between") and not m.group("n2"):
                return None
            if not m.group("n2"):
                if modifier == "max":
                    qmin = None
                elif modifier == "min":
                    qmax = None
        noun_start, noun_end, category = self._noun(text, m.end())
        category = category_hint or category
        if category is None and not m.group("vague") and self._looks_like_year(m):
            if noun_start < 0 or text[m.end() : noun_start].strip():
                return None  # "bis 1683 ganz Ungarn": a year; "1500 Ukrainer" counts people
        span = Span(m.start(), m.end(), text[m.start() : m.end()])
        noun = text[noun_start:noun_end] if noun_start >= 0 else None
        return QuantityMention(
            m.start(), m.end(), Quantity(qmin, qmax, category, noun, span), noun_start, noun_end, category
        )

    def _value_pair(self, m: re.Match[str]) -> tuple[float, float] | None:
        v1 = self.parser.parse(m.group("n1"))
        if v1 is None:
            return None
        s1 = self.scales.get((m.group("s1") or "").lower(), 1.0)
        if not m.group("n2"):
            return v1 * s1, v1 * s1
        v2 = self.parser.parse(m.group("n2"))
        if v2 is None:
            return None
        s2 = self.scales.get((m.group("s2") or "").lower(), 1.0)
        if not m.group("s1"):
            s1 = s2  # "zwei bis drei Millionen": the scale belongs to both ends
        lo, hi = v1 * s1, v2 * s2
        if m.group("rng") and m.group("rng").lower() in ("und", "and") and not m.group("between"):
            return None
        if hi < lo:
            return None
        return lo, hi

    def _is_label_or_date(self, text: str, m: re.Match[str]) -> bool:
        after = text[m.end() : m.end() + 3]
        if re.match(r"^[.:/]\d", after):
            return True  # a date or clock time: "24.02.2022", "14:30"
        if after.startswith(". ") or after.startswith(".\u00a0"):
            nxt = text[m.end() + 2 : m.end() + 20].split(" ", 1)[0]
            low = nxt.lower().strip(",.")
            if low in self.lex.times["months"] or (nxt[:1].islower()):
                return True  # "am 11. November", "der 3. des Monats"
        before = text[max(0, m.start() - 20) : m.start()].split()
        if before and before[-1].lower() in _LABEL_WORDS:
            return True
        return False

    @staticmethod
    def _looks_like_year(m: re.Match[str]) -> bool:
        """A four-digit number from 1800 to 2099 without a counted noun is a year, even after
        a word like "über" or "bis" ("die Belagerung bis 1683")."""
        return bool(
            _YEAR.match(m.group("n1") or "")
            and not m.group("n2")
            and not m.group("s1")
            and not m.group("cur1")
        )

    def _noun(self, text: str, pos: int) -> tuple[int, int, str | None]:
        """Return (start, end, category) of the counted noun after `pos`, or (-1, -1, None)."""
        window = text[pos : pos + 120]
        units = self.lex.units
        hyphen = re.match(r"-([^\W\d_]+(?:-[^\W\d_]+)*)", window)
        if hyphen:  # "41-Jährige", "3-year-old"
            return pos + 1, pos + hyphen.end(), units.category(hyphen.group(1)) or units.category(hyphen.group(0))
        symbol = re.match(r"\s?(US\$|[€$£])", window)
        if symbol:  # "94.000 $", "3 €": the sign after the number, as German writes it
            return pos + symbol.start(1), pos + symbol.end(1), "money"
        words = []
        for w in _WORD.finditer(window):
            word = w.group()
            ends_sentence = len(word) > 1 and word.endswith(".") and word.lower() not in self.scales
            if ends_sentence:
                word = word.rstrip(".")
            words.append((w.start() + pos, w.start() + pos + len(word), word))
            if len(words) >= 9 or ends_sentence:
                break  # a counted noun never lies beyond the sentence
        if self.lang == "de":
            return self._noun_de(words, units)
        for k, (s, e, w) in enumerate(words[:5]):
            if not w[:1].isalnum():
                break
            low = w.lower()
            if k + 1 < len(words):
                two = f"{low} {words[k + 1][2].lower()}"
                if two in units.nouns:
                    return s, words[k + 1][1], units.nouns[two]
            cat = units.category(w)
            if cat is not None:
                return s, e, cat
            if low in _STOP_EN:
                break
        if words and words[0][2][:1].isalpha() and words[0][2].lower() not in _STOP_EN and words[0][2].lower() not in self.fillers:
            # a noun we do not know ("13 regions"), or a demonym ("two North Koreans") resolved later
            return words[0][0], words[0][1], None
        return -1, -1, None

    def _noun_de(self, words: list[tuple[int, int, str]], units) -> tuple[int, int, str | None]:
        if not words:
            return -1, -1, None
        first = words[0][2].lower()
        if first in ("von", "der", "den"):
            # "18 von Taliban-Kämpfern als Geiseln genommene Insassen": an extended attribute
            # ends in a participle before the head noun; else "drei der Insassen" is partitive.
            for k in range(1, len(words) - 1):
                if _PARTICIPLE.match(words[k][2]) and words[k + 1][2][:1].isupper():
                    s, e, w = words[k + 1]
                    return s, e, units.category(w)
            words = words[1:]
        for k, (s, e, w) in enumerate(words[:5]):
            if not w[:1].isalnum() or w.lower() in _STOP_DE:
                return -1, -1, None
            if w[:1].isupper():
                return s, e, units.category(w)
            # a lower-case word is an adjective ("zwei verwundete Soldaten"): German nouns are capitalised
        return -1, -1, None


class QuantityRecognizer:
    """Sets `doc._.cg_quantities` (quantities outside time expressions)."""

    def __init__(self, lang: str) -> None:
        self.finder = QuantityFinder(lang)

    def __call__(self, doc: Doc) -> Doc:
        times = doc._.cg_times or []
        found = self.finder.find(doc._.cg_text)
        doc._.cg_quantities = [
            q for q in found if not any(t.start <= q.start < t.end or q.start <= t.start < q.end for t in times)
        ]
        return doc


@Language.factory("claimgraph_quantities", assigns=["doc._.cg_quantities"])
def make_quantity_recognizer(nlp: Language, name: str) -> QuantityRecognizer:
    """Return the quantity recognizer for the pipeline's language."""
    return QuantityRecognizer(nlp.lang)
