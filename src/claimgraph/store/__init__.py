"""The claim store: extractions persisted in SQL and queried as plain data."""

from claimgraph.store.filters import ClaimQuery
from claimgraph.store.store import Store

__all__ = ["ClaimQuery", "Store"]
