"""Sentence boundaries that survive news text: abbreviations, ordinals, quotes and headlines."""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.nlp.annotations import SentenceInfo
from claimgraph.nlp.lexicon import lexicon

_END = frozenset({".", "!", "?", "…", "?!", "!?", "..."})
_CLOSERS = frozenset({'"', "“", "”", "«", "»", "'", "’", "‘", ")", "]", "“."})
_OPENERS = frozenset({'"', "„", "“", "«", "»", "‘", "(", "[", "'", "‚"})
# Nouns an ordinal stands before ("zum 5. Mal", "der 2. Weltkrieg"): "5." is then no sentence end.
_ORDINAL_NOUNS = frozenset(
    "mal weltkrieg jahrhundert jahrestag geburtstag platz runde stock etage klasse liga armee "
    "division brigade korps flotte parteitag sitzung lesung amendment".split()
)


def _starts_sentence(text: str) -> bool:
    first = text[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in _OPENERS)


def _is_ordinal(token_text: str, next_text: str, months: frozenset[str]) -> bool:
    if not (token_text[:-1].isdigit() and token_text.endswith(".")):
        return False
    low = next_text.lower()
    return low in months or low in _ORDINAL_NOUNS or not next_text[:1].isupper()


class SentenceSplitter:
    """Sets `token.is_sent_start` and `doc._.cg_sentences` (char offsets of each sentence)."""

    def __init__(self, lang: str) -> None:
        self.months = frozenset(str(m).lower() for m in lexicon(lang).times["months"])

    def __call__(self, doc: Doc) -> Doc:
        if doc._.cg_text is None:
            doc._.cg_text = doc.text
        rows = doc.to_array([ORTH, IDX, SPACY, IS_SPACE]).tolist()
        strings = doc.vocab.strings
        texts = [strings[r[0]] for r in rows]
        doc._.cg_tokens = (texts, [r[1] for r in rows])
        n = len(rows)
        starts = [False] * n
        expect_start = True
        i = 0
        while i < n:
            text = texts[i]
            if rows[i][3]:  # a whitespace token
                if "\n" in text:
                    expect_start = True
                i += 1
                continue
            if expect_start:
                starts[i] = True
                expect_start = False
            if text in _END:
                j = i + 1
                # A closing mark belongs to this sentence only when it is attached ('."'); a
                # straight quote after a space opens the next one.
                while j < n and texts[j] in _CLOSERS and not rows[j - 1][2]:
                    j += 1
                nxt = j
                if nxt >= n or rows[nxt][3] or _starts_sentence(texts[nxt]):
                    expect_start = True
                i = j
                continue
            if text.endswith(".") and len(text) > 1 and text[:-1].isdigit() and i + 1 < n:
                if not rows[i + 1][3] and not _is_ordinal(text, texts[i + 1], self.months):
                    expect_start = True
            i += 1
        if n:
            # One array write: setting token.is_sent_start one by one re-checks the whole Doc
            # each time (quadratic on long texts).
            flags = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype("int32")
            flags[0] = 1
            doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
        doc._.cg_sentences = self._spans(texts, rows, starts)
        return doc

    @staticmethod
    def _spans(texts: list[str], rows: list[list[int]], starts: list[bool]) -> list[SentenceInfo]:
        bounds = [i for i, s in enumerate(starts) if s] or [0]
        out: list[SentenceInfo] = []
        for k, b in enumerate(bounds):
            e = bounds[k + 1] if k + 1 < len(bounds) else len(rows)
            words = [i for i in range(b, e) if not rows[i][3]]
            if not words:
                continue
            first, last = words[0], words[-1]
            out.append(SentenceInfo(rows[first][1], rows[last][1] + len(texts[last])))
        return out


@Language.factory("claimgraph_sentences", assigns=["token.is_sent_start", "doc._.cg_sentences"])
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Return the sentence splitter for the pipeline's language."""
    return SentenceSplitter(nlp.lang)
