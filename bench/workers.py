"""Ingest throughput with 1 and 2 worker processes into SQLite, writer included.

Runs the whole `claimgraph ingest` loop (reading ../shared/corpus/10kgnad/test.csv, known-id
checks, extraction, batched writes by the one writer) with --workers 1, then 2, each into a
fresh SQLite file, and prints documents/s, the scaling ratio (target >= 1.5 on 2 cores), the
parent's CPU time (reading + writing) and the peak RSS of a worker. Pool start-up (each worker
builds its pipelines) is inside the timing. Run: python bench/workers.py [--limit N] [--workers 1 2 4]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path
from typing import Self

from claimgraph.ingest import CsvOptions, read_inputs
from claimgraph.ingest_job import run_ingest
from claimgraph.store import Store

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "10kgnad" / "test.csv"
CSV = CsvOptions(delimiter=";", quotechar="'", text_column=1)


class DescendantPeakRss:
    """Samples the peak RSS (VmHWM) of every process below this one while running (Linux /proc).

    Pool workers are children of the forkserver, not of this process, so getrusage cannot see them."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _children(self, pid: int) -> list[int]:
        found: list[int] = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    found += [int(c) for c in fh.read().split()]
        except OSError:
            pass
        return found + [g for c in found for g in self._children(c)]

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for pid in self._children(os.getpid()):
                try:
                    with open(f"/proc/{pid}/status") as fh:
                        for line in fh:
                            if line.startswith("VmHWM:"):
                                self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except OSError:
                    continue

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def ingest_once(workers: int, limit: int | None, folder: str) -> tuple[float, float, int]:
    """Return (wall seconds, parent CPU seconds, documents stored) of one ingest run."""
    store = Store.open(f"sqlite:///{os.path.join(folder, f'workers{workers}.db')}")
    items = islice(read_inputs([str(CORPUS)], csv_options=CSV), limit)
    cpu0, t0 = time.process_time(), time.perf_counter()
    report = run_ingest(store, items, workers=workers)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    store.close()
    return wall, cpu, report.new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run (default 1 2)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} (needs ../shared)")
        return
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
    results: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as folder, DescendantPeakRss() as workers_rss:
        for workers in args.workers:
            wall, cpu, stored = ingest_once(workers, args.limit, folder)
            results[workers] = stored / wall
            print(f"--workers {workers}: {stored} documents in {wall:6.2f} s = {stored / wall:6.1f} docs/s "
                  f"(parent CPU {cpu:.2f} s: reading, id checks, writing{', extraction' if workers == 1 else ''})")
    base = results.get(1)
    for workers, rate in results.items():
        if base and workers > 1:
            print(f"scaling {workers} workers / 1: {rate / base:.2f} (target >= 1.5 for 2 workers on 2 cores)")
    child_mb = workers_rss.peak_kb / 1024
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: worker {child_mb:.0f} MB (target <= 500), parent {self_mb:.0f} MB")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
