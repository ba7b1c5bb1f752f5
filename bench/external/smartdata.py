"""DFKI SmartData corpus v3 (test split) against claimgraph's entities, times and quantities.

Suite: ../shared/eval/smartdata-de/test.json.gz (CC BY 4.0; Schiersch et al. 2018): 230 German
documents (news HTML, RSS items, tweets), concatenated JSON documents with character-offset
concept mentions into "text" and the document "date" (used as published). The document's own
text and tokenization are used (no re-joining): a gold or predicted character span covers the
corpus tokens it overlaps.

Mapping:
- NER: PERSON -> PER; ORGANIZATION, ORGANIZATION_COMPANY -> ORG; LOCATION, LOCATION_CITY -> LOC.
  LOCATION_STREET / LOCATION_STOP / LOCATION_ROUTE (streets, stations, roads of traffic reports)
  are outside what the gazetteer models: excluded from gold and counted under `declined`; a
  prediction overlapping only such a span is not scored. Ours: person -> PER, org -> ORG,
  country/place -> LOC; adjective/demonym, description* and coreference forms are not counted
  (SmartData sometimes labels adjectives LOCATION, e.g. "jurassischen": those stay misses).
  Exact token-span P/R/F1.
- DATE: our cg_times vs gold DATE, overlap match (a prediction is right when it overlaps a gold
  DATE, a gold DATE is found when a prediction overlaps it). Predictions overlapping only a gold
  TIME or DURATION are not scored (we normalise those too, SmartData labels them apart).
- NUMBER: our cg_quantities vs gold NUMBER, overlap match; predictions overlapping only a gold
  DISTANCE, DURATION, DATE or TIME are not scored.
All other labels (TRIGGER, DISASTER_TYPE, ORG_POSITION, …) are ignored.

Run: python bench/external/smartdata.py [--limit N]   (all 230 documents by default; ~5 s)
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ner_speech_common import (
    NerCounts,
    TokenText,
    fmt,
    not_found,
    prf,
    print_examples,
    run_main,
    safe_annotate,
    score_ner,
    suite_dir,
)

NAME = "smartdata"
FOLDER = "smartdata-de"
NER_MAP = {"PERSON": "PER", "ORGANIZATION": "ORG", "ORGANIZATION_COMPANY": "ORG", "LOCATION": "LOC", "LOCATION_CITY": "LOC"}
NER_EXCLUDED = ("LOCATION_STREET", "LOCATION_STOP", "LOCATION_ROUTE")
SPAN_TASKS = {  # metric prefix: (annotation attribute, gold label, labels whose overlap is not scored)
    "date": ("cg_times", "DATE", ("TIME", "DURATION")),
    "number": ("cg_quantities", "NUMBER", ("DISTANCE", "DURATION", "DATE", "TIME")),
}
KEYS = ("p", "r", "f1", "per_f1", "org_f1", "loc_f1", "date_p", "date_r", "date_f1", "number_p", "number_r", "number_f1")
METRICS = ("p", "r", "f1", "per_p", "per_r", "per_f1", "org_p", "org_r", "org_f1", "loc_p", "loc_r", "loc_f1",
           "date_p", "date_r", "date_f1", "number_p", "number_r", "number_f1")


def read_docs(path: Path, limit: int | None = None) -> list[dict]:
    """The concatenated JSON documents of the gzip file."""
    raw = gzip.open(path, "rt", encoding="utf-8").read()
    dec = json.JSONDecoder()
    docs, i = [], 0
    while i < len(raw):
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            break
        obj, i = dec.raw_decode(raw, i)
        docs.append(obj)
        if limit and len(docs) >= limit:
            break
    return docs


def _str(x) -> str | None:
    return x.get("string") if isinstance(x, dict) else x


def run(limit: int | None = None, verbose: bool = False) -> dict:
    path = suite_dir(FOLDER) / "test.json.gz"
    if not path.exists():
        return not_found(NAME, METRICS)
    docs = read_docs(path, limit)
    ner = NerCounts()
    span_counts = {k: Counter() for k in SPAN_TASKS}
    span_examples: dict[str, dict[str, Counter]] = {k: {"miss": Counter(), "false": Counter()} for k in SPAN_TASKS}
    declined = errors = 0
    by_type = Counter()
    for d in docs:
        text = _str(d["text"]) or ""
        toks = (d.get("tokens") or {}).get("array") or []
        offsets = [(t["span"]["start"], t["span"]["end"]) for t in toks]
        tt = TokenText([text[s:e] for s, e in offsets], offsets=offsets, text=text)
        mentions = (d.get("conceptMentions") or {}).get("array") or []
        gold, excluded = [], []
        for m in mentions:
            rng = tt.token_range(m["span"]["start"], m["span"]["end"])
            if rng is None:
                continue
            if m["type"] in NER_MAP:
                gold.append((rng[0], rng[1], NER_MAP[m["type"]]))
            elif m["type"] in NER_EXCLUDED:
                excluded.append(rng)
                declined += 1
        date = (_str(d.get("date")) or "")[:10] or None
        dtype = next(iter((d.get("docType") or {}).values()), "?")
        by_type[dtype] += 1
        doc, exc = safe_annotate(text, "de", date)
        if doc is None:
            errors += 1
            if verbose:
                print(f"  error: {exc!r} in {text[:80]!r}")
            continue
        score_ner(doc, tt, gold, excluded, ner, ctx=dtype)
        for key, (attr, label, ignore) in SPAN_TASKS.items():
            g = [(m["span"]["start"], m["span"]["end"]) for m in mentions if m["type"] == label]
            ig = [(m["span"]["start"], m["span"]["end"]) for m in mentions if m["type"] in ignore]
            preds = [(x.start, x.end) for x in getattr(doc._, attr, None) or []]
            c = span_counts[key]
            c["gold"] += len(g)
            for s, e in preds:
                if any(gs < e and s < ge for gs, ge in g):
                    c["tp_pred"] += 1
                    c["pred"] += 1
                elif any(gs < e and s < ge for gs, ge in ig):
                    c["not_scored"] += 1
                else:
                    c["pred"] += 1
                    span_examples[key]["false"][text[s:e]] += 1
            for gs, ge in g:
                if any(gs < e and s < ge for s, e in preds):
                    c["tp_gold"] += 1
                else:
                    span_examples[key]["miss"][text[gs:ge]] += 1
    scores = ner.scores()
    for key in SPAN_TASKS:
        c = span_counts[key]
        p, r, f = prf(c["tp_pred"], c["pred"], c["tp_gold"], c["gold"])
        scores[f"{key}_p"], scores[f"{key}_r"], scores[f"{key}_f1"] = p, r, f
    result = {"suite": NAME, "cases": len(docs), "scores": {k: scores.get(k) for k in METRICS}, "declined": declined,
              "errors": errors,
              "note": f"{len(docs)} documents ({', '.join(f'{k} {v}' for k, v in by_type.items())}); NER exact span, "
                      f"DATE/NUMBER overlap; declined = street/stop/route gold mentions"}
    if verbose:
        print(ner.table("SmartData test, PER/ORG/LOC (exact span)"))
        print_examples(ner)
        print(f"  {'task':7} {'gold':>6} {'pred':>6}   P     R     F1   (overlap; not scored)")
        for key in SPAN_TASKS:
            c = span_counts[key]
            print(f"  {key:7} {c['gold']:6d} {c['pred']:6d} {fmt(scores[key + '_p'])} {fmt(scores[key + '_r'])} "
                  f"{fmt(scores[key + '_f1'])}  ({c['not_scored']})")
            print("    misses:", "; ".join(f"{w!r} x{n}" for w, n in span_examples[key]["miss"].most_common(8)))
            print("    false alarms:", "; ".join(f"{w!r} x{n}" for w, n in span_examples[key]["false"].most_common(8)))
    return result


def main() -> None:
    run_main(run, __doc__, KEYS, "only the first N documents")


if __name__ == "__main__":
    main()
