"""The Spark job: inputs -> Documents -> `extract()` in mapPartitions -> Parquet datasets.

Runs unchanged on `local[*]` and on a cluster: it uses only the SparkSession it is given.
Each Python worker builds the spaCy pipeline once (the pipeline is cached per process, and
Spark reuses Python workers across tasks), so the cost of a pipeline is paid per worker, not
per partition or per document. A document whose extraction fails becomes a row of `errors/`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.export.tables import rows_of
from claimgraph.extract import ExtractOptions, extract
from claimgraph.ingest.failures import IngestFailure
from claimgraph.spark import inputs
from claimgraph.spark.schema import OUTPUT_TABLES, spark_schema

INPUT_FORMATS = ("jsonl", "text", "warc", "parquet")
_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".parquet": "parquet",
    ".warc": "warc", ".gz": "warc",
    ".txt": "text", ".text": "text", ".md": "text",
}
Tagged = tuple[str, tuple[Any, ...]]


@dataclass(frozen=True)
class SparkJobResult:
    """What a job wrote: rows per dataset and the output folder."""

    output: str
    counts: dict[str, int]


def input_format(pattern: str, fmt: str | None = None) -> str:
    """Return the input format: `fmt`, else the one the pattern's extension implies (text when unknown)."""
    if fmt is not None:
        if fmt not in INPUT_FORMATS:
            raise InputError(f"unknown input format {fmt!r} (choose {', '.join(INPUT_FORMATS)})")
        return fmt
    stem = pattern.rstrip("/*")
    if stem.endswith(".warc.gz"):
        return "warc"
    return _EXTENSIONS.get(os.path.splitext(stem)[1].lower(), "text")


def _failure_row(origin: str, reason: str, detail: str) -> Tagged:
    return ("errors", (origin, reason, detail))


def extract_partition(items: Iterable[Any], gazetteers: tuple[str, ...] = ()) -> Iterator[Tagged]:
    """mapPartitions body: yield `(dataset, row tuple)` for every row of every item's extraction.

    Items are Documents or IngestFailures; a failure, or a document whose extraction raises,
    yields one `errors` row and the partition goes on."""
    options = ExtractOptions(gazetteers=gazetteers)
    names = {table: [c.name for c in columns] for table, columns in OUTPUT_TABLES.items()}
    for item in items:
        if isinstance(item, IngestFailure):
            yield _failure_row(item.origin, item.reason, item.detail)
            continue
        try:
            extraction = extract(item, options)
        except Exception as exc:
            yield _failure_row(item.origin or str(item.id), "extraction_failed", f"{type(exc).__name__}: {exc}")
            continue
        for table, rows in rows_of(extraction).items():
            columns = names[table]
            for row in rows:
                yield (table, tuple(row[c] for c in columns))


def _documents(spark: Any, pattern: str, fmt: str, partitions: int | None) -> Any:
    """Return the RDD of Documents and IngestFailures in the inputs `pattern` names."""
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    if fmt == "parquet":
        frame = spark.read.parquet(pattern).withColumn("_claimgraph_origin", F.input_file_name())
        rdd = frame.rdd.map(
            lambda r: inputs.parquet_row(r["_claimgraph_origin"],
                                         {k: v for k, v in r.asDict().items() if k != "_claimgraph_origin"})
        )
    elif fmt == "jsonl":
        frame = spark.read.text(pattern).select(F.input_file_name().alias("origin"), "value")
        rdd = frame.rdd.flatMap(lambda r: list(inputs.json_line(r["origin"], r["value"])))
    else:
        reader = inputs.warc_file if fmt == "warc" else inputs.text_file
        files = sc.binaryFiles(pattern, minPartitions=partitions)
        rdd = files.flatMap(lambda item: list(reader(item[0], item[1])))
    if partitions:
        rdd = rdd.repartition(partitions)
    return rdd


def run_job(
    spark: Any,
    input_pattern: str,
    output_dir: str,
    *,
    fmt: str | None = None,
    partitions: int | None = None,
    gazetteers: tuple[str, ...] = (),
    overwrite: bool = False,
) -> SparkJobResult:
    """Extract every document the inputs hold and write the Parquet datasets under `output_dir`.

    `input_pattern` is any path or glob Spark reads (local, hdfs://, s3a://, ...). Returns the
    row count of each dataset. Raises InputError for an unknown format, ClaimgraphError when
    Spark cannot read the input or write the output."""
    from py4j.protocol import Py4JJavaError
    from pyspark import StorageLevel
    from pyspark.errors import PySparkException

    chosen = input_format(input_pattern, fmt)
    try:
        tagged = _documents(spark, input_pattern, chosen, partitions).mapPartitions(
            lambda items: extract_partition(items, gazetteers)
        )
        # Extraction is the expensive step: computed once, then split into the datasets.
        tagged.persist(StorageLevel.MEMORY_AND_DISK)
        counts = {name: 0 for name in OUTPUT_TABLES}
        counts.update(tagged.countByKey())
        mode = "overwrite" if overwrite else "errorifexists"
        for name, columns in OUTPUT_TABLES.items():
            rows = tagged.filter(lambda t, n=name: t[0] == n).map(lambda t: t[1])
            frame = spark.createDataFrame(rows, spark_schema(columns))
            frame.write.mode(mode).parquet(os.path.join(output_dir, name) if "://" not in output_dir
                                           else output_dir.rstrip("/") + "/" + name)
        tagged.unpersist()
    except (Py4JJavaError, PySparkException) as exc:
        message = str(exc).strip().splitlines()[0][:500]
        raise ClaimgraphError(f"the Spark job failed: {message}") from exc
    return SparkJobResult(output_dir, {k: int(v) for k, v in counts.items()})
