"""Apache Spark (PySpark): the same `extract()` over corpora beyond one machine, Parquet out.

`run_job(spark, input_pattern, output_dir)` reads JSON Lines, text, WARC or Parquet inputs,
extracts in `mapPartitions` (one pipeline per Python worker, built once) and writes the
Parquet datasets `documents/`, `claims/`, `quotes/`, `mentions/`, `entities/` and `errors/`
whose columns `claimgraph.spark.schema` documents. PySpark is imported only here.
"""

from claimgraph.spark.job import INPUT_FORMATS, SparkJobResult, run_job

__all__ = ["INPUT_FORMATS", "SparkJobResult", "run_job"]
