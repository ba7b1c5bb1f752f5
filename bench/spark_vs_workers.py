"""Spark local[2] against `ingest --workers 2` on the same articles: what Spark's machinery costs.

Writes the 10kGNAD test split (../shared/corpus/10kgnad/test.csv) to a temporary JSON Lines
file, then times (1) the ingest loop with 2 worker processes into SQLite and (2) the Spark job
on local[2] (session start-up timed apart) writing the Parquet datasets, and prints documents/s
of both and Spark's overhead. Run: python bench/spark_vs_workers.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from claimgraph.ingest import CsvOptions, IngestFailure, read_inputs
from claimgraph.ingest_job import run_ingest
from claimgraph.store import Store

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "10kgnad" / "test.csv"
CSV = CsvOptions(delimiter=";", quotechar="'", text_column=1)


def write_jsonl(path: Path, limit: int | None) -> int:
    """Write the corpus articles as JSON Lines; return how many."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for item in islice(read_inputs([str(CORPUS)], csv_options=CSV), limit):
            if isinstance(item, IngestFailure):
                continue
            fh.write(json.dumps({"text": item.text, "title": item.title, "lang": item.lang}, ensure_ascii=False) + "\n")
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} (needs ../shared)")
        return
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="claimgraph-spark-bench-") as folder:
        source = Path(folder) / "articles.jsonl"
        n = write_jsonl(source, args.limit)

        store = Store.open(f"sqlite:///{folder}/workers.db")
        t0 = time.perf_counter()
        report = run_ingest(store, read_inputs([str(source)]), workers=2)
        workers_s = time.perf_counter() - t0
        print(f"ingest --workers 2 (SQLite):   {report.new} documents in {workers_s:6.2f} s = {n / workers_s:6.1f} docs/s")

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession

        from claimgraph.spark import run_job

        t0 = time.perf_counter()
        spark = (SparkSession.builder.master("local[2]").appName("claimgraph-bench")
                 .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        session_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = run_job(spark, str(source), f"{folder}/spark-out", partitions=2)
        job_s = time.perf_counter() - t0
        spark.stop()
        docs = result.counts["documents"]
        print(f"Spark local[2] session start:  {session_s:6.2f} s")
        print(f"Spark local[2] job (Parquet):  {docs} documents in {job_s:6.2f} s = {docs / job_s:6.1f} docs/s")
        total = session_s + job_s
        print(f"Spark overhead: job alone {job_s / workers_s:.2f}x, with session start {total / workers_s:.2f}x "
              f"the time of --workers 2 ({total - workers_s:+.1f} s)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
