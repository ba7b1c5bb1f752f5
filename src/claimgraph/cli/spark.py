"""`claimgraph spark run` (and `spark schema`): the extraction as an Apache Spark job."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from claimgraph.cli.common import GazetteerOption, _fail, app, console, err_console
from claimgraph.errors import ClaimgraphError

spark_app = typer.Typer(help="Run the extraction on Apache Spark (local[*] or a cluster).", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(spark_app, name="spark")


def _session(master: str | None, app_name: str):  # type: ignore[no-untyped-def]
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        _fail("Spark needs PySpark: pip install 'claimgraph[spark]'")
    # Locally, Spark's Python workers must be this interpreter (the one with claimgraph installed);
    # on a cluster set PYSPARK_PYTHON to the nodes' interpreter yourself.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    # Without --master: the master spark-submit set, else PySpark's own default, local[*].
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


@spark_app.command("run")
def run(
    input_pattern: str = typer.Option(..., "--input", help="Input path or glob (local, hdfs://, s3a://)."),
    output: str = typer.Option(..., "--output", help="Output folder for the Parquet datasets."),
    fmt: str | None = typer.Option(None, "--format", help="jsonl, text, warc or parquet (default: by extension)."),
    master: str | None = typer.Option(
        None, "--master", help="Spark master URL: local[*], local[2], spark://host:7077, yarn (default: local[*], "
        "or what spark-submit set)."
    ),
    partitions: int | None = typer.Option(None, "--partitions", min=1, help="Spread the documents over N partitions."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace datasets already in the output folder."),
    gazetteer: list[str] | None = GazetteerOption,
) -> None:
    """Extract claims from JSONL, text, WARC or Parquet inputs with Spark and write Parquet datasets.

    Writes documents/, claims/, quotes/, mentions/, entities/ and errors/ under --output (see
    `claimgraph spark schema`); load them with `claimgraph import-parquet DIR`.

    Example:
        claimgraph spark run --input 'crawl/*.jsonl' --output out/ --master 'local[2]'
        claimgraph import-parquet out/ --db sqlite:///claims.db
    """
    from claimgraph.spark import run_job

    gazetteers = tuple(str(Path(g).resolve()) for g in gazetteer or ())
    for g in gazetteers:
        if not Path(g).is_file():
            _fail(f"gazetteer file not found: {g}")
    session = _session(master, "claimgraph")
    try:
        result = run_job(session, input_pattern, output, fmt=fmt, partitions=partitions, gazetteers=gazetteers,
                         overwrite=overwrite)
    except ClaimgraphError as exc:
        _fail(str(exc), "--overwrite" if "already exists" in str(exc) else None)
        return
    finally:
        session.stop()
    summary = ", ".join(f"{n} {name}" for name, n in result.counts.items())
    console.print(f"wrote {summary} to {result.output}", highlight=False, markup=False)
    if result.counts.get("errors"):
        err_console.print(f"{result.counts['errors']} inputs failed: see {output}/errors/", highlight=False, markup=False)


@spark_app.command("schema")
def schema() -> None:
    """Print the columns of every Parquet dataset the job writes, with their meaning (Markdown).

    Example:
        claimgraph spark schema
    """
    from claimgraph.spark.schema import describe

    sys.stdout.write(describe() + "\n")  # Markdown: unwrapped, whatever the terminal width
