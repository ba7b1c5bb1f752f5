"""A driver script for `spark-submit`: the `claimgraph` command line, run by Spark.

`spark-submit` wants a Python file, not an installed command. Give it this one and the usual
arguments after it:

    spark-submit --master spark://host:7077 "$(python -m claimgraph.spark.submit --path)" \\
        spark run --input 'hdfs:///news/*.jsonl' --output hdfs:///claims/

Without --master on the `spark run` line, the job uses the master spark-submit set.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Print this file's path for `--path`, else run the command line on the arguments."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--path"]:
        print(__file__)
        return
    from claimgraph.cli import app

    app(args=args, prog_name="claimgraph")


if __name__ == "__main__":
    main()
