"""The Parquet schemas of the Spark job's output, built from the one documented table definition.

Every output dataset is one table of `claimgraph.export.tables.TABLES` (the same columns
`claimgraph export --format parquet` writes), plus `errors/` for inputs that failed:

- `documents/`: one row per document (id, url, title, outlet, author, published, lang, content_hash,
  text, origin).
- `claims/`: one row per claim, one column per field; the attribution chain joined in chain
  order (`sources`, `source_countries`, `source_kinds`) and as JSON with offsets (`sources_json`).
- `quotes/`: one row per quote with the speaker and offsets.
- `mentions/`: one row per entity mention, with the entity's columns.
- `entities/`: one row per entity per document, with its mention count and aliases.
- `errors/`: origin, reason, detail of every input that could not be read or extracted.

`describe()` renders all of it as Markdown (`claimgraph spark schema` prints it).
"""

from __future__ import annotations

from typing import Any

from claimgraph.export.tables import TABLES, Column

ERRORS = (
    Column("origin", "string", "the input that failed (file, file:line, WARC record)"),
    Column("reason", "string", "machine reason: binary, empty, invalid_json, extraction_failed, ..."),
    Column("detail", "string", "what went wrong, for a human"),
)

OUTPUT_TABLES: dict[str, tuple[Column, ...]] = {**TABLES, "errors": ERRORS}
"""Every dataset the job writes, by folder name."""


def spark_schema(columns: tuple[Column, ...]) -> Any:
    """Return the Spark StructType of a table (every column nullable)."""
    from pyspark.sql import types as T

    spark_types = {"string": T.StringType(), "int": T.LongType(), "float": T.DoubleType(), "bool": T.BooleanType()}
    return T.StructType(
        [T.StructField(c.name, spark_types[c.type], nullable=True, metadata={"doc": c.doc}) for c in columns]
    )


def describe() -> str:
    """Return the output schema as Markdown: a table of columns, types and meanings per dataset."""
    parts = []
    for name, columns in OUTPUT_TABLES.items():
        parts.append(f"### `{name}/`\n\n| column | type | meaning |\n| --- | --- | --- |")
        parts.extend(f"| `{c.name}` | {c.type} | {c.doc} |" for c in columns)
        parts.append("")
    return "\n".join(parts)
