"""Redewiedergabe corpus, non-fiction subset (German newspapers/magazines 1840-1920), against
claimgraph's direct-quote finder and its speakers.

Suite: ../shared/eval/redewiedergabe-nonfiction/tsv/*.tsv (CC BY-NC-SA 4.0: evaluation only, do
not ship it or anything derived from it). One token per line with the columns tok, normtok, lemma,
pos, rfpos, sentstart, stwr, frame, speaker, intexpr, note (column_based_text_format.md). Each file
(one sample of ~550 tokens) is one document: the original `tok` column joined by spaces, no
published date.

Mapping:
- gold direct speech: the tokens whose stwr column has, at any nesting level ("|"), an annotation
  of type `direct` (alternatives such as direct_indirect count too; indirect, freeIndirect and
  reported do not). One annotation ID may be interrupted by its frame ("„…“, sagte er, „…“"): every
  contiguous run of an ID is one gold span, as our quotes are.
- ours: doc._.cg_quotes (the words inside the marks).
- match: quote-mark tokens are dropped on both sides; a quote matches a gold run when they share
  at least 50 % of the longer one's tokens (one-to-one, greedy by overlap). P/R/F1.
- declined by design: gold runs with no quotation mark inside or right next to them (historical
  texts often give direct speech after a colon without marks); claimgraph only reads quotes in
  marks. They are left out of recall (quote_r_all counts them) and a quote overlapping only them
  is not scored.
- speaker: the speaker column ("speaker.12_19" = speaker of IDs 12 and 19). speaker_acc = among
  matched quotes where gold names a speaker and we give one, the share whose speaker_start/end
  overlaps the gold speaker tokens. Where gold marks a pronoun ("sagte er") we point at the
  antecedent name, which counts as wrong here. speaker_cov = share of matched quotes with a gold
  speaker for which we give any speaker.
Expect low numbers: 19th-century spelling and typography, long quoted documents and verse.

Run: python bench/external/redewiedergabe.py [--limit N]   (N = files; all 332 by default; ~10 s)
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ner_speech_common import TokenText, fmt, not_found, prf, run_main, safe_annotate, suite_dir

NAME = "redewiedergabe"
FOLDER = "redewiedergabe-nonfiction"
KEYS = ("quote_p", "quote_r", "quote_f1", "quote_r_all", "speaker_acc", "speaker_cov")
METRICS = KEYS
MARKS = frozenset('„“”"»«‚‘’\'›‹')


def read_file(path: Path) -> dict:
    """Tokens, gold direct runs {id: [(s, e)]} and speaker tokens {id: set}."""
    tokens: list[str] = []
    direct: dict[str, list[int]] = defaultdict(list)
    speakers: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < len(header):
                continue
            i = len(tokens)
            tokens.append(cols[col["tok"]])
            for ann in cols[col["stwr"]].split("|"):
                parts = ann.split(".")
                if len(parts) >= 3 and "direct" in parts[0].split("_"):
                    direct[parts[2]].append(i)
            sp = cols[col["speaker"]]
            if sp.startswith("speaker."):
                for sid in sp.split(".", 1)[1].split("_"):
                    speakers[sid].add(i)
    runs: list[tuple[str, int, int]] = []
    for sid, idxs in direct.items():
        idxs = sorted(set(idxs))
        start = prev = idxs[0]
        for i in idxs[1:] + [None]:  # type: ignore[list-item]
            if i is not None and i == prev + 1:
                prev = i
                continue
            runs.append((sid, start, prev + 1))
            if i is not None:
                start = prev = i
    return {"tokens": tokens, "runs": runs, "speakers": speakers}


def run(limit: int | None = None, verbose: bool = False) -> dict:
    folder = suite_dir(FOLDER) / "tsv"
    if not folder.is_dir():
        return not_found(NAME, METRICS)
    files = sorted(folder.glob("*.tsv"))
    if limit:
        files = files[:limit]
    c = Counter()
    declined = errors = 0
    missed, false, wrong_speaker = [], [], []
    for path in files:
        data = read_file(path)
        tokens = data["tokens"]
        tt = TokenText(tokens)
        doc, exc = safe_annotate(tt.text, "de", None)
        if doc is None:
            errors += 1
            if verbose:
                print(f"  error: {exc!r} in {path.name}")
            continue

        def words(s: int, e: int) -> set[int]:
            return {i for i in range(s, e) if tokens[i] not in MARKS}

        gold = []
        for sid, s, e in data["runs"]:
            marked = any(tokens[i] in MARKS or any(ch in MARKS for ch in tokens[i][:1] + tokens[i][-1:])
                         for i in range(max(0, s - 1), min(len(tokens), e + 1)))
            gold.append({"id": sid, "s": s, "e": e, "words": words(s, e), "marked": marked})
        scored = [g for g in gold if g["marked"] and g["words"]]
        declined += sum(1 for g in gold if not g["marked"])
        c["gold"] += len(scored)
        c["gold_all"] += len([g for g in gold if g["words"]])
        unmarked_tokens = {i for g in gold if not g["marked"] for i in range(g["s"], g["e"])}
        preds = []
        for q in getattr(doc._, "cg_quotes", None) or []:
            rng = tt.token_range(q.start, q.end)
            if rng:
                preds.append((q, words(*rng)))
        pairs = []
        for pi, (q, pw) in enumerate(preds):
            for gi, g in enumerate(gold):
                inter = len(pw & g["words"])
                if inter and inter >= 0.5 * max(len(pw), len(g["words"])):
                    pairs.append((inter, pi, gi))
        used_p, used_g = set(), set()
        matches = []
        for inter, pi, gi in sorted(pairs, reverse=True):
            if pi in used_p or gi in used_g:
                continue
            used_p.add(pi)
            used_g.add(gi)
            matches.append((preds[pi][0], gold[gi]))
        for gi, g in enumerate(gold):
            if gi in used_g:
                c["tp_gold_all"] += 1
                c["tp_gold"] += g["marked"]
            elif g["marked"] and g["words"] and len(missed) < 2000:
                missed.append((path.name, " ".join(tokens[g["s"]:g["e"]])[:100]))
        for pi, (q, pw) in enumerate(preds):
            if pi in used_p:
                c["pred"] += 1
                c["tp_pred"] += 1
            elif pw & unmarked_tokens and not any(pw & g["words"] for g in gold if g["marked"]):
                c["not_scored"] += 1
            else:
                c["pred"] += 1
                if len(false) < 2000:
                    false.append((path.name, tt.text[q.start:q.end][:100]))
        for q, g in matches:
            gsp = data["speakers"].get(g["id"])
            if not gsp:
                continue
            c["with_gold_speaker"] += 1
            if q.speaker_start < 0:
                continue
            c["speaker_given"] += 1
            rng = tt.token_range(q.speaker_start, q.speaker_end)
            if rng and any(i in gsp for i in range(*rng)):
                c["speaker_ok"] += 1
            elif len(wrong_speaker) < 500:
                wrong_speaker.append((path.name, tt.text[q.speaker_start:q.speaker_end],
                                      " ".join(tokens[i] for i in sorted(gsp))))
    p, r, f = prf(c["tp_pred"], c["pred"], c["tp_gold"], c["gold"])
    scores = {"quote_p": p, "quote_r": r, "quote_f1": f,
              "quote_r_all": c["tp_gold_all"] / c["gold_all"] if c["gold_all"] else None,
              "speaker_acc": c["speaker_ok"] / c["speaker_given"] if c["speaker_given"] else None,
              "speaker_cov": c["speaker_given"] / c["with_gold_speaker"] if c["with_gold_speaker"] else None}
    result = {"suite": NAME, "cases": len(files), "scores": scores, "declined": declined, "errors": errors,
              "note": f"{len(files)} files; {c['gold']} marked gold direct-speech runs; overlap >= 50 %; "
                      f"declined = gold runs without quotation marks ({declined})"}
    if verbose:
        print(f"  {'task':7} {'gold':>6} {'pred':>6}   P     R     F1   (not scored)")
        print(f"  {'quotes':7} {c['gold']:6d} {c['pred']:6d} {fmt(p)} {fmt(r)} {fmt(f)}  ({c['not_scored']})")
        print(f"  recall incl. unmarked gold runs: {c['tp_gold_all']}/{c['gold_all']} = {fmt(scores['quote_r_all'])}")
        print(f"  speaker: gold speaker on {c['with_gold_speaker']} matched quotes, ours on {c['speaker_given']}, "
              f"right {c['speaker_ok']} (acc {fmt(scores['speaker_acc'])}, cov {fmt(scores['speaker_cov'])})")
        for label, items in (("missed", missed), ("false", false)):
            print(f"  {label} quotes (first 4):")
            for name, t in items[:4]:
                print(f"    {name}: {t!r}")
        print("  wrong speakers (ours | gold), first 6:")
        for name, ours, g in wrong_speaker[:6]:
            print(f"    {name}: {ours!r} | {g!r}")
    return result


def main() -> None:
    run_main(run, __doc__, KEYS, "only the first N files (sorted by name)")


if __name__ == "__main__":
    main()
