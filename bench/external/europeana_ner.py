"""Europeana Newspapers NER (German: LFT + ONB) against claimgraph's gazetteer entity recognizer.

Suite: ../shared/eval/europeana-newspapers-ner-de/enp_DE.lft.bio and enp_DE.onb.bio (CC0): raw OCR
of historical newspapers (1710-1926), "token TAG" per line, BIO with PER/LOC/ORG. There are no
blank lines and the .md files give most page line ranges as "L000??? - L000???", so the token
stream of each file is cut into chunks of ~200 tokens (a chunk ends at the first sentence end
".!?" after 150 tokens, or at 250 tokens) and each chunk is one document (tokens joined by
spaces, no published date). What this measures: how far gazetteer matching survives OCR
misspellings ("Oesterreich", "LeopolduS/") and historical spelling.

Mapping (as in germeval2014.py): gold PER/ORG/LOC; the few stray labels (B-BER, I-MISC) are
excluded from gold and counted under `declined`. Ours: person -> PER, org -> ORG, country/place
-> LOC; adjective/demonym, description* and coreference forms are not counted as predictions; a
prediction overlapping only an excluded gold span is not scored. Exact token-span P/R/F1 per type
and overall, per file and together.

Run: python bench/external/europeana_ner.py [--limit N]   (N = chunks per file; all ~490 by default, ~10 s)
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

NAME = "europeana_ner"
FOLDER = "europeana-newspapers-ner-de"
FILES = ("enp_DE.lft.bio", "enp_DE.onb.bio")
KEYS = ("p", "r", "f1", "per_f1", "org_f1", "loc_f1", "lft_f1", "onb_f1")
METRICS = ("p", "r", "f1", "per_p", "per_r", "per_f1", "org_p", "org_r", "org_f1", "loc_p", "loc_r", "loc_f1",
           "lft_p", "lft_r", "lft_f1", "onb_p", "onb_r", "onb_f1")
CHUNK_MIN, CHUNK_MAX = 150, 250


def read_chunks(path: Path, limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """The file's (tokens, tags) cut into chunks of ~200 tokens at sentence ends."""
    chunks: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").rsplit(" ", 1)
            if len(parts) != 2 or not parts[0]:
                continue
            tok, tag = parts
            toks.append(tok)
            tags.append(tag)
            end_here = len(toks) >= CHUNK_MAX or (len(toks) >= CHUNK_MIN and tok in (".", "!", "?") and not tag.startswith(("B-", "I-")))
            if end_here:
                # a hard cut at CHUNK_MAX never splits an entity: its B-/I- run moves to the next chunk
                cut = len(toks)
                while cut > len(toks) - 10 and tags[cut - 1] != "O":
                    cut -= 1
                chunks.append((toks[:cut], tags[:cut]))
                toks, tags = toks[cut:], tags[cut:]
                if tags and tags[0].startswith("I-"):
                    tags[0] = "B-" + tags[0][2:]
                if limit and len(chunks) >= limit:
                    return chunks
    if toks and not (limit and len(chunks) >= limit):
        chunks.append((toks, tags))
    return chunks


def run(limit: int | None = None, verbose: bool = False) -> dict:
    folder = suite_dir(FOLDER)
    if not all((folder / f).exists() for f in FILES):
        return not_found(NAME, METRICS)
    total = NerCounts()
    per_file: dict[str, NerCounts] = {}
    cases = declined = errors = 0
    tokens = 0
    for fname in FILES:
        counts = NerCounts()
        for toks, tags in read_chunks(folder / fname, limit):
            cases += 1
            tokens += len(toks)
            spans = bio_spans(tags)
            gold = [(s, e, t) for s, e, t in spans if t in ("PER", "ORG", "LOC")]
            excluded = [(s, e) for s, e, t in spans if t not in ("PER", "ORG", "LOC")]
            declined += len(excluded)
            tt = TokenText(toks)
            doc, exc = safe_annotate(tt.text, "de", None)
            if doc is None:
                errors += 1
                if verbose:
                    print(f"  error: {exc!r}")
                continue
            score_ner(doc, tt, gold, excluded, counts, ctx=fname)
        per_file[fname] = counts
        total.add(counts)
    scores = total.scores()
    for fname, key in zip(FILES, ("lft_", "onb_")):
        s = per_file[fname].scores(key)
        scores.update({k: v for k, v in s.items() if k in METRICS})
    result = {"suite": NAME, "cases": cases, "scores": {k: scores.get(k) for k in METRICS}, "declined": declined,
              "errors": errors,
              "note": f"{cases} chunks of ~200 tokens ({tokens} tokens) from {', '.join(FILES)}; exact span; "
                      f"declined = gold mentions with labels other than PER/ORG/LOC"}
    if verbose:
        for fname in FILES:
            print(per_file[fname].table(fname))
        print(total.table("both files (exact span)"))
        print_examples(total, 10)
    return result


def main() -> None:
    run_main(run, __doc__, KEYS, "only the first N chunks of each file")


if __name__ == "__main__":
    main()
