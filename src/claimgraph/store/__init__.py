"""The claim store: extractions persisted in SQL and queried as plain data."""

from claimgraph.store.store import Store

__all__ = ["Store"]
