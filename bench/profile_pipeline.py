"""Profile extract() on ../shared/corpus/10kgnad/test.csv with pyinstrument and print the hot spots.

Prints the pipeline build time (per language), then a call tree of extraction over the first
N articles (default 300) with the functions that take the most time. Run:
    python bench/profile_pipeline.py [--limit N] [--html profile.html] [--startup]

(Not bench/profile.py: that name would shadow the standard library's `profile`, which
cProfile, and through it spaCy, imports.)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import CORPUS, load_texts

from claimgraph import Document, extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=300, help="articles to profile (default 300)")
    parser.add_argument("--html", type=Path, default=None, help="also write pyinstrument's HTML report here")
    parser.add_argument("--startup", action="store_true", help="profile building the pipelines instead")
    args = parser.parse_args()
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("needs pyinstrument: pip install 'claimgraph[dev]'")
        return
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} (needs ../shared)")
        return
    texts = load_texts(args.limit)
    profiler = Profiler(interval=0.0005)
    if args.startup:
        profiler.start()
    for lang, text in (("de", "Laut Berichten wurden 3 Soldaten verletzt."), ("en", "Three soldiers were wounded.")):
        t0 = time.perf_counter()
        extract(Document(text, lang=lang))
        print(f"pipeline build + first document ({lang}): {time.perf_counter() - t0:.2f} s")
    if args.startup:
        profiler.stop()
    else:
        profiler.start()
        t0 = time.perf_counter()
        for text in texts:
            extract(Document(text, lang="de"))
        seconds = time.perf_counter() - t0
        profiler.stop()
        print(f"{len(texts)} articles in {seconds:.2f} s ({len(texts) / seconds:.1f} docs/s, profiler on)")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"HTML report: {args.html}")


if __name__ == "__main__":
    main()
