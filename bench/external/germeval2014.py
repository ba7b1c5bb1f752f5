"""GermEval 2014 NER (test split) against claimgraph's gazetteer entity recognizer.

Suite: ../shared/eval/germeval2014-ner/NER-de-test.tsv (CC BY 4.0; Benikova et al. 2014). Each
sentence ("#<TAB>source URL<TAB>[date]" header, then index, token, outer tag, nested tag) is one
document: tokens joined by spaces, published = the sentence's date.

Mapping:
- gold: only the outer tag column is scored; PER, ORG, LOC kept; OTH and every *deriv / *part label
  (LOCderiv "deutschen", LOCpart "EU-weit") are excluded from gold and counted under `declined`.
- ours: person -> PER, org -> ORG, country/place -> LOC. Mentions with the non-name forms
  adjective/demonym ("britischen", "Nordkoreaner"), description* ("die Polizei") and coreference
  are not counted as predictions; a prediction that overlaps only an excluded gold span (OTH,
  *deriv, *part) is neither right nor wrong. Both are listed as "predictions not scored".
- exact token-span match (a token is in our span when it overlaps it), P/R/F1 per type and
  overall, on all sentences and on the news sentences (source URL not wikipedia).

Run: python bench/external/germeval2014.py [--limit N]   (all 5,100 sentences by default; ~15 s)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ner_speech_common import (
    NerCounts,
    TokenText,
    bio_spans,
    not_found,
    print_examples,
    run_main,
    safe_annotate,
    score_ner,
    suite_dir,
)

NAME = "germeval2014"
FOLDER = "germeval2014-ner"
KEYS = ("p", "r", "f1", "per_f1", "org_f1", "loc_f1", "news_p", "news_r", "news_f1")
METRICS = tuple(k for k in (
    "p", "r", "f1", "per_p", "per_r", "per_f1", "org_p", "org_r", "org_f1", "loc_p", "loc_r", "loc_f1",
    "news_p", "news_r", "news_f1", "news_per_f1", "news_org_f1", "news_loc_f1"))


def read_sentences(path: Path, limit: int | None = None) -> list[dict]:
    """Sentences of the tsv: url, date, tokens, outer tags."""
    out: list[dict] = []
    cur: dict | None = None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#\t"):
                parts = line.split("\t")
                date = parts[2].strip("[] ") if len(parts) > 2 else ""
                cur = {"url": parts[1] if len(parts) > 1 else "", "date": date or None, "tokens": [], "tags": []}
                continue
            if not line.strip():
                if cur and cur["tokens"]:
                    out.append(cur)
                    if limit and len(out) >= limit:
                        return out
                cur = None
                continue
            cols = line.split("\t")
            if cur is None or len(cols) < 3:
                continue
            cur["tokens"].append(cols[1])
            cur["tags"].append(cols[2])
    if cur and cur["tokens"] and not (limit and len(out) >= limit):
        out.append(cur)
    return out


def run(limit: int | None = None, verbose: bool = False) -> dict:
    folder = suite_dir(FOLDER)
    path = folder / "NER-de-test.tsv"
    if not path.exists():
        return not_found(NAME, METRICS)
    sents = read_sentences(path, limit)
    total, news = NerCounts(), NerCounts()
    declined = errors = 0
    excluded_labels: dict[str, int] = {}
    for sent in sents:
        spans = bio_spans(sent["tags"])
        gold = [(s, e, t) for s, e, t in spans if t in ("PER", "ORG", "LOC")]
        excluded = [(s, e) for s, e, t in spans if t not in ("PER", "ORG", "LOC")]
        for s, e, t in spans:
            if t not in ("PER", "ORG", "LOC"):
                excluded_labels[t] = excluded_labels.get(t, 0) + 1
        declined += len(excluded)
        tt = TokenText(sent["tokens"])
        doc, exc = safe_annotate(tt.text, "de", sent["date"])
        if doc is None:
            errors += 1
            if verbose:
                print(f"  error: {exc!r} in {tt.text[:80]!r}")
            continue
        c = NerCounts()
        score_ner(doc, tt, gold, excluded, c, ctx=tt.text)
        total.add(c)
        if "wikipedia.org" not in sent["url"]:
            news.add(c)
    scores = total.scores()
    news_scores = news.scores("news_")
    scores.update({k: v for k, v in news_scores.items() if k in METRICS})
    n_news = sum(1 for s in sents if "wikipedia.org" not in s["url"])
    note = (f"{len(sents)} sentences ({n_news} news); exact span; declined = excluded gold mentions "
            f"({', '.join(f'{k} {v}' for k, v in sorted(excluded_labels.items()))})")
    result = {"suite": NAME, "cases": len(sents), "scores": {k: scores.get(k) for k in METRICS},
              "declined": declined, "errors": errors, "note": note}
    if verbose:
        print(total.table("GermEval 2014 test, all sentences (exact span)"))
        print_examples(total)
        print(news.table(f"news sentences only ({n_news})"))
        print_examples(news)
    return result


def main() -> None:
    run_main(run, __doc__, KEYS, "only the first N sentences")


if __name__ == "__main__":
    main()
