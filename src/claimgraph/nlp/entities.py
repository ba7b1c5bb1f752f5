"""Entities with canonical identity: gazetteer names, demonyms, capitals, misspellings and
names found from context (titles, speech verbs), resolved within the document."""

from __future__ import annotations

from collections import Counter

import spacy
from rapidfuzz import fuzz, process
from spacy.attrs import IDX, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from claimgraph.nlp.annotations import EntityMention, EntityRef
from claimgraph.nlp.gazetteer import Gazetteer, load_first_names, load_gazetteer, stem, stem_phrase
from claimgraph.nlp.lexicon import lexicon, load_data
from claimgraph.nlp.vocabulary import common_words

# Left neighbours that make a capital a location, not its government ("in Kiew", "visit to Kyiv").
# "aus Kiew", "von Moskau" usually mean the government ("Angaben aus Kiew"), so they are not here.
_LOCATIVE = frozenset(
    "in im nach bei nahe zu zur zum near to at into outside around across visit visited".split()
)
_TYPE_ORDER = {"country": 0, "org": 1, "person": 2, "place": 3}
_FUNCTION_WORDS = frozenset(
    "der die das den dem des ein eine einer einen einem und oder aber in im am an auf aus bei mit nach "
    "von vom zu zur zum für gegen über unter seit laut sagte sagt erklärte the a an and or of in on at "
    "to for with by from said says told".split()
)
_ARTICLES = frozenset("der die das des dem den ein eine einer eines einem einen the a an".split())
_DASHES = frozenset({"–", "—", "-", "("})
_SPEECH_AFTER_NAME = frozenset("sagte sagt erklärte betonte said says told added warned".split())


def _is_name_token(text: str) -> bool:
    head = text[:1]
    return head.isupper() and any(c.islower() for c in text[1:]) and text.replace("-", "").replace("'", "").isalpha()


class EntityRecognizer:
    """Finds entity mentions and sets `doc._.cg_entities` and `doc._.cg_focus_country`."""

    def __init__(self, nlp: Language, user_gazetteers: tuple[str, ...] = (), fuzzy_cutoff: float = 88.0) -> None:
        self.gaz: Gazetteer = load_gazetteer(user_gazetteers)
        self.lex = lexicon(nlp.lang)
        self.vocab_words = common_words(nlp.lang)
        self.fuzzy_cutoff = fuzzy_cutoff
        self.speech_verbs = frozenset(str(v).lower() for v in self.lex.quotes["speech_verbs"])
        # compounds end in a role: "US-Sondergesandte", "Kremlsprecher", "Verteidigungsminister"
        self.role_endings = tuple(r for r in self.lex.roles if len(r) >= 6 and r.isalpha())
        self.context_triggers = frozenset(self.lex.roles | self.speech_verbs | set(self.lex.org_roles))
        self.first_names = load_first_names()
        self.first_names_lower = frozenset(n.lower() for n in self.first_names)
        heads = {key[1].split()[-1] for key in self.gaz.descriptions}
        # every inflected form a head's stem may come from, so most tokens are rejected by one lookup
        self.description_forms = frozenset(h + e for h in heads for e in ("", "es", "en", "em", "er", "e", "s", "n"))
        self.description_heads = frozenset(heads)
        # The patterns are tokenized in a scratch pipeline of the same language: their tens of
        # thousands of words would otherwise grow the main vocabulary and slow every tokenization.
        # ORTH values are string hashes, so the matcher still matches the main pipeline's docs.
        scratch = spacy.blank(nlp.lang)
        self.matcher = PhraseMatcher(scratch.vocab, attr="ORTH")
        surfaces = list(self.gaz.surfaces)
        for start in range(0, len(surfaces), 5000):
            chunk = surfaces[start : start + 5000]
            self.matcher.add("GAZ", list(scratch.tokenizer.pipe(chunk)))
        nlp.vocab.strings.add("GAZ")
        self.fuzzy_by_initial: dict[str, list[str]] = {}
        for name in self.gaz.fuzzy_names:
            self.fuzzy_by_initial.setdefault(name[:1].lower(), []).append(name)

    # --- matching ---------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        mentions: list[EntityMention] = []
        spans = filter_spans(self.matcher(doc, as_spans=True))
        covered: set[int] = set()
        for span in spans:
            ref_form = self._choose(doc, span.start, span.end, span.text)
            if ref_form is None:
                continue
            ref, form = ref_form
            mentions.append(EntityMention(span.start_char, span.end_char, ref, form))
            covered.update(range(span.start, span.end))
            first = span[0]
            country = self.gaz.adjectives.get(first.lower_) if ref.type == "org" and len(span) > 1 else None
            if country is not None:  # "britische Militärgeheimdienst" also names the United Kingdom
                mentions.append(EntityMention(first.idx, first.idx + len(first.text), country, "adjective"))
        # Token texts and offsets as plain Python values: loops over them avoid creating a Token
        # object per word, which dominated this component's time.
        if doc._.cg_tokens is not None:
            texts, idxs = doc._.cg_tokens
        else:
            rows = doc.to_array([ORTH, IDX]).tolist()
            strings = doc.vocab.strings
            texts = [strings[o] for o, _ in rows]
            idxs = [i for _, i in rows]
        mentions.extend(self._token_mentions(doc, texts, idxs, covered))
        mentions.extend(self._statistical_entities(doc, covered))
        mentions.extend(self._context_names(doc, texts, idxs, covered))
        mentions = self._coreference(doc, texts, idxs, mentions, covered)
        mentions = self._regions(doc, mentions)
        focus = self._focus_country(doc, mentions)
        mentions.extend(self._descriptions(doc, texts, idxs, mentions, covered, focus))
        mentions.sort(key=lambda m: (m.start, -m.end))
        doc._.cg_entities = mentions
        doc._.cg_focus_country = focus
        return doc

    @staticmethod
    def _located_after(texts: list[str], idxs: list[int], i: int, by_start: dict[int, EntityMention]) -> str | None:
        """ "das Verteidigungsministerium in Moskau": the country of the place right after."""
        if i + 2 >= len(texts) or texts[i + 1].lower() not in ("in", "im"):
            return None
        m = by_start.get(idxs[i + 2])
        if m is None:
            return None
        return m.ref.name if m.ref.type == "country" else m.ref.country

    def _regions(self, doc: Doc, mentions: list[EntityMention]) -> list[EntityMention]:
        """A place after a region noun is the region: "den Provinzen Diyarbakir und Sirnak"."""
        roles = load_data(self.lex.lang, "roles")
        nouns = frozenset(str(n).lower() for n in roles.get("region_nouns") or [])
        patterns = [str(p) for p in roles.get("region_patterns") or []]
        text = doc._.cg_text
        out = []
        previous_end = -1
        previous_region = False
        for m in mentions:
            if m.ref.type != "place":
                out.append(m)
                continue
            before = text[max(0, m.start - 40) : m.start].split()
            between = text[previous_end : m.start] if previous_end >= 0 else ""
            follows_region = previous_region and between.strip() in ("und", "and", ",", "sowie", "or", "oder")
            last = before[-1].lower() if before else ""
            if last in nouns or any(last.endswith(n) for n in nouns if len(n) >= 6) or follows_region:
                surface = text[m.start : m.end]
                region = next(
                    (r for p in patterns for r, _ in self.gaz.lookup(p.format(surface)) if r.type == "place"), None
                )
                if region is not None:
                    m = EntityMention(m.start, m.end, region, m.form)
                    previous_region = True
                else:
                    previous_region = False
            else:
                previous_region = False
            previous_end = m.end
            out.append(m)
        return out

    def _descriptions(self, doc: Doc, texts: list[str], idxs: list[int], mentions: list[EntityMention],
                      covered: set[int], focus: str | None) -> list[EntityMention]:
        """Bodies named by description: "das russische Verteidigungsministerium", "Rotes Kreuz"."""
        heads = self.description_heads
        by_end = {m.end: m for m in mentions if m.ref.type == "country"}
        by_start = {m.start: m for m in mentions}
        out: list[EntityMention] = []
        text = doc._.cg_text
        for i, word in enumerate(texts):
            if word.lower() not in self.description_forms or i in covered or stem(word) not in heads:
                continue
            if i + 1 < len(texts) and (i + 1) in covered:
                continue  # "die Nachrichtenagentur Yonhap": the name that follows says which one
            end = idxs[i] + len(word)
            found = None
            for first in (i - 1, i):  # "defence ministry", then "Verteidigungsministerium"
                if first < 0:
                    continue
                phrase = stem_phrase(text[idxs[first] : end])
                adj = by_end.get(idxs[first - 1] + len(texts[first - 1])) if first else None
                if adj is None and first >= 2 and texts[first - 1] in ("'s", "’s"):
                    adj = by_end.get(idxs[first - 2] + len(texts[first - 2]))  # "Russia's defense ministry"
                located = self._located_after(texts, idxs, i, by_start)
                if adj is not None:
                    countries = [adj.ref.name]
                elif located is not None:
                    countries = [located]
                else:
                    countries = [focus, None] if first < i else [focus]
                for country in countries:
                    ref = self.gaz.descriptions.get((country, phrase))
                    if ref is not None:
                        # named by its country ("russische Verteidigungsministerium"), or only by the
                        # article's country: a name-like phrase ("Rotes Kreuz") or a generic word ("Polizei")
                        form = "description" if adj else "description_focus" if first < i else "description_generic"
                        found = EntityMention(adj.start if adj else idxs[first], end, ref, form)
                        break
                if found:
                    break
            if found:
                out.append(found)
                covered.add(i)
        return out

    def _choose(self, doc: Doc, start: int, end: int, surface: str) -> tuple[EntityRef, str] | None:
        entries = self.gaz.lookup(surface)
        if not entries:
            return None
        capital = [e for e in entries if e[1] in ("capital", "capital_city")]
        if capital:
            locative = self._is_locative(doc, start)
            want = "capital_city" if locative else "capital"
            for ref, form in capital:
                if form == want:
                    return ref, form
        entries = sorted(entries, key=lambda e: _TYPE_ORDER.get(e[0].type, 9))
        ref, form = entries[0]
        if surface.isupper() and len(surface) <= 3 and end < len(doc) and doc[end].text.startswith("@"):
            return None  # "RT @user:" marks a retweet, not the broadcaster
        adjective = self.gaz.adjectives.get(doc[start - 1].lower_) if start else None
        if ref.type == "org" and adjective is not None and adjective.name != ref.country:
            # "des russischen Sicherheitsrats" is Russia's council, not the UN's: the name is
            # used as a description of the adjective's country, or names nothing we know
            national = self.gaz.descriptions.get((adjective.name, stem_phrase(surface)))
            return (national, "description") if national is not None else None
        if form == "capital_city":
            return ref, form
        return ref, form

    def _is_locative(self, doc: Doc, start: int) -> bool:
        prev = start - 1
        while prev >= 0 and doc[prev].is_space:
            prev -= 1
        if prev < 0 or doc[prev].is_sent_start is True and "\n" in doc[prev].text:
            return self._dateline(doc, start)
        if doc[prev].lower_ in _LOCATIVE:
            return True
        return self._dateline(doc, start)

    @staticmethod
    def _dateline(doc: Doc, start: int) -> bool:
        """A place name opening a sentence and followed by a dash or "(agency)": a dateline."""
        first_in_sentence = start == 0 or doc[start].is_sent_start or doc[start - 1].is_space
        if not first_in_sentence:
            return False
        nxt = start + 1
        while nxt < len(doc) and (doc[nxt].is_space or doc[nxt].text == ","):
            nxt += 1
        return nxt < len(doc) and doc[nxt].text in _DASHES

    def _token_mentions(self, doc: Doc, texts: list[str], idxs: list[int], covered: set[int]) -> list[EntityMention]:
        out: list[EntityMention] = []
        adjectives = self.gaz.adjectives
        for i, text in enumerate(texts):
            if i in covered or not text[:1].isalpha():
                continue
            idx = idxs[i]
            if text.isupper() and len(text) > 2 and text.isalpha() is False or (text.isupper() and len(text) > 3):
                dateline = self._dateline_place(text)
                if dateline is not None:
                    out.append(EntityMention(idx, idx + len(text), dateline, "dateline"))
                    covered.add(i)
                    continue
            ref = adjectives.get(text.lower())
            if ref is not None:
                out.append(EntityMention(idx, idx + len(text), ref, "adjective"))
                covered.add(i)
                continue
            if "-" in text and len(text) > 3:
                head = text.split("-", 1)[0]
                hit = self.gaz.lookup(head)
                ref = hit[0][0] if hit else adjectives.get(head.lower())
                if ref is not None and ref.type in ("country", "org", "person"):
                    out.append(EntityMention(idx, idx + len(head), ref, "compound"))
                    covered.add(i)
                    continue
            prev_word = texts[i - 1].lower() if i else ""
            if len(text) >= 6 and _is_name_token(text) and text.lower() not in self.vocab_words and prev_word not in _ARTICLES:
                ref = self._fuzzy(text)
                if ref is not None:
                    out.append(EntityMention(idx, idx + len(text), ref, "fuzzy"))
                    covered.add(i)
        return out

    def _dateline_place(self, text: str) -> EntityRef | None:
        """ "KIEW", "MOSKAU/SEOUL": a place written in capitals, as datelines are (first part)."""
        for part in text.split("/"):
            for ref, form in self.gaz.lookup(part.title()):
                if ref.type == "place" or form == "capital_city":
                    return ref
        return None

    def _fuzzy(self, text: str) -> EntityRef | None:
        choices = self.fuzzy_by_initial.get(text[:1].lower())
        if not choices:
            return None
        best = process.extractOne(text, choices, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
        if best is None or abs(len(best[0]) - len(text)) > 2:
            return None
        return self.gaz.fuzzy_names[best[0]]

    def _statistical_entities(self, doc: Doc, covered: set[int]) -> list[EntityMention]:
        """The seam for a statistical NER model: its entities we do not know become unknown ones."""
        labels = {"PER": "person", "PERSON": "person", "ORG": "org", "LOC": "place", "GPE": "place"}
        out: list[EntityMention] = []
        for ent in doc.ents:
            etype = labels.get(ent.label_)
            if etype is None or any(i in covered for i in range(ent.start, ent.end)):
                continue
            out.append(EntityMention(ent.start_char, ent.end_char, EntityRef(ent.text, etype, known=False), "model"))
            covered.update(range(ent.start, ent.end))
        return out

    def _context_names(self, doc: Doc, texts: list[str], idxs: list[int], covered: set[int]) -> list[EntityMention]:
        """Names no gazetteer knows, found after a title or role ("Regierungschef Gheorghe Brega")."""
        out: list[EntityMention] = []
        roles = self.context_triggers
        n = len(texts)
        i = 0
        org_roles = self.lex.org_roles
        german = self.lex.lang == "de"
        endings = self.role_endings
        while i < n:
            word = texts[i]
            # most words start no name: one set lookup (and a suffix test for long German words)
            if not word[:1].isalpha():
                i += 1
                continue
            lower = word.lower()
            if word in self.first_names and i not in covered:
                found = self._first_name_run(texts, idxs, i, covered, doc._.cg_text)
                if found is not None:
                    out.append(found[0])
                    i = found[1]
                    continue
            if lower not in roles and not (german and len(lower) > 8 and lower.endswith(endings)):
                i += 1
                continue
            org_kind = org_roles.get(lower)
            if org_kind is not None and i + 1 < n and (i + 1) not in covered:
                j = i + 1
                names = []
                while j < n and len(names) < 4 and j not in covered and (
                    _is_name_token(texts[j]) or (texts[j].isupper() and len(texts[j]) > 1)
                ):
                    if texts[j].lower() in _FUNCTION_WORDS or (self._is_common(texts[j]) and not texts[j].isupper()):
                        break
                    names.append(j)
                    j += 1
                if names:
                    start, end = idxs[names[0]], idxs[names[-1]] + len(texts[names[-1]])
                    adj = self.gaz.adjectives.get(texts[i - 1].lower()) if i else None  # "türkischen Stiftung TIHV"
                    ref = EntityRef(doc._.cg_text[start:end], "org", country=adj.name if adj else None, kind=org_kind, known=False)
                    out.append(EntityMention(start, end, ref, "context"))
                    covered.update(names)
                    i = j
                    continue
            if org_kind is None:
                j = i + 1
                names: list[int] = []
                while j < n and len(names) < 4 and j not in covered and _is_name_token(texts[j]):
                    word = texts[j]
                    common = self._is_common(word) and self.lex.lang == "de"  # English: capitals mark names
                    if common and not names and j + 1 < n and _is_name_token(texts[j + 1]) and not self._is_common(texts[j + 1]):
                        common = False  # "Lee Seong-kweun": a common word followed by a rare name
                    if word.lower() in _FUNCTION_WORDS or word.lower() in self.lex.roles or common:
                        break
                    names.append(j)
                    j += 1
                    # "Lee Seong-kweun": the tokenizer splits the hyphen off
                    if j + 1 < n and texts[j] == "-" and idxs[j - 1] + len(texts[j - 1]) == idxs[j] and idxs[j] + 1 == idxs[j + 1] and texts[j + 1].isalpha():
                        names.extend((j, j + 1))
                        j += 2
                if names and (len(names) >= 2 or not self._is_common(texts[names[0]])):
                    start, end = idxs[names[0]], idxs[names[-1]] + len(texts[names[-1]])
                    name = doc._.cg_text[start:end]
                    adj = self.gaz.adjectives.get(texts[i - 1].lower()) if i else None  # "der ukrainische Gouverneur X"
                    ref = EntityRef(name, "person", country=adj.name if adj else None, kind="person", known=False)
                    out.append(EntityMention(start, end, ref, "context"))
                    covered.update(names)
                    i = j
                    continue
            i += 1
        return out

    def _first_name_run(self, texts: list[str], idxs: list[int], i: int, covered: set[int],
                        text: str) -> tuple[EntityMention, int] | None:
        """ "Gheorghe Brega", "Tom Perriello": a given name and one or two surname words."""
        j = i + 1
        names = [i]
        while j < len(texts) and len(names) < 3 and j not in covered and _is_name_token(texts[j]):
            if texts[j].lower() in _FUNCTION_WORDS or texts[j].lower() in self.lex.roles:
                break
            names.append(j)
            j += 1
            if j + 1 < len(texts) and texts[j] == "-" and idxs[j - 1] + len(texts[j - 1]) == idxs[j] and idxs[j] + 1 == idxs[j + 1]:
                names.extend((j, j + 1))
                j += 2
        if len(names) < 2:
            return None
        # A German surname that is a common noun ("Koch") is accepted after a given name, but a
        # run of given name + common noun at a sentence start ("Frank Reaktion") is not.
        last = texts[names[-1]]
        if self.lex.lang == "de" and self._is_common(last) and last.lower() not in self.first_names_lower and len(names) == 2 and (i == 0 or texts[i - 1] in ".!?\n"):
            return None
        start, end = idxs[names[0]], idxs[names[-1]] + len(texts[names[-1]])
        covered.update(names)
        ref = EntityRef(text[start:end], "person", kind="person", known=False)
        return EntityMention(start, end, ref, "context"), j

    def _is_common(self, word: str) -> bool:
        return word.lower() in self.vocab_words

    def _coreference(self, doc: Doc, texts: list[str], idxs: list[int], mentions: list[EntityMention],
                     covered: set[int]) -> list[EntityMention]:
        """Surnames of people named in full earlier, acronyms in brackets after a name."""
        by_surname: dict[str, EntityRef] = {}
        for m in mentions:
            if m.ref.type == "person" and " " in doc._.cg_text[m.start : m.end]:
                parts = doc._.cg_text[m.start : m.end].split()
                by_surname[parts[-1]] = m.ref
                if not m.ref.known:
                    by_surname.setdefault(parts[0], m.ref)  # "Lee Seong-kweun" … "Lee said"
        acronyms: dict[str, EntityRef] = {}
        for m in mentions:
            after = doc._.cg_text[m.end : m.end + 12]
            if after.startswith(" (") and ")" in after:
                acr = after[2 : after.index(")")]
                if acr.isupper() and 2 <= len(acr) <= 8:
                    acronyms[acr] = m.ref
        if not by_surname and not acronyms:
            return mentions
        extra: list[EntityMention] = []
        for i, word in enumerate(texts):
            if i in covered:
                continue
            ref = by_surname.get(word) or acronyms.get(word)
            if ref is not None:
                extra.append(EntityMention(idxs[i], idxs[i] + len(word), ref, "coreference"))
                covered.add(i)
        return mentions + extra

    def _focus_country(self, doc: Doc, mentions: list[EntityMention]) -> str | None:
        """The country the article is mostly about: the most mentioned one (first mentioned on ties)."""
        counts: Counter[str] = Counter()
        for m in mentions:
            country = m.ref.name if m.ref.type == "country" else m.ref.country if m.ref.type == "place" else None
            if country:
                counts[country] += 1  # a dateline counts once: agencies file from neighbouring capitals
        if not counts:
            return None
        return counts.most_common(1)[0][0]


@Language.factory(
    "claimgraph_entities",
    assigns=["doc._.cg_entities", "doc._.cg_focus_country"],
    default_config={"user_gazetteers": [], "fuzzy_cutoff": 88.0},
)
def make_entity_recognizer(nlp: Language, name: str, user_gazetteers: list[str], fuzzy_cutoff: float) -> EntityRecognizer:
    """Return the entity recognizer over the shipped gazetteer plus the user's files."""
    return EntityRecognizer(nlp, tuple(user_gazetteers), fuzzy_cutoff)
