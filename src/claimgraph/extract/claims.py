"""Claims out of an annotated Doc: each counted quantity or event verb with its kind, actor,
target, time, sources, modality, evidence and sentence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from claimgraph.extract.kinds import (
    VICTIM_KINDS,
    EventLexicon,
    Trigger,
    event_lexicon,
    resolve_kind,
)
from claimgraph.extract.roles import candidates, nationality
from claimgraph.model import Claim, Quantity, Source, Span, TimeExpr
from claimgraph.nlp.annotations import EntityMention, QuantityMention, SentenceInfo, TimeMention
from claimgraph.nlp.index import ByStart
from claimgraph.nlp.lexicon import lexicon

_SEGMENT_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]–—]|\s-\s")
_RELATIVE = {
    "de": re.compile(r"^\s*(?:die|der|das|welche|welcher|welches|denen)\b", re.I),
    "en": re.compile(r"^\s*(?:who|which|that|whom)\b", re.I),
}
_DEMONSTRATIVE = {
    "de": re.compile(r"^\s*(?:diese|dieser|dieses|jene|die)\s+\w+", re.I),
    "en": re.compile(r"^\s*(?:these|those|the)\s+\w+", re.I),
}
# Denial verbs negate what follows them in their sentence, beyond their own clause.
_DENIALS = ("dementi", "bestritt", "bestreit", "bestritten", "zurückgewiesen", "wies", "denied", "denies", "deny", "rejected")
_SINCE_THEN = re.compile(r"(?<!\w)(?:seitdem|seither|since then)(?!\w)", re.I)
_COORDINATION = re.compile(r"\s(?:and|but|while|whereas)\s", re.I)
_ROLE_KINDS_ACTOR_FROM_NOUN = frozenset({"deploy", "labor", "supply", "attack", "measure", *VICTIM_KINDS})
_FAMILY = {"deploy": "deploy", "labor": "deploy", "supply": "supply", "attack": "attack", "intercepted": "attack"}
_SELF_REPORTING = frozenset({"armed_group", "military", "government", "person"})


@dataclass
class Scope:
    """The clause(s) a claim lives in."""

    segments: list[tuple[int, int]]
    trigger: Trigger | None = None
    triggers: list[Trigger] = field(default_factory=list)

    def contains(self, pos: int) -> bool:
        """True when `pos` lies in one of the segments."""
        return any(s <= pos < e for s, e in self.segments)

    @property
    def start(self) -> int:
        """Start of the first segment."""
        return min(s for s, _ in self.segments)

    @property
    def end(self) -> int:
        """End of the last segment."""
        return max(e for _, e in self.segments)


def segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence into clause-like segments at commas, semicolons, colons, brackets, dashes."""
    out = []
    pos = start
    for m in _SEGMENT_BREAK.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return [(s, e) for s, e in out if text[s:e].strip()] or [(start, end)]


class ClaimBuilder:
    """Builds the claims of one annotated Doc."""

    def __init__(self, doc: Doc, lang: str) -> None:
        self.doc = doc
        self.text = doc._.cg_text
        self.lang = lang
        self.events: EventLexicon = event_lexicon(lang)
        self.units = lexicon(lang).units
        self.mentions: list[EntityMention] = doc._.cg_entities or []
        self.times: list[TimeMention] = [t for t in doc._.cg_times or [] if t.time is not None]
        self.cues = doc._.cg_cues or []
        self.mention_index = ByStart(self.mentions)
        self.time_index = ByStart(self.times)
        self.cue_index = ByStart(self.cues)
        self.quantity_index = ByStart(doc._.cg_quantities or [])
        self.sentence_starts = [s.start for s in doc._.cg_sentences or []]
        self.focus: str | None = doc._.cg_focus_country
        self.claims: list[Claim] = []
        # Triggers matter only where there is an amount: search those sentences alone.
        quantity_starts = sorted(q.start for q in doc._.cg_quantities or [])

        def has_amount(s: SentenceInfo) -> bool:
            k = bisect.bisect_left(quantity_starts, s.start)
            return k < len(quantity_starts) and quantity_starts[k] < s.end

        self.triggers = sorted(
            (t for s in doc._.cg_sentences or [] if has_amount(s) for t in self.events.find(self.text, s.start, s.end)),
            key=lambda t: t.start,
        )
        self.trigger_index = ByStart(self.triggers)

    def build(self) -> list[Claim]:
        """Return every claim of the document in text order."""
        sentences: list[SentenceInfo] = self.doc._.cg_sentences or []
        quantities: list[QuantityMention] = self.doc._.cg_quantities or []
        qi = 0
        verbal_starts = [m.start() for m in self.events.verbal_union.finditer(self.text)] if self.events.verbal_union else []
        for k, sent in enumerate(sentences):
            while qi < len(quantities) and quantities[qi].start < sent.start:
                qi += 1
            has_amount = qi < len(quantities) and quantities[qi].start < sent.end
            v = bisect.bisect_left(verbal_starts, sent.start)
            has_verb = v < len(verbal_starts) and verbal_starts[v] < sent.end
            if not has_amount and not has_verb:
                continue  # most sentences state no claim: skip them before any clause work
            segs = segments(self.text, sent.start, sent.end)
            triggers = self.trigger_index.between(sent.start, sent.end)
            sentence_claims: list[tuple[Claim, Scope]] = []
            while qi < len(quantities) and quantities[qi].start < sent.start:
                qi += 1
            qj = qi
            while qj < len(quantities) and quantities[qj].start < sent.end:
                claim_scope = self._quantity_claim(quantities[qj], sent, segs, triggers, sentence_claims)
                if claim_scope is not None:
                    sentence_claims.append(claim_scope)
                qj += 1
            sentence_claims.extend(self._verbal_claims(sent, segs, sentence_claims))
            sentence_claims.sort(key=lambda cs: cs[0].evidence.start)
            self.claims.extend(c for c, _ in sentence_claims)
            self._backfill_time(k, sentences, [c for c, _ in sentence_claims])
        for n, claim in enumerate(self.claims):
            claim.id = f"c{n + 1}"
        return self.claims

    # --- quantity claims -------------------------------------------------------------------
    def _quantity_claim(self, q: QuantityMention, sent: SentenceInfo, segs: list[tuple[int, int]],
                        triggers: list[Trigger], previous: list[tuple[Claim, Scope]]) -> tuple[Claim, Scope] | None:
        category = q.category
        near = self.mention_index.between(min(q.start, q.noun_start if q.noun_start >= 0 else q.start) - 40, max(q.end, q.noun_end) + 15)
        nat = nationality(near, q.noun_start, q.noun_end, q.start, self.text)
        if category is None and nat is not None and q.noun_start >= 0:
            category = "person"  # a demonym counted: "Tausende Nordkoreaner"
        if category is not None and category not in self.units.claim_categories:
            return None
        seg = next((s for s in segs if s[0] <= q.start < s[1]), segs[0])
        if self.events.no_claim.search(self.text, seg[0], q.start):
            return None
        if category is None and q.noun_start < 0:
            category = self._elided_unit(previous)
        noun_kind = self.events.unit_kinds.get((self.text[q.noun_start : q.noun_end] if q.noun_start >= 0 else "").lower())
        scope = self._scope(q, seg, segs, triggers)
        kind = resolve_kind(scope.triggers, category, noun_kind)
        if kind is None:
            return None
        if category is None and kind in VICTIM_KINDS | {"deploy", "labor"}:
            category = "person"
        if category == "worker" and kind in VICTIM_KINDS:
            category = "person"  # "neun Mitarbeiter getötet": people, whatever their job
        actor, target = self._roles(kind, scope, sent, nat, q)
        if kind in _FAMILY and (actor is None or target is None):
            actor, target = self._inherit_roles(kind, actor, target)
        if kind == "intercepted" and target is None:
            target = next((c.actor for c in reversed(self.claims) if c.kind == "attack" and c.actor), None)
        if kind == "attack" and target is None and self.focus != actor:
            target = self.focus  # an attack the text places nowhere else hits the article's country
        quantity = Quantity(q.quantity.min, q.quantity.max, category, q.quantity.noun, q.quantity.span)
        claim = Claim(
            kind=kind,
            evidence=self._evidence(q, scope, sent),
            sentence=Span(sent.start, sent.end, self.text[sent.start : sent.end]),
            actor=actor,
            target=None if kind in VICTIM_KINDS else target,
            quantity=quantity,
            time=self._time(scope, sent, seg, q.start),
            place=self._place(scope),
            sources=[c.source for c in sent.sources],
            modality=self._modality(scope, max(q.end, scope.trigger.end if scope.trigger else 0)),
        )
        if previous and self.events.subset.match(self.text, seg[0] + len(self.text[seg[0] : seg[1]]) - len(self.text[seg[0] : seg[1]].lstrip())):
            whole = previous[-1][0]  # "…, darunter 120 Zivilisten": part of the claim before it
            claim.time = claim.time or whole.time
            claim.actor = claim.actor if nat is not None else whole.actor or claim.actor
        return claim, scope

    def _elided_unit(self, previous: list[tuple[Claim, Scope]]) -> str | None:
        """"32 Menschen starben, 80 weitere wurden verletzt": the unit of the previous amount."""
        for claim, _ in reversed(previous):
            if claim.quantity is not None and claim.quantity.unit:
                return claim.quantity.unit
        return None

    def _scope(self, q: QuantityMention, seg: tuple[int, int], segs: list[tuple[int, int]], triggers: list[Trigger]) -> Scope:
        idx = segs.index(seg)
        noun_end = q.noun_end if q.noun_end > 0 else q.end
        if idx + 1 < len(segs):
            nxt = segs[idx + 1]
            between = self.text[noun_end : seg[1]].split()
            attached = len(between) <= 2 and all(w.islower() for w in between)
            if attached and _RELATIVE[self.lang].match(self.text[nxt[0] : nxt[1]]):
                rel = [t for t in triggers if nxt[0] <= t.start < nxt[1]]
                if rel:
                    return Scope([nxt], rel[0], rel)
        own = self._own_triggers(q, seg, triggers)
        if own:
            nearest = min(own, key=lambda t: abs(t.start - q.start))
            return Scope([seg], nearest, own)
        others = [t for t in triggers if not (q.start <= t.start < q.end)]
        if others:
            nearest = min(others, key=lambda t: abs(t.start - q.start))
            tseg = next((s for s in segs if s[0] <= nearest.start < s[1]), seg)
            same = [t for t in others if tseg[0] <= t.start < tseg[1]]
            return Scope(sorted({seg, tseg}), nearest, same)
        return Scope([seg])

    def _own_triggers(self, q: QuantityMention, seg: tuple[int, int], triggers: list[Trigger]) -> list[Trigger]:
        """Triggers of the quantity's clause; with several amounts in it, those between its
        neighbours, and of those the ones after it ("300 killed and 2,700 wounded")."""
        others = [x for x in self.quantity_index.between(seg[0], seg[1]) if x is not q]
        lo = max([x.end for x in others if x.end <= q.start], default=seg[0])
        hi = min([x.start for x in others if x.start >= q.end], default=seg[1])
        own = [t for t in triggers if lo <= t.start < hi and not (q.start <= t.start < q.end)]
        if q.noun_start > q.end:
            # "zwei verwundete Soldaten gefangen": words between amount and noun describe the
            # people; the clause's own verb decides, unless there is none ("4.000 getöteten …")
            attributive = [t for t in own if q.end <= t.start < q.noun_start]
            verbs = [t for t in own if t not in attributive]
            if attributive and verbs:
                own = verbs
        after = [t for t in own if t.start >= q.end]
        if others and after and len(after) < len(own):
            return after
        return own

    def _roles(self, kind: str, scope: Scope, sent: SentenceInfo, nat, q: QuantityMention | None) -> tuple[str | None, str | None]:
        excluded = [(c.start, c.end) for c in sent.sources if not c.outer]
        excluded += [(c.start, c.end) for c in sent.sources if c.outer]
        cands = [
            c
            for s, e in scope.segments
            for c in candidates(self.text, self.mention_index.between(s, e), s, e, self.lang)
            if not any(a <= c.mention.start < b for a, b in excluded)
        ]
        nat_name = None
        if nat is not None:
            nat_name = nat.name if nat.type in ("country", "org") else nat.country
        if kind in VICTIM_KINDS:
            cands = [c for c in cands if c.mention.ref.type != "org"]  # a group named here is the perpetrator
            actor = nat_name
            for role in ("origin", "in", "bare"):
                if actor is None:
                    actor = next((c.country if role == "in" else c.name for c in cands if c.role == role and (c.country if role == "in" else c.name)), None)
            if actor is None:
                sentence_cands = [
                    c for c in candidates(self.text, self.mention_index.between(sent.start, sent.end), sent.start, sent.end, self.lang)
                    if not any(a <= c.mention.start < b for a, b in excluded) and c.role == "in"
                ]
                actor = next((c.country for c in sentence_cands if c.country), None)
            if actor is None:
                # "von ihnen wurden 6.000 getötet": the people of the last claims about people
                unit = q.category if q is not None else None
                noun = q.noun_start if q is not None else -1
                actor = next(
                    (c.actor for c in reversed(self.claims[-4:])
                     if c.actor and c.sentence.start >= sent.start - 600 and c.kind in VICTIM_KINDS | {"deploy"}
                     and (noun < 0 or (c.quantity is not None and c.quantity.unit == unit))),
                    None,
                )
            return actor or self.focus, None
        actor = target = None
        if nat_name is not None:
            if kind == "intercepted":
                target = nat_name
            else:
                actor = nat_name
        hostile = kind in ("attack", "sanction", "intercepted")
        for c in cands:
            name = c.name
            if not name or name in (actor, target) or (c.role == "target" and not hostile and c.against):
                continue  # troops sent "in den Krieg gegen die Ukraine" go to Russia, not to Ukraine
            if c.role == "target" and target is None:
                target = name
        for c in cands:
            name = c.name
            if not name or name in (actor, target) or c.role == "target":
                continue
            if c.role == "in" and target is None:
                target = name
            elif c.role in ("origin", "bare") and actor is None:
                actor = name
            elif c.role == "bare" and target is None:
                target = name
        if actor is None:
            self_report = [c for c in sent.sources if c.outer and c.source.kind in _SELF_REPORTING]
            if self_report:
                src = self_report[0].source
                actor = src.name if src.kind == "armed_group" else (src.country or src.name)
        return actor, target

    def _inherit_roles(self, kind: str, actor: str | None, target: str | None) -> tuple[str | None, str | None]:
        """Fill a missing actor or target from the last claim of the same kind of event."""
        family = _FAMILY.get(kind)
        for claim in reversed(self.claims[-50:]):  # a storyline is carried by recent claims
            same = _FAMILY.get(claim.kind) == family and (kind == "intercepted") == (claim.kind == "intercepted")
            related = family in ("deploy", "supply") and _FAMILY.get(claim.kind) in ("deploy", "supply") and actor and claim.actor == actor
            if not (same or related):
                continue
            if actor is None and claim.actor and claim.actor != target:
                actor = claim.actor
            if target is None and claim.target and (actor is None or claim.actor == actor) and claim.target != actor:
                target = claim.target
            break
        return actor, target

    def _evidence(self, q: QuantityMention, scope: Scope, sent: SentenceInfo) -> Span:
        start, end = q.start, max(q.end, q.noun_end)
        t = scope.trigger
        if t is not None and abs(t.start - q.start) < 120:
            start, end = min(start, t.start), max(end, t.end)
        start, end = max(start, sent.start), min(end, sent.end)
        return Span(start, end, self.text[start:end])

    def _time(self, scope: Scope, sent: SentenceInfo, own: tuple[int, int] | None = None,
              anchor: int | None = None) -> TimeExpr | None:
        if own is not None and own in scope.segments:
            mine = self.time_index.between(own[0], own[1])
            if mine:
                if anchor is not None:  # "am Samstag 307 und am Sonntag 303": the nearest before it
                    before = [t for t in mine if t.start < anchor]
                    return (before[-1] if before else mine[0]).time
                return mine[0].time
            head = self.text[own[0] : own[1]].split()[:1]
            if head and self.lang == "en" and head[0].endswith("ing"):
                # ", killing at least one person": a participle clause shares its sentence's time
                earlier = self.time_index.between(sent.start, own[0])
                if earlier:
                    return earlier[-1].time
            since = _SINCE_THEN.search(self.text, sent.start, own[1])
            if since:
                # "Seitdem wurden … getötet": since the last date named before
                dated = self.time_index.last_before(sent.start, lambda t: bool(t.time and t.time.value))
                if dated is not None and dated.time is not None and dated.time.value:
                    return TimeExpr(after=dated.time.value, span=Span(since.start(), since.end(), since.group(0)))
        inside = [t for s, e in scope.segments for t in self.time_index.between(s, e)]
        if inside:
            return min(inside, key=lambda t: t.start).time
        in_sentence = self.time_index.between(sent.start, sent.end)
        if len(in_sentence) == 1 and len(scope.segments) >= 1:
            seg_of_time = in_sentence[0].start
            if not any(s <= seg_of_time < e for s, e in scope.segments):
                return in_sentence[0].time if self._time_is_free(in_sentence[0], sent) else None
        return None

    def _time_is_free(self, t: TimeMention, sent: SentenceInfo) -> bool:
        """A time in another clause applies only if that clause holds no amount of its own."""
        segs = segments(self.text, sent.start, sent.end)
        seg = next((s for s in segs if s[0] <= t.start < s[1]), None)
        if seg is None:
            return False
        return not self.quantity_index.between(seg[0], seg[1])

    def _place(self, scope: Scope) -> str | None:
        for s, e in scope.segments:
            for m in self.mention_index.between(s, e):
                if m.ref.type == "place":
                    return m.ref.name
        return None

    def _modality(self, scope: Scope, anchor: int | None = None) -> str:
        """Negated or hedged by a cue in the claim's clause; in English a hedge must come before
        the claim's verb ("have been moved … and are expected to join": the move is asserted)."""
        sentence = self._sentence_of(scope.start)
        first = self.sentence_starts[sentence] if sentence >= 0 else scope.start
        if any(
            c.kind == "negated" and c.text.lower().startswith(_DENIALS)
            for c in self.cue_index.between(first, scope.end)
        ):
            return "negated"  # "Die RSF dementierten, Zivilisten angegriffen zu haben"
        inside = sorted((c for s, e in scope.segments for c in self.cue_index.between(s, e)), key=lambda c: c.start)
        if self.lang == "en" and anchor is not None:
            # "have been moved … and are expected to join": a hedge in a later coordinated verb
            # phrase is not this claim's
            inside = [c for c in inside if c.start < anchor or not _COORDINATION.search(self.text, anchor, c.start)]
        if any(c.kind == "negated" for c in inside):
            return "negated"
        if any(c.kind == "hedged" for c in inside):
            return "hedged"
        return "asserted"

    def _sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    # --- claims without a number -----------------------------------------------------------
    def _verbal_claims(self, sent: SentenceInfo, segs: list[tuple[int, int]], existing: list[tuple[Claim, Scope]]) -> list[tuple[Claim, Scope]]:
        out: list[tuple[Claim, Scope]] = []
        for kind, (regex, needs) in self.events.verbal.items():
            for m in regex.finditer(self.text, sent.start, sent.end):
                seg = next((s for s in segs if s[0] <= m.start() < s[1]), None)
                if seg is None or self.events.no_claim.search(self.text, seg[0], m.start()):
                    continue
                if any(scope.contains(m.start()) or (c.kind == kind) for c, scope in existing + out):
                    continue
                if needs and not self._names_unit(sent, needs):
                    continue
                trigger = Trigger(m.start(), m.end(), kind, m.group(0))
                scope = Scope([seg], trigger, [trigger])
                actor, target = self._roles(kind, Scope([(sent.start, sent.end)], trigger, [trigger]), sent, None, None)
                if kind in _FAMILY and (actor is None or target is None):
                    actor, target = self._inherit_roles(kind, actor, target)
                if kind == "attack" and target is None and self.focus != actor:
                    target = self.focus
                claim = Claim(
                    kind=kind,
                    evidence=Span(m.start(), m.end(), m.group(0)),
                    sentence=Span(sent.start, sent.end, self.text[sent.start : sent.end]),
                    actor=actor,
                    target=target,
                    time=self._time(scope, sent),
                    place=self._place(Scope([(sent.start, sent.end)])),
                    sources=[c.source for c in sent.sources],
                    modality=self._modality(scope, m.end()),
                )
                out.append((claim, scope))
        return out

    def _names_unit(self, sent: SentenceInfo, needs: frozenset[str]) -> bool:
        for m in re.finditer(r"[\w\-]+", self.text[sent.start : sent.end]):
            if self.units.category(m.group(0)) in needs:
                return True
        return False

    # --- discourse -------------------------------------------------------------------------
    def _backfill_time(self, k: int, sentences: list[SentenceInfo], claims: list[Claim]) -> None:
        """"… will 25.000 Soldaten entsenden. Diese Truppen könnten in den kommenden Monaten …":
        a demonstrative taking up the counted people carries the next sentence's time back."""
        if k + 1 >= len(sentences):
            return
        nxt = sentences[k + 1]
        head = self.text[nxt.start : nxt.end]
        m = _DEMONSTRATIVE[self.lang].match(head)
        if m is None:
            return
        noun = m.group(0).split()[-1]
        category = self.units.category(noun)
        if category is None:
            return
        first_seg = segments(self.text, nxt.start, nxt.end)[0]
        times = self.time_index.between(first_seg[0], first_seg[1])
        if not times:
            return
        for claim in claims:
            if claim.time is None and claim.quantity is not None and claim.quantity.unit in (category, "person", "soldier"):
                claim.time = times[0].time


def build_claims(doc: Doc, lang: str) -> list[Claim]:
    """Return the claims of an annotated Doc."""
    return ClaimBuilder(doc, lang).build()


__all__ = ["Source", "build_claims", "segments"]
