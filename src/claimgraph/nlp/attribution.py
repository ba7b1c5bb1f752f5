"""Attribution chains per sentence: "laut X", "X zufolge", "berichtet X", "X said", "citing X",
outermost first, carried into sentences that continue a report."""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import Source
from claimgraph.nlp.annotations import EntityMention, SentenceInfo, SourceCue
from claimgraph.nlp.gazetteer import load_gazetteer
from claimgraph.nlp.lexicon import Lexicon, PhraseFinder, lexicon, words_regex
from claimgraph.nlp.phrases import np_after, np_before
from claimgraph.nlp.sources import SourceResolver

_PRONOUNS = {"de": frozenset({"er", "sie"}), "en": frozenset({"he", "she"})}
_QUOTE_CLOSERS = "\"“”«»'’"
# Particles that make a reporting verb into another verb (zusagen, absagen, einräumen…).
_AUXILIARY = re.compile(r"\s+(?:hat|hatte|hatten|haben|habe|hätte|hätten|ist|sind|war|waren|wurde|wurden|wird|werden)\b")
_CLAUSE = re.compile(r"(?:[^,.;:!?]|(?<=\d)[,.](?=\d))*")  # to the clause's end; "1,9" stays inside
_OTHER_PARTICLES = frozenset({"zu", "ab", "ein", "bereit", "vor", "auf", "fort"})


class AttributionFinder:
    """Finds source cues in sentences and builds each sentence's attribution chain."""

    def __init__(self, lang: str, user_gazetteers: tuple[str, ...] = ()) -> None:
        self.lang = lang
        self.lex: Lexicon = lexicon(lang)
        self.gaz = load_gazetteer(user_gazetteers)
        att = self.lex.attribution
        self.before = PhraseFinder([str(p) for p in att["prepositions"]["before"]])
        self.after = PhraseFinder([str(p) for p in att["prepositions"].get("after") or []])
        compounds = [str(c) for c in att.get("angaben_compounds") or []]
        self.angaben = (
            re.compile(rf"(?<![\w])nach\s+((?:[\w]+-)?\w*(?:{'|'.join(compounds)}))(?![\w])", re.I) if compounds else None
        )
        verbs = [str(v) for v in att["verbs"]] + [str(v) for v in att.get("joined_verbs") or []]
        self.verbs = PhraseFinder(verbs, ignore_case=False)
        self.continuation = words_regex([str(c) for c in att.get("continuation") or []])
        self.subjunctive = words_regex([str(c) for c in att.get("subjunctive") or []], flags=0)

    def annotate(self, doc: Doc) -> None:
        """Fill each SentenceInfo's `sources` with its chain (outer cues first)."""
        text = doc._.cg_text
        resolver = SourceResolver(text, doc._.cg_entities or [], self.lex, self.gaz, doc._.cg_focus_country)
        previous: SentenceInfo | None = None
        # Each cue list is found once for the whole text, then handed out by sentence.
        found = {
            "before": self.before.finditer(text),
            "after": self.after.finditer(text),
            "verbs": self.verbs.finditer(text),
            "angaben": [(m.start(1), m.end(1), m.group(0)) for m in self.angaben.finditer(text)] if self.angaben else [],
        }
        starts = {k: [x[0] for x in v] for k, v in found.items()}
        for sent in doc._.cg_sentences or []:
            local = {
                k: v[bisect.bisect_left(starts[k], sent.start) : bisect.bisect_left(starts[k], sent.end)]
                for k, v in found.items()
            }
            cues = self._cues(text, sent, resolver, doc._.cg_entities or [], local)
            if cues:
                sent.sources = _chain(cues)
            elif previous is not None and previous.sources and self._continues(text, sent):
                sent.sources = list(previous.sources)
                sent.inherited = True
            previous = sent

    def _continues(self, text: str, sent: SentenceInfo) -> bool:
        body = text[sent.start : sent.end]
        if self.continuation.search(body):
            return True
        head = body[: max(60, len(body) // 2)]
        return bool(self.subjunctive.search(head))

    def _cues(self, text: str, sent: SentenceInfo, resolver: SourceResolver, mentions: list[EntityMention],
              found: dict[str, list[tuple[int, int, str]]]) -> list[SourceCue]:
        s, e = sent.start, sent.end
        cues: list[SourceCue] = []
        for start, end, cue in found["before"]:
            np = np_after(text, end, e, self.lang)
            self._add(cues, resolver, np, outer=False, cue=cue)
        for start, end, cue in found["after"]:
            np = np_before(text, start, s, self.lang)
            self._add(cues, resolver, np, outer=False, cue=cue)
        for start, end, cue in found["angaben"]:
            src = resolver.resolve(start, end)
            if src is not None:
                cues.append(SourceCue(start, end, src, False, cue))
        for match in found["verbs"]:
            self._verb_cue(text, sent, match, resolver, cues, mentions)
        return cues

    def _verb_cue(self, text: str, sent: SentenceInfo, match: tuple[int, int, str], resolver: SourceResolver,
                  cues: list[SourceCue], mentions: list[EntityMention]) -> None:
        s, e = sent.start, sent.end
        v_start, v_end, verb = match
        left = text[s:v_start].rstrip()
        tail = _CLAUSE.match(text, v_end, e).group(0).split()  # type: ignore[union-attr]
        if tail and tail[-1].lower() in _OTHER_PARTICLES:
            return  # "Deutschland sagt der Ukraine Hilfe zu": zusagen, not a report
        inverted = not left or left[-1] in "," + _QUOTE_CLOSERS or left.endswith(("–", ":"))
        if self.lang == "en" and left.endswith(","):
            # "Blinken, speaking alongside …, said": the subject opens the sentence
            head = np_after(text, s, v_start, self.lang)
            if head and text[head[1] : head[1] + 1] == "," and self._add(
                cues, resolver, head, outer=True, cue=verb, mentions=mentions, sent_start=s
            ):
                return
        if inverted and not (self.lang == "en" and verb in ("told", "tells")):
            np = np_after(text, v_end, e, self.lang)
            if np and self._add(cues, resolver, np, outer=True, cue=verb, mentions=mentions, sent_start=s):
                return
        clause_start = max(text.rfind(",", s, v_start), s - 1) + 1
        wie = re.search(r"(?<![\w])(?:wie|as)\s+", text[clause_start : v_start], re.I)
        if wie:
            np = np_after(text, clause_start + wie.end(), v_start, self.lang)
            if np and self._add(cues, resolver, np, outer=True, cue=verb, mentions=mentions, sent_start=s):
                return
        np = np_before(text, v_start, clause_start, self.lang)
        if np and (self.lang == "en" or np[0] == clause_start or text[clause_start:np[0]].strip() == ""):
            if self._add(cues, resolver, np, outer=True, cue=verb, mentions=mentions, sent_start=s):
                return
        if self.lang == "de":
            # "Der Militärgeheimdienst HUR hatte zuvor von 7.000 Soldaten gesprochen": the subject
            # opens the clause and an auxiliary follows it
            head = np_after(text, clause_start, v_start, self.lang)
            if head and _AUXILIARY.match(text, head[1]):
                if self._add(cues, resolver, head, outer=True, cue=verb, mentions=mentions, sent_start=s):
                    return
            if clause_start > s and _AUXILIARY.match(text, clause_start):
                # "Der Sekretär des Sicherheitsrats, Sergej Schoigu, hatte … angekündigt": the
                # subject and its apposition stand before the auxiliary's clause
                named = [x for x in mentions if s <= x.start and x.end <= clause_start and x.ref.type in ("person", "org")]
                if named:
                    self._add(cues, resolver, (named[-1].start, named[-1].end), outer=True, cue=verb, mentions=mentions, sent_start=s)

    def _add(self, cues: list[SourceCue], resolver: SourceResolver, np: tuple[int, int] | None, *, outer: bool, cue: str,
             mentions: list[EntityMention] | None = None, sent_start: int = 0) -> bool:
        if np is None:
            return False
        start, end = np
        phrase = resolver.text[start:end].strip().lower()
        src: Source | None
        if phrase in _PRONOUNS.get(self.lang, ()) and mentions is not None:
            person = next((m for m in reversed(mentions) if m.ref.type == "person" and m.end <= start), None)
            if person is None or start - person.end > 600:
                return False
            src = Source(person.ref.name, person.ref.country, "person", None)
        else:
            src = resolver.resolve(start, end)
        if src is None:
            return False
        cues.append(SourceCue(start, end, src, outer, cue))
        return True


def _chain(cues: list[SourceCue]) -> list[SourceCue]:
    """Outer cues (reporting verbs) first, then inner ones, each in text order, without repeats."""
    ordered = sorted(cues, key=lambda c: (not c.outer, c.start))
    seen: set[str] = set()
    out = []
    for cue in ordered:
        key = cue.source.name.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(cue)
    return out


class AttributionRecognizer:
    """Sets the `sources` of every sentence in `doc._.cg_sentences`."""

    def __init__(self, lang: str, user_gazetteers: tuple[str, ...] = ()) -> None:
        self.finder = AttributionFinder(lang, user_gazetteers)

    def __call__(self, doc: Doc) -> Doc:
        self.finder.annotate(doc)
        return doc


@Language.factory("claimgraph_attribution", assigns=["doc._.cg_sentences"], default_config={"user_gazetteers": []})
def make_attribution(nlp: Language, name: str, user_gazetteers: list[str]) -> AttributionRecognizer:
    """Return the attribution component for the pipeline's language."""
    return AttributionRecognizer(nlp.lang, tuple(user_gazetteers))
