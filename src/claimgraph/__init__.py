"""claimgraph: who claims what, in what numbers, according to whom, how certainly, and since when."""

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, Extraction

# The package `claimgraph.extract` is imported first, then its function takes the name: so
# `from claimgraph import extract` is the function, as DESIGN.md fixes. Import submodules of
# the package with `from claimgraph.extract.x import y`.
from claimgraph.extract import extract  # noqa: E402  (isort: skip)

__all__ = ["ClaimgraphError", "Document", "Extraction", "extract"]
__version__ = "0.1.0"
