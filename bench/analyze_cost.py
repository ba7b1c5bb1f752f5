"""What the analysis adds to ingesting: all 1,028 10kGNAD test articles with and without it.

Runs `claimgraph ingest ../shared/corpus/10kgnad/test.csv` into fresh SQLite stores, once with
`--no-analyze` and once with the analysis (duplicates, storylines) at the end, alternating
`--rounds` times; prints the best time of each and the extra in per cent (target < 25 %).
On a busy machine the two ingest times vary more than the analysis costs, so it also times
`claimgraph analyze` on the store ingested without it (minus the start-up of the command,
measured by a second, no-op run): that is exactly the work ingest adds.

Run: python bench/analyze_cost.py [--rounds 2] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "10kgnad" / "test.csv"
CLI = [str(Path(sys.executable).with_name("claimgraph"))]


def ingest(db: str, analyze: bool, workers: int | None) -> float:
    """Return the seconds one ingest of the corpus into `db` takes."""
    args = [*CLI, "ingest", str(CORPUS), "--delimiter", ";", "--quotechar", "'", "--db", db]
    if workers:
        args += ["--workers", str(workers)]
    if not analyze:
        args.append("--no-analyze")
    start = time.perf_counter()
    done = subprocess.run(args, check=False, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some articles failed and were recorded; the run is complete
        raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs of each (default 2)")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default: the CLI's)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} (needs ../shared)")
        return
    without: list[float] = []
    with_analysis: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            without.append(ingest(f"sqlite:///{tmp}/plain{i}.db", False, args.workers))
            with_analysis.append(ingest(f"sqlite:///{tmp}/analysed{i}.db", True, args.workers))
        analyse = [*CLI, "analyze", "--json", "--db", f"sqlite:///{tmp}/plain0.db"]
        start = time.perf_counter()
        out = subprocess.run(analyse, check=True, capture_output=True, text=True)
        first = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(analyse, check=True, capture_output=True)
        noop = time.perf_counter() - start
    plain, analysed = min(without), min(with_analysis)
    print(f"ingest without analysis: {plain:.1f} s  (runs: {', '.join(f'{t:.1f}' for t in without)})")
    print(f"ingest with analysis:    {analysed:.1f} s  (runs: {', '.join(f'{t:.1f}' for t in with_analysis)})")
    print(f"extra end to end: {100 * (analysed - plain) / plain:+.1f} %  (target < 25 %)")
    work = max(0.0, first - noop)
    print(f"analysis alone: {work:.1f} s ({first:.1f} s run - {noop:.1f} s start-up) = "
          f"{100 * work / plain:.1f} % of the ingest -> {json.loads(out.stdout)}")


if __name__ == "__main__":
    main()
