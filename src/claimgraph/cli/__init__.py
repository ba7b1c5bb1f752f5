"""The `claimgraph` command line: a thin layer over the library (Typer + Rich).

`common` holds the app and what the commands share; each module below adds its commands to it.
"""

from __future__ import annotations

import sys

from claimgraph.cli import (
    analyze,  # noqa: F401
    core,  # noqa: F401  (registers the core commands)
    db,  # noqa: F401
    export,  # noqa: F401
    serve,  # noqa: F401
    spark,  # noqa: F401
)
from claimgraph.cli.common import app, claim_rows, err_console
from claimgraph.errors import ClaimgraphError

__all__ = ["app", "claim_rows", "main"]


def main() -> None:
    """Run the command line; library errors become `Error: …` with exit code 1."""
    try:
        app()
    except ClaimgraphError as exc:
        err_console.print(f"Error: {exc}", markup=False, highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
