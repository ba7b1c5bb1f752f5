"""Near-duplicate detection: precision and recall on edited copies of 10kGNAD articles.

Builds the test set at run time from ../shared/corpus/10kgnad/test.csv (nothing is copied into
the project): for each of N base articles it makes edited copies the way syndication and
light editing change articles —
  cut       the last third of the sentences removed,
  add       a paragraph from another article appended,
  headline  the first sentence (10kGNAD's teaser/headline) replaced by another article's,
  reword    every 12th word replaced,
  combined  cut + headline + reword,
and keeps the remaining corpus articles as unrelated documents. All documents go into a fresh
SQLite store; `analyze.update` links copies. A copy is found when it is linked to its own base
article; a link between documents of different families is a false positive.

Run: python bench/near_duplicates.py [--bases 300]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from claimgraph import analyze
from claimgraph.model import Document, Extraction, document_id
from claimgraph.store import Store

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "10kgnad" / "test.csv"
EDITS = ("cut", "add", "headline", "reword", "combined")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def load_texts() -> list[str]:
    """Return the article texts of the 10kGNAD test split."""
    csv.field_size_limit(sys.maxsize)
    with CORPUS.open(encoding="utf-8", newline="") as fh:
        return [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


def edit(kind: str, text: str, other: str, rng: random.Random) -> str:
    """Return `text` changed by one kind of edit (`other` supplies foreign sentences)."""
    sents, foreign = _sentences(text), _sentences(other)
    if kind == "cut":
        return " ".join(sents[: max(1, round(len(sents) * 2 / 3))])
    if kind == "add":
        return text + "\n\n" + " ".join(foreign[:3])
    if kind == "headline":
        return " ".join(foreign[:1] + sents[1:])
    if kind == "reword":
        words = text.split(" ")
        return " ".join("Zusatz" if i % 12 == 5 else w for i, w in enumerate(words))
    return edit("reword", edit("headline", edit("cut", text, other, rng), other, rng), other, rng)


def build(texts: list[str], bases: int, seed: int = 7) -> tuple[list[Extraction], dict[str, str]]:
    """Return the documents to store and, for each, its family (base article) and edit kind."""
    rng = random.Random(seed)
    long_enough = [t for t in texts if len(_sentences(t)) >= 6]
    rng.shuffle(long_enough)
    base_texts, rest = long_enough[:bases], long_enough[bases:]
    docs: list[Extraction] = []
    family: dict[str, str] = {}

    def add(text: str, fam: str, day: str, tag: str) -> None:
        url = f"https://bench.example/{fam}/{tag}"
        doc = Document(text, lang="de", published=day, url=url, id=document_id(text, url))
        docs.append(Extraction(document=doc))
        family[doc.id] = f"{fam}:{tag}"

    for i, text in enumerate(base_texts):
        add(text, f"b{i}", "2016-01-01", "base")
        other = base_texts[(i + 1) % len(base_texts)]
        for kind in EDITS:
            add(edit(kind, text, other, rng), f"b{i}", "2016-01-02", kind)
    for j, text in enumerate(rest):
        add(text, f"u{j}", "2016-01-01", "unrelated")
    return docs, family


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bases", type=int, default=300, help="base articles to copy (default 300)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} (needs ../shared)")
        return
    docs, family = build(load_texts(), args.bases)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/near.db")
        store.add_many(docs)
        start = time.perf_counter()
        counts = analyze.update(store)
        seconds = time.perf_counter() - start
        links = analyze.duplicates(store)
        store.close()
    linked = {r["document_id"]: r["duplicate_of"] for r in links}
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc_id, tag in family.items():
        fam, kind = tag.split(":")
        if kind in EDITS:
            total[kind] += 1
            target = linked.get(doc_id)
            if target is not None and family[target] == f"{fam}:base":
                found[kind] += 1
    right = sum(1 for d, t in linked.items() if family[d].split(":")[0] == family[t].split(":")[0])
    precision = right / len(linked) if linked else 1.0
    recall = sum(found.values()) / sum(total.values())
    print(f"documents {len(docs)} ({args.bases} base articles, {sum(total.values())} edited copies, "
          f"{len(docs) - args.bases - sum(total.values())} unrelated); analysed in {seconds:.1f} s")
    print(f"links {len(linked)} (exact {counts['exact_duplicates']}, near {counts['near_duplicates']}), "
          f"false links {len(linked) - right}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    for kind in EDITS:
        print(f"  recall {kind:<9} {found[kind] / total[kind]:.3f}  ({found[kind]}/{total[kind]})")
    false_links = [(d, t) for d, t in linked.items() if family[d].split(":")[0] != family[t].split(":")[0]]
    for d, t in false_links[:5]:
        print(f"  false link: {family[d]} -> {family[t]}")


if __name__ == "__main__":
    main()
