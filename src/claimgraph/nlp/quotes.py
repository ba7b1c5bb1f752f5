"""Direct quotes in „…“, "…", »…«, “…”, ‘…’ and their speakers."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.nlp.annotations import EntityMention, EntityRef, QuoteMention
from claimgraph.nlp.lexicon import lexicon, words_regex
from claimgraph.nlp.phrases import np_after, np_before

# Each pair: an opening mark and what may close it; bounded lazy bodies cannot backtrack badly.
_QUOTE = re.compile(
    r"„(?P<a>[^„“”\"]{1,3000}?)[“”\"]"
    r"|»(?P<b>[^»«]{1,3000}?)«"
    r"|«(?P<c>[^«»]{1,3000}?)»"
    r"|“(?P<d>[^“”„]{1,3000}?)”"
    r"|(?<![\w])\"(?P<e>[^\"]{1,3000}?)\""
    r"|(?<![\w])‘(?P<f>[^‘’]{1,800}?)’(?![\w])"
)
_MIN_WORDS = 5


class QuoteFinder:
    """Finds quotes and their speakers in a text of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        data = lexicon(lang).quotes
        self.verbs = words_regex([str(v) for v in data["speech_verbs"]], flags=0)
        self.pronouns = frozenset(str(p).lower() for p in data["pronouns"])
        self.roles = lexicon(lang).roles

    def find(self, text: str, mentions: list[EntityMention]) -> list[QuoteMention]:
        """Return the quotes of `text`, each with a speaker where one can be found."""
        out: list[QuoteMention] = []
        prev: QuoteMention | None = None
        prev_close = -10
        for m in _QUOTE.finditer(text):
            group = next(g for g in "abcdef" if m.group(g) is not None)
            inner_start, inner_end = m.start(group), m.end(group)
            while inner_start < inner_end and text[inner_start].isspace():
                inner_start += 1
            while inner_end > inner_start and text[inner_end - 1] in " \n,":
                inner_end -= 1
            if inner_end <= inner_start:
                continue
            speaker = self._after(text, m.end(), mentions) or self._before(text, m.start(), mentions)
            n_words = len(text[inner_start:inner_end].split())
            if speaker is None and prev is not None and prev.speaker is not None and self._adjacent(text, prev, prev_close, m.start()):
                speaker = (prev.speaker, prev.speaker_start, prev.speaker_end)
            if speaker is None and n_words < _MIN_WORDS:
                continue  # a scare quote or a title, not speech
            ref, s, e = speaker if speaker else (None, -1, -1)
            quote = QuoteMention(inner_start, inner_end, ref, s, e)
            out.append(quote)
            prev, prev_close = quote, m.end()
        return out

    @staticmethod
    def _adjacent(text: str, prev: QuoteMention, prev_close: int, start: int) -> bool:
        """The quote follows the previous one directly, or with only that quote's attribution between."""
        between = text[prev_close:start]
        if not between.strip(" \n.,;:"):
            return True
        return len(between) < 160 and prev_close <= prev.speaker_start < start and between.count(". ") <= 1

    def _resolve(self, text: str, start: int, end: int, mentions: list[EntityMention]) -> tuple[EntityRef, int, int] | None:
        inside = [x for x in mentions if x.start >= start and x.end <= end]
        for etype in ("person", "org"):
            for x in inside:
                if x.ref.type == etype:
                    return x.ref, x.start, x.end
        phrase = text[start:end].split()
        if not phrase:
            return None
        first = phrase[0].lower()
        head = phrase[-1].lower() if len(phrase) > 1 else first
        if first in self.pronouns or head in self.roles or first in self.roles:
            person = next((x for x in reversed(mentions) if x.ref.type == "person" and x.end <= start), None)
            if person is not None:
                return person.ref, person.start, person.end
        return None

    def _after(self, text: str, pos: int, mentions: list[EntityMention]) -> tuple[EntityRef, int, int] | None:
        tail = text[pos : pos + 160]
        stop = re.search(r"[.!?]\s|[„»«“\"]|\n", tail)
        segment_end = pos + (stop.start() if stop else len(tail))
        m = self.verbs.search(text, pos, segment_end)
        # German inverts ("…“, sagte X"); English may name the speaker first ("…," EU foreign
        # policy chief Kaja Kallas told reporters)
        if m is None or len(text[pos : m.start()].split()) > (8 if self.lang == "en" else 4):
            return None
        nxt = text[m.end() : segment_end].split()
        if nxt and nxt[0].strip(".,;:").lower() in self.pronouns:
            person = next((x for x in reversed(mentions) if x.ref.type == "person" and x.end <= pos), None)
            return (person.ref, person.start, person.end) if person else None
        np = np_after(text, m.end(), segment_end, self.lang)
        if np is not None:
            hit = self._resolve(text, np[0], np[1], mentions)
            if hit is not None:
                return hit
        np = np_before(text, m.start(), pos, self.lang)
        if np is not None:
            return self._resolve(text, np[0], np[1], mentions)
        return None

    def _before(self, text: str, pos: int, mentions: list[EntityMention]) -> tuple[EntityRef, int, int] | None:
        head = text[max(0, pos - 200) : pos]
        stop = max(head.rfind(". "), head.rfind("\n"), head.rfind("! "), head.rfind("? "))
        seg_start = pos - len(head) + (stop + 1 if stop >= 0 else 0)
        if not text[seg_start:pos].rstrip().endswith((":", ",")):
            return None
        for m in reversed(list(self.verbs.finditer(text, seg_start, pos))):
            np = np_after(text, m.end(), pos, self.lang) or np_before(text, m.start(), seg_start, self.lang)
            if np is not None:
                hit = self._resolve(text, np[0], np[1], mentions)
                if hit is not None:
                    return hit
        return None


class QuoteRecognizer:
    """Sets `doc._.cg_quotes`."""

    def __init__(self, lang: str) -> None:
        self.finder = QuoteFinder(lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.cg_quotes = self.finder.find(doc._.cg_text, doc._.cg_entities or [])
        return doc


@Language.factory("claimgraph_quotes", assigns=["doc._.cg_quotes"])
def make_quotes(nlp: Language, name: str) -> QuoteRecognizer:
    """Return the quote finder for the pipeline's language."""
    return QuoteRecognizer(nlp.lang)
