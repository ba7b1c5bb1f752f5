"""GePaDe-SpkAtt (dev split) against claimgraph's attribution cues and quote speakers.

Suite: ../shared/eval/gepade-spkatt/dev.json (CC0; Rehbein et al. 2024): 927 sentences of 18
Bundestag speeches, each speech event keyed by its cue token with SRL-style BIO roles (V = cue,
Source, Message, Addr, Topic, …). Each speech is one document: its sentences in order, tokens
joined by spaces, sentences by newlines, published = the date in the key.

What is compared:
- cue: gold = the V tokens of each event. Ours = for every SourceCue of a (not inherited)
  sentence in doc._.cg_sentences, the occurrence of its cue word ("sagte", "laut", "zufolge",
  "nach Angaben") in that sentence nearest to the source words; plus, for every quote with a
  speaker, the speech verb of the quote lexicon between the quote and its speaker. A prediction
  is right when it overlaps a gold cue's tokens.
- source: gold = the Source tokens of each event; ours = SourceCue start/end and quote
  speaker_start/end; overlap match. `source_r_named` is the recall on the gold sources that are
  not just a pronoun ("ich", "Sie", "wir", "man", "der", …): claimgraph attributes to named
  sources and resolves only er/sie/he/she, so pronoun sources are mostly out of reach.

Declined by design: events whose cue is a noun (lemma capitalised: "Antrag", "Frage", "Wort",
"Gesetzentwurf") — claimgraph's cues are verbs and prepositions. They are left out of gold (cue
and source) and a prediction overlapping only such an event's cue/source is not scored.
This is parliamentary speech, not news: many events are "ich sage", "Sie fordern".

Run: python bench/external/gepade_spkatt.py [--limit N]   (N = speeches; all 18 by default; ~2 s)
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ner_speech_common import TokenText, fmt, not_found, prf, run_main, safe_annotate, suite_dir

NAME = "gepade_spkatt"
FOLDER = "gepade-spkatt"
KEYS = ("cue_p", "cue_r", "cue_f1", "source_p", "source_r", "source_f1", "source_r_named")
METRICS = KEYS
PRONOUNS = frozenset(
    ["ich", "du", "er", "sie", "es", "wir", "ihr", "man", "mich", "mir", "uns", "euch", "ihn", "ihm", "ihnen", "wer", "der", "die", "das", "dem", "den", "denen", "deren", "dessen", "welche", "welcher", "niemand", "jemand", "mein", "meine", "meiner", "unser", "unsere", "unserer", "unseren", "ihre", "ihren", "ihrer", "ihrem", "sein", "seine", "seiner", "dies", "diese", "dieser", "alle", "viele", "einige"])


def _speech_verbs():
    """The quote component's speech-verb regex (None if the lexicon layout changed)."""
    try:
        from claimgraph.nlp.lexicon import lexicon, words_regex

        return words_regex([str(v) for v in lexicon("de").quotes["speech_verbs"]], flags=0)
    except Exception:  # noqa: BLE001
        return None


def read_speeches(path: Path, limit: int | None = None) -> list[dict]:
    """Speeches: key prefix, date, sentences (words, lemmas, events)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    speeches: dict[str, dict] = {}
    for key, sent in data.items():
        prefix, _, num = key.rpartition("-sentence-")
        sp = speeches.setdefault(prefix, {"key": prefix, "sentences": []})
        sp["sentences"].append((int(num) if num.isdigit() else 0, sent))
    out = []
    for sp in speeches.values():
        sp["sentences"].sort(key=lambda x: x[0])
        sp["sentences"] = [s for _, s in sp["sentences"]]
        m = re.search(r"(\d{2})\.(\d{2})\.(\d{4})$", sp["key"])
        sp["date"] = f"{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else None
        out.append(sp)
        if limit and len(out) >= limit:
            break
    return out


def _runs(roles: list[str], name: str) -> list[tuple[int, int]]:
    out, cur = [], None
    for i, r in enumerate(roles + ["_"]):
        if r == f"B-{name}" or (r == f"I-{name}" and cur is None):
            if cur:
                out.append(tuple(cur))
            cur = [i, i + 1]
        elif r == f"I-{name}" and cur is not None:
            cur[1] = i + 1
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    return out


def _nearest(text: str, lo: int, hi: int, word: str, anchor: int) -> tuple[int, int] | None:
    """The occurrence of `word` in text[lo:hi] nearest to `anchor`."""
    hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text[lo:hi], re.IGNORECASE)]
    if not hits:
        return None
    s, e = min(hits, key=lambda h: abs(lo + h[0] - anchor))
    return lo + s, lo + e


def run(limit: int | None = None, verbose: bool = False) -> dict:
    path = suite_dir(FOLDER) / "dev.json"
    if not path.exists():
        return not_found(NAME, METRICS)
    verbs = _speech_verbs()
    speeches = read_speeches(path, limit)
    c = Counter()
    declined = errors = 0
    n_sent = 0
    misses, false_cues, missed_src, false_src = Counter(), Counter(), Counter(), Counter()
    for sp in speeches:
        tokens, seps, events = [], [], []
        for sent in sp["sentences"]:
            base = len(tokens)
            n_sent += 1
            for j, w in enumerate(sent["words"]):
                seps.append("\n" if j == 0 else " ")
                tokens.append(w)
            for idx, ann in (sent.get("annotations") or {}).items():
                if ann.get("predicate", "_") == "_":
                    continue
                roles = ann["roles"]
                cue = [(base + s, base + e) for s, e in _runs(roles, "V")] or [(base + int(idx), base + int(idx) + 1)]
                lemma = sent["lemmas"][int(idx)] if int(idx) < len(sent["lemmas"]) else ""
                srcs = [(base + s, base + e) for s, e in _runs(roles, "Source")]
                events.append({"cue": cue, "sources": srcs, "nominal": lemma[:1].isupper(),
                               "cue_text": " ".join(tokens[s] for s, e in cue for s in range(s, e)),
                               "src_text": [" ".join(tokens[s:e]) for s, e in srcs]})
        tt = TokenText(tokens, seps)
        doc, exc = safe_annotate(tt.text, "de", sp["date"])
        if doc is None:
            errors += 1
            if verbose:
                print(f"  error: {exc!r} in {sp['key']}")
            continue
        text = tt.text
        # our cues and sources, as token ranges
        pred_cues: set[tuple[int, int]] = set()
        pred_srcs: set[tuple[int, int]] = set()
        for sent in getattr(doc._, "cg_sentences", None) or []:
            if sent.inherited:
                continue
            for sc in sent.sources:
                rng = tt.token_range(sc.start, sc.end)
                if rng:
                    pred_srcs.add(rng)
                first_word = sc.cue.split()[0] if sc.cue.split() else sc.cue
                hit = _nearest(text, sent.start, sent.end, sc.cue, sc.start) or _nearest(text, sent.start, sent.end, first_word, sc.start)
                if hit and (rng := tt.token_range(*hit)):
                    pred_cues.add(rng)
        for q in getattr(doc._, "cg_quotes", None) or []:
            if q.speaker_start < 0:
                continue
            rng = tt.token_range(q.speaker_start, q.speaker_end)
            if rng:
                pred_srcs.add(rng)
            if verbs is not None:
                lo, hi = (q.end, q.speaker_end) if q.speaker_start >= q.end else (q.speaker_start, q.start)
                for m in verbs.finditer(text, lo, hi):
                    if rng := tt.token_range(m.start(), m.end()):
                        pred_cues.add(rng)
        scored = [e for e in events if not e["nominal"]]
        declined += len(events) - len(scored)
        nominal_tokens = {i for e in events if e["nominal"] for s, t in e["cue"] + e["sources"] for i in range(s, t)}

        def overl(a: tuple[int, int], b: tuple[int, int]) -> bool:
            return a[0] < b[1] and b[0] < a[1]

        gold_cues = [cu for e in scored for cu in e["cue"]]
        gold_srcs = [(s, e_) for e in scored for s, e_ in e["sources"]]
        for kind, preds, golds, miss_ex, false_ex in (("cue", pred_cues, gold_cues, misses, false_cues),
                                                      ("source", pred_srcs, gold_srcs, missed_src, false_src)):
            for p in preds:
                if any(overl(p, g) for g in golds):
                    c[f"{kind}_tp_pred"] += 1
                    c[f"{kind}_pred"] += 1
                elif any(i in nominal_tokens for i in range(*p)):
                    c[f"{kind}_not_scored"] += 1
                else:
                    c[f"{kind}_pred"] += 1
                    false_ex[" ".join(tokens[p[0]:p[1]])] += 1
            for g in golds:
                c[f"{kind}_gold"] += 1
                if any(overl(p, g) for p in preds):
                    c[f"{kind}_tp_gold"] += 1
                else:
                    miss_ex[" ".join(tokens[g[0]:g[1]])] += 1
        for g in gold_srcs:
            if " ".join(tokens[g[0]:g[1]]).lower() not in PRONOUNS:
                c["named_gold"] += 1
                c["named_tp"] += any(overl(p, g) for p in pred_srcs)
    scores = {}
    for kind in ("cue", "source"):
        p, r, f = prf(c[f"{kind}_tp_pred"], c[f"{kind}_pred"], c[f"{kind}_tp_gold"], c[f"{kind}_gold"])
        scores[f"{kind}_p"], scores[f"{kind}_r"], scores[f"{kind}_f1"] = p, r, f
    scores["source_r_named"] = c["named_tp"] / c["named_gold"] if c["named_gold"] else None
    result = {"suite": NAME, "cases": n_sent, "scores": scores, "declined": declined, "errors": errors,
              "note": f"{n_sent} sentences in {len(speeches)} speeches; overlap match; declined = speech events "
                      f"with a nominal cue ({declined})"}
    if verbose:
        print(f"  {'task':7} {'gold':>6} {'pred':>6}   P     R     F1   (not scored)")
        for kind in ("cue", "source"):
            print(f"  {kind:7} {c[kind + '_gold']:6d} {c[kind + '_pred']:6d} {fmt(scores[kind + '_p'])} "
                  f"{fmt(scores[kind + '_r'])} {fmt(scores[kind + '_f1'])}  ({c[kind + '_not_scored']})")
        print(f"  source recall on non-pronoun gold sources: {c['named_tp']}/{c['named_gold']} = {fmt(scores['source_r_named'])}")
        print("  missed cues:", "; ".join(f"{w!r} x{n}" for w, n in misses.most_common(10)))
        print("  false cues:", "; ".join(f"{w!r} x{n}" for w, n in false_cues.most_common(10)))
        print("  missed sources:", "; ".join(f"{w!r} x{n}" for w, n in missed_src.most_common(10)))
        print("  false sources:", "; ".join(f"{w!r} x{n}" for w, n in false_src.most_common(10)))
    return result


def main() -> None:
    run_main(run, __doc__, KEYS, "only the first N speeches")


if __name__ == "__main__":
    main()
